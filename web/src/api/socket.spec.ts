/// <reference types="jest" />
import { RealtimeControlEvent } from '@mw/shared';
import type { RefreshOutcome } from './http';
import { MAX_RENEWALS, RENEWAL_RETRY_MAX_MS, RENEWAL_RETRY_MS, wireRealtime, type RealtimeSocketLike } from './socket';

/** A stand-in for the socket.io client socket: the test fires its events; connect() is counted. */
function fakeSocket() {
  const handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  const anyHandlers: ((event: string, ...args: unknown[]) => void)[] = [];
  const state = { connects: 0, active: true };
  const socket = {
    on(event: string, handler: (...args: unknown[]) => void) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return socket;
    },
    onAny(handler: (event: string, ...args: unknown[]) => void) {
      anyHandlers.push(handler);
      return socket;
    },
    connect() {
      state.connects += 1;
      return socket;
    },
    get active() {
      return state.active;
    },
  };
  const fire = (event: string, ...args: unknown[]) => {
    for (const h of handlers.get(event) ?? []) h(...args);
    if (!['connect', 'disconnect', 'connect_error'].includes(event)) for (const h of anyHandlers) h(event, ...args);
  };
  return { socket: socket as unknown as RealtimeSocketLike, fire, state };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('wireRealtime', () => {
  function setup(...outcomes: RefreshOutcome[]) {
    const fake = fakeSocket();
    // Each call answers the next outcome given; the last one repeats ('renewed' when none is given).
    const refresh = jest.fn(async (): Promise<RefreshOutcome> => outcomes.shift() ?? last);
    const last = outcomes.at(-1) ?? 'renewed';
    const session = { hasRefreshToken: true };
    const statuses: string[] = [];
    const events: [string, Record<string, unknown>][] = [];
    const wired = wireRealtime(fake.socket, {
      refresh,
      hasRefreshToken: () => session.hasRefreshToken,
      onStatus: (s) => statuses.push(s),
      onEvent: (event, data) => events.push([event, data]),
    });
    return { ...fake, refresh, session, statuses, events, wired };
  }

  it('refreshes the token and connects again when the server ends the session', async () => {
    const s = setup();
    s.fire('connect');
    s.fire(RealtimeControlEvent.SessionExpired, { expiredAt: '2026-03-02T02:15:00.000Z' });
    s.fire('disconnect', 'io server disconnect');
    await settle();
    expect(s.refresh).toHaveBeenCalledTimes(1);
    expect(s.state.connects).toBe(1);
    // Renewing is routine: the badge does not flicker "offline" meanwhile.
    expect(s.statuses).toEqual(['live', 'connecting']);
    expect(s.events).toEqual([]);
    s.fire('connect');
    expect(s.statuses).toEqual(['live', 'connecting', 'live']);
  });

  it('treats an ended session like an expired one: no event handed on, a refresh, and no reconnect when refused', async () => {
    const s = setup('refused');
    s.fire('connect');
    s.fire(RealtimeControlEvent.SessionEnded, { endedAt: '2026-03-02T02:10:00.000Z' });
    s.fire('disconnect', 'io server disconnect');
    await settle();
    expect(s.events).toEqual([]);
    expect(s.refresh).toHaveBeenCalledTimes(1);
    expect(s.state.connects).toBe(0);
    expect(s.statuses).toEqual(['live', 'connecting', 'offline']);
  });

  it('does not reconnect when the refresh is refused, nor after stop()', async () => {
    jest.useFakeTimers();
    try {
      const refused = setup('refused');
      refused.fire('disconnect', 'io server disconnect');
      await jest.advanceTimersByTimeAsync(10 * RENEWAL_RETRY_MAX_MS);
      expect(refused.refresh).toHaveBeenCalledTimes(1);
      expect(refused.state.connects).toBe(0);
      expect(refused.statuses).toEqual(['connecting', 'offline']);
    } finally {
      jest.useRealTimers();
    }

    const stopped = setup();
    stopped.fire('disconnect', 'io server disconnect');
    stopped.wired.stop();
    await settle();
    expect(stopped.state.connects).toBe(0);
  });

  describe('when the refresh fails for a passing reason (network, server trouble)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('retries with a doubling, capped delay until it renews, then connects', async () => {
      const s = setup('failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'renewed');
      s.fire('connect');
      s.fire('disconnect', 'io server disconnect');
      await jest.advanceTimersByTimeAsync(0);
      expect(s.refresh).toHaveBeenCalledTimes(1);
      expect(s.statuses).toEqual(['live', 'connecting', 'offline']);
      // 1 s, 2 s, 4 s, 8 s, 16 s, then the 30 s cap.
      const delays = [1, 2, 4, 8, 16, 30, 30].map((n) => n * RENEWAL_RETRY_MS);
      expect(Math.max(...delays)).toBe(RENEWAL_RETRY_MAX_MS);
      for (const [i, delay] of delays.entries()) {
        await jest.advanceTimersByTimeAsync(delay - 1);
        expect(s.refresh).toHaveBeenCalledTimes(i + 1);
        await jest.advanceTimersByTimeAsync(1);
        expect(s.refresh).toHaveBeenCalledTimes(i + 2);
      }
      expect(s.state.connects).toBe(1);
      await jest.advanceTimersByTimeAsync(10 * RENEWAL_RETRY_MAX_MS);
      expect(s.refresh).toHaveBeenCalledTimes(8);
    });

    it('retries after a refused handshake too, without using up the renewal rounds', async () => {
      const s = setup('failed', 'failed', 'failed', 'failed', 'renewed');
      s.state.active = false;
      s.fire('connect_error', new Error('unauthorized'));
      // A second refusal while the round is under way starts no parallel one.
      s.fire('connect_error', new Error('unauthorized'));
      await jest.advanceTimersByTimeAsync(RENEWAL_RETRY_MAX_MS * 4);
      expect(s.refresh).toHaveBeenCalledTimes(5);
      expect(s.state.connects).toBe(1);
      expect(s.statuses[0]).toBe('connecting');
    });

    it('stops retrying after stop() or once the refresh token is gone', async () => {
      const stopped = setup('failed');
      stopped.fire('disconnect', 'io server disconnect');
      await jest.advanceTimersByTimeAsync(RENEWAL_RETRY_MS * 2);
      expect(stopped.refresh).toHaveBeenCalledTimes(2);
      stopped.wired.stop();
      expect(jest.getTimerCount()).toBe(0);
      await jest.advanceTimersByTimeAsync(10 * RENEWAL_RETRY_MAX_MS);
      expect(stopped.refresh).toHaveBeenCalledTimes(2);
      expect(stopped.state.connects).toBe(0);

      const signedOut = setup('failed');
      signedOut.fire('disconnect', 'io server disconnect');
      await jest.advanceTimersByTimeAsync(0);
      signedOut.session.hasRefreshToken = false;
      await jest.advanceTimersByTimeAsync(10 * RENEWAL_RETRY_MAX_MS);
      expect(signedOut.refresh).toHaveBeenCalledTimes(1);
      expect(signedOut.state.connects).toBe(0);
    });
  });

  it('leaves transport drops to socket.io', async () => {
    const s = setup();
    s.fire('disconnect', 'transport close');
    await settle();
    expect(s.refresh).not.toHaveBeenCalled();
    expect(s.state.connects).toBe(0);
  });

  it('after a refused handshake refreshes and reconnects, a bounded number of times until one succeeds', async () => {
    const s = setup();
    s.state.active = false;
    for (let i = 0; i < MAX_RENEWALS + 2; i++) {
      s.fire('connect_error', new Error('unauthorized'));
      await settle();
    }
    expect(s.state.connects).toBe(MAX_RENEWALS);
    s.fire('connect');
    s.fire('connect_error', new Error('unauthorized'));
    await settle();
    expect(s.state.connects).toBe(MAX_RENEWALS + 1);
  });

  it('passes each envelope on once and keeps the last id for the next handshake', () => {
    const s = setup();
    s.fire('incident.created', { id: '9', event: 'incident.created', at: '', data: { incidentId: 'a' } });
    s.fire('incident.created', { id: '9', event: 'incident.created', at: '', data: { incidentId: 'a' } });
    s.fire('incident.created', { id: '10', event: 'incident.created', at: '', data: { incidentId: 'b' } });
    expect(s.events).toEqual([
      ['incident.created', { incidentId: 'a' }],
      ['incident.created', { incidentId: 'b' }],
    ]);
    expect(s.wired.lastEventId()).toBe('10');
  });

  it('passes on an event that arrives after a higher id (another instance), and one the server could not store', () => {
    const s = setup();
    const envelope = (id: string, incidentId: string) => ({
      id,
      event: 'incident.created',
      at: '',
      data: { incidentId },
    });
    s.fire('incident.created', envelope('11', 'from-b'));
    s.fire('incident.created', envelope('10', 'from-a'));
    s.fire('incident.created', envelope('10', 'from-a'));
    s.fire('incident.created', envelope('0', 'unstored'));
    s.fire('incident.created', envelope('0', 'unstored-too'));
    expect(s.events.map(([, data]) => data.incidentId)).toEqual(['from-b', 'from-a', 'unstored', 'unstored-too']);
    // The next handshake asks for what came after the highest id seen.
    expect(s.wired.lastEventId()).toBe('11');
  });
});
