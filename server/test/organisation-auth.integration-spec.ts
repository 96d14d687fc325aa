/**
 * Sign-in against real PostgreSQL: the login contract, refresh rotation and reuse detection, logout, lockout,
 * throttling per IP and per account, password change and reset. A FixedClock drives token expiry and the
 * throttling windows; each test starts a fresh 15-minute window by moving the clock.
 */
import { Logger } from '@nestjs/common';
import type { LoginResponse, MeResponse, TokenPair } from '@mw/shared';
import { FixedClock } from '../src/common/clock/clock';
import { PasswordHasher } from '../src/modules/organisation/auth/password-hasher';
import { OrganisationBootstrap } from '../src/modules/organisation/organisation-bootstrap.service';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson } from './factories/person.factory';
import { startTestApp, TestApp } from './harness/test-app';

const ADMIN_EMAIL = 'Admin@GoVap.test';
const ADMIN_PASSWORD = 'first-admin-password';

describe('sign-in (real PostgreSQL)', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    t = await startTestApp(
      {
        MW_ADMIN_EMAIL: ADMIN_EMAIL,
        MW_ADMIN_PASSWORD: ADMIN_PASSWORD,
        MW_LOGIN_IP_LIMIT: '8',
        MW_LOGIN_ACCOUNT_LIMIT: '6',
        MW_LOGIN_LOCKOUT_AFTER: '5',
        MW_LOGIN_LOCKOUT_MINUTES: '15',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    clock.advance(16 * 60_000);
  });

  const login = (email: string, password: string) =>
    call<LoginResponse & { code?: string; field?: string; message?: string }>(t.baseUrl, 'POST', 'auth/login', {
      body: { email, password },
    });
  const refresh = (refreshToken: string) =>
    call<TokenPair & { code?: string }>(t.baseUrl, 'POST', 'auth/refresh', { body: { refreshToken } });

  it('creates the first admin from the environment once, and keeps the generated JWT secret in app_setting', async () => {
    await t.app.get(OrganisationBootstrap).onApplicationBootstrap();
    const people: { id: string }[] = await t.db.dataSource.query(`SELECT id FROM person WHERE email = $1`, [
      ADMIN_EMAIL.toLowerCase(),
    ]);
    expect(people).toHaveLength(1);
    const roles: { role: string; code: string }[] = await t.db.dataSource.query(
      `SELECT r.role, u.code FROM role_assignment r JOIN unit u ON u.id = r.unit_id WHERE r.person_id = $1`,
      [people[0]?.id],
    );
    expect(roles).toEqual([{ role: 'admin', code: 'GV-OFFICE' }]);
    const secret: { len: number }[] = await t.db.dataSource.query(
      `SELECT length(value #>> '{}') AS len FROM app_setting WHERE key = 'jwt_secret'`,
    );
    expect(secret[0]?.len).toBeGreaterThanOrEqual(32);
  });

  it('answers the login contract and GET /api/me with the person and roles', async () => {
    const res = await login('admin@govap.test', ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['accessToken', 'refreshToken', 'user']));
    expect(res.body.user).toMatchObject({
      email: 'admin@govap.test',
      roles: [{ role: 'admin', unitCode: 'GV-OFFICE' }],
    });

    const me = await call<MeResponse>(t.baseUrl, 'GET', 'me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'admin@govap.test', scope: 'all' });
    expect(me.body.roles.map((r) => r.role)).toEqual(['admin']);
    expect(JSON.stringify(me.body)).not.toMatch(/argon2|password/i);
  });

  it('answers 401 for a wrong password or an unknown e-mail, and 400 naming the field for a bad body', async () => {
    const wrong = await login(ADMIN_EMAIL, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect((await login('nobody@govap.test', ADMIN_PASSWORD)).status).toBe(401);

    const missing = await call<{ field: string }>(t.baseUrl, 'POST', 'auth/login', { body: { email: ADMIN_EMAIL } });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('password');
    const extra = await call<{ field: string }>(t.baseUrl, 'POST', 'auth/login', {
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin' },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.field).toBe('role');
  });

  it('logs each failure with the e-mail and address but never the password', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await login(ADMIN_EMAIL, 'Secret-Guess-123');
      await login('unknown@govap.test', 'Secret-Guess-456');
      const logged = warn.mock.calls.map((args) => JSON.stringify(args));
      const failures = logged.filter((line) => line.includes('login failed'));
      expect(failures).toHaveLength(2);
      expect(failures[0]).toContain('admin@govap.test');
      expect(failures[0]).toContain('wrong password');
      expect(failures[1]).toContain('unknown e-mail');
      expect(logged.join('\n')).not.toContain('Secret-Guess');
    } finally {
      warn.mockRestore();
    }
  });

  it('rotates refresh tokens and revokes the whole family when an old one is reused', async () => {
    const first = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const other = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const r1 = first.body.refreshToken;

    const second = await refresh(r1);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(r1);
    expect((await call(t.baseUrl, 'GET', 'me', { token: second.body.accessToken })).status).toBe(200);

    const reuse = await refresh(r1);
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The thief's copy and the legitimate newer token die together.
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    // Another session (another family) is untouched.
    expect((await refresh(other.body.refreshToken)).status).toBe(200);

    const stored: { token_hash: string }[] = await t.db.dataSource.query(`SELECT token_hash FROM refresh_token`);
    expect(stored.map((s) => s.token_hash)).not.toContain(r1);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
  });

  it('ends a session 30 days after sign-in however often its refresh token was renewed', async () => {
    const session = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    let token = session.body.refreshToken;
    for (let week = 1; week <= 4; week++) {
      clock.advance(7 * 24 * 3600_000);
      const renewed = await refresh(token);
      expect(renewed.status).toBe(200);
      token = renewed.body.refreshToken;
    }
    // Day 28 renewed; day 31 is past the family's absolute end although the last token is only 3 days old.
    clock.advance(3 * 24 * 3600_000);
    expect((await refresh(token)).status).toBe(401);
  });

  it('logs out by revoking the family of the given refresh token', async () => {
    const session = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const out = await call(t.baseUrl, 'POST', 'auth/logout', {
      token: session.body.accessToken,
      body: { refreshToken: session.body.refreshToken },
    });
    expect(out.status).toBe(204);
    expect((await refresh(session.body.refreshToken)).status).toBe(401);
  });

  it('expires access tokens after 15 minutes', async () => {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: 'leader' }] });
    const token = tokenFor(t.app, person.id);
    expect((await call(t.baseUrl, 'GET', 'me', { token })).status).toBe(200);
    clock.advance(15 * 60_000 + 1000);
    const expired = await call<{ code: string; message: string }>(t.baseUrl, 'GET', 'me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
  });

  it('locks an account after 5 wrong passwords, refuses even the right one, and unlocks after 15 minutes', async () => {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: 'principal', unitCode: '79000724' }] });
    for (let i = 0; i < 4; i++) expect((await login(person.email, 'wrong-password')).status).toBe(401);
    const fifth = await login(person.email, 'wrong-password');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.body.message).toMatch(/try again in 15 minutes/);

    const right = await login(person.email, person.password);
    expect(right.status).toBe(423);

    clock.advance(15 * 60_000 + 1000);
    const after = await login(person.email, person.password);
    expect(after.status).toBe(200);
    const rows: { failures: number; locked_until: Date | null }[] = await t.db.dataSource.query(
      `SELECT failures, locked_until FROM login_lockout WHERE email = $1`,
      [person.email],
    );
    expect(rows).toEqual([]);
    const attempts: { n: number }[] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM login_attempt WHERE email = $1 AND NOT succeeded`,
      [person.email],
    );
    // The attempt refused while locked checked nothing and is not counted.
    expect(attempts[0]?.n).toBe(5);
  });

  it('throttles failures per IP address with 429, even for correct credentials, until the window passes', async () => {
    for (let i = 0; i < 8; i++) expect((await login(`stranger${i}@govap.test`, 'guessing-password')).status).toBe(401);
    const blocked = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    clock.advance(15 * 60_000 + 1000);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
  });

  it('locks an e-mail that has no account exactly like a real one: same answer, no hashing once locked', async () => {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: 'principal', unitCode: '79000724' }] });
    const hasher = t.app.get(PasswordHasher);
    // Both paths spend one argon2 run per 401 (verify for a real account, verifyNothing for an unknown e-mail).
    const verify = jest.spyOn(hasher, 'verify');
    const verifyNothing = jest.spyOn(hasher, 'verifyNothing');
    const lockOut = async (email: string, right: string) => {
      for (let i = 0; i < 4; i++) expect((await login(email, `guess-${i}-password`)).status).toBe(401);
      const fifth = await login(email, 'guess-5-password');
      expect(fifth.status).toBe(423);
      verify.mockClear();
      verifyNothing.mockClear();
      clock.advance(5 * 60_000 + 1000);
      const later = await login(email, right);
      // Refused before any lookup or hashing, with the minutes left.
      expect([later.status, later.body.code, (later.body as { retryAfterMinutes?: number }).retryAfterMinutes]).toEqual(
        [423, 'ACCOUNT_LOCKED', 10],
      );
      expect(verify).not.toHaveBeenCalled();
      expect(verifyNothing).not.toHaveBeenCalled();
      return fifth.body as unknown as Record<string, unknown>;
    };
    try {
      const real = await lockOut(person.email, person.password);
      // The address's 15-minute window of failures passes before the second e-mail is tried.
      clock.advance(16 * 60_000);
      const ghost = await lockOut('ghost@govap.test', 'any-password-x');
      expect(real).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterMinutes: 15 });
      expect(String(real.message)).toMatch(/15 minutes/);
      const shape = (b: Record<string, unknown>) => ({ ...b, lockedUntil: typeof b.lockedUntil });
      expect(shape(ghost)).toEqual(shape(real));
    } finally {
      verify.mockRestore();
      verifyNothing.mockRestore();
    }
  });

  it('counts 50 wrong passwords sent in parallel: at most the lockout threshold is ever checked', async () => {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: 'leader' }] });
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    try {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login(person.email, `parallel-${i}-pw`)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
      expect(statuses.every((s) => s === 401 || s === 423 || s === 429)).toBe(true);
      expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    } finally {
      verify.mockRestore();
    }
  });

  it('refuses a right password sent inside a burst of wrong ones once the burst has used up the attempts', async () => {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: 'leader' }] });
    const hasher = t.app.get(PasswordHasher);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = hasher.verify.bind(hasher);
    const verify = jest.spyOn(hasher, 'verify').mockImplementation(async (hash, password) => {
      await gate;
      return original(hash, password);
    });
    try {
      let settled = 0;
      const wrong = Array.from({ length: 10 }, (_, i) =>
        login(person.email, `burst-${i}-password`).finally(() => settled++),
      );
      // Every wrong guess is either being checked (held at the gate) or already answered.
      while (verify.mock.calls.length + settled < 10) await new Promise((r) => setTimeout(r, 10));
      let rightSettled = false;
      const right = login(person.email, person.password).finally(() => (rightSettled = true));
      while (verify.mock.calls.length < 11 && !rightSettled) await new Promise((r) => setTimeout(r, 10));
      release();
      expect((await right).status).toBe(423);
      const statuses = (await Promise.all(wrong)).map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(4);
      expect(statuses.filter((s) => s === 423)).toHaveLength(6);
    } finally {
      release();
      verify.mockRestore();
    }
  });

  it('changes the password, signs out other sessions and audits it', async () => {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: 'steering_member' }] });
    const session = await login(person.email, person.password);
    const token = session.body.accessToken;

    const wrong = await call<{ field: string }>(t.baseUrl, 'POST', 'auth/change-password', {
      token,
      body: { currentPassword: 'not-it-at-all', newPassword: 'a-brand-new-password' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('currentPassword');
    const short = await call<{ field: string }>(t.baseUrl, 'POST', 'auth/change-password', {
      token,
      body: { currentPassword: person.password, newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('newPassword');

    const changed = await call<TokenPair>(t.baseUrl, 'POST', 'auth/change-password', {
      token,
      body: { currentPassword: person.password, newPassword: 'a-brand-new-password' },
    });
    expect(changed.status).toBe(200);
    expect((await refresh(session.body.refreshToken)).status).toBe(401);
    expect((await refresh(changed.body.refreshToken)).status).toBe(200);
    expect((await login(person.email, person.password)).status).toBe(401);
    expect((await login(person.email, 'a-brand-new-password')).status).toBe(200);

    const audit: { action: string; actor_id: string; before: unknown; after: unknown }[] = await t.db.dataSource.query(
      `SELECT action, actor_id, before, after FROM audit_log WHERE entity_id = $1`,
      [person.id],
    );
    expect(audit).toEqual([{ action: 'person.password_change', actor_id: person.id, before: null, after: null }]);
  });

  it('lets an admin reset a password, which unlocks the account', async () => {
    const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const person = await createPerson(t.db.dataSource, { roles: [{ role: 'principal', unitCode: '79000725' }] });
    for (let i = 0; i < 5; i++) await login(person.email, `wrong-password-${i}`);
    expect((await login(person.email, person.password)).status).toBe(423);
    const reset = await call<{ temporaryPassword: string }>(t.baseUrl, 'POST', `people/${person.id}/reset-password`, {
      token: admin.body.accessToken,
      body: {},
    });
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect((await login(person.email, reset.body.temporaryPassword)).status).toBe(200);
  });

  it('stops a deactivated person at once, whatever tokens they hold', async () => {
    const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const person = await createPerson(t.db.dataSource, { roles: [{ role: 'leader' }] });
    const session = await login(person.email, person.password);
    const off = await call(t.baseUrl, 'PATCH', `people/${person.id}`, {
      token: admin.body.accessToken,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    expect((await call(t.baseUrl, 'GET', 'me', { token: session.body.accessToken })).status).toBe(401);
    expect((await refresh(session.body.refreshToken)).status).toBe(401);
    expect((await login(person.email, person.password)).status).toBe(401);
  });
});
