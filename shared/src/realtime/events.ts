/**
 * Socket.io events, both directions. Server events carry ids plus a short summary inside an envelope whose `id`
 * grows monotonically across all instances: the client keeps the last one it saw, sends it as `lastEventId` in the
 * handshake when it reconnects and receives what it missed in its rooms. The same event may arrive twice (live and
 * replayed), so clients drop envelopes whose id they have already handled, then invalidate their queries.
 */
import type { CollectionProblem } from '../contracts/health';
import type { SourceErrorCode } from '../contracts/sources';

export const RealtimeEvent = {
  HealthChanged: 'health.changed',
  IncidentCreated: 'incident.created',
  IncidentUpdated: 'incident.updated',
  MentionCreated: 'mention.created',
  SourceHealth: 'source.health',
  NotificationCreated: 'notification.created',
} as const;
export type RealtimeEvent = (typeof RealtimeEvent)[keyof typeof RealtimeEvent];

export interface RealtimePayloads {
  /** The pipeline started or stopped collecting (sent to the office room when that changes). */
  [RealtimeEvent.HealthChanged]: {
    db: 'up' | 'down';
    collecting: boolean;
    problem: CollectionProblem | null;
    sourcesEnabled: number;
    sourcesFailing: number;
  };
  [RealtimeEvent.IncidentCreated]: { incidentId: string; unitCodes: string[]; severity: string; title: string };
  [RealtimeEvent.IncidentUpdated]: { incidentId: string; unitCodes: string[]; status?: string; summary: string };
  [RealtimeEvent.MentionCreated]: { mentionId: string; unitCodes: string[]; incidentId: string | null; title: string };
  /** A source's last poll went from success to failure or back (office room and the source's unit room). */
  [RealtimeEvent.SourceHealth]: { sourceId: string; ok: boolean; summary: string; errorCode: SourceErrorCode | null };
  [RealtimeEvent.NotificationCreated]: {
    notificationId: string;
    incidentId: string | null;
    template: string;
    title: string;
    /** Severity of the incident (S1–S4) when the notification is about one. */
    severity?: string | null;
    /** S1: never held by quiet hours; the dashboard calls for attention (toast, sound). */
    urgent?: boolean;
  };
}

/** What the server sends for every event: `id` is a decimal string (a PostgreSQL bigint). */
export interface RealtimeEnvelope<E extends RealtimeEvent = RealtimeEvent> {
  id: string;
  event: E;
  at: string;
  data: RealtimePayloads[E];
}

/** Handshake `auth` of the socket.io client. The token may also come as an `Authorization: Bearer` header. */
export interface RealtimeHandshakeAuth {
  token?: string;
  lastEventId?: string;
}

export const RealtimeErrorCode = {
  RoomRefused: 'ROOM_REFUSED',
  BadRequest: 'BAD_REQUEST',
} as const;
export type RealtimeErrorCode = (typeof RealtimeErrorCode)[keyof typeof RealtimeErrorCode];

/** Server → client events besides the domain events above. */
export const RealtimeControlEvent = {
  /** A request of this socket was refused (e.g. a room outside the person's scope). */
  Error: 'realtime.error',
  /**
   * The access token of the handshake has expired: the server disconnects the socket right after this event. The
   * client refreshes its token pair and connects again (with `lastEventId`, so nothing is lost).
   */
  SessionExpired: 'session.expired',
  /**
   * The session of the handshake token ended before the token's expiry (signed out, password changed, account
   * deactivated): the server disconnects the socket right after this event. The client refreshes its pair as after
   * `session.expired`; the server refuses the refresh when the session is over, and the person signs in again.
   */
  SessionEnded: 'session.ended',
} as const;

export interface RealtimeSessionExpiredPayload {
  /** When the token expired (ISO 8601). */
  expiredAt: string;
}

export interface RealtimeSessionEndedPayload {
  /** When the server found the session ended (ISO 8601). */
  endedAt: string;
}

export interface RealtimeErrorPayload {
  code: RealtimeErrorCode;
  message: string;
  room?: string;
}

/** Client → server messages. `subscribe` answers through the acknowledgement callback. */
export const RealtimeClientMessage = {
  Subscribe: 'subscribe',
  Unsubscribe: 'unsubscribe',
} as const;

export interface RealtimeSubscribeRequest {
  room: string;
}

export type RealtimeSubscribeResult =
  { ok: true; room: string; replayed: number } | { ok: false; code: RealtimeErrorCode };

/** Room names: a person's own, a unit's and the office's (see server/src/common/auth/scope.ts). */
export const roomForUser = (personId: string): string => `user:${personId}`;
export const roomForUnit = (unitCode: string): string => `unit:${unitCode}`;
export const OFFICE_ROOM = 'office';
