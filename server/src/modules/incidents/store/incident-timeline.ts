import { timelineKindOf } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { renderTimeline, type WrittenTimelineMessage } from '../incident-messages';

export interface TimelineEntry {
  incidentId: string;
  at: Date;
  /** Null for the system (analysis, escalation). */
  actorId: string | null;
  /**
   * What the entry says; stored as code and params in `data.message`, rendered in Vietnamese into `summary`. The
   * stored `kind` column follows from the code (`timelineKindOf`), so a caller cannot state a kind that disagrees.
   */
  message: WrittenTimelineMessage;
  data?: Record<string, unknown>;
}

/**
 * The one function that writes the timeline. The table refuses updates and deletes, so what is written here is the
 * ticket's history for good; call it with the transaction's manager so the entry commits with the change it tells.
 */
export async function appendTimeline(manager: EntityManager, entry: TimelineEntry): Promise<void> {
  const data = { ...entry.data, message: { code: entry.message.code, params: entry.message.params } };
  await manager.query(
    `INSERT INTO incident_timeline (incident_id, at, kind, actor_id, summary, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      entry.incidentId,
      entry.at,
      timelineKindOf(entry.message.code),
      entry.actorId,
      renderTimeline(entry.message),
      JSON.stringify(data),
    ],
  );
}
