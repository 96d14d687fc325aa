/** The `incident_assignment` table: who is on a ticket now, and who was, with why and by whom. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

@Injectable()
export class AssignmentStore {
  /** The people on the ticket now, in the order they were put on it. */
  async currentIds(m: EntityManager, incidentId: string): Promise<string[]> {
    const rows: { person_id: string }[] = await m.query(
      `SELECT person_id FROM incident_assignment WHERE incident_id = $1 AND unassigned_at IS NULL ORDER BY assigned_at`,
      [incidentId],
    );
    return rows.map((r) => r.person_id);
  }

  /** A person put on the ticket by hand (the caller has checked they are not on it). */
  async assign(m: EntityManager, incidentId: string, personId: string, at: Date, by: string): Promise<void> {
    await m.query(
      `INSERT INTO incident_assignment (incident_id, person_id, reason, assigned_at, assigned_by) VALUES ($1, $2, 'assigned', $3, $4)`,
      [incidentId, personId, at, by],
    );
  }

  /** A person put on the ticket by the system (a unit's spokesperson); nothing when they already are. */
  async assignDefault(m: EntityManager, incidentId: string, personId: string, reason: string, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO incident_assignment (incident_id, person_id, reason, assigned_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [incidentId, personId, reason, at],
    );
  }

  async unassign(m: EntityManager, incidentId: string, personIds: string[], at: Date, by: string): Promise<void> {
    await m.query(
      `UPDATE incident_assignment SET unassigned_at = $3, unassigned_by = $4
       WHERE incident_id = $1 AND person_id = ANY($2::uuid[]) AND unassigned_at IS NULL`,
      [incidentId, personIds, at, by],
    );
  }

  /** A merge: the merged ticket's current assignees join the target, unless they are on it already. */
  async copyCurrent(m: EntityManager, intoId: string, fromId: string, at: Date, by: string): Promise<void> {
    await m.query(
      `INSERT INTO incident_assignment (incident_id, person_id, reason, assigned_at, assigned_by)
       SELECT $1, a.person_id, 'merged', $3, $4 FROM incident_assignment a
       WHERE a.incident_id = $2 AND a.unassigned_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM incident_assignment b WHERE b.incident_id = $1 AND b.person_id = a.person_id AND b.unassigned_at IS NULL)`,
      [intoId, fromId, at, by],
    );
  }
}
