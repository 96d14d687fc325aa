/**
 * Request ids and the access log, through the real HTTP application on real PostgreSQL: an incoming X-Request-Id is
 * kept when safe (else a UUID is made), echoed in the response, and carried into every log line written while
 * serving the request, past the body parser and database calls; one access line per request names the method, the
 * route pattern, status, duration, request id and person, and never a token, password or query string.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../src/bootstrap';
import { JsonLogger } from '../src/common/logging/json-logger';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { bearer, tokenFor } from './factories/auth.factory';
import { createPerson } from './factories/person.factory';
import { createTestDatabase, type TestDatabase } from './harness/test-database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PASSWORD = 'Mật-khẩu-bí-mật-123';

type LogLine = Record<string, unknown>;

describe('request ids and the access log (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let baseUrl: string;
  let principal: { id: string; email: string };
  let principalToken: string;
  const written: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const config = new AppConfig(
      parseEnv({ MW_SCHEDULER_ENABLED: 'false', MW_WEB_DIST: '', MW_SEED_SOURCES: 'false', LOG_LEVEL: 'info' }),
      db.url,
    );
    app = await createApp(config, new JsonLogger('info', sink));
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const person = await createPerson(db.dataSource, {
      password: PASSWORD,
      roles: [{ role: 'principal', unitCode: '79000724' }],
    });
    principal = person;
    principalToken = tokenFor(app, person.id);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const lines = (): LogLine[] => written.map((l) => JSON.parse(l) as LogLine);
  const accessLines = (requestId: string) =>
    lines().filter((l) => l.msg === 'http request' && l.requestId === requestId);

  it('keeps a safe incoming id, echoes it and puts it on every line of the request, past the body and the database', async () => {
    const requestId = 'req-7f3a:batch_2.1';
    const res = await fetch(`${baseUrl}/api/sources`, {
      method: 'POST',
      headers: { ...bearer(principalToken), 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ name: 'Nguồn thử', url: 'https://example.org/rss' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    // The guard's refusal is logged after the token was checked against the database and the body was parsed.
    const refused = lines().find((l) => l.msg === 'role refused' && l.personId === principal.id);
    expect(refused).toMatchObject({ level: 'warn', requestId });
    expect(accessLines(requestId)).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'http',
        method: 'POST',
        route: '/api/sources',
        status: 403,
        requestId,
        userId: principal.id,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('makes a UUID when the incoming id is missing, too long or unsafe', async () => {
    for (const given of [undefined, 'a'.repeat(65), 'id with spaces', '<script>', 'ok\u00e9']) {
      const res = await fetch(`${baseUrl}/api/health`, {
        headers: given === undefined ? {} : { 'x-request-id': given },
      });
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      expect(accessLines(id)).toEqual([
        expect.objectContaining({ method: 'GET', route: '/api/health', status: 200, requestId: id }),
      ]);
      expect(accessLines(id)[0]).not.toHaveProperty('userId');
    }
    expect(
      (await fetch(`${baseUrl}/api/health`, { headers: { 'x-request-id': 'a'.repeat(64) } })).headers.get(
        'x-request-id',
      ),
    ).toBe('a'.repeat(64));
  });

  it('never writes a token, a password or a query string into the log', async () => {
    const before = written.length;
    const login = await fetch(`${baseUrl}/api/auth/login?token=query-secret-42`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'login-1' },
      body: JSON.stringify({ email: principal.email, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken, refreshToken } = (await login.json()) as { accessToken: string; refreshToken: string };
    await fetch(`${baseUrl}/api/me?access_token=${accessToken}`, {
      headers: { ...bearer(accessToken), 'x-request-id': 'me-1' },
    });
    await fetch(`${baseUrl}/api/no-such-route/${refreshToken}?secret=query-secret-43`, {
      headers: { 'x-request-id': 'unknown-1' },
    });
    const text = written.slice(before).join('\n');
    for (const secret of [PASSWORD, accessToken, refreshToken, principalToken, 'query-secret-42', 'query-secret-43'])
      expect(text).not.toContain(secret);
    expect(accessLines('login-1')).toEqual([
      expect.objectContaining({ method: 'POST', route: '/api/auth/login', status: 200 }),
    ]);
    expect(accessLines('me-1')).toEqual([
      expect.objectContaining({ route: '/api/me', status: 200, userId: principal.id }),
    ]);
    expect(accessLines('unknown-1')).toEqual([expect.objectContaining({ route: 'unmatched', status: 404 })]);
  });

  it('keeps requests served at the same time apart', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `parallel-${i}`);
    await Promise.all(
      ids.map((id) =>
        fetch(`${baseUrl}/api/sources`, {
          method: 'POST',
          headers: { ...bearer(principalToken), 'content-type': 'application/json', 'x-request-id': id },
          body: JSON.stringify({ name: id }),
        }),
      ),
    );
    for (const id of ids) {
      expect(accessLines(id)).toHaveLength(1);
      expect(lines().filter((l) => l.msg === 'role refused' && l.requestId === id)).toHaveLength(1);
    }
  });

  it('writes no request id on lines written outside any request', () => {
    const logger = new JsonLogger('info', {
      write: (line: string) => {
        expect(JSON.parse(line)).not.toHaveProperty('requestId');
        return true;
      },
    } as unknown as NodeJS.WritableStream);
    logger.event('info', 'background work');
  });
});
