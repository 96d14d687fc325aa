/**
 * Which queries each socket event makes stale. Payloads are ids plus a summary (@mw/shared realtime/events.ts):
 * the dashboard refetches rather than patching caches by hand.
 */
import type { QueryKey } from '@tanstack/react-query';
import { RealtimeEvent, type RealtimeEnvelope } from '@mw/shared';
import { queryKeys } from './query-keys';

export const INVALIDATIONS: Record<string, (data: Record<string, unknown>) => QueryKey[]> = {
  [RealtimeEvent.IncidentCreated]: () => [queryKeys.incidents.all],
  [RealtimeEvent.IncidentUpdated]: (data) =>
    typeof data.incidentId === 'string'
      ? [queryKeys.incidents.detail(data.incidentId), ['incidents', 'list']]
      : [queryKeys.incidents.all],
  [RealtimeEvent.MentionCreated]: (data) => [
    queryKeys.mentions.all,
    queryKeys.stories.all,
    queryKeys.goodNews.all,
    ...(typeof data.incidentId === 'string' ? [queryKeys.incidents.detail(data.incidentId)] : []),
  ],
  [RealtimeEvent.SourceHealth]: () => [queryKeys.sources.all],
  [RealtimeEvent.NotificationCreated]: (data) =>
    typeof data.incidentId === 'string' ? [queryKeys.incidents.detail(data.incidentId)] : [],
};

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
