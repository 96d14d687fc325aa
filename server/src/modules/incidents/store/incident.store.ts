/**
 * The `incident` and `incident_unit` tables: reading and locking a ticket (scoped so that outside one's units it
 * answers 404), the context a notification needs, and every write the flows make to a ticket's row and its units.
 * Each method takes the caller's EntityManager so it commits with the change it belongs to.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IncidentOrigin, IncidentStatus, IncidentUnitRef, Severity } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../../common/auth/auth-user';
import { isOfficeUser, ScopeService } from '../../../common/auth/scope';
import { searchDocument, searchSql, searchTerms } from '../../../common/database/text-search';
import { incidentNotFound } from '../incident-errors';
import type { StoredSeverityReason } from '../incident-messages';
import type { IncidentRow } from '../incident-rows';
import { AssignmentStore } from './assignment.store';

/** What the notifications and the escalation chain need about an incident, read inside its transaction. */
export interface IncidentContext {
  id: string;
  number: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  unitCodes: string[];
  unitNames: string[];
  assigneeIds: string[];
  openedAt: Date;
}

/** What a dashboard is told of a changed ticket. */
export interface IncidentSummary {
  title: string;
  severity: string;
  status: string;
  units: string[];
}

export interface NewIncident {
  title: string;
  description: string;
  origin: IncidentOrigin;
  severity: Severity;
  severityReasons: StoredSeverityReason[];
  severityManual: boolean;
  category: string | null;
  sourceUrl: string | null;
  openedBy: string | null;
  at: Date;
  /** When the office recorded the ticket's first article (see IncidentEntity.recordedAt). */
  recordedAt: Date;
}

/** What the list of tickets is narrowed by (see IncidentQueries.list). */
export interface IncidentListFilter {
  /** Words of the title, the units' names or codes, or the description; the last word may be unfinished. */
  q?: string;
  status?: IncidentStatus;
  severity?: Severity;
  unit?: string;
  category?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/**
 * The searched text of a ticket, exactly as incident_search_idx was built (migration SearchByUnit1796508508464):
 * the title and its units' names weigh more than the description.
 */
export const INCIDENT_DOCUMENT = searchDocument(['i.title', 'i.unit_names'], ['i.description']);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The incident's units as `[{code, name}]`, for queries aliasing incident as `i`. */
export const UNITS_JSON = `COALESCE((SELECT json_agg(json_build_object('code', un.code, 'name', un.name) ORDER BY un.code)
  FROM incident_unit iu JOIN unit un ON un.code = iu.unit_code WHERE iu.incident_id = i.id), '[]'::json)`;

@Injectable()
export class IncidentStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly assignments: AssignmentStore,
  ) {}

  /**
   * One page of the tickets among `scope` (unit codes, or every ticket) that pass the filter: the best matches first
   * when searching, then the newest.
   */
  async page(
    scope: 'all' | readonly string[],
    f: IncidentListFilter,
  ): Promise<{ rows: (IncidentRow & { units: IncidentUnitRef[] })[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (scope !== 'all') {
      where.push(
        `EXISTS (SELECT 1 FROM incident_unit su WHERE su.incident_id = i.id AND su.unit_code = ANY(${param([...scope])}::text[]))`,
      );
    }
    const terms = searchTerms(f.q);
    const search = terms ? searchSql(INCIDENT_DOCUMENT, terms, param) : null;
    if (search) where.push(search.where);
    if (f.status) where.push(`i.status = ${param(f.status)}`);
    if (f.severity) where.push(`i.severity = ${param(f.severity)}`);
    if (f.category) where.push(`i.category = ${param(f.category)}`);
    if (f.unit) {
      where.push(
        `EXISTS (SELECT 1 FROM incident_unit fu WHERE fu.incident_id = i.id AND fu.unit_code = ${param(f.unit)})`,
      );
    }
    if (f.from) where.push(`i.opened_at >= ${param(f.from)}`);
    if (f.to) where.push(`i.opened_at <= ${param(f.to)}`);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const totals: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM incident i ${clause}`,
      params,
    );
    const rows: (IncidentRow & { units: IncidentUnitRef[] })[] = await this.dataSource.query(
      `SELECT i.*, ${UNITS_JSON} AS units FROM incident i ${clause}
       ORDER BY ${(search?.rankings ?? []).map((r) => `${r} DESC, `).join('')}i.opened_at DESC, i.number DESC
       LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    );
    return { rows, total: Number(totals[0]?.n ?? 0) };
  }

  /** The incident if the person may see it (an office role, or a unit role at one of its units); 404 otherwise. */
  async visible(m: EntityManager, user: AuthUser, id: string, forUpdate = false): Promise<IncidentRow> {
    if (!UUID.test(id)) throw incidentNotFound();
    const rows: IncidentRow[] = await m.query(`SELECT * FROM incident WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    const row = rows[0];
    if (!row) throw incidentNotFound();
    if (isOfficeUser(user)) return row;
    const codes = await this.unitCodes(m, id);
    if (!codes.some((c) => this.scope.canAccessUnit(user, c))) {
      // Logged and answered exactly like a missing incident.
      this.scope.assertUnitAccess(user, codes[0] ?? '-', { hide: true });
    }
    return row;
  }

  async lock(m: EntityManager, id: string): Promise<IncidentRow> {
    if (!UUID.test(id)) throw incidentNotFound();
    const rows: IncidentRow[] = await m.query(`SELECT * FROM incident WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw incidentNotFound();
    return rows[0];
  }

  async unitCodes(m: EntityManager, id: string): Promise<string[]> {
    const rows: { unit_code: string }[] = await m.query(
      `SELECT unit_code FROM incident_unit WHERE incident_id = $1 ORDER BY unit_code`,
      [id],
    );
    return rows.map((r) => r.unit_code);
  }

  /** The units of each incident among `ids` that exists (an incident without units maps to []). */
  async unitsOf(m: EntityManager, ids: readonly string[]): Promise<Map<string, string[]>> {
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    if (valid.length === 0) return new Map();
    const rows: { id: string; codes: string[] }[] = await m.query(
      `SELECT i.id, COALESCE(array_agg(u.unit_code ORDER BY u.unit_code) FILTER (WHERE u.unit_code IS NOT NULL), '{}') AS codes
       FROM incident i LEFT JOIN incident_unit u ON u.incident_id = i.id WHERE i.id = ANY($1::uuid[]) GROUP BY i.id`,
      [valid],
    );
    return new Map(rows.map((r) => [r.id, r.codes]));
  }

  async context(manager: EntityManager, id: string): Promise<IncidentContext | null> {
    const rows: (IncidentRow & { units: IncidentUnitRef[] })[] = await manager.query(
      `SELECT i.*, ${UNITS_JSON} AS units FROM incident i WHERE i.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      number: String(row.number),
      title: row.title,
      severity: row.severity,
      status: row.status,
      unitCodes: row.units.map((u) => u.code),
      unitNames: row.units.map((u) => u.name),
      assigneeIds: await this.assignments.currentIds(manager, id),
      openedAt: row.opened_at,
    };
  }

  /** Read after commit for the live update; null when the incident is gone. */
  async summary(id: string): Promise<IncidentSummary | null> {
    const rows: IncidentSummary[] = await this.dataSource.query(
      `SELECT i.title, i.severity, i.status, array_remove(array_agg(u.unit_code), NULL) AS units
       FROM incident i LEFT JOIN incident_unit u ON u.incident_id = i.id WHERE i.id = $1 GROUP BY i.id`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The ticket opened for a story and not merged away, the oldest first. */
  async forStory(m: EntityManager, storyId: string): Promise<{ id: string; status: IncidentStatus } | null> {
    const rows: { id: string; status: IncidentStatus }[] = await m.query(
      `SELECT id, status FROM incident WHERE $1 = ANY(story_ids) AND merged_into IS NULL ORDER BY opened_at LIMIT 1`,
      [storyId],
    );
    return rows[0] ?? null;
  }

  /** Two instances handling two outlets of one story at once must not open two incidents. */
  async lockStory(m: EntityManager, storyId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('incident-story:' || $1))`, [storyId]);
  }

  async insert(m: EntityManager, x: NewIncident): Promise<{ id: string; number: string }> {
    const rows: { id: string; number: string }[] = await m.query(
      `INSERT INTO incident (title, description, origin, severity, severity_reasons, severity_manual, category, source_url,
         opened_by, opened_at, updated_at, recorded_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $10, $11) RETURNING id, number::text AS number`,
      [
        x.title,
        x.description,
        x.origin,
        x.severity,
        JSON.stringify(x.severityReasons),
        x.severityManual,
        x.category,
        x.sourceUrl,
        x.openedBy,
        x.at,
        x.recordedAt,
      ],
    );
    return rows[0] as { id: string; number: string };
  }

  /** Puts a unit on the ticket when the unit exists; true when it was not on it yet. */
  async addUnit(m: EntityManager, id: string, code: string): Promise<boolean> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO incident_unit (incident_id, unit_code) SELECT $1, code FROM unit WHERE code = $2 ON CONFLICT DO NOTHING RETURNING unit_code`,
      [id, code],
    );
    if (inserted.length > 0) await this.refreshUnitNames(m, `i.id = $1`, [id]);
    return inserted.length > 0;
  }

  async copyUnits(m: EntityManager, intoId: string, fromId: string): Promise<void> {
    await m.query(
      `INSERT INTO incident_unit (incident_id, unit_code) SELECT $1, unit_code FROM incident_unit WHERE incident_id = $2 ON CONFLICT DO NOTHING`,
      [intoId, fromId],
    );
    await this.refreshUnitNames(m, `i.id = $1`, [intoId]);
  }

  async removeUnits(m: EntityManager, id: string, codes: string[]): Promise<void> {
    await m.query(`DELETE FROM incident_unit WHERE incident_id = $1 AND unit_code = ANY($2::text[])`, [id, codes]);
    await this.refreshUnitNames(m, `i.id = $1`, [id]);
  }

  /** Organisation renamed these units (or changed their aliases): the tickets on them are searched by the new names. */
  async unitsRenamed(m: EntityManager, codes: readonly string[]): Promise<void> {
    await this.refreshUnitNames(
      m,
      `EXISTS (SELECT 1 FROM incident_unit ru WHERE ru.incident_id = i.id AND ru.unit_code = ANY($1::text[]))`,
      [[...codes]],
    );
  }

  /** `unit_names` (what search reads of a ticket's units, see IncidentEntity) of the tickets `where` selects. */
  private async refreshUnitNames(m: EntityManager, where: string, params: unknown[]): Promise<void> {
    await m.query(
      `UPDATE incident i SET unit_names = COALESCE((
         SELECT string_agg(concat_ws(' ', un.code, un.name, array_to_string(un.aliases, ' ')), ' ' ORDER BY un.code)
         FROM incident_unit iu JOIN unit un ON un.code = iu.unit_code WHERE iu.incident_id = i.id), '')
       WHERE ${where}`,
      params,
    );
  }

  async setUnreachable(m: EntityManager, id: string, codes: string[]): Promise<void> {
    await m.query(`UPDATE incident SET unreachable_units = $2 WHERE id = $1`, [id, codes]);
  }

  /** The status and the timestamp column of the status reached (`acknowledgedBy` only for an acknowledgement). */
  async setStatus(
    m: EntityManager,
    id: string,
    change: { status: IncidentStatus; column: string; at: Date; acknowledgedBy?: string | null },
  ): Promise<void> {
    const ack = change.acknowledgedBy !== undefined;
    await m.query(
      `UPDATE incident SET status = $2, ${change.column} = $3, updated_at = $3${ack ? ', acknowledged_by = $4' : ''} WHERE id = $1`,
      ack ? [id, change.status, change.at, change.acknowledgedBy] : [id, change.status, change.at],
    );
  }

  async setSeverity(
    m: EntityManager,
    id: string,
    severity: Severity,
    reasons: StoredSeverityReason[],
    at: Date,
  ): Promise<void> {
    await m.query(`UPDATE incident SET severity = $2, severity_reasons = $3::jsonb, updated_at = $4 WHERE id = $1`, [
      id,
      severity,
      JSON.stringify(reasons),
      at,
    ]);
  }

  async setSeverityReasons(m: EntityManager, id: string, reasons: StoredSeverityReason[], at: Date): Promise<void> {
    await m.query(`UPDATE incident SET severity_reasons = $2::jsonb, updated_at = $3 WHERE id = $1`, [
      id,
      JSON.stringify(reasons),
      at,
    ]);
  }

  async addStories(m: EntityManager, id: string, storyIds: string[]): Promise<void> {
    await m.query(
      `UPDATE incident SET story_ids = ARRAY(SELECT DISTINCT unnest(story_ids || $2::uuid[])) WHERE id = $1`,
      [id, storyIds],
    );
  }

  /** Adds the stories of the ticket's mentions to those it already has. */
  async addStoriesOfMentions(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE incident SET story_ids = ARRAY(SELECT DISTINCT unnest(story_ids || ARRAY(SELECT story_id FROM incident_mention WHERE incident_id = $1 AND story_id IS NOT NULL))) WHERE id = $1`,
      [id],
    );
  }

  /** The ticket's stories become exactly those of its mentions (after coverage moved out). */
  async resetStoriesToMentions(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE incident SET story_ids = ARRAY(SELECT DISTINCT story_id FROM incident_mention WHERE incident_id = $1 AND story_id IS NOT NULL) WHERE id = $1`,
      [id],
    );
  }

  /** Marks a ticket merged into another: it keeps no story, so later coverage goes to the one it was merged into. */
  async markMerged(m: EntityManager, id: string, intoId: string, at: Date): Promise<void> {
    await m.query(`UPDATE incident SET merged_into = $1, updated_at = $3, story_ids = '{}' WHERE id = $2`, [
      intoId,
      id,
      at,
    ]);
  }

  /** Resolves a merged-away ticket without a timeline entry of its own (the merge tells it). */
  async resolveMerged(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE incident SET status = 'resolved', resolved_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Mention count, outlets and reach, from the ticket's mentions (reach: the largest weight per outlet, summed). */
  async recomputeAggregates(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE incident i SET
         mention_count = agg.n,
         outlets = agg.outlets,
         reach = agg.reach
       FROM (
         SELECT count(*)::int AS n,
                COALESCE(array_agg(DISTINCT outlet) FILTER (WHERE outlet IS NOT NULL), '{}') AS outlets,
                COALESCE((SELECT sum(r) FROM (SELECT max(reach_weight) AS r FROM incident_mention WHERE incident_id = $1 GROUP BY outlet) o), 0) AS reach
         FROM incident_mention WHERE incident_id = $1
       ) agg
       WHERE i.id = $1`,
      [id],
    );
  }
}
