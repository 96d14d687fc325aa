/**
 * Sockets follow the session and the roles behind them, on every instance: two application instances on one
 * PostgreSQL, people signing in over HTTP and connecting sockets to either. Signing out, a password change and
 * deactivation end the sockets of the sessions they end (and their access tokens with them); a role change moves
 * connected sockets to the rooms of the new roles at once, instead of when their token expires.
 */
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RealtimeEvent, type LoginResponse, type RealtimeEnvelope, type TokenPair } from '@mw/shared';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../src/bootstrap';
import { JsonLogger } from '../src/common/logging/json-logger';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { RealtimeService } from '../src/modules/realtime/realtime.service';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const ENV = { MW_JWT_SECRET: 'q'.repeat(48) };
const SCHOOL_A = '79000724';
const SCHOOL_B = '79000725';

describe('sockets follow sessions and roles (two instances, one PostgreSQL)', () => {
  let first: TestApp;
  let second: NestExpressApplication;
  let secondUrl: string;
  let admin: PersonRow;
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
    admin = await createPerson(first.db.dataSource, { roles: [{ role: 'admin' }] });
    await crossInstanceReady();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  function connect(url: string, token: string): Socket {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  }

  async function connected(url: string, token: string): Promise<Socket & { ended: string[] }> {
    const socket = connect(url, token) as Socket & { ended: string[] };
    socket.ended = [];
    socket.on('disconnect', (reason: string) => socket.ended.push(reason));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    return socket;
  }

  function refused(url: string, token: string): Promise<string> {
    const socket = connect(url, token);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve(err.message));
    });
  }

  async function until(check: () => boolean, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The second instance's adapter LISTENs from a connection it opens at boot: wait until a broadcast crosses. */
  async function crossInstanceReady(): Promise<void> {
    const probe = await createPerson(first.db.dataSource, { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    const socket = await connected(secondUrl, tokenFor(first.app, probe.id));
    let seen = 0;
    socket.on(RealtimeEvent.MentionCreated, () => seen++);
    for (let attempt = 0; attempt < 40 && seen === 0; attempt++) {
      first.app.get(RealtimeService).publish([`user:${probe.id}`], RealtimeEvent.MentionCreated, {
        mentionId: 'probe',
        unitCodes: [],
        incidentId: null,
        title: 'probe',
      });
      await until(() => seen > 0, 250).catch(() => undefined);
    }
    socket.disconnect();
    if (seen === 0) throw new Error('the second instance never heard the first');
  }

  async function login(person: PersonRow): Promise<LoginResponse> {
    const res = await call<LoginResponse>(first.baseUrl, 'POST', 'auth/login', {
      body: { email: person.email, password: person.password },
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('signing out ends the sockets of that session on every instance, and its access token', async () => {
    const person = await createPerson(first.db.dataSource, { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    const phone = await login(person);
    const desk = await login(person);
    const onFirst = await connected(first.baseUrl, phone.accessToken);
    const onSecond = await connected(secondUrl, phone.accessToken);
    const otherSession = await connected(secondUrl, desk.accessToken);

    const out = await call(first.baseUrl, 'POST', 'auth/logout', {
      token: phone.accessToken,
      body: { refreshToken: phone.refreshToken },
    });
    expect(out.status).toBe(204);
    await until(() => onFirst.ended.length > 0 && onSecond.ended.length > 0).catch(() => undefined);
    expect({ first: onFirst.ended, second: onSecond.ended, other: otherSession.connected }).toEqual({
      first: ['io server disconnect'],
      second: ['io server disconnect'],
      other: true,
    });
    expect(await refused(secondUrl, phone.accessToken)).toBe('unauthorized');
    expect((await call(first.baseUrl, 'GET', 'me', { token: phone.accessToken })).status).toBe(401);
    expect((await call(first.baseUrl, 'GET', 'me', { token: desk.accessToken })).status).toBe(200);
  });

  it("a password change ends every other session's sockets; the new pair connects", async () => {
    const person = await createPerson(first.db.dataSource, { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    const phone = await login(person);
    const desk = await login(person);
    const phoneSocket = await connected(secondUrl, phone.accessToken);
    const deskSocket = await connected(first.baseUrl, desk.accessToken);

    const changed = await call<TokenPair>(first.baseUrl, 'POST', 'auth/change-password', {
      token: desk.accessToken,
      body: { currentPassword: person.password, newPassword: 'mật khẩu mới của hiệu trưởng' },
    });
    expect(changed.status).toBe(200);
    await until(() => phoneSocket.ended.length > 0 && deskSocket.ended.length > 0).catch(() => undefined);
    expect({ phone: phoneSocket.ended, desk: deskSocket.ended }).toEqual({
      phone: ['io server disconnect'],
      desk: ['io server disconnect'],
    });
    expect(await refused(secondUrl, phone.accessToken)).toBe('unauthorized');
    expect((await connected(secondUrl, changed.body.accessToken)).connected).toBe(true);
  });

  it('deactivating a person ends their sockets on every instance', async () => {
    const person = await createPerson(first.db.dataSource, { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    const session = await login(person);
    const socket = await connected(secondUrl, session.accessToken);
    const res = await call(first.baseUrl, 'PATCH', `people/${person.id}`, {
      token: tokenFor(first.app, admin.id),
      body: { active: false },
    });
    expect(res.status).toBe(200);
    await until(() => socket.ended.length > 0).catch(() => undefined);
    expect(socket.ended).toEqual(['io server disconnect']);
    expect(await refused(secondUrl, session.accessToken)).toBe('unauthorized');
  });

  it('a role change moves connected sockets to the rooms of the new roles on every instance', async () => {
    const person = await createPerson(first.db.dataSource, { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    const session = await login(person);
    const socket = await connected(secondUrl, session.accessToken);
    const seen: string[] = [];
    socket.on(RealtimeEvent.IncidentCreated, (e: RealtimeEnvelope<typeof RealtimeEvent.IncidentCreated>) =>
      seen.push(e.data.incidentId),
    );
    const adminToken = tokenFor(first.app, admin.id);
    const [assignment] = (await first.db.dataSource.query(
      `SELECT id FROM role_assignment WHERE person_id = $1 AND renounced_at IS NULL`,
      [person.id],
    )) as { id: string }[];
    // Moved from school A to school B.
    expect(
      (
        await call(first.baseUrl, 'POST', `people/${person.id}/roles`, {
          token: adminToken,
          body: { role: 'principal', unitCode: SCHOOL_B },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(first.baseUrl, 'POST', `people/${person.id}/roles/${assignment?.id}/renounce`, { token: adminToken }))
        .status,
    ).toBe(200);

    const realtime = first.app.get(RealtimeService);
    const publish = (unit: string, id: string) =>
      realtime.publish([`unit:${unit}`], RealtimeEvent.IncidentCreated, {
        incidentId: id,
        unitCodes: [unit],
        severity: 'S3',
        title: `Sự cố ${id}`,
      });
    // Rooms are re-evaluated by the instance holding the socket: give it the time one broadcast takes to cross.
    const deadline = Date.now() + 8000;
    let round = 0;
    while (!seen.includes(`b-${round}`) && Date.now() < deadline) {
      round++;
      publish(SCHOOL_A, `a-${round}`);
      publish(SCHOOL_B, `b-${round}`);
      await until(() => seen.includes(`b-${round}`), 300).catch(() => undefined);
    }
    const last = round;
    publish(SCHOOL_A, 'a-last');
    publish(SCHOOL_B, 'b-last');
    await until(() => seen.includes('b-last')).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect({
      connected: socket.connected,
      bReached: seen.includes(`b-${last}`) && seen.includes('b-last'),
      aAfterMove: seen.includes('a-last'),
    }).toEqual({ connected: true, bReached: true, aAfterMove: false });
  });
});
