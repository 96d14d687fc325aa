import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type GoodNewsItem, type GoodNewsListResponse, type GoodNewsStatus } from '@mw/shared';
import { DataSource } from 'typeorm';
import type { Actor, AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { AuditService } from '../organisation';
import { incidentNotFound, invalidTransition } from './incident-errors';
import { iso } from './incident-rows';
import { UUID } from './store/incident.store';
import { GoodNewsStore, type GoodNewsRow } from './store/good-news.store';

/** Positive coverage of units, for sharing on the school's channels or proposing for commendation. */
@Injectable()
export class GoodNewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: GoodNewsStore,
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
    const { rows, total } = await this.store.list({ unitCodes: codes, status, page, pageSize });
    return { items: rows.map(toItem), total };
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
      const row = await this.store.lock(m, id);
      if (!row || !row.unit_codes.some((c) => this.scope.canAccessUnit(user, c))) throw incidentNotFound();
      if (row.status === status) throw invalidTransition(`This item is already ${status}`);
      const now = this.clock.now();
      const cleanNote = note?.normalize('NFC').trim() ?? null;
      await this.store.act(m, { id, status, by: user.id, at: now, note: cleanNote });
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
