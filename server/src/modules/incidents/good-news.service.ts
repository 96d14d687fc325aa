import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type GoodNewsItem, type GoodNewsListResponse, type GoodNewsStatus } from '@mw/shared';
import { DataSource } from 'typeorm';
import type { Actor, AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { AuditService } from '../organisation/audit/audit.service';
import { incidentNotFound, invalidTransition } from './incident-errors';
import { iso } from './incident-rows';

interface GoodNewsRow {
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Positive coverage of units, for sharing on the school's channels or proposing for commendation. */
@Injectable()
export class GoodNewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    user: AuthUser,
    status: GoodNewsStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<GoodNewsListResponse> {
    const codes = this.scope.unitCodesFor(user);
    if (codes !== 'all' && codes.length === 0) return { items: [], total: 0 };
    const params: unknown[] = [];
    const where: string[] = [];
    if (codes !== 'all') {
      params.push(codes);
      where.push(`g.unit_codes && $${params.length}::text[]`);
    }
    if (status) {
      params.push(status);
      where.push(`g.status = $${params.length}`);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM good_news g ${clause}`,
      params,
    );
    const rows: GoodNewsRow[] = await this.dataSource.query(
      `SELECT g.*, ${UNITS} AS units FROM good_news g ${clause}
       ORDER BY COALESCE(g.published_at, g.created_at) DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: rows.map(toItem), total: Number(total[0]?.n ?? 0) };
  }

  /** `shared` (on the school's channels) or `proposed` (for commendation); a unit role acts on its units only. */
  async act(
    actor: Actor,
    user: AuthUser,
    id: string,
    status: 'shared' | 'proposed',
    note: string | undefined,
  ): Promise<GoodNewsItem> {
    if (!UUID.test(id)) throw incidentNotFound();
    return this.dataSource.transaction(async (m) => {
      const rows: GoodNewsRow[] = await m.query(
        `SELECT g.*, ${UNITS} AS units FROM good_news g WHERE g.id = $1 FOR UPDATE`,
        [id],
      );
      const row = rows[0];
      if (!row || !row.unit_codes.some((c) => this.scope.canAccessUnit(user, c))) throw incidentNotFound();
      if (row.status === status) throw invalidTransition(`This item is already ${status}`);
      const now = this.clock.now();
      const cleanNote = note?.normalize('NFC').trim() ?? null;
      await m.query(`UPDATE good_news SET status = $2, acted_by = $3, acted_at = $4, note = $5 WHERE id = $1`, [
        id,
        status,
        user.id,
        now,
        cleanNote,
      ]);
      await this.audit.record(
        actor,
        {
          action: `good_news.${status}`,
          entityType: 'good_news',
          entityId: id,
          before: { status: row.status },
          after: { status, note: cleanNote },
        },
        m,
      );
      return toItem({ ...row, status, acted_by: user.id, acted_at: now, note: cleanNote });
    });
  }
}

const UNITS = `COALESCE((SELECT json_agg(json_build_object('code', u.code, 'name', u.name) ORDER BY u.code)
  FROM unit u WHERE u.code = ANY(g.unit_codes)), '[]'::json)`;

function toItem(r: GoodNewsRow): GoodNewsItem {
  return {
    id: r.id,
    mentionId: r.mention_id,
    title: r.title,
    url: r.url,
    outlet: r.outlet,
    units: r.units,
    category: r.category,
    sentiment: r.sentiment === null ? null : Number(r.sentiment),
    publishedAt: iso(r.published_at),
    status: r.status,
    actedById: r.acted_by,
    actedAt: iso(r.acted_at),
    note: r.note,
    createdAt: iso(r.created_at) as string,
  };
}
