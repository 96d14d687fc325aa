import { Injectable } from '@nestjs/common';
import type { CoverageSpike } from '@mw/shared';
import type { EntityManager } from 'typeorm';

/** The `coverage_spike` table: what the office was alerted about, and what the charts mark. */
@Injectable()
export class SpikeStore {
  /** Spikes of the days from `from` to `to` (both included); a school's report shows only that school's. */
  async between(m: EntityManager, from: string, to: string, unitCode: string | null): Promise<CoverageSpike[]> {
    const rows: {
      day: string;
      dimension: 'unit' | 'topic';
      key: string;
      label: string;
      articles: number;
      baseline: number;
    }[] = await m.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, dimension, key, label, articles, baseline FROM coverage_spike
         WHERE day >= $1::date AND day <= $2::date ${unitCode ? `AND dimension = 'unit' AND key = $3` : ''}
         ORDER BY day, dimension, articles DESC, key`,
      unitCode ? [from, to, unitCode] : [from, to],
    );
    return rows.map((r) => ({ ...r, baseline: Math.round(Number(r.baseline) * 100) / 100 }));
  }

  /** Records a spike unless recorded; true when this call recorded it (and so must alert). */
  async record(m: EntityManager, spike: CoverageSpike, at: Date): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO coverage_spike (day, dimension, key, label, articles, baseline, detected_at)
       VALUES ($1::date, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING key`,
      [spike.day, spike.dimension, spike.key, spike.label, spike.articles, spike.baseline, at],
    );
    return rows.length > 0;
  }
}
