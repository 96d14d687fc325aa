/**
 * Pruning of sign-in records against real PostgreSQL, with a FixedClock moved by hand: login attempts go a day after
 * they were made (the throttle reads 15 minutes of them), refresh tokens 7 days after they expired or were revoked,
 * and a rotated token is kept until then so reuse detection still works. Tokens are made through the real
 * login/refresh/logout endpoints; the prune is the service method the hourly cron calls.
 */
import type { LoginResponse, TokenPair } from '@mw/shared';
import { FixedClock } from '../src/common/clock/clock';
import { AuthRetentionService } from '../src/modules/organisation/auth/auth-retention.service';
import { call } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('pruning of login attempts and refresh tokens (real PostgreSQL)', () => {
  let t: TestApp;
  let retention: AuthRetentionService;
  let person: PersonRow;
  const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ MW_LOGIN_IP_LIMIT: '3', MW_LOGIN_ACCOUNT_LIMIT: '100' }, { clock });
    retention = t.app.get(AuthRetentionService);
    person = await createPerson(t.db.dataSource);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    // A fresh throttling window for each test.
    clock.advance(16 * MINUTE);
  });

  const login = (email: string, password: string) =>
    call<LoginResponse & { code?: string }>(t.baseUrl, 'POST', 'auth/login', { body: { email, password } });
  const refresh = (refreshToken: string) =>
    call<TokenPair & { code?: string }>(t.baseUrl, 'POST', 'auth/refresh', { body: { refreshToken } });
  const signIn = async (): Promise<LoginResponse> => {
    const res = await login(person.email, person.password);
    expect(res.status).toBe(200);
    return res.body;
  };
  const attemptTimes = async (): Promise<number[]> => {
    const rows: { at: Date }[] = await t.db.dataSource.query(`SELECT at FROM login_attempt ORDER BY at`);
    return rows.map((r) => r.at.getTime());
  };
  const tokensOf = async (): Promise<{ rotated: boolean; revoked: boolean }[]> =>
    t.db.dataSource.query(
      `SELECT rotated_at IS NOT NULL AS rotated, revoked_at IS NOT NULL AS revoked FROM refresh_token
       WHERE person_id = $1 ORDER BY rotated_at NULLS LAST, revoked_at NULLS LAST`,
      [person.id],
    );
  const familyCount = async (): Promise<number> => {
    const rows: { n: number }[] = await t.db.dataSource.query(
      `SELECT count(DISTINCT family_id)::int AS n FROM refresh_token WHERE person_id = $1`,
      [person.id],
    );
    return rows[0]?.n ?? -1;
  };

  it('drops login attempts older than a day in batches and leaves the throttle window intact', async () => {
    const now = clock.now().getTime();
    for (const ageMs of [25 * HOUR, 26 * HOUR, 3 * DAY, 40 * DAY, 23 * HOUR]) {
      await t.db.dataSource.query(`INSERT INTO login_attempt (email, ip, succeeded, at) VALUES ($1, $2, false, $3)`, [
        'old@govap.test',
        '198.51.100.7',
        new Date(now - ageMs),
      ]);
    }
    for (let i = 0; i < 3; i++) expect((await login('nobody@govap.test', 'wrong password!')).status).toBe(401);
    expect((await login('nobody@govap.test', 'wrong password!')).status).toBe(429);

    // A batch of 2 forces several statements; all four rows past a day go, nothing younger.
    expect(await retention.prune(2)).toEqual({ loginAttempts: 4, refreshTokens: 0 });
    expect(await attemptTimes()).toEqual([now - 23 * HOUR, now, now, now]);
    expect((await login('nobody@govap.test', 'wrong password!')).status).toBe(429);

    clock.advance(DAY - 23 * HOUR + MINUTE);
    expect((await retention.prune()).loginAttempts).toBe(1);
    expect(await attemptTimes()).toEqual([now, now, now]);
    clock.advance(23 * HOUR);
    expect((await retention.prune()).loginAttempts).toBe(3);
    expect(await attemptTimes()).toEqual([]);
  });

  it('is safe when several instances prune at once', async () => {
    const old = new Date(clock.now().getTime() - 2 * DAY);
    await t.db.dataSource.query(
      `INSERT INTO login_attempt (email, ip, succeeded, at)
       SELECT 'bulk-' || i || '@govap.test', '198.51.100.8', false, $1 FROM generate_series(1, 500) AS i`,
      [old],
    );
    const results = await Promise.all([retention.prune(50), retention.prune(50), retention.prune(50)]);
    expect(results.reduce((sum, r) => sum + r.loginAttempts, 0)).toBe(500);
    expect(await attemptTimes()).toEqual([]);
  });

  it('drops refresh tokens 7 days after they were revoked or expired, keeping rotated ones for reuse detection', async () => {
    await t.db.dataSource.query(`DELETE FROM refresh_token`);
    // Family A: signed in, then rotated once (its first token is now the evidence of reuse).
    const a = await signIn();
    const a2 = await refresh(a.refreshToken);
    expect(a2.status).toBe(200);
    // Family B: signed out at once (revoked now).
    const b = await signIn();
    expect(
      (await call(t.baseUrl, 'POST', 'auth/logout', { token: b.accessToken, body: { refreshToken: b.refreshToken } }))
        .status,
    ).toBe(204);
    // Family C: signed in and left alone; it expires after 30 days.
    await signIn();
    expect(await familyCount()).toBe(3);

    clock.advance(7 * DAY - MINUTE);
    expect((await retention.prune()).refreshTokens).toBe(0);
    clock.advance(2 * MINUTE);
    expect((await retention.prune()).refreshTokens).toBe(1);
    expect(await familyCount()).toBe(2);

    // The rotated token of family A is still there, so presenting it again is caught and revokes the family.
    const reused = await refresh(a.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(a2.body.refreshToken)).status).toBe(401);
    expect(await tokensOf()).toEqual([
      { rotated: true, revoked: true },
      { rotated: false, revoked: true },
      { rotated: false, revoked: false },
    ]);

    // Family A was revoked just now: kept for 7 days, then dropped; family C stays until 7 days after it expires.
    clock.advance(7 * DAY - MINUTE);
    expect((await retention.prune()).refreshTokens).toBe(0);
    clock.advance(2 * MINUTE);
    expect((await retention.prune()).refreshTokens).toBe(2);
    expect(await tokensOf()).toEqual([{ rotated: false, revoked: false }]);

    // Family C was issued 14 days ago: it expires at 30 days and goes 7 days later.
    clock.advance(23 * DAY - 2 * MINUTE);
    expect((await retention.prune()).refreshTokens).toBe(0);
    clock.advance(DAY);
    expect((await retention.prune()).refreshTokens).toBe(1);
    expect(await familyCount()).toBe(0);
  });
});
