/**
 * `npm run bench -- pipeline [items] [--instances N]`: a year of feeds through the real server, stage by stage.
 *
 * The feeds (pipeline-feeds.ts: the news archive's 153,825 items as weekly feeds when it is at hand, else a generated
 * year) are served by a real HTTP server on 127.0.0.1. The compiled server (server/dist/main.js, as `npm start` runs
 * it; built first when stale) runs as N real processes on one PostgreSQL: a fresh database on DATABASE_URL's server,
 * else a temporary embedded PostgreSQL. One source per feed is added (RSS, no article pages: the archive has none),
 * all due at once, and the bench watches the database until every item is stored, analysed and taken by the
 * incident intake. Figures:
 *   - fetch+parse: the same reads (SafeFetcher over HTTP, charset, parseFeed) run in the bench process alone,
 *     two at a time as the server's per-host limit allows: the ceiling of the first stage;
 *   - store, analyse, intake: when the running servers had done each for every item, counted from the moment the
 *     sources were added, and the rate that makes;
 *   - CPU seconds spent by the servers and by PostgreSQL over the replay (embedded PostgreSQL only).
 * The servers poll every second (MW_POLL_TICK_SECONDS=1) so the replay is not waiting for ticks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { parseEnv } from '../../../config/env.schema';
import { startOrAttachEmbeddedPostgres } from '../../../database/embedded-postgres';
import { createSafeFetcher } from '../fetch/safe-fetcher';
import { readSource } from '../source-reader';
import { benchFeedSet, type BenchFeed } from './pipeline-feeds';

export interface PipelineBenchOptions {
  /** Replay only the first `items` items (in publication order). */
  items?: number;
  /** Server processes sharing the database. */
  instances?: number;
  /** Folder where each server writes a V8 CPU profile (node --cpu-prof) when it stops. */
  cpuProfileDir?: string;
  /** Print the statements PostgreSQL spent most time on (pg_stat_statements; embedded PostgreSQL only). */
  pgStats?: boolean;
  /** Settings of the embedded PostgreSQL beyond the product's (`-c name=value`), to try one. */
  pgSettings?: Record<string, string>;
  log?: (line: string) => void;
}

export interface PipelineBenchResult {
  items: number;
  feeds: number;
  instances: number;
  fetchParseItemsPerSecond: number;
  storedSeconds: number;
  analysedSeconds: number;
  intakeSeconds: number;
  mentions: number;
  failed: number;
  serverCpuSeconds: number;
  postgresCpuSeconds: number | null;
}

const ROOT = path.resolve(__dirname, '../../../../..');
const SERVER_ENTRY = path.join(ROOT, 'server/dist/main.js');
const TIMEOUT_MS = 20 * 60_000;
const SAMPLE_MS = 250;
const CLOCK_TICKS = 100;

export async function runPipelineBench(options: PipelineBenchOptions = {}): Promise<PipelineBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const instances = options.instances ?? 1;
  if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npm run build first`);

  const set = benchFeedSet({ limit: options.items });
  log(`pipeline bench: ${set.description}, ${set.feeds.length} weekly feeds (at most 900 items each)`);

  const feedServer = await serveFeeds(set.feeds);
  const database = await openDatabase(log, options.pgStats === true, options.pgSettings ?? {});
  const servers: ChildProcess[] = [];
  // Ctrl-C stops the servers and the temporary PostgreSQL too.
  const interrupted = () => {
    void Promise.all(servers.map(stopProcess))
      .then(() => database.close())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const fetchParse = await measureFetchParse(feedServer.url, set.feeds);
    log(`  fetch+parse (bench process, 2 at a time): ${fetchParse.items} items in ${fetchParse.seconds.toFixed(1)} s`);

    for (let i = 0; i < instances; i++) {
      // One after the other: the first migrates the database.
      const server = await startServer(database.url, log, options.cpuProfileDir);
      servers.push(server.child);
    }
    const expected = fetchParse.items;
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const serverCpuBefore = servers.reduce((sum, s) => sum + processCpu(s.pid as number), 0);
      const pgCpuBefore = database.postmasterPid ? postgresCpu(database.postmasterPid) : null;
      const started = Date.now();
      await db.query(
        `INSERT INTO source (name, outlet, url, kind, interval_minutes, settings, next_poll_at)
         SELECT 'Bench ' || f.n, f.outlet, $1 || f.path, 'rss', 1440, '{"fetchArticles": false}'::jsonb, now()
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS f(path, outlet, n)`,
        [feedServer.url, set.feeds.map((f) => f.path), set.feeds.map((f) => f.outlet)],
      );
      const times = await watch(db, set.feeds.length, started, (line) => log(line));
      const serverCpu = servers.reduce((sum, s) => sum + processCpu(s.pid as number), 0) - serverCpuBefore;
      const pgCpu =
        database.postmasterPid && pgCpuBefore !== null ? postgresCpu(database.postmasterPid) - pgCpuBefore : null;
      const counts = (
        await db.query<{ mentions: number; failed: number; stories: number }>(
          `SELECT (SELECT count(*)::int FROM mention) AS mentions,
                  (SELECT count(*)::int FROM feed_item WHERE analysis_state = 'failed') AS failed,
                  (SELECT count(*)::int FROM story) AS stories`,
        )
      ).rows[0] as { mentions: number; failed: number; stories: number };
      const rate = (seconds: number) => `${Math.round(expected / seconds)} items/s`;
      const result: PipelineBenchResult = {
        items: expected,
        feeds: set.feeds.length,
        instances,
        fetchParseItemsPerSecond: Math.round(fetchParse.items / fetchParse.seconds),
        storedSeconds: times.stored,
        analysedSeconds: times.analysed,
        intakeSeconds: times.intake,
        mentions: counts.mentions,
        failed: counts.failed,
        serverCpuSeconds: serverCpu,
        postgresCpuSeconds: pgCpu,
      };
      log(`pipeline bench on ${os.cpus().length} cores, ${instances} server instance(s), ${database.description}:`);
      log(`  fetch+parse  ${rate(fetchParse.seconds)} (bench process alone)`);
      log(`  store        all ${expected} items stored after ${times.stored.toFixed(1)} s: ${rate(times.stored)}`);
      log(`  analyse      all analysed after ${times.analysed.toFixed(1)} s: ${rate(times.analysed)}`);
      log(`  intake       taken by the incident intake after ${times.intake.toFixed(1)} s: ${rate(times.intake)}`);
      log(`  total        ${times.intake.toFixed(1)} s for ${expected} items, ${rate(times.intake)}`);
      log(
        `  ${counts.mentions} mentions in ${counts.stories} stories, ${counts.failed} items failed; CPU: servers ` +
          `${serverCpu.toFixed(1)} s` +
          (pgCpu === null ? '' : `, PostgreSQL ${pgCpu.toFixed(1)} s`),
      );
      if (options.pgStats) await logStatements(db, log);
      if (counts.mentions + counts.failed !== expected) {
        throw new Error(
          `expected ${expected} analysed items, found ${counts.mentions} mentions + ${counts.failed} failed`,
        );
      }
      return result;
    } finally {
      await db.end();
    }
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await Promise.all(servers.map(stopProcess));
    await new Promise<void>((resolve) => feedServer.server.close(() => resolve()));
    await database.close();
  }
}

/**
 * Samples the database until every item is stored, analysed and past the intake cursor. Each sample is a few index
 * lookups (never a count over the items, which would cost PostgreSQL more than the pipeline does): a source's poll is
 * marked done only after its items are committed, mentions are numbered in commit order, and the intake cursor moves
 * to the newest mention it has read.
 */
async function watch(
  db: Client,
  feeds: number,
  started: number,
  log: (line: string) => void,
): Promise<{ stored: number; analysed: number; intake: number }> {
  const at: { stored?: number; analysed?: number; intake?: number } = {};
  let lastReport = started;
  for (;;) {
    const now = Date.now();
    if (now - started > TIMEOUT_MS) throw new Error(`the replay did not finish within ${TIMEOUT_MS / 60_000} minutes`);
    const row = (
      await db.query<{ polled: number; failing: number; mentions: string; pending: boolean; cursor: string }>(
        `SELECT (SELECT count(*)::int FROM source WHERE last_success_at IS NOT NULL) AS polled,
                (SELECT count(*)::int FROM source WHERE consecutive_failures > 0) AS failing,
                (SELECT coalesce(max(seq), 0)::text FROM mention) AS mentions,
                EXISTS (SELECT 1 FROM feed_item WHERE analysis_state = 'pending') AS pending,
                (SELECT last_seq::text FROM incident_intake_cursor WHERE name = 'mentions') AS cursor`,
      )
    ).rows[0] as { polled: number; failing: number; mentions: string; pending: boolean; cursor: string };
    const seconds = (Date.now() - started) / 1000;
    if (row.failing > 0) throw new Error(`${row.failing} bench sources failed their poll`);
    if (at.stored === undefined && row.polled >= feeds) at.stored = seconds;
    if (at.stored !== undefined && at.analysed === undefined && !row.pending) at.analysed = seconds;
    if (at.analysed !== undefined && at.intake === undefined && BigInt(row.cursor) >= BigInt(row.mentions)) {
      at.intake = seconds;
    }
    if (at.intake !== undefined) {
      return { stored: at.stored as number, analysed: at.analysed as number, intake: at.intake };
    }
    if (now - lastReport >= 10_000) {
      lastReport = now;
      log(`  … ${seconds.toFixed(0)} s: ${row.polled} of ${feeds} feeds stored, ${row.mentions} mentions`);
    }
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
}

async function serveFeeds(feeds: BenchFeed[]): Promise<{ server: Server; url: string }> {
  const byPath = new Map(feeds.map((f) => [f.path, f.body]));
  const server = createServer((req, res) => {
    const body = byPath.get((req.url ?? '').split('?')[0] as string);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function measureFetchParse(baseUrl: string, feeds: BenchFeed[]): Promise<{ items: number; seconds: number }> {
  const fetcher = createSafeFetcher({ allowPrivateHosts: ['127.0.0.1'], maxPerHost: 2 });
  const started = process.hrtime.bigint();
  let items = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < feeds.length; i = next++) {
      const feed = feeds[i] as BenchFeed;
      const read = await readSource(fetcher, { url: `${baseUrl}${feed.path}`, kind: 'rss', settings: {} });
      items += new Set(read.items.map((item) => item.guid ?? item.canonicalUrl)).size;
    }
  };
  await Promise.all([lane(), lane()]);
  return { items, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

interface BenchDatabase {
  url: string;
  description: string;
  postmasterPid: number | null;
  close(): Promise<void>;
}

/** A fresh database: on DATABASE_URL's server (dropped afterwards), else in a temporary embedded PostgreSQL. */
async function openDatabase(
  log: (line: string) => void,
  pgStats: boolean,
  pgSettings: Record<string, string>,
): Promise<BenchDatabase> {
  const env = parseEnv(process.env);
  let adminUrl = env.DATABASE_URL;
  let stopEmbedded = async (): Promise<void> => undefined;
  let description = 'a fresh database on DATABASE_URL';
  let postmasterPid: number | null = null;
  if (adminUrl && Object.keys(pgSettings).length > 0) log('  --pg sets the embedded PostgreSQL only: ignored');
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-bench-pg-'));
    const pg = await startOrAttachEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: 0,
      ephemeral: true,
      log: () => undefined,
      settings: {
        ...(pgStats ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } : {}),
        ...pgSettings,
      },
    });
    adminUrl = pg.adminUrl;
    postmasterPid = pg.pid;
    description = 'embedded PostgreSQL in a temporary folder';
    stopEmbedded = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    log(`  started ${description}`);
  }
  const name = `mw_pipeline_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    description,
    postmasterPid,
    async close() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await client.end();
      await stopEmbedded();
    },
  };
}

async function startServer(
  databaseUrl: string,
  log: (line: string) => void,
  cpuProfileDir?: string,
): Promise<{ child: ChildProcess }> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MW_WEB_DIST: '',
    MW_SEED_SOURCES: 'false',
    MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    MW_POLL_TICK_SECONDS: '1',
  };
  const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy within 120 s:\n${output}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`  server instance pid ${child.pid} on port ${port}`);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM')
      process.stderr.write(`server ${child.pid} exited (${code ?? signal}):\n${output}\n`);
  });
  return { child };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** The statements that took most of PostgreSQL's time over the replay, from pg_stat_statements. */
async function logStatements(db: Client, log: (line: string) => void): Promise<void> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const rows = (
      await db.query<{ ms: number; calls: string; rows: string; query: string }>(
        `SELECT round(total_exec_time)::int AS ms, calls::text, rows::text,
                regexp_replace(left(query, 140), '\\s+', ' ', 'g') AS query
         FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`,
      )
    ).rows;
    log('  PostgreSQL statements by total time (ms, calls, rows, statement):');
    for (const r of rows)
      log(`    ${String(r.ms).padStart(7)} ${r.calls.padStart(7)} ${r.rows.padStart(8)}  ${r.query}`);
    const wal = (
      await db.query<{ records: string; fpi: string; mb: string; checkpoints: string }>(
        `SELECT w.wal_records::text AS records, w.wal_fpi::text AS fpi, round(w.wal_bytes / 1048576)::text AS mb,
                (SELECT (num_timed + num_requested)::text FROM pg_stat_checkpointer) AS checkpoints
         FROM pg_stat_wal w`,
      )
    ).rows[0];
    if (wal)
      log(`  WAL: ${wal.mb} MB in ${wal.records} records, ${wal.fpi} full-page images; ${wal.checkpoints} checkpoints`);
  } catch (err) {
    log(`  no statement statistics: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** utime + stime of a live process, in seconds. */
function processCpu(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS : 0;
}

/** CPU of the postmaster, its reaped children and its live children (the backends), in seconds. */
function postgresCpu(postmaster: number): number {
  const own = statFields(postmaster);
  let ticks = own ? Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]) : 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** Fields of /proc/<pid>/stat after the command name (index 0 is the state), or null when gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

if (require.main === module) {
  runPipelineBench().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
