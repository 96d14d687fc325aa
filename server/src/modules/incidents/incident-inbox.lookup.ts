import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROLES } from '@mw/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { mayActOn } from '../../common/auth/scope';
import { EscalationClocks } from '../escalation';
import { type InboxIncident, type InboxIncidentLookup, NotificationsQuery } from '../notifications';
import { INCIDENT_HANDLERS } from './incident-permissions';
import { UNITS_JSON } from './store/incident.store';

/**
 * Tells the notification inbox where each of its incidents stands now (status, severity, deadline, schools) and
 * whether its reader may acknowledge it, for the incidents the reader may see now.
 */
@Injectable()
export class IncidentInboxLookup implements InboxIncidentLookup, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clocks: EscalationClocks,
    @Optional() private readonly notifications?: NotificationsQuery,
  ) {}

  onModuleInit(): void {
    this.notifications?.useIncidentLookup(this);
  }

  async find(ids: readonly string[], reader: AuthUser): Promise<Map<string, InboxIncident>> {
    const found = new Map<string, InboxIncident>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return found;
    const m = this.dataSource.manager;
    const rows: {
      id: string;
      number: string | number;
      title: string;
      severity: string;
      status: string;
      acknowledged_at: Date | null;
      units: { code: string; name: string }[];
    }[] = await m.query(
      `SELECT i.id, i.number, i.title, i.severity, i.status, i.acknowledged_at, ${UNITS_JSON} AS units
       FROM incident i WHERE i.id = ANY($1::uuid[])`,
      [unique],
    );
    const clocks = await this.clocks.clocksOf(
      m,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      const codes = r.units.map((u) => u.code);
      // Only what the reader may see now; a message about another school's ticket shows what it said when sent.
      if (!mayActOn(reader, ROLES, codes)) continue;
      found.set(r.id, {
        incident: {
          id: r.id,
          number: Number(r.number),
          title: r.title,
          severity: r.severity,
          units: r.units.map((u) => u.name),
          status: r.status,
          ackDueAt: clocks.get(r.id)?.ackDueAt?.toISOString() ?? null,
          acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
        },
        mayAcknowledge: mayActOn(reader, INCIDENT_HANDLERS, codes),
      });
    }
    return found;
  }
}
