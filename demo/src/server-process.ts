/**
 * The real server (server/dist/main.js) as a child process on its own embedded PostgreSQL in the demo's folder.
 *
 * The child runs in its own process group, so a Ctrl-C in the terminal reaches only the demo, which then sends the
 * server one SIGINT: the server drains, closes its pool and stops its PostgreSQL, in that order. (Were the server in
 * the terminal's group too, it would get Ctrl-C twice, the second one killing it before PostgreSQL was stopped.)
 * Its JSON log goes to a file, so the terminal shows only the demo's story.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive, isPostgresProcess } from '@mw/server/dist/database/embedded-postgres';

export interface DemoServer {
  child: ChildProcess;
  baseUrl: string;
  exited: Promise<number | null>;
  /** Sends SIGINT once and waits for the server (and its PostgreSQL) to stop. */
  stop(): Promise<number | null>;
}

export interface ServerOptions {
  root: string;
  port: number;
  dataDir: string;
  smtpUrl: string;
  adminEmail: string;
  adminPassword: string;
  publicUrl: string;
  logFile: string;
}

export function startDemoServer(o: ServerOptions): DemoServer {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The demo always runs on its own database, whatever the shell has set.
  for (const key of ['DATABASE_URL', 'MW_PG_PORT', 'MW_JWT_SECRET', 'MW_ACK_LINK_SECRET', 'MW_WEB_DIST'])
    delete env[key];
  Object.assign(env, {
    PORT: String(o.port),
    MW_PG_DATA_DIR: path.join(o.dataDir, 'pg'),
    MW_WEB_DIST: path.join(o.root, 'web', 'dist'),
    MW_PUBLIC_URL: o.publicUrl,
    MW_SEED_SOURCES: 'false',
    MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    MW_ADMIN_EMAIL: o.adminEmail,
    MW_ADMIN_PASSWORD: o.adminPassword,
    SMTP_URL: o.smtpUrl,
    MW_SMTP_FROM: 'Media Watch (demo) <media-watch@demo.local>',
    MW_SCHEDULER_ENABLED: 'true',
    MW_POLL_TICK_SECONDS: '1',
    MW_NOTIFY_TICK_SECONDS: '1',
    MW_FETCH_CONNECT_TIMEOUT_MS: '3000',
    MW_FETCH_TOTAL_TIMEOUT_MS: '10000',
    MW_ZALO_ENDPOINT: '',
    MW_WEBHOOK_URL: '',
    LOG_LEVEL: 'info',
  });
  const log = fs.openSync(o.logFile, 'a');
  const child = spawn(process.execPath, [path.join(o.root, 'server', 'dist', 'main.js')], {
    cwd: o.root,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<number | null> | null = null;
  return {
    child,
    baseUrl: `http://127.0.0.1:${o.port}`,
    exited,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        return exited;
      })();
      return stopping;
    },
  };
}

/** Waits until /api/health says the database is up, or the process exits, or the time is over. */
export async function waitHealthy(server: DemoServer, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (exited) throw new Error('the server exited while starting');
    try {
      const res = await fetch(`${server.baseUrl}/api/health`);
      if (res.ok && ((await res.json()) as { db?: string }).db === 'up') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health within ${Math.round(timeoutMs / 1000)} s`);
}

/** The last lines of the server's log, to say why it failed. */
export function logTail(file: string, lines = 8): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Makes the demo's folder ready: refuses when a demo server still runs on it; stops a PostgreSQL left behind by a
 * demo that was killed outright; then wipes the folder unless `keep`.
 */
export async function prepareDataDir(dataDir: string, keep: boolean): Promise<void> {
  const pgDir = path.join(dataDir, 'pg');
  const owner = readPid(`${pgDir}.owner`);
  if (owner !== null && owner !== process.pid && isAlive(owner)) {
    throw new Error(`another demo (pid ${owner}) is using ${dataDir}; stop it first`);
  }
  const postmaster = readPid(path.join(pgDir, 'postmaster.pid'));
  if (postmaster !== null && isAlive(postmaster) && isPostgresProcess(postmaster)) {
    process.kill(postmaster, 'SIGINT');
    const deadline = Date.now() + 20_000;
    while (isAlive(postmaster) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(postmaster)) process.kill(postmaster, 'SIGKILL');
  }
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
