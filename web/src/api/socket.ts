import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import { RealtimeControlEvent, type RealtimeHandshakeAuth } from '@mw/shared';
import { renewTokens, type RefreshOutcome } from './http';
import { invalidationsFor, unwrap } from './realtime-events';
import { session } from './session';

export type RealtimeStatus = 'connecting' | 'live' | 'offline';

/** Envelope ids are decimal strings of a bigint: compare by length, then lexically. */
function isNewer(id: string, than: string | null): boolean {
  if (than === null) return true;
  return id.length !== than.length ? id.length > than.length : id > than;
}

/** Envelope ids handed on recently: enough to recognise a duplicate or a replay of anything still arriving. */
const SEEN_IDS = 1000;

/** Refresh-and-reconnect rounds allowed without a successful connection in between (a refused token loops). */
export const MAX_RENEWALS = 3;

/** Wait before retrying a refresh that failed (network, 5xx): doubled at each failure up to the cap. */
export const RENEWAL_RETRY_MS = 1_000;
export const RENEWAL_RETRY_MAX_MS = 30_000;

/** What wireRealtime needs of a socket.io client socket (a fake in tests). */
export type RealtimeSocketLike = Pick<Socket, 'on' | 'onAny' | 'connect' | 'active'>;

export interface WiredRealtime {
  lastEventId: () => string | null;
  /** No more reconnecting (the tab signed out or unmounted); call before disconnecting. */
  stop: () => void;
}

export interface RealtimeWiring {
  /** Trades the refresh token for a new pair: `refused` means signed out, `failed` a trouble worth retrying. */
  refresh: () => Promise<RefreshOutcome>;
  /** Whether a refresh token is still stored (retries stop once the person signed out, in any tab). */
  hasRefreshToken: () => boolean;
  onStatus: (status: RealtimeStatus) => void;
  /** A domain event, once per envelope id (duplicates and replays already handled are dropped; a late one is not). */
  onEvent: (event: string, data: Record<string, unknown>) => void;
}

/**
 * The socket's behaviour apart from React. The last envelope id is kept for the next handshake (`lastEventId`, read
 * through the returned getter) so the server replays what was missed. The handshake token is checked once: the
 * server sends `session.expired` and disconnects when it expires, and refuses a handshake with an expired token;
 * socket.io reconnects by itself in neither case, so the pair is refreshed and the socket connected again (the
 * `auth` callback then reads the new token). A refresh that failed for a passing reason (network, server trouble)
 * is retried with a capped exponential backoff; a refused one means the person is signed out, and the socket stays
 * down.
 */
export function wireRealtime(socket: RealtimeSocketLike, wiring: RealtimeWiring): WiredRealtime {
  let lastEventId: string | null = null;
  const seen = new Set<string>();
  let renewals = 0;
  let stopped = false;
  let renewing = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const cancelRetry = () => {
    clearTimeout(retryTimer);
    retryTimer = undefined;
  };
  const attempt = (failures: number) => {
    void wiring.refresh().then((outcome) => {
      if (stopped) return;
      if (outcome === 'renewed') {
        renewing = false;
        socket.connect();
        return;
      }
      wiring.onStatus('offline');
      if (outcome === 'refused' || !wiring.hasRefreshToken()) {
        renewing = false;
        return;
      }
      const delay = Math.min(RENEWAL_RETRY_MS * 2 ** failures, RENEWAL_RETRY_MAX_MS);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (!stopped && wiring.hasRefreshToken()) attempt(failures + 1);
        else renewing = false;
      }, delay);
    });
  };
  /** Starts a round unless one is under way or too many went by without a connection; false if none is going on. */
  const renewAndReconnect = (): boolean => {
    if (renewing) return true;
    if (renewals >= MAX_RENEWALS) return false;
    renewals += 1;
    renewing = true;
    attempt(0);
    return true;
  };
  socket.on('connect', () => {
    renewals = 0;
    renewing = false;
    cancelRetry();
    wiring.onStatus('live');
  });
  socket.on('disconnect', (reason) => {
    // Only the server ends a socket this way, right after `session.expired` or `session.ended`: renewing is routine
    // (every 15 minutes), so the badge says connecting rather than offline meanwhile; an ended session's refresh is
    // refused, which signs the tab out.
    if (reason === 'io server disconnect' && !stopped && renewAndReconnect()) wiring.onStatus('connecting');
    else wiring.onStatus('offline');
  });
  socket.on('connect_error', (error: Error) => {
    if (!/token|auth|jwt|unauthori/i.test(error.message)) {
      wiring.onStatus('offline');
      return;
    }
    if (socket.active) {
      // socket.io keeps retrying by itself; the next handshake reads the refreshed token.
      wiring.onStatus('offline');
      void wiring.refresh();
      return;
    }
    // A handshake refused by the server ends socket.io's own retries (`active` is false).
    wiring.onStatus(!stopped && renewAndReconnect() ? 'connecting' : 'offline');
  });
  socket.onAny((event: string, payload: unknown) => {
    if (
      event === RealtimeControlEvent.SessionExpired ||
      event === RealtimeControlEvent.SessionEnded ||
      event === RealtimeControlEvent.Error
    ) {
      return;
    }
    const { id, data } = unwrap(payload);
    // '0': the server could not store the event and broadcast it anyway; it has no place in the replay order.
    if (id !== null && id !== '0') {
      // Ids are drawn before commit, and two instances broadcast side by side: an event may arrive after one with a
      // higher id and still be new. A duplicate is an id already seen (a replay only sends ids above lastEventId).
      if (seen.has(id)) return;
      seen.add(id);
      if (seen.size > SEEN_IDS) seen.delete(seen.values().next().value as string);
      if (isNewer(id, lastEventId)) lastEventId = id;
    }
    wiring.onEvent(event, data);
  });
  return {
    lastEventId: () => lastEventId,
    stop: () => {
      stopped = true;
      cancelRetry();
    },
  };
}

type EventListener = (event: string, data: Record<string, unknown>) => void;
const eventListeners = new Set<EventListener>();

/** Hears every realtime event of this tab after its queries were invalidated (alerts, the tab title). */
export function onRealtimeEvent(listener: EventListener): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
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
      refresh: renewTokens,
      hasRefreshToken: () => session.refreshToken() !== null,
      onStatus: setStatus,
      onEvent: (event, data) => {
        for (const queryKey of invalidationsFor(event, data)) void queryClient.invalidateQueries({ queryKey });
        for (const listener of eventListeners) listener(event, data);
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
