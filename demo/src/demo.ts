/**
 * `npm run demo`: the real product, offline, in one command. It starts, in one process tree:
 * - the outlets of the scripted week on 127.0.0.1 (feed-server.ts) and an SMTP catcher (mail-catcher.ts);
 * - the compiled server on its own embedded PostgreSQL in the demo's folder (server-process.ts);
 * then sets the demo up through the API (setup.ts) and lets the timeline run: items appear in the outlets' feeds
 * and everything else (polling, analysis, incidents, escalation, notifications, realtime) is the product's own
 * pipeline. watcher.ts narrates what the pipeline did, read back from the API.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ApiSession } from './api';
import { startFeedServer, type FeedServer } from './feed-server';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { DEMO_ADMIN, DEMO_PEOPLE, type DemoPerson } from './people';
import { CRISIS_UNIT, ITEMS, OUTLETS, SCRIPT_LENGTH_SECONDS } from './script';
import { logTail, prepareDataDir, startDemoServer, waitHealthy, type DemoServer } from './server-process';
import { createPeople, DEMO_DEADLINES, DEMO_POLL_SECONDS, registerSources, shortenDeadlines } from './setup';
import { watchPipeline, type Milestones, type Watcher } from './watcher';

export interface DemoOptions {
  /** The repository's root (server/dist and web/dist are read from it). */
  root: string;
  port: number;
  dataDir: string;
  keep: boolean;
  password: string;
  /** One line of the demo's story (stdout in the CLI). */
  out: (line: string) => void;
  /** The server's start, in ms (a first start initialises PostgreSQL). */
  startTimeoutMs?: number;
  /** Aborting it while the demo starts stops what was started; startDemo then throws. */
  signal?: AbortSignal;
}

export interface RunningDemo {
  dashboardUrl: string;
  mailboxUrl: string;
  people: readonly DemoPerson[];
  milestones: Milestones;
  /** Resolves when the server exits on its own (a crash); the demo is then stopped. */
  serverExited: Promise<number | null>;
  /** Stops the timeline, the server (and its PostgreSQL), the outlets and the mail catcher. Idempotent. */
  stop(): Promise<void>;
}

const clockOf = (startedAt: number) => () => {
  const s = Math.floor((Date.now() - startedAt) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

export async function startDemo(o: DemoOptions): Promise<RunningDemo> {
  const startedAt = Date.now();
  const stamp = clockOf(startedAt);
  const say = (line: string) => o.out(`[${stamp()}] ${line}`);
  const elapsed = () => Math.round((Date.now() - startedAt) / 1000);

  await assertPortFree(o.port);
  await prepareDataDir(o.dataDir, o.keep);
  o.signal?.throwIfAborted();

  let feeds: FeedServer | undefined;
  let mail: MailCatcher | undefined;
  let server: DemoServer | undefined;
  let watcher: Watcher | undefined;
  const timers: NodeJS.Timeout[] = [];
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      watcher?.stop();
      for (const t of timers) clearTimeout(t);
      await server?.stop();
      await prepareDataDir(o.dataDir, true).catch(() => undefined); // a PostgreSQL left by a crashed server
      await Promise.all([feeds?.close(), mail?.close()]);
    })();
    return stopping;
  };

  try {
    const mailDir = path.join(o.dataDir, 'mail');
    mail = await startMailCatcher(mailDir);
    const catcher = mail;
    const portFile = path.join(o.dataDir, 'outlets.port');
    const lastPort = o.keep && fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, 'utf8')) || 0 : 0;
    feeds = await startFeedServer(undefined, (req, res, urlPath) => catcher.route(req, res, urlPath), lastPort);
    fs.writeFileSync(portFile, new URL(feeds.url).port);
    const dashboardUrl = `http://localhost:${o.port}`;
    const logFile = path.join(o.dataDir, 'server.log');
    server = startDemoServer({
      root: o.root,
      port: o.port,
      dataDir: o.dataDir,
      smtpUrl: mail.url,
      adminEmail: DEMO_ADMIN.email,
      adminPassword: o.password,
      publicUrl: dashboardUrl,
      logFile,
    });
    o.out(`Media Watch demo: the real product, offline, on its own database in ${o.dataDir}`);
    o.out('Starting the server and its embedded PostgreSQL…');
    try {
      await waitHealthy(server, o.startTimeoutMs ?? 120_000, o.signal);
    } catch (error) {
      o.signal?.throwIfAborted();
      throw new Error(`${(error as Error).message}; the server's log (${logFile}) ends with:\n${logTail(logFile)}`);
    }

    const admin = await new ApiSession(server.baseUrl, DEMO_ADMIN.email, o.password).signIn();
    await createPeople(admin, DEMO_PEOPLE, o.password);
    await shortenDeadlines(admin);
    await registerSources(admin, (outlet) => feeds!.feedUrl(outlet));
    o.signal?.throwIfAborted();

    const people = [...DEMO_PEOPLE, DEMO_ADMIN];
    const mailboxUrl = `${feeds.url}/mail/`;
    o.out('');
    o.out(`Dashboard: ${dashboardUrl}`);
    o.out('');
    o.out(`Demo people (e-mail | password | role | unit | name):`);
    for (const p of people) {
      o.out(`  ${p.email} | ${o.password} | ${p.role} | ${p.unitCode} ${p.unitName} | ${p.name} (sees ${p.sees})`);
    }
    o.out('');
    o.out(`Crisis at ${CRISIS_UNIT.name} (unit ${CRISIS_UNIT.code}); sign in as vanphong@demo.local to follow it.`);
    o.out(`E-mails are caught, not sent: ${mailboxUrl} (files in ${mailDir})`);
    o.out(
      `Outlets served on ${feeds.url}: ${OUTLETS.map((x) => x.outlet).join(', ')}; each is read every ${DEMO_POLL_SECONDS} s.`,
    );
    o.out(
      `Deadlines are shortened for the demo (set through the admin API): acknowledge within ` +
        `${DEMO_DEADLINES.S3.ackMinutes} minute, then one escalation level every ${DEMO_DEADLINES.S3.escalateEveryMinutes} minute.`,
    );
    o.out(`Press Ctrl-C to stop everything (server, database, outlets, mail catcher). Server log: ${logFile}`);
    if (o.keep) o.out("(--keep: the last run's data is kept; items already stored are not stored twice.)");
    o.out('');

    const shown = (file: string) => (file.startsWith(o.root + path.sep) ? path.relative(o.root, file) : file);
    mail.onMail((m) => say(`  e-mail to ${m.to.join(', ')}: ${m.subject} (${shown(m.file)})`));
    const t0 = new Date();
    feeds.start(t0);
    const outletName = (key: string) => OUTLETS.find((x) => x.key === key)?.outlet ?? key;
    for (const item of ITEMS.filter((i) => i.ageMinutes === undefined)) {
      timers.push(setTimeout(() => say(`${outletName(item.outlet)}: ${item.story}: «${item.title}»`), item.at * 1000));
    }
    timers.push(
      setTimeout(
        () => {
          const m = watcher?.milestones;
          const at = (s: number | null | undefined) => (s === null || s === undefined ? 'not yet' : `${s} s`);
          say('The scripted week is over; the dashboard stays up until Ctrl-C.');
          say(
            `Since start: incident for ${CRISIS_UNIT.code} ${at(m?.firstIncident)}, good news ${at(m?.firstGoodNews)}, ` +
              `principal alerted ${at(m?.principalNotified)}.`,
          );
        },
        (SCRIPT_LENGTH_SECONDS + 20) * 1000,
      ),
    );
    const office = new ApiSession(server.baseUrl, 'vanphong@demo.local', o.password);
    const principal = new ApiSession(server.baseUrl, 'hieutruong.phantayho@demo.local', o.password);
    watcher = watchPipeline(office, principal, CRISIS_UNIT.code, (line) => say(`  → ${line}`), elapsed);

    return {
      dashboardUrl,
      mailboxUrl,
      people,
      milestones: watcher.milestones,
      serverExited: server.exited,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The server listens on every interface (HOST's default): a port taken there would send the demo elsewhere. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} is in use (another server?); run with PORT=<free port> npm run demo`
            : `cannot listen on port ${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve()));
  });
}
