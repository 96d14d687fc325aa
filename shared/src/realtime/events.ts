/** Socket.io event names and payloads; payloads carry ids and a short summary, clients refetch. */
export const RealtimeEvent = {
  HealthChanged: 'health.changed',
} as const;
export type RealtimeEvent = (typeof RealtimeEvent)[keyof typeof RealtimeEvent];

export interface RealtimePayloads {
  [RealtimeEvent.HealthChanged]: { db: 'up' | 'down' };
}
