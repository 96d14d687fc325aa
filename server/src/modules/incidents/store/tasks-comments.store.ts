/** The `incident_comment` and `incident_task` tables. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../../../common/database/returned-rows';

@Injectable()
export class TasksCommentsStore {
  async addComment(
    m: EntityManager,
    x: { incidentId: string; authorId: string; body: string; at: Date },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO incident_comment (incident_id, author_id, body, at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [x.incidentId, x.authorId, x.body, x.at],
    );
    return rows[0]?.id as string;
  }

  async addTask(
    m: EntityManager,
    x: { incidentId: string; title: string; ownerId: string; dueAt: Date | null; createdBy: string; at: Date },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO incident_task (incident_id, title, owner_id, due_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [x.incidentId, x.title, x.ownerId, x.dueAt, x.createdBy, x.at],
    );
    return rows[0]?.id as string;
  }

  /**
   * Marks an open task of the ticket done when `anyone` or the person owns it; its title, or null when nothing was
   * closed (no such open task, or not the person's to close).
   */
  async complete(
    m: EntityManager,
    x: { incidentId: string; taskId: string; at: Date; anyone: boolean; personId: string },
  ): Promise<string | null> {
    const rows = returnedRows<{ title: string }>(
      await m.query(
        `UPDATE incident_task SET done_at = $3
          WHERE id = $1 AND incident_id = $2 AND done_at IS NULL AND ($4 OR owner_id = $5)
          RETURNING title`,
        [x.taskId, x.incidentId, x.at, x.anyone, x.personId],
      ),
    );
    return rows.length === 0 ? null : (rows[0]?.title ?? '');
  }

  async isOpen(m: EntityManager, incidentId: string, taskId: string): Promise<boolean> {
    const open: unknown[] = await m.query(
      `SELECT 1 FROM incident_task WHERE id = $1 AND incident_id = $2 AND done_at IS NULL`,
      [taskId, incidentId],
    );
    return open.length > 0;
  }
}
