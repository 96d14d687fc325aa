/**
 * MW_TRUST_PROXY against real PostgreSQL: the per-IP login throttle counts the client named in X-Forwarded-For
 * only when the proxy it came through (here loopback) is trusted; otherwise every request counts against the
 * proxy's own address, whatever the header says.
 */
import { call } from './factories/auth.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const ENV = { MW_LOGIN_IP_LIMIT: '3', MW_LOGIN_ACCOUNT_LIMIT: '100' };

async function failLogin(t: TestApp, forwardedFor: string, n: number): Promise<number> {
  const res = await call<{ code?: string }>(t.baseUrl, 'POST', 'auth/login', {
    body: { email: `nobody-${n}@govap.test`, password: 'not the password' },
    headers: { 'x-forwarded-for': forwardedFor },
  });
  return res.status;
}

async function attemptIps(t: TestApp): Promise<string[]> {
  const rows: { ip: string }[] = await t.db.dataSource.query(`SELECT DISTINCT ip FROM login_attempt ORDER BY ip`);
  return rows.map((r) => r.ip);
}

describe('trusted reverse proxy and the login throttle (real PostgreSQL)', () => {
  it('with MW_TRUST_PROXY=loopback, X-Forwarded-For tells clients behind the proxy apart', async () => {
    const t = await startTestApp({ ...ENV, MW_TRUST_PROXY: 'loopback' });
    try {
      for (let n = 0; n < 3; n++) expect(await failLogin(t, '203.0.113.10', n)).toBe(401);
      expect(await failLogin(t, '203.0.113.10', 3)).toBe(429);
      // Another client of the same proxy is not throttled.
      expect(await failLogin(t, '203.0.113.20', 4)).toBe(401);
      // The proxy appends the peer it saw (203.0.113.30); an address that client put further left is not believed.
      expect(await failLogin(t, '203.0.113.10, 203.0.113.30', 5)).toBe(401);
      expect(await attemptIps(t)).toEqual(['203.0.113.10', '203.0.113.20', '203.0.113.30']);
    } finally {
      await t.close();
    }
  });

  it('without MW_TRUST_PROXY, X-Forwarded-For is ignored and every request counts against the peer address', async () => {
    const t = await startTestApp(ENV);
    try {
      for (let n = 0; n < 3; n++) expect(await failLogin(t, `203.0.113.${10 + n}`, n)).toBe(401);
      expect(await failLogin(t, '203.0.113.20', 3)).toBe(429);
      const ips = await attemptIps(t);
      expect(ips).toHaveLength(1);
      expect(ips[0]).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    } finally {
      await t.close();
    }
  });
});
