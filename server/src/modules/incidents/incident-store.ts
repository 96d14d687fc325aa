/**
 * Reading and locking incidents for the other incident services: scope checks that answer 404 outside one's units,
 * row locks, the people and units of an incident, the context a notification needs, and the live update after a
 * change. One place, so every path applies the same scoping.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IncidentStatus, IncidentUnitRef, Severity } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { isOfficeUser, ScopeService } from '../../common/auth/scope';
import { AppConfig } from '../../config/app-config';
import { incidentNotFound } from './incident-errors';
import { IncidentNotifier } from './incident-notifier';
import type { IncidentRow } from './incident-rows';

export interface EscalationContext {
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

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The incident's units as `[{code, name}]`, for queries aliasing incident as `i`. */
export const UNITS_JSON = `COALESCE((SELECT json_agg(json_build_object('code', un.code, 'name', un.name) ORDER BY un.code)
  FROM incident_unit iu JOIN unit un ON un.code = iu.unit_code WHERE iu.incident_id = i.id), '[]'::json)`;

@Injectable()
export class IncidentStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly config: AppConfig,
    private readonly notifier: IncidentNotifier,
  ) {}

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

  async assigneeIds(m: EntityManager, id: string): Promise<string[]> {
    const rows: { person_id: string }[] = await m.query(
      `SELECT person_id FROM incident_assignment WHERE incident_id = $1 AND unassigned_at IS NULL ORDER BY assigned_at`,
      [id],
    );
    return rows.map((r) => r.person_id);
  }

  async unitCodes(m: EntityManager, id: string): Promise<string[]> {
    const rows: { unit_code: string }[] = await m.query(
      `SELECT unit_code FROM incident_unit WHERE incident_id = $1 ORDER BY unit_code`,
      [id],
    );
    return rows.map((r) => r.unit_code);
  }

  /** What the escalation service needs about an incident, read inside its transaction. */
  async escalationContext(manager: EntityManager, id: string): Promise<EscalationContext | null> {
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
      assigneeIds: await this.assigneeIds(manager, id),
      openedAt: row.opened_at,
    };
  }

  /** Parameters every incident message template receives. */
  templateParams(ctx: {
    id: string;
    number: string;
    title: string;
    severity: Severity;
    unitNames: string[];
  }): Record<string, string> {
    const base = this.config.env.MW_PUBLIC_URL.replace(/\/+$/, '');
    return {
      incidentId: ctx.id,
      number: ctx.number,
      title: ctx.title,
      severity: ctx.severity,
      units: ctx.unitNames.join(', '),
      link: `${base}/incidents/${ctx.id}`,
    };
  }

  /**
   * The envelope of a person's change to one incident: in one transaction, lock the incident (404 outside the
   * caller's scope), apply the change; after commit, tell the incident's rooms.
   */
  async change(user: AuthUser, id: string, work: (m: EntityManager, row: IncidentRow) => Promise<void>): Promise<void> {
    await this.dataSource.transaction(async (m) => work(m, await this.visible(m, user, id, true)));
    this.publishChange(id, 'incident.updated');
  }

  /**
   * Live update for dashboards (after commit): 'incident.opened' publishes a creation, anything else an update.
   * `formerUnitCodes`: units that have just lost the incident; their rooms hear this update too.
   */
  publishChange(id: string, event: string, formerUnitCodes: readonly string[] = []): void {
    void this.dataSource
      .query(
        `SELECT i.title, i.severity, i.status, array_remove(array_agg(u.unit_code), NULL) AS units
         FROM incident i LEFT JOIN incident_unit u ON u.incident_id = i.id WHERE i.id = $1 GROUP BY i.id`,
        [id],
      )
      .then((rows: { title: string; severity: string; status: string; units: string[] }[]) => {
        const r = rows[0];
        if (!r) return;
        const change = {
          incidentId: id,
          unitCodes: r.units,
          severity: r.severity,
          status: r.status,
          title: r.title,
          summary: event,
        };
        this.notifier.publish(event === 'incident.opened' ? 'created' : 'updated', change, formerUnitCodes);
      })
      .catch(() => undefined);
  }
}
