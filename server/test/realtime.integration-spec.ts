/**
 * The socket.io gateway against real PostgreSQL with two application instances on the same database: the
 * handshake refuses missing and bad tokens, rooms follow the person's scope, an event published on one instance
 * reaches a client connected to the other (PostgreSQL adapter), a client reconnecting with lastEventId gets
 * what it missed, and a socket is told `session.expired` and disconnected when its handshake token expires.
 */
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  RealtimeControlEvent,
  RealtimeEvent,
  type RealtimeEnvelope,
  type RealtimeErrorPayload,
  type RealtimeSubscribeResult,
} from '@mw/shared';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { JsonLogger } from '../src/common/logging/json-logger';
import { RealtimeService } from '../src/modules/realtime/realtime.service';
import { tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const SECRET = 'r'.repeat(48);
const SCHOOL_A = '79000724';
const SCHOOL_B = '79000725';
const ENV = { MW_JWT_SECRET: SECRET };

describe('realtime gateway (two instances, one PostgreSQL)', () => {
  let first: TestApp;
  let second: NestExpressApplication;
  let secondUrl: string;
  let principalA: PersonRow;
  let principalB: PersonRow;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    first = await startTestApp(ENV);
    const config = new AppConfig(
      parseEnv({ MW_SCHEDULER_ENABLED: 'false', MW_WEB_DIST: '', LOG_LEVEL: 'error', ...ENV }),
      first.db.url,
    );
    second = await createApp(config, new JsonLogger('error', process.stderr));
    await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
    principalA = await createPerson(first.db.dataSource, { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    principalB = await createPerson(first.db.dataSource, { roles: [{ role: 'principal', unitCode: SCHOOL_B }] });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  function connect(url: string, auth: Record<string, string>, extraHeaders?: Record<string, string>): Socket {
    const socket = io(url, { auth, extraHeaders, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  }

  function connected(socket: Socket): Promise<void> {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
  }

  function refused(socket: Socket): Promise<string> {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected without a valid token')));
      socket.once('connect_error', (err) => resolve(err.message));
    });
  }

  function collect(socket: Socket, event: string): RealtimeEnvelope[] {
    const seen: RealtimeEnvelope[] = [];
    socket.on(event, (envelope: RealtimeEnvelope) => seen.push(envelope));
    return seen;
  }

  async function until(check: () => boolean, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('refuses a handshake without a token or with a bad one', async () => {
    expect(await refused(connect(first.baseUrl, {}))).toBe('unauthorized');
    expect(await refused(connect(first.baseUrl, { token: 'not-a-jwt' }))).toBe('unauthorized');
    const forged = `${tokenFor(first.app, principalA.id).slice(0, -4)}AAAA`;
    expect(await refused(connect(first.baseUrl, { token: forged }))).toBe('unauthorized');
    await connected(connect(first.baseUrl, {}, { authorization: `Bearer ${tokenFor(first.app, principalA.id)}` }));
  });

  it('lets a principal join only the rooms of their own school', async () => {
    const socket = connect(first.baseUrl, { token: tokenFor(first.app, principalA.id) });
    const errors: RealtimeErrorPayload[] = [];
    socket.on('realtime.error', (e: RealtimeErrorPayload) => errors.push(e));
    await connected(socket);
    const other = (await socket.emitWithAck('subscribe', { room: `unit:${SCHOOL_B}` })) as RealtimeSubscribeResult;
    expect(other).toEqual({ ok: false, code: 'ROOM_REFUSED' });
    const office = (await socket.emitWithAck('subscribe', { room: 'office' })) as RealtimeSubscribeResult;
    expect(office).toEqual({ ok: false, code: 'ROOM_REFUSED' });
    const own = (await socket.emitWithAck('subscribe', { room: `unit:${SCHOOL_A}` })) as RealtimeSubscribeResult;
    expect(own).toEqual({ ok: true, room: `unit:${SCHOOL_A}`, replayed: 0 });
    await until(() => errors.length === 2);
    expect(errors.map((e) => [e.code, e.room])).toEqual([
      ['ROOM_REFUSED', `unit:${SCHOOL_B}`],
      ['ROOM_REFUSED', 'office'],
    ]);

    // Nor does a published event of school B reach school A's principal.
    const seen = collect(socket, RealtimeEvent.IncidentCreated);
    const realtime = first.app.get(RealtimeService);
    realtime.publish([`unit:${SCHOOL_B}`], RealtimeEvent.IncidentCreated, {
      incidentId: 'b-1',
      unitCodes: [SCHOOL_B],
      severity: 'S2',
      title: 'Sự cố của trường B',
    });
    realtime.publish([`unit:${SCHOOL_A}`], RealtimeEvent.IncidentCreated, {
      incidentId: 'a-1',
      unitCodes: [SCHOOL_A],
      severity: 'S3',
      title: 'Sự cố của trường A',
    });
    await until(() => seen.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.map((e) => e.data)).toEqual([expect.objectContaining({ incidentId: 'a-1' })]);
  });

  it('delivers an event published on one instance to a client connected to the other', async () => {
    const onSecond = connect(secondUrl, { token: tokenFor(first.app, principalA.id) });
    const onSecondB = connect(secondUrl, { token: tokenFor(first.app, principalB.id) });
    await Promise.all([connected(onSecond), connected(onSecondB)]);
    const seen = collect(onSecond, RealtimeEvent.IncidentUpdated);
    const seenB = collect(onSecondB, RealtimeEvent.IncidentUpdated);
    // The adapter of the second instance LISTENs from a connection it opens at boot; publish again until it is up.
    const realtime = first.app.get(RealtimeService);
    for (let attempt = 0; attempt < 10 && seen.length === 0; attempt++) {
      realtime.publish([`unit:${SCHOOL_A}`], RealtimeEvent.IncidentUpdated, {
        incidentId: 'a-2',
        unitCodes: [SCHOOL_A],
        status: 'acknowledged',
        summary: 'Đã xác nhận',
      });
      await until(() => seen.length > 0, 1000).catch(() => undefined);
    }
    const envelope = seen[0] as RealtimeEnvelope<typeof RealtimeEvent.IncidentUpdated>;
    expect(envelope.event).toBe(RealtimeEvent.IncidentUpdated);
    expect(envelope.id).toMatch(/^\d+$/);
    expect(envelope.data).toEqual({
      incidentId: 'a-2',
      unitCodes: [SCHOOL_A],
      status: 'acknowledged',
      summary: 'Đã xác nhận',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(seenB).toEqual([]);
  });

  it('replays what a client missed when it reconnects with lastEventId, only from its rooms', async () => {
    const realtime = first.app.get(RealtimeService);
    const firstSocket = connect(first.baseUrl, { token: tokenFor(first.app, principalA.id) });
    const seen = collect(firstSocket, RealtimeEvent.MentionCreated);
    await connected(firstSocket);
    realtime.publish([`unit:${SCHOOL_A}`], RealtimeEvent.MentionCreated, {
      mentionId: 'm-1',
      unitCodes: [SCHOOL_A],
      incidentId: null,
      title: 'Bài báo thứ nhất',
    });
    await until(() => seen.length === 1);
    const lastEventId = (seen[0] as RealtimeEnvelope).id;
    firstSocket.disconnect();

    for (const [id, room] of [
      ['m-2', `unit:${SCHOOL_A}`],
      ['m-3', `unit:${SCHOOL_B}`],
      ['m-4', `user:${principalA.id}`],
    ] as const) {
      realtime.publish([room], RealtimeEvent.MentionCreated, {
        mentionId: id,
        unitCodes: [],
        incidentId: null,
        title: `Bài báo ${id}`,
      });
    }
    await realtime.flush();

    // Back on the instance that published: it emitted to nobody then, so whatever arrives now is the replay.
    const again = connect(first.baseUrl, { token: tokenFor(first.app, principalA.id), lastEventId });
    const replayed = collect(again, RealtimeEvent.MentionCreated);
    await connected(again);
    // As clients are told to: drop what is at or before lastEventId or already handled (a broadcast relayed late
    // between instances can arrive next to its replay).
    const handled = () => {
      const byId = new Map(replayed.filter((e) => BigInt(e.id) > BigInt(lastEventId)).map((e) => [e.id, e]));
      return [...byId.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    };
    await until(() => handled().length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(handled().map((e) => (e.data as { mentionId: string }).mentionId)).toEqual(['m-2', 'm-4']);
  });

  it('disconnects a socket when its access token expires, telling it first; a fresh token connects again', async () => {
    // A two-second token signed with the test secret, exactly as the server signs its 15-minute ones.
    const jwt = new JwtService();
    const shortLived = jwt.sign(
      { sub: principalA.id, typ: 'access' },
      { secret: SECRET, algorithm: 'HS256', expiresIn: 2 },
    );
    const { exp } = jwt.decode<{ exp: number }>(shortLived);
    const socket = connect(first.baseUrl, { token: shortLived });
    const happened: unknown[] = [];
    socket.on(RealtimeControlEvent.SessionExpired, (payload: unknown) => happened.push(payload));
    socket.on('disconnect', (reason: string) => happened.push(`disconnect: ${reason}`));
    await connected(socket);
    expect(happened).toEqual([]);

    await until(() => happened.length >= 2, 6000);
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000 - 100);
    expect(happened).toEqual([{ expiredAt: new Date(exp * 1000).toISOString() }, 'disconnect: io server disconnect']);
    expect(await refused(connect(first.baseUrl, { token: shortLived }))).toBe('unauthorized');

    // Reconnecting with a fresh token works, and the new socket is back in its unit's room.
    const again = connect(first.baseUrl, { token: tokenFor(first.app, principalA.id) });
    const seen = collect(again, RealtimeEvent.IncidentCreated);
    await connected(again);
    first.app.get(RealtimeService).publish([`unit:${SCHOOL_A}`], RealtimeEvent.IncidentCreated, {
      incidentId: 'a-after-expiry',
      unitCodes: [SCHOOL_A],
      severity: 'S3',
      title: 'Sau khi phiên hết hạn',
    });
    await until(() => seen.length >= 1);
    expect(seen[0]?.data).toMatchObject({ incidentId: 'a-after-expiry' });
    expect(again.connected).toBe(true);
  });
});
