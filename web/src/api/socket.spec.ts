/// <reference types="jest" />
import { RealtimeControlEvent } from '@mw/shared';
import { MAX_RENEWALS, wireRealtime, type RealtimeSocketLike } from './socket';

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
  function setup(refreshResult = true) {
    const fake = fakeSocket();
    const refresh = jest.fn(async () => refreshResult);
    const statuses: string[] = [];
    const events: [string, Record<string, unknown>][] = [];
    const wired = wireRealtime(fake.socket, {
      refresh,
      onStatus: (s) => statuses.push(s),
      onEvent: (event, data) => events.push([event, data]),
    });
    return { ...fake, refresh, statuses, events, wired };
  }

  it('refreshes the token and connects again when the server ends the session', async () => {
    const s = setup();
    s.fire('connect');
    s.fire(RealtimeControlEvent.SessionExpired, { expiredAt: '2026-03-02T02:15:00.000Z' });
    s.fire('disconnect', 'io server disconnect');
    await settle();
    expect(s.refresh).toHaveBeenCalledTimes(1);
    expect(s.state.connects).toBe(1);
    expect(s.statuses).toEqual(['live', 'offline']);
    expect(s.events).toEqual([]);
  });

  it('does not reconnect when the refresh is refused, nor after stop()', async () => {
    const refused = setup(false);
    refused.fire('disconnect', 'io server disconnect');
    await settle();
    expect(refused.refresh).toHaveBeenCalledTimes(1);
    expect(refused.state.connects).toBe(0);

    const stopped = setup();
    stopped.fire('disconnect', 'io server disconnect');
    stopped.wired.stop();
    await settle();
    expect(stopped.state.connects).toBe(0);
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
});
