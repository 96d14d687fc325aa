import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InboxIncidentRef } from '@mw/shared';
import { DataSource } from 'typeorm';
import { EscalationClocks } from '../escalation';
import { type InboxIncidentLookup, NotificationsQuery } from '../notifications';
import { UNITS_JSON } from './store/incident.store';

/** Tells the notification inbox where each of its incidents stands now: status, severity, deadline, schools. */
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

  async find(ids: readonly string[]): Promise<Map<string, InboxIncidentRef>> {
    const found = new Map<string, InboxIncidentRef>();
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
      found.set(r.id, {
        id: r.id,
        number: Number(r.number),
        title: r.title,
        severity: r.severity,
        units: r.units.map((u) => u.name),
        status: r.status,
        ackDueAt: clocks.get(r.id)?.ackDueAt?.toISOString() ?? null,
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      });
    }
    return found;
  }
}
