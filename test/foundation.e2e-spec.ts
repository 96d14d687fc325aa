/**
 * The foundation as a user meets it: the compiled server as a real process on an embedded PostgreSQL
 * (or on DATABASE_URL), its lifecycle under signals, configuration errors and the operator CLI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startOrAttachEmbeddedPostgres } from '../server/src/database/embedded-postgres';
import { startTestPostgres, TestPostgres } from './support/postgres';
import { postgresPids, runCli, ServerProcess, startServer } from './support/server-process';
import { query } from './support/db';
import { waitUntil } from './support/wait';

function connectionFor(dataDir: string): string {
  const { user, password } = JSON.parse(fs.readFileSync(`${dataDir}.json`, 'utf8')) as {
    user: string;
    password: string;
  };
  const port = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3];
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/mediawatch`;
}

describe('server with the embedded PostgreSQL', () => {
  let home: string;
  let dataDir: string;
  const started: ServerProcess[] = [];
  const env = () => ({ DATABASE_URL: undefined, MW_PG_DATA_DIR: dataDir, MW_SEED_SOURCES: 'false' });
  const start = async () => {
    const server = await startServer(env());
    started.push(server);
    return server;
  };

  // A failed expectation must not leave a server or its PostgreSQL to the next test.
  afterEach(async () => {
    for (const server of started.splice(0)) await server.stop('SIGTERM');
    for (const pid of postgresPids(dataDir)) process.kill(pid, 'SIGINT');
    await waitUntil(() => postgresPids(dataDir).length === 0, 20_000);
  });

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-home-'));
    dataDir = path.join(home, 'data', 'pg');
  });
  afterAll(async () => {
    for (const pid of postgresPids(dataDir)) process.kill(pid, 'SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('starts, answers health with the database up, and keeps the data for the next start', async () => {
    const first = await start();
    await first.waitHealthy();
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    const pids = postgresPids(dataDir);
    expect(pids.length).toBeGreaterThan(0);
    const port = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    expect(port).not.toBe(5432);
    await query(connectionFor(dataDir), `INSERT INTO app_setting (key, value) VALUES ('e2e.marker', '"kept"')`);

    expect(await first.stop('SIGTERM')).toBe(0);
    await waitUntil(() => postgresPids(dataDir).length === 0);

    const second = await start();
    await second.waitHealthy();
    expect(second.output()).not.toContain('initialising embedded PostgreSQL');
    const rows = await query<{ value: string }>(
      connectionFor(dataDir),
      `SELECT value FROM app_setting WHERE key = 'e2e.marker'`,
    );
    expect(rows).toEqual([{ value: 'kept' }]);
    expect(await second.stop('SIGINT')).toBe(0);
    await waitUntil(() => postgresPids(dataDir).length === 0);
  });

  it('after SIGKILL, the next start adopts the orphaned PostgreSQL and leaves none behind on shutdown', async () => {
    const killed = await start();
    await killed.waitHealthy();
    await killed.stop('SIGKILL');
    expect(postgresPids(dataDir).length).toBeGreaterThan(0); // the orphan

    const next = await start();
    await next.waitHealthy();
    expect(next.output()).toContain('adopting embedded PostgreSQL');
    expect(await next.stop('SIGTERM')).toBe(0);
    await waitUntil(() => postgresPids(dataDir).length === 0);
  });

  it('recovers from a stale postmaster.pid whose process is gone', async () => {
    const killed = await start();
    await killed.waitHealthy();
    await killed.stop('SIGKILL');
    for (const pid of postgresPids(dataDir)) process.kill(pid, 'SIGKILL');
    await waitUntil(() => postgresPids(dataDir).length === 0);
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(true);

    const next = await start();
    await next.waitHealthy();
    expect(next.output()).toContain('removing stale postmaster.pid');
    expect(await next.stop('SIGTERM')).toBe(0);
    await waitUntil(() => postgresPids(dataDir).length === 0);
  });

  it('CLI attaches to the PostgreSQL of a running server and leaves it running', async () => {
    const server = await start();
    await server.waitHealthy();
    const before = postgresPids(dataDir);
    const result = await runCli(['health'], env());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ status: 'ok', db: 'up' });
    expect(postgresPids(dataDir)).toEqual(before);
    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);
    await waitUntil(() => postgresPids(dataDir).length === 0);
  });

  it('CLI starts the embedded PostgreSQL when no server runs, and stops it afterwards', async () => {
    expect(postgresPids(dataDir)).toEqual([]);
    const result = await runCli(['migrate'], env());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ applied: [] });
    expect(postgresPids(dataDir)).toEqual([]);
  });

  it('CLI errors are one line on stderr with a non-zero exit', async () => {
    const result = await runCli(['no-such-command'], env());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('error: unknown command "no-such-command"');
  });
});

describe('configuration errors', () => {
  it('PORT=abc exits non-zero with one line naming PORT', async () => {
    const server = await startServer({
      PORT: 'abc',
      DATABASE_URL: undefined,
      MW_PG_DATA_DIR: '/nonexistent/never-created',
    });
    const code = await server.exited;
    expect(code).not.toBe(0);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT must be an integer/);
    expect(fs.existsSync('/nonexistent/never-created')).toBe(false);
  });
});

describe('server with DATABASE_URL', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startTestPostgres();
  });
  afterAll(async () => {
    await pg.stop();
  });

  it('uses that database and starts no PostgreSQL of its own', async () => {
    const url = await pg.createDatabase();
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-unused-')), 'pg');
    const server = await startServer({ DATABASE_URL: url, MW_PG_DATA_DIR: dataDir, MW_SEED_SOURCES: 'false' });
    await server.waitHealthy();
    expect(fs.existsSync(dataDir)).toBe(false);
    const rows = await query<{ name: string }>(url, 'SELECT name FROM migrations');
    expect(rows.map((r) => r.name)).toContain('Init1764200000000');
    expect(await server.stop('SIGTERM')).toBe(0);
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });
});

describe('database outage', () => {
  it('answers 503 with db down while PostgreSQL is away, keeps running, and recovers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-outage-'));
    const dataDir = path.join(dir, 'pg');
    let pg = await startOrAttachEmbeddedPostgres({ dataDir, port: 0, log: () => undefined });
    const port = pg.port;
    const url = pg.adminUrl.replace(/\/postgres$/, '/postgres');
    const server = await startServer({ DATABASE_URL: url, MW_SEED_SOURCES: 'false' });
    try {
      await server.waitHealthy();
      await pg.stop();
      const down = await fetch(`${server.baseUrl}/api/health`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ db: 'down' });

      pg = await startOrAttachEmbeddedPostgres({ dataDir, port, log: () => undefined });
      await server.waitHealthy(30_000);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await server.stop('SIGTERM');
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
