/**
 * Scheduling against real PostgreSQL: two application instances on one database claiming concurrently, lease
 * expiry after a crash, Retry-After, immediate polls of new sources and the default catalogue when the outlets
 * cannot be reached.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Role, type SourceDto } from '@mw/shared';
import { createApp } from '../src/bootstrap';
import { FixedClock } from '../src/common/clock/clock';
import { DomainEventBus } from '../src/common/events/domain-events';
import { JsonLogger } from '../src/common/logging/json-logger';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { SourcePollerService } from '../src/modules/sources/source-poller.service';
import { catalogueEntries, SourcesCatalogueSeed } from '../src/modules/sources/sources-catalogue.seed';
import {
  loadFixtureFeedServer,
  type FixtureFeedServer,
} from '../src/modules/sources/fetch/fixture-feed-server.testing';
import { bearer, tokenFor } from './factories/auth.factory';
import { createPerson } from './factories/person.factory';
import { startTestApp, TestApp } from './harness/test-app';

const { startFixtureFeedServer, MISBEHAVIOUR } = loadFixtureFeedServer();

const MINUTE = 60_000;

const BASE_ENV = {
  MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
  MW_SEED_SOURCES: 'false',
  MW_FETCH_TOTAL_TIMEOUT_MS: '3000',
  MW_FETCH_CONNECT_TIMEOUT_MS: '1000',
};

function rssWithItems(prefix: string, count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Tin ${prefix} số ${i}</title><link>https://example.org/${prefix}/${i}</link><guid>${prefix}-${i}</guid>` +
      `<description>Tóm tắt ${i}</description></item>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${prefix}</title>${items}</channel></rss>`;
}

async function insertSource(
  t: TestApp,
  name: string,
  url: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const rows: { id: string }[] = await t.db.dataSource.query(
    `INSERT INTO source (name, outlet, url, kind, interval_minutes, settings, next_poll_at)
     VALUES ($1, 'Thử', $2, 'rss', $3, $4, $5) RETURNING id`,
    [
      name,
      url,
      extra.intervalMinutes ?? 15,
      { fetchArticles: false, ...((extra.settings as object) ?? {}) },
      extra.nextPollAt ?? new Date(0),
    ],
  );
  return rows[0]!.id;
}

describe('two instances on one database', () => {
  let t: TestApp;
  let second: NestExpressApplication;
  let feeds: FixtureFeedServer;
  const clock = new FixedClock(new Date());
  const announced: string[] = [];

  beforeAll(async () => {
    feeds = await startFixtureFeedServer();
    t = await startTestApp({ ...BASE_ENV, MW_POLL_CONCURRENCY: '3' }, { clock });
    const config = new AppConfig(
      parseEnv({
        ...BASE_ENV,
        MW_POLL_CONCURRENCY: '3',
        MW_SCHEDULER_ENABLED: 'false',
        MW_WEB_DIST: '',
        LOG_LEVEL: 'error',
      }),
      t.db.url,
    );
    second = await createApp(config, new JsonLogger('error', process.stderr), { clock });
    await second.init();
    for (const app of [t.app, second])
      app.get(DomainEventBus).on('item.stored', ({ itemId }) => void announced.push(itemId));
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
    await feeds?.close();
  });

  it('never fetch the same source twice in one interval and never duplicate items', async () => {
    const paths: string[] = [];
    for (let i = 0; i < 12; i++) {
      const path = `/race/${i}.rss`;
      feeds.setFeed(path, rssWithItems(`race${i}`, 30));
      paths.push(path);
      await insertSource(t, `race ${i}`, `${feeds.url}${path}`);
    }
    const a = t.app.get(SourcePollerService);
    const b = second.get(SourcePollerService);
    expect(a.instanceId).not.toBe(b.instanceId);

    for (let interval = 0; interval < 3; interval++) {
      // Both instances tick several times at once within the interval.
      const outcomes = (
        await Promise.all([a.pollDueSources(), b.pollDueSources(), a.pollDueSources(), b.pollDueSources()])
      ).flat();
      const polled = outcomes.map((o) => o.sourceId);
      expect(new Set(polled).size).toBe(polled.length);
      expect(polled).toHaveLength(12);
      for (const path of paths) expect(feeds.hits(path)).toBe(interval + 1);
      clock.advance(15 * MINUTE + 1000);
    }

    const rows: { n: number; distinct_keys: number }[] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT (source_id, dedup_key))::int AS distinct_keys FROM feed_item`,
    );
    expect(rows[0]).toEqual({ n: 12 * 30, distinct_keys: 12 * 30 });
    await new Promise((r) => setImmediate(r));
    expect(announced).toHaveLength(12 * 30);
    expect(new Set(announced).size).toBe(12 * 30);
  }, 60_000);

  it('takes over a source whose lease expired (its holder crashed), not before', async () => {
    feeds.setFeed('/lease.rss', rssWithItems('lease', 2));
    const id = await insertSource(t, 'lease', `${feeds.url}/lease.rss`);
    const leaseUntil = new Date(clock.now().getTime() + 60_000);
    await t.db.dataSource.query(`UPDATE source SET lease_owner = 'crashed-instance', lease_until = $2 WHERE id = $1`, [
      id,
      leaseUntil,
    ]);
    const b = second.get(SourcePollerService);
    expect((await b.pollDueSources()).map((o) => o.sourceId)).not.toContain(id);
    expect(feeds.hits('/lease.rss')).toBe(0);
    clock.advance(61_000);
    expect((await b.pollDueSources()).map((o) => o.sourceId)).toContain(id);
    expect(feeds.hits('/lease.rss')).toBe(1);
    const [row] = (await t.db.dataSource.query(`SELECT lease_owner, last_success_at FROM source WHERE id = $1`, [
      id,
    ])) as {
      lease_owner: string | null;
      last_success_at: Date | null;
    }[];
    expect(row).toMatchObject({ lease_owner: null });
    expect(row!.last_success_at).not.toBeNull();
  });
});

describe('Retry-After', () => {
  let t: TestApp;
  let feeds: FixtureFeedServer;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    feeds = await startFixtureFeedServer();
    t = await startTestApp(BASE_ENV, { clock });
  });
  afterAll(async () => {
    await t?.close();
    await feeds?.close();
  });

  it('honours a 503 whose Retry-After is a date', async () => {
    clock.set(new Date());
    const id = await insertSource(t, '503', `${feeds.url}${MISBEHAVIOUR.unavailableUntilDate}`);
    const [outcome] = await t.app.get(SourcePollerService).pollDueSources();
    expect(outcome).toMatchObject({ sourceId: id, error: { code: 'RETRY_LATER' } });
    const wait = outcome!.nextPollAt.getTime() - clock.now().getTime();
    expect(wait).toBeGreaterThan(9 * MINUTE);
    expect(wait).toBeLessThanOrEqual(10 * MINUTE + 1000);
  });

  it('waits as long as a 429 asks and does not knock before then', async () => {
    // The 503 above made the fetcher leave this host alone for 10 minutes (per host, as asked): move past it.
    await t.db.dataSource.query(`UPDATE source SET enabled = false`);
    clock.advance(11 * MINUTE);
    const id = await insertSource(t, '429', `${feeds.url}${MISBEHAVIOUR.tooManyRequests}`);
    const poller = t.app.get(SourcePollerService);
    const [outcome] = await poller.pollDueSources();
    expect(outcome).toMatchObject({ sourceId: id, ok: false, error: { code: 'RETRY_LATER' } });
    expect(outcome!.nextPollAt.getTime() - clock.now().getTime()).toBe(120_000);
    const [row] = (await t.db.dataSource.query(`SELECT last_error, consecutive_failures FROM source WHERE id = $1`, [
      id,
    ])) as {
      last_error: string;
      consecutive_failures: number;
    }[];
    expect(row!.last_error).toMatch(/429/);
    clock.advance(119_000);
    expect(await poller.pollDueSources()).toEqual([]);
    expect(feeds.hits(MISBEHAVIOUR.tooManyRequests)).toBe(1);
    clock.advance(2000);
    expect((await poller.pollDueSources()).map((o) => o.sourceId)).toEqual([id]);
    expect(feeds.hits(MISBEHAVIOUR.tooManyRequests)).toBe(2);
  });
});

describe('new sources and the default catalogue', () => {
  let t: TestApp;
  let feeds: FixtureFeedServer;

  beforeAll(async () => {
    feeds = await startFixtureFeedServer();
    // Scheduler on, with a tick far away: only the immediate polls (boot, new source) can happen.
    t = await startTestApp({
      ...BASE_ENV,
      MW_SEED_SOURCES: 'true',
      MW_SCHEDULER_ENABLED: 'true',
      MW_POLL_TICK_SECONDS: '3600',
    });
  });
  afterAll(async () => {
    await t?.close();
    await feeds?.close();
  });

  async function list(): Promise<SourceDto[]> {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: Role.Leader }] });
    const res = await fetch(`${t.baseUrl}/api/sources`, { headers: bearer(tokenFor(t.app, person.id)) });
    expect(res.status).toBe(200);
    return (await res.json()) as SourceDto[];
  }

  async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('seeds the catalogue once; unreachable outlets show as failing with a clear error', async () => {
    const entries = catalogueEntries();
    expect(entries.length).toBeGreaterThanOrEqual(16);
    for (const e of entries.filter((x) => x.kind === 'search')) expect(e.url).toMatch(/hl=vi&gl=VN&ceid=VN:vi/);
    const sources = await waitFor(async () => {
      const all = await list();
      return all.filter((s) => s.health !== 'pending').length === entries.length ? all : undefined;
    }, 45_000);
    expect(sources.map((s) => s.url).sort()).toEqual(entries.map((e) => e.url).sort());
    for (const s of sources) {
      expect(s.health).toBe('failing');
      expect(s.lastError).toMatch(/resolve|refused|connect|network|timed out|gave up/i);
      expect(s.nextPollAt).not.toBeNull();
    }
    expect(await t.app.get(SourcesCatalogueSeed).seed()).toBe(0);
  }, 60_000);

  it('polls a new source at once, next to the failing catalogue', async () => {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: Role.Admin }] });
    const res = await fetch(`${t.baseUrl}/api/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(tokenFor(t.app, person.id)) },
      body: JSON.stringify({
        name: 'Thanh Niên fixture',
        url: `${feeds.url}/feeds/thanhnien.rss`,
        kind: 'rss',
        settings: { fetchArticles: false },
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as SourceDto;
    const polled = await waitFor(async () => (await list()).find((s) => s.id === created.id && s.health === 'ok'));
    expect(polled.itemsLast24h).toBeGreaterThan(0);
    expect(feeds.hits('/feeds/thanhnien.rss')).toBe(1);
  });
});
