import { startTestApp, TestApp } from './harness/test-app';

describe('GET /api/health (real PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers ok with the database up', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'up' });
  });

  it('runs on a migrated database of its own', async () => {
    const rows: { name: string }[] = await t.db.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toContain('Init1764200000000');
    expect(t.db.name).toMatch(/^mw_test_/);
    const current: { db: string }[] = await t.db.dataSource.query('SELECT current_database() AS db');
    expect(current[0]?.db).toBe(t.db.name);
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/health');
  });

  it('answers 404 with a coded body for an unknown route', async () => {
    const res = await fetch(`${t.baseUrl}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('sends security headers', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
