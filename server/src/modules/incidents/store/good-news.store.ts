/** The `good_news` table: positive coverage of units, queued for sharing or commendation. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GoodNewsItem, GoodNewsStatus } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { MentionFacts } from '../../analysis';

export interface GoodNewsRow {
  id: string;
  mention_id: string;
  unit_codes: string[];
  units: { code: string; name: string }[];
  title: string;
  url: string | null;
  outlet: string;
  category: GoodNewsItem['category'];
  sentiment: number | null;
  published_at: Date | null;
  status: GoodNewsStatus;
  acted_by: string | null;
  acted_at: Date | null;
  note: string | null;
  created_at: Date;
}

export interface GoodNewsFilter {
  /** Units the reader may see; 'all' for the office. */
  unitCodes: string[] | 'all';
  status?: GoodNewsStatus;
  page: number;
  pageSize: number;
}

const UNITS = `COALESCE((SELECT json_agg(json_build_object('code', u.code, 'name', u.name) ORDER BY u.code)
  FROM unit u WHERE u.code = ANY(g.unit_codes)), '[]'::json)`;

@Injectable()
export class GoodNewsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Queues a positive mention once (the mention is the key). */
  async add(m: EntityManager, x: MentionFacts, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO good_news (mention_id, unit_codes, title, url, outlet, category, sentiment, published_at, created_at,
         story_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (mention_id) DO NOTHING`,
      [
        x.id,
        x.unitCodes,
        x.title,
        x.url || null,
        x.outlet,
        x.category,
        x.sentiment,
        x.publishedAt,
        at,
        x.storyId || null,
        x.recordedAt,
      ],
    );
  }

  async list(f: GoodNewsFilter): Promise<{ rows: GoodNewsRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (f.unitCodes !== 'all') {
      params.push(f.unitCodes);
      where.push(`g.unit_codes && $${params.length}::text[]`);
    }
    if (f.status) {
      params.push(f.status);
      where.push(`g.status = $${params.length}`);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM good_news g ${clause}`,
      params,
    );
    const rows: GoodNewsRow[] = await this.dataSource.query(
      `SELECT g.*, ${UNITS} AS units FROM good_news g ${clause}
       ORDER BY COALESCE(g.published_at, g.created_at) DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    );
    return { rows, total: Number(total[0]?.n ?? 0) };
  }

  async lock(m: EntityManager, id: string): Promise<GoodNewsRow | null> {
    const rows: GoodNewsRow[] = await m.query(
      `SELECT g.*, ${UNITS} AS units FROM good_news g WHERE g.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async act(
    m: EntityManager,
    x: { id: string; status: GoodNewsStatus; by: string; at: Date; note: string | null },
  ): Promise<void> {
    await m.query(`UPDATE good_news SET status = $2, acted_by = $3, acted_at = $4, note = $5 WHERE id = $1`, [
      x.id,
      x.status,
      x.by,
      x.at,
      x.note,
    ]);
  }
}
