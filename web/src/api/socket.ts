import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import type { RealtimeHandshakeAuth } from '@mw/shared';
import { refreshTokens } from './http';
import { INVALIDATIONS, unwrap } from './realtime-events';
import { session } from './session';

export type RealtimeStatus = 'connecting' | 'live' | 'offline';

/** Envelope ids are decimal strings of a bigint: compare by length, then lexically. */
function isNewer(id: string, than: string | null): boolean {
  if (than === null) return true;
  return id.length !== than.length ? id.length > than.length : id > than;
}

/**
 * One socket per signed-in tab. Each event invalidates the queries it makes stale. The last envelope id goes with
 * every handshake so the server replays what was missed, and duplicates (live and replayed) are dropped. A
 * handshake refused for an expired token refreshes the pair; the next attempt carries the new token.
 */
export function useRealtime(enabled: boolean): RealtimeStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  useEffect(() => {
    if (!enabled) return;
    let lastEventId: string | null = null;
    const socket: Socket = io({
      path: '/socket.io',
      auth: (cb) => {
        const auth: RealtimeHandshakeAuth = { token: session.accessToken() ?? '' };
        if (lastEventId) auth.lastEventId = lastEventId;
        cb(auth as Record<string, unknown>);
      },
      reconnectionDelayMax: 30_000,
    });
    socket.on('connect', () => setStatus('live'));
    socket.on('disconnect', () => setStatus('offline'));
    socket.on('connect_error', (error: Error) => {
      setStatus('offline');
      if (/token|auth|jwt|unauthori/i.test(error.message)) void refreshTokens();
    });
    socket.onAny((event: string, payload: unknown) => {
      const { id, data } = unwrap(payload);
      if (id !== null) {
        if (!isNewer(id, lastEventId)) return;
        lastEventId = id;
      }
      for (const queryKey of INVALIDATIONS[event]?.(data) ?? []) void queryClient.invalidateQueries({ queryKey });
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [enabled, queryClient]);
  return enabled ? status : 'offline';
}
