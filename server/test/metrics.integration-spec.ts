/**
 * GET /api/metrics against real PostgreSQL and HTTP: who may read it (office roles signed in, or the scrape token),
 * that the text is Prometheus' exposition format as prom-client writes it, and that the figures move with the work:
 * a poll's items and outcome, analysis, the items waiting between the two, sockets, and HTTP latency by route pattern.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../src/bootstrap';
import { JsonLogger } from '../src/common/logging/json-logger';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { SourcePollerService } from '../src/modules/sources/source-poller.service';
import { bearer, tokenFor } from './factories/auth.factory';
import { createPerson } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const SCRAPE_TOKEN = randomBytes(24).toString('hex');
const SCHOOL = '79000724';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the text format 0.0.4 as prom-client writes it: `# HELP`, `# TYPE`, then samples
 * `name{label="value",...} number`. Throws on any other line, on a sample whose family has no TYPE, and on a
 * family declared twice.
 */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string>; help: Map<string, string> } {
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sampleLine = new RegExp(`^(${name})(?:\\{(.*)\\})? (-?(?:[0-9.e+-]+|\\+?Inf|NaN))$`);
  const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let m = new RegExp(`^# HELP (${name}) (.*)$`).exec(line);
    if (m) {
      if (help.has(m[1]!)) throw new Error(`HELP twice for ${m[1]}`);
      help.set(m[1]!, m[2]!);
      continue;
    }
    m = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (m) {
      if (types.has(m[1]!)) throw new Error(`TYPE twice for ${m[1]}`);
      types.set(m[1]!, m[2]!);
      continue;
    }
    m = sampleLine.exec(line);
    if (!m) throw new Error(`not a line of the exposition format: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      label.lastIndex = 0;
      while (label.lastIndex < m[2].length) {
        const l = label.exec(m[2]);
        if (!l) throw new Error(`bad labels in: ${line}`);
        labels[l[1]!] = l[2]!;
      }
    }
    const family = m[1]!.replace(/_(bucket|sum|count)$/, '');
    if (!types.has(m[1]!) && !(types.get(family) === 'histogram')) throw new Error(`sample without TYPE: ${line}`);
    samples.push({ name: m[1]!, labels, value: Number(m[3]!.replace('+Inf', 'Infinity')) });
  }
  return { samples, types, help };
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const hits = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hits.reduce((sum, s) => sum + s.value, 0);
}

function rss(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Trường THCS thử số ${i} tổ chức lễ khai giảng</title><link>https://example.org/m/${i}</link>` +
      `<guid>metrics-${i}</guid><description>Tóm tắt ${i}</description></item>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>m</title>${items}</channel></rss>`;
}

describe('GET /api/metrics (real PostgreSQL)', () => {
  let t: TestApp;
  let feeds: Server;
  let feedUrl: string;
  let office: string;
  let principal: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    feeds = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(rss(3));
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/feed.rss`;
    t = await startTestApp({
      MW_METRICS_TOKEN: SCRAPE_TOKEN,
      MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      MW_SEED_SOURCES: 'false',
    });
    const ds = t.db.dataSource;
    office = tokenFor(t.app, (await createPerson(ds, { roles: [{ role: 'leader' }] })).id);
    principal = tokenFor(t.app, (await createPerson(ds, { roles: [{ role: 'principal', unitCode: SCHOOL }] })).id);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
    await new Promise((resolve) => feeds?.close(resolve));
  });

  const scrape = async (headers: Record<string, string> = bearer(SCRAPE_TOKEN)) => {
    const res = await fetch(`${t.baseUrl}/api/metrics`, { headers });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), text };
  };

  it('answers 401 without a token or with a wrong one, and 403 to a role outside the office', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape(bearer(randomBytes(24).toString('hex')))).status).toBe(401);
    expect((await scrape(bearer(`${SCRAPE_TOKEN}x`))).status).toBe(401);
    expect((await scrape(bearer(principal))).status).toBe(403);
  });

  it('answers an office role and the scrape token with the text format, which parses', async () => {
    for (const headers of [bearer(office), bearer(SCRAPE_TOKEN)]) {
      const res = await scrape(headers);
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/plain; version=0.0.4; charset=utf-8');
      const { types, help } = parseExposition(res.text);
      expect(Object.fromEntries(types)).toMatchObject({
        mw_items_stored_total: 'counter',
        mw_items_analysed_total: 'counter',
        mw_source_polls_total: 'counter',
        mw_items_awaiting_analysis: 'gauge',
        mw_notifications_due: 'gauge',
        mw_notifications_dead: 'gauge',
        mw_escalations_due: 'gauge',
        mw_socket_clients: 'gauge',
        mw_http_request_duration_seconds: 'histogram',
      });
      for (const global of ['mw_items_awaiting_analysis', 'mw_notifications_due', 'mw_escalations_due'])
        expect(help.get(global)).toMatch(/same on every instance/);
    }
  });

  it('counts a poll, its stored items, the items waiting and their analysis', async () => {
    const before = parseExposition((await scrape()).text).samples;
    const rows: { id: string }[] = await t.db.dataSource.query(
      `INSERT INTO source (name, outlet, url, kind, interval_minutes, settings, next_poll_at)
       VALUES ('Báo thử metrics', 'Thử', $1, 'rss', 15, $2, now()) RETURNING id`,
      [feedUrl, { fetchArticles: false }],
    );
    const id = rows[0]!.id;
    const outcome = await t.app.get(SourcePollerService).pollNow(id);
    expect(outcome).toMatchObject({ ok: true, itemsStored: 3 });

    const polled = parseExposition((await scrape()).text).samples;
    expect(valueOf(polled, 'mw_items_stored_total') - valueOf(before, 'mw_items_stored_total')).toBe(3);
    expect(valueOf(polled, 'mw_source_polls_total', { source_id: id, source: 'Báo thử metrics', outcome: 'ok' })).toBe(
      1,
    );
    expect(valueOf(polled, 'mw_items_awaiting_analysis')).toBe(3);

    const summary = await t.app.get(AnalysisService).analysePending();
    expect(summary.analysed).toBe(3);
    const analysed = parseExposition((await scrape()).text).samples;
    expect(
      valueOf(analysed, 'mw_items_analysed_total', { result: 'analysed' }) -
        valueOf(before, 'mw_items_analysed_total', { result: 'analysed' }),
    ).toBe(3);
    expect(valueOf(analysed, 'mw_items_awaiting_analysis')).toBe(0);
  });

  it('times requests by route pattern, never by their raw path', async () => {
    const id = randomUUID();
    const res = await fetch(`${t.baseUrl}/api/sources/${id}?secret=hush`, { headers: bearer(office) });
    expect(res.status).toBe(404);
    const text = (await scrape()).text;
    const samples = parseExposition(text).samples;
    expect(
      valueOf(samples, 'mw_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/sources/:id',
        status: '404',
      }),
    ).toBe(1);
    expect(text).not.toContain(id);
    expect(text).not.toContain('hush');
    await fetch(`${t.baseUrl}/api/no-such-route/${id}`);
    expect(
      valueOf(parseExposition((await scrape()).text).samples, 'mw_http_request_duration_seconds_count', {
        route: 'unmatched',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts the sockets connected to this instance', async () => {
    const socket = io(t.baseUrl, { auth: { token: office }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    expect(valueOf(parseExposition((await scrape()).text).samples, 'mw_socket_clients')).toBe(1);
    socket.disconnect();
    for (let i = 0; i < 50; i++) {
      if (valueOf(parseExposition((await scrape()).text).samples, 'mw_socket_clients') === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(valueOf(parseExposition((await scrape()).text).samples, 'mw_socket_clients')).toBe(0);
  });
});

describe('GET /api/metrics without MW_METRICS_TOKEN', () => {
  it('admits no token at all, while office roles still read it', async () => {
    const t = await startTestApp({ MW_SEED_SOURCES: 'false' });
    try {
      const config = new AppConfig(parseEnv({ MW_WEB_DIST: '', LOG_LEVEL: 'error' }), t.db.url);
      expect(config.env.MW_METRICS_TOKEN).toBeUndefined();
      const office = tokenFor(t.app, (await createPerson(t.db.dataSource, { roles: [{ role: 'admin' }] })).id);
      expect((await fetch(`${t.baseUrl}/api/metrics`, { headers: bearer(SCRAPE_TOKEN) })).status).toBe(401);
      expect((await fetch(`${t.baseUrl}/api/metrics`, { headers: bearer('') })).status).toBe(401);
      expect((await fetch(`${t.baseUrl}/api/metrics`, { headers: bearer(office) })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('keeps each instance to its own counters (two apps in one process)', async () => {
    const t = await startTestApp({ MW_SEED_SOURCES: 'false', MW_METRICS_TOKEN: SCRAPE_TOKEN });
    const config = new AppConfig(
      parseEnv({ MW_WEB_DIST: '', LOG_LEVEL: 'error', MW_METRICS_TOKEN: SCRAPE_TOKEN, MW_SCHEDULER_ENABLED: 'false' }),
      t.db.url,
    );
    const second = await createApp(config, new JsonLogger('error', process.stderr));
    await second.listen(0, '127.0.0.1');
    try {
      const secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
      for (let i = 0; i < 3; i++) await fetch(`${t.baseUrl}/api/health`);
      const count = async (base: string) =>
        valueOf(
          parseExposition(await (await fetch(`${base}/api/metrics`, { headers: bearer(SCRAPE_TOKEN) })).text()).samples,
          'mw_http_request_duration_seconds_count',
          { route: '/api/health' },
        );
      expect(await count(t.baseUrl)).toBe(3);
      expect(await count(secondUrl)).toBe(0);
    } finally {
      await second.close();
      await t.close();
    }
  });
});
