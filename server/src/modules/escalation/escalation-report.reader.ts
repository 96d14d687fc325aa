import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Escalations of a period, for the weekly report. */
export interface EscalationPeriodFigures {
  /** Escalation steps taken in the period. */
  total: number;
  /** Incidents escalated to each level during the period. */
  byLevel: { level: number; incidents: number }[];
}

/**
 * Read-only aggregates over `escalation_step` for a half-open period [from, to) of the step time, on the caller's
 * manager (the weekly report reads one snapshot); `incidentIds` limits them to those tickets (a school's report).
 */
@Injectable()
export class EscalationReportReader {
  async period(
    m: EntityManager,
    from: Date,
    to: Date,
    incidentIds?: readonly string[],
  ): Promise<EscalationPeriodFigures> {
    const rows: { level: number; incidents: number; steps: number }[] = await m.query(
      `SELECT level, count(DISTINCT incident_id)::int AS incidents, count(*)::int AS steps
       FROM escalation_step WHERE kind = 'escalated' AND at >= $1 AND at < $2
         ${incidentIds ? 'AND incident_id = ANY($3::uuid[])' : ''}
       GROUP BY level ORDER BY level`,
      incidentIds ? [from, to, incidentIds] : [from, to],
    );
    return {
      total: rows.reduce((sum, r) => sum + r.steps, 0),
      byLevel: rows.map((r) => ({ level: r.level, incidents: r.incidents })),
    };
  }
}
