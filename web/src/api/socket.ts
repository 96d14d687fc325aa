import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import { RealtimeControlEvent, type RealtimeHandshakeAuth } from '@mw/shared';
import { refreshTokens } from './http';
import { INVALIDATIONS, unwrap } from './realtime-events';
import { session } from './session';

export type RealtimeStatus = 'connecting' | 'live' | 'offline';

/** Envelope ids are decimal strings of a bigint: compare by length, then lexically. */
function isNewer(id: string, than: string | null): boolean {
  if (than === null) return true;
  return id.length !== than.length ? id.length > than.length : id > than;
}

/** Refresh-and-reconnect rounds allowed without a successful connection in between (a refused token loops). */
export const MAX_RENEWALS = 3;

/** What wireRealtime needs of a socket.io client socket (a fake in tests). */
export type RealtimeSocketLike = Pick<Socket, 'on' | 'onAny' | 'connect' | 'active'>;

export interface WiredRealtime {
  lastEventId: () => string | null;
  /** No more reconnecting (the tab signed out or unmounted); call before disconnecting. */
  stop: () => void;
}

export interface RealtimeWiring {
  /** Trades the refresh token for a new pair; false when that failed (the session may then be cleared). */
  refresh: () => Promise<boolean>;
  onStatus: (status: RealtimeStatus) => void;
  /** A domain event, once per envelope id (duplicates and replays already handled are dropped). */
  onEvent: (event: string, data: Record<string, unknown>) => void;
}

/**
 * The socket's behaviour apart from React. The last envelope id is kept for the next handshake (`lastEventId`, read
 * through the returned getter) so the server replays what was missed. The handshake token is checked once: the
 * server sends `session.expired` and disconnects when it expires, and refuses a handshake with an expired token;
 * socket.io reconnects by itself in neither case, so the pair is refreshed and the socket connected again (the
 * `auth` callback then reads the new token).
 */
export function wireRealtime(socket: RealtimeSocketLike, wiring: RealtimeWiring): WiredRealtime {
  let lastEventId: string | null = null;
  let renewals = 0;
  let stopped = false;
  const renewAndReconnect = () => {
    if (renewals >= MAX_RENEWALS) return;
    renewals += 1;
    void wiring.refresh().then((ok) => {
      if (ok && !stopped) socket.connect();
    });
  };
  socket.on('connect', () => {
    renewals = 0;
    wiring.onStatus('live');
  });
  socket.on('disconnect', (reason) => {
    wiring.onStatus('offline');
    // Only the server ends a socket this way, right after `session.expired`.
    if (reason === 'io server disconnect') renewAndReconnect();
  });
  socket.on('connect_error', (error: Error) => {
    wiring.onStatus('offline');
    if (!/token|auth|jwt|unauthori/i.test(error.message)) return;
    // A handshake refused by the server ends socket.io's own retries (`active` is false).
    if (socket.active) void wiring.refresh();
    else renewAndReconnect();
  });
  socket.onAny((event: string, payload: unknown) => {
    if (event === RealtimeControlEvent.SessionExpired || event === RealtimeControlEvent.Error) return;
    const { id, data } = unwrap(payload);
    if (id !== null) {
      if (!isNewer(id, lastEventId)) return;
      lastEventId = id;
    }
    wiring.onEvent(event, data);
  });
  return {
    lastEventId: () => lastEventId,
    stop: () => {
      stopped = true;
    },
  };
}

/** One socket per signed-in tab; each event invalidates the queries it makes stale. */
export function useRealtime(enabled: boolean): RealtimeStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  useEffect(() => {
    if (!enabled) return;
    // Read at each handshake; socket.io may ask for `auth` before wireRealtime below has run.
    let lastEventIdOf: () => string | null = () => null;
    const socket: Socket = io({
      path: '/socket.io',
      auth: (cb) => {
        const auth: RealtimeHandshakeAuth = { token: session.accessToken() ?? '' };
        const lastEventId = lastEventIdOf();
        if (lastEventId) auth.lastEventId = lastEventId;
        cb(auth as Record<string, unknown>);
      },
      reconnectionDelayMax: 30_000,
    });
    const wired = wireRealtime(socket, {
      refresh: refreshTokens,
      onStatus: setStatus,
      onEvent: (event, data) => {
        for (const queryKey of INVALIDATIONS[event]?.(data) ?? []) void queryClient.invalidateQueries({ queryKey });
      },
    });
    lastEventIdOf = wired.lastEventId;
    return () => {
      wired.stop();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [enabled, queryClient]);
  return enabled ? status : 'offline';
}
