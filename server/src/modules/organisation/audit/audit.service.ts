import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type AuditEntryView, type AuditListQuery, type Page } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../../common/auth/auth-user';
import { Clock } from '../../../common/clock/clock';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  /** Dotted verb, e.g. `person.create`, `unit.update`, `role.renounce`, `auth.password_change`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Names entities of one type for the audit log, by id; ids it does not know (deleted, malformed) are left out. */
export type AuditLabelResolver = (manager: EntityManager, ids: readonly string[]) => Promise<Map<string, string>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /api/audit's query once the controller has applied the paging defaults. */
export type AuditQuery = AuditListQuery & { page: number; pageSize: number };

/**
 * The one way into the append-only audit log. Pass the transaction's EntityManager so the entry commits or rolls
 * back with the write it describes. Other modules call `record` for their writes too.
 */
@Injectable()
export class AuditService {
  private readonly labels = new Map<string, AuditLabelResolver>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.useLabels('person', async (m, ids) =>
      pairs(await m.query(`SELECT id::text AS id, name AS label FROM person WHERE id = ANY($1::uuid[])`, [uuids(ids)])),
    );
    this.useLabels('unit', async (m, ids) =>
      pairs(await m.query(`SELECT code AS id, name AS label FROM unit WHERE code = ANY($1::text[])`, [[...ids]])),
    );
    this.useLabels('role_assignment', async (m, ids) =>
      pairs(
        await m.query(
          `SELECT r.id::text AS id, p.name || COALESCE(' · ' || u.name, '') AS label
           FROM role_assignment r JOIN person p ON p.id = r.person_id LEFT JOIN unit u ON u.id = r.unit_id
           WHERE r.id = ANY($1::uuid[])`,
          [uuids(ids)],
        ),
      ),
    );
  }

  /**
   * How the audit log names entities of a type. The module that owns the type registers its resolver at start-up
   * (organisation names people, units and roles; sources its sources; incidents its tickets), so the log reads no
   * other module's tables.
   */
  useLabels(entityType: string, resolver: AuditLabelResolver): void {
    this.labels.set(entityType, resolver);
  }

  async record(actor: Actor, entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_email, action, entity_type, entity_id, before, after, at, ip)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)`,
      [
        actor.user?.id ?? null,
        actor.user?.email ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        this.clock.now(),
        actor.ip,
      ],
    );
  }

  /** `from` and `to` bound `at` half-open, [from, to): a day's window ends at the next day's 00:00. */
  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from.getTime() > to.getTime()) {
      throw new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field: 'from',
        message: 'from must not be after to',
      });
    }
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (from) qb.andWhere('a.at >= :from', { from });
    if (to) qb.andWhere('a.at < :to', { to });
    const [rows, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const names = await this.labelsOf(rows.map((r) => ({ type: r.entityType, id: r.entityId })));
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        actorId: r.actorId,
        actorEmail: r.actorEmail,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        entityLabel: r.entityId ? (names.get(`${r.entityType}:${r.entityId}`) ?? null) : null,
        before: r.before,
        after: r.after,
        at: r.at.toISOString(),
        ip: r.ip,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** `type:id` → label for the entries' entities; a resolver that fails leaves its entries unnamed. */
  private async labelsOf(entities: { type: string; id: string | null }[]): Promise<Map<string, string>> {
    const byType = new Map<string, Set<string>>();
    for (const e of entities) {
      if (!e.id || !this.labels.has(e.type)) continue;
      byType.set(e.type, (byType.get(e.type) ?? new Set()).add(e.id));
    }
    const out = new Map<string, string>();
    await Promise.all(
      [...byType].map(async ([type, ids]) => {
        const resolver = this.labels.get(type) as AuditLabelResolver;
        const found = await resolver(this.dataSource.manager, [...ids]).catch(() => new Map<string, string>());
        for (const [id, label] of found) out.set(`${type}:${id}`, label);
      }),
    );
    return out;
  }
}

function uuids(ids: readonly string[]): string[] {
  return ids.filter((id) => UUID.test(id));
}

function pairs(rows: { id: string; label: string }[]): Map<string, string> {
  return new Map(rows.map((r) => [r.id, r.label]));
}
