import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../organisation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How the audit log names this module's entities: a ticket as "#12 title", a good news item by its title. */
@Injectable()
export class IncidentAuditLabels implements OnModuleInit {
  constructor(private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.audit.useLabels('incident', async (m, ids) => {
      const rows: { id: string; label: string }[] = await m.query(
        `SELECT id::text AS id, '#' || number || ' ' || title AS label FROM incident WHERE id = ANY($1::uuid[])`,
        [ids.filter((id) => UUID.test(id))],
      );
      return new Map(rows.map((r) => [r.id, r.label]));
    });
    this.audit.useLabels('good_news', async (m, ids) => {
      const rows: { id: string; label: string }[] = await m.query(
        `SELECT id::text AS id, title AS label FROM good_news WHERE id = ANY($1::uuid[])`,
        [ids.filter((id) => UUID.test(id))],
      );
      return new Map(rows.map((r) => [r.id, r.label]));
    });
  }
}
