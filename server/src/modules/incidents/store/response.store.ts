/** The `incident_response` table: an official response from draft to publication. */
import { Injectable } from '@nestjs/common';
import type { IncidentResponseView } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { incidentNotFound } from '../incident-errors';
import { iso } from '../incident-rows';
import { UUID } from './incident.store';

export interface ResponseRow {
  id: string;
  template: IncidentResponseView['template'];
  title: string;
  body: string;
  status: IncidentResponseView['status'];
  author_id: string;
  approved_by: string | null;
  approved_at: Date | null;
  sent_back_reason: string | null;
  published_by: string | null;
  published_at: Date | null;
  published_url: string | null;
  created_at: Date;
}

@Injectable()
export class ResponseStore {
  async insert(
    m: EntityManager,
    x: {
      incidentId: string;
      template: string;
      title: string;
      body: string;
      status: 'draft' | 'awaiting_approval';
      authorId: string;
      at: Date;
    },
  ): Promise<string> {
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO incident_response (incident_id, template, title, body, status, author_id, created_at, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        x.incidentId,
        x.template,
        x.title,
        x.body,
        x.status,
        x.authorId,
        x.at,
        x.status === 'awaiting_approval' ? x.at : null,
      ],
    );
    return inserted[0]?.id as string;
  }

  /** The ticket's response, locked; 404 when the ticket has no such response. */
  async lock(m: EntityManager, incidentId: string, responseId: string): Promise<ResponseRow> {
    if (!UUID.test(responseId)) throw incidentNotFound();
    const rows: ResponseRow[] = await m.query(
      `SELECT * FROM incident_response WHERE id = $1 AND incident_id = $2 FOR UPDATE`,
      [responseId, incidentId],
    );
    if (!rows[0]) throw incidentNotFound();
    return rows[0];
  }

  async ofIncident(m: EntityManager, incidentId: string): Promise<ResponseRow[]> {
    return m.query(`SELECT * FROM incident_response WHERE incident_id = $1 ORDER BY created_at`, [incidentId]);
  }

  async submit(m: EntityManager, responseId: string, at: Date): Promise<void> {
    await m.query(`UPDATE incident_response SET status = 'awaiting_approval', submitted_at = $2 WHERE id = $1`, [
      responseId,
      at,
    ]);
  }

  async approve(m: EntityManager, responseId: string, by: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE incident_response SET status = 'approved', approved_by = $2, approved_at = $3 WHERE id = $1`,
      [responseId, by, at],
    );
  }

  async sendBack(m: EntityManager, responseId: string, by: string, at: Date, reason: string): Promise<void> {
    await m.query(
      `UPDATE incident_response SET status = 'sent_back', sent_back_by = $2, sent_back_at = $3, sent_back_reason = $4 WHERE id = $1`,
      [responseId, by, at, reason],
    );
  }

  async publish(m: EntityManager, responseId: string, by: string, at: Date, url: string): Promise<void> {
    await m.query(
      `UPDATE incident_response SET status = 'published', published_by = $2, published_at = $3, published_url = $4 WHERE id = $1`,
      [responseId, by, at, url],
    );
  }
}

export function toResponseView(r: ResponseRow): IncidentResponseView {
  return {
    id: r.id,
    template: r.template,
    title: r.title,
    body: r.body,
    status: r.status,
    authorId: r.author_id,
    approvedById: r.approved_by,
    approvedAt: iso(r.approved_at),
    sentBackReason: r.sent_back_reason,
    publishedById: r.published_by,
    publishedAt: iso(r.published_at),
    publishedUrl: r.published_url,
    createdAt: iso(r.created_at) as string,
  };
}
