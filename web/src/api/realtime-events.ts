/**
 * Which queries each socket event makes stale. Payloads are ids plus a summary (@mw/shared realtime/events.ts):
 * the dashboard refetches rather than patching caches by hand. The map is typed over the event union, so an event
 * added to the shared contract without an entry here fails the type check.
 */
import type { QueryKey } from '@tanstack/react-query';
import { RealtimeEvent, type RealtimeEnvelope, type RealtimePayloads } from '@mw/shared';
import { queryKeys } from './query-keys';

type Invalidations = { [E in RealtimeEvent]: (data: Partial<RealtimePayloads[E]>) => QueryKey[] };

export const INVALIDATIONS: Invalidations = {
  [RealtimeEvent.IncidentCreated]: () => [queryKeys.incidents.all],
  [RealtimeEvent.IncidentUpdated]: (data) =>
    typeof data.incidentId === 'string'
      ? [queryKeys.incidents.detail(data.incidentId), ['incidents', 'list'], queryKeys.notifications.all]
      : [queryKeys.incidents.all, queryKeys.notifications.all],
  [RealtimeEvent.MentionCreated]: (data) => [
    queryKeys.mentions.all,
    queryKeys.stories.all,
    queryKeys.goodNews.all,
    ...(typeof data.incidentId === 'string' ? [queryKeys.incidents.detail(data.incidentId)] : []),
  ],
  [RealtimeEvent.SourceHealth]: () => [queryKeys.sources.all, queryKeys.health],
  [RealtimeEvent.HealthChanged]: () => [queryKeys.health],
  [RealtimeEvent.NotificationCreated]: (data) => [
    queryKeys.notifications.all,
    ...(typeof data.incidentId === 'string' ? [queryKeys.incidents.detail(data.incidentId)] : []),
  ],
};

function isKnown(event: string): event is RealtimeEvent {
  return Object.prototype.hasOwnProperty.call(INVALIDATIONS, event);
}

/** The queries an incoming event makes stale; none for an event this build does not know. */
export function invalidationsFor(event: string, data: Record<string, unknown>): QueryKey[] {
  if (!isKnown(event)) return [];
  return (INVALIDATIONS[event] as (d: Record<string, unknown>) => QueryKey[])(data);
}

/** Events arrive wrapped in an envelope with a growing id; older servers may send the bare payload. */
export function unwrap(payload: unknown): { id: string | null; data: Record<string, unknown> } {
  if (payload && typeof payload === 'object') {
    const record = payload as Partial<RealtimeEnvelope> & Record<string, unknown>;
    if (typeof record.id === 'string' && record.data && typeof record.data === 'object') {
      return { id: record.id, data: record.data as Record<string, unknown> };
    }
    return { id: null, data: record };
  }
  return { id: null, data: {} };
}
