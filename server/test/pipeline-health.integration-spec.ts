/**
 * The pipeline in GET /api/health and the `source.health` / `health.changed` realtime events, against real
 * PostgreSQL and the fixture feed server on 127.0.0.1. The scheduler is off and the clock fixed: polls and the
 * monitor's look are triggered by hand, and time moves only when the test moves it.
 */
import type { HealthResponse, RealtimePayloads, SourceDto } from '@mw/shared';
import { FixedClock } from '../src/common/clock/clock';
import { DomainEventBus } from '../src/common/events/domain-events';
import { EVENT_LOOK_SPACING_MS, HealthMonitorService } from '../src/modules/health/health-monitor.service';
import { HealthService, PIPELINE_CACHE_MS } from '../src/modules/health/health.service';
import { RealtimeService } from '../src/modules/realtime/realtime.service';
import { DataSource } from 'typeorm';
import { QUIET_DEFAULT_MINUTES } from '../src/modules/sources/collection-health';
import { CollectionHealthService, RHYTHM_TTL_MS } from '../src/modules/sources/collection-health.service';
import {
  loadFixtureFeedServer,
  type FixtureFeedServer,
} from '../src/modules/sources/fetch/fixture-feed-server.testing';
import { bearer, tokenFor } from './factories/auth.factory';
import { createPerson } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';
import { Role } from '@mw/shared';

const { startFixtureFeedServer, MISBEHAVIOUR } = loadFixtureFeedServer();
const MINUTE = 60_000;

describe('pipeline health (real PostgreSQL, fixture feed server)', () => {
  let t: TestApp;
  let feeds: FixtureFeedServer;
  let clock: FixedClock;
  let adminId: string;
  const admin = (): Record<string, string> => bearer(tokenFor(t.app, adminId));

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${t.baseUrl}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...admin() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** The health answer once the per-instance cache has passed. */
  async function health(): Promise<HealthResponse> {
    clock.advance(PIPELINE_CACHE_MS + 1);
    const res = await fetch(`${t.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    return (await res.json()) as HealthResponse;
  }

  async function events<E extends 'source.health' | 'health.changed'>(event: E): Promise<RealtimePayloads[E][]> {
    await t.app.get(RealtimeService).flush();
    const rows: { payload: RealtimePayloads[E] }[] = await t.db.dataSource.query(
      `SELECT payload FROM realtime_event WHERE event = $1 ORDER BY id`,
      [event],
    );
    return rows.map((r) => r.payload);
  }

  async function count(sql: string): Promise<number> {
    const rows: { n: number }[] = await t.db.dataSource.query(sql);
    return rows[0]!.n;
  }

  beforeAll(async () => {
    feeds = await startFixtureFeedServer();
    clock = new FixedClock(new Date());
    t = await startTestApp(
      { MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1', MW_SEED_SOURCES: 'false', MW_FETCH_TOTAL_TIMEOUT_MS: '2500' },
      { clock },
    );
    adminId = (await createPerson(t.db.dataSource, { roles: [{ role: Role.Admin }] })).id;
  });
  afterAll(async () => {
    await t?.close();
    await feeds?.close();
  });

  it('keeps the existing fields and says that nothing is collected without sources', async () => {
    const body = await health();
    expect(body).toMatchObject({ status: 'ok', db: 'up', version: expect.any(String) });
    expect(body.pipeline).toMatchObject({
      collecting: false,
      problem: 'no_sources',
      sources: { enabled: 0, ok: 0, failing: 0, pending: 0 },
      lastItemStoredAt: null,
      itemsAwaitingAnalysis: 0,
      notifications: { due: 0, dead: 0 },
    });
  });

  it('counts sources by health, announces a flip once, and says when every source fails', async () => {
    const good = (
      await api<SourceDto>('POST', '/sources', {
        name: 'Tuổi Trẻ - Giáo dục',
        url: `${feeds.url}/feeds/tuoitre.rss`,
        kind: 'rss',
        unitCode: '79764507',
        settings: { fetchArticles: false },
      })
    ).body;
    const broken = (
      await api<SourceDto>('POST', '/sources', {
        name: 'Báo hỏng',
        url: `${feeds.url}${MISBEHAVIOUR.serverError}`,
        kind: 'rss',
      })
    ).body;
    expect((await health()).pipeline?.sources).toEqual({ enabled: 2, ok: 0, failing: 0, pending: 2 });

    expect((await api<{ ok: boolean }>('POST', `/sources/${good.id}/poll`)).body.ok).toBe(true);
    expect((await api<{ ok: boolean }>('POST', `/sources/${broken.id}/poll`)).body.ok).toBe(false);
    expect((await api<{ ok: boolean }>('POST', `/sources/${broken.id}/poll`)).body.ok).toBe(false);

    const stored = await count(`SELECT count(*)::int AS n FROM feed_item`);
    expect(stored).toBeGreaterThan(0);
    const body = await health();
    expect(body.pipeline).toMatchObject({
      collecting: true,
      problem: null,
      sources: { enabled: 2, ok: 1, failing: 1, pending: 0 },
      // The scheduler is off, so nothing analyses what was stored.
      itemsAwaitingAnalysis: stored,
    });
    expect(new Date(body.pipeline!.lastItemStoredAt!).getTime()).toBeLessThanOrEqual(clock.now().getTime());

    const listed = (await api<SourceDto[]>('GET', '/sources')).body.find((s) => s.id === broken.id);
    expect(listed).toMatchObject({ health: 'failing', lastErrorCode: 'HTTP_STATUS' });
    // First answers (working, failing) are announced; the second failure is not.
    expect(await events('source.health')).toEqual([
      { sourceId: good.id, ok: true, summary: 'Tuổi Trẻ - Giáo dục', errorCode: null },
      { sourceId: broken.id, ok: false, summary: 'Báo hỏng', errorCode: 'HTTP_STATUS' },
    ]);

    // The polls and the new sources woke the monitor already; looking again changes nothing.
    const monitor = t.app.get(HealthMonitorService);
    await monitor.evaluate();
    expect(await monitor.evaluate()).toBe(false);
    // Adding the first source started the collection; while it goes on, count changes are not announced.
    const started = await events('health.changed');
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ db: 'up', collecting: true, problem: null });

    // Disabling a source wakes the monitor too (source.registry_changed); wait for its look.
    await api('PATCH', `/sources/${good.id}`, { enabled: false });
    await monitor.evaluate();
    expect((await health()).pipeline).toMatchObject({
      collecting: false,
      problem: 'all_sources_failing',
      sources: { enabled: 1, ok: 0, failing: 1, pending: 0 },
    });
    expect((await events('health.changed')).at(-1)).toEqual({
      db: 'up',
      collecting: false,
      problem: 'all_sources_failing',
      sourcesEnabled: 1,
      sourcesFailing: 1,
    });

    // The broken source recovers: announced as ok, and collection resumes.
    feeds.setFeed(MISBEHAVIOUR.serverError, await fetch(`${feeds.url}/feeds/thanhnien.rss`).then((r) => r.text()));
    clock.advance(MINUTE);
    expect((await api<{ ok: boolean }>('POST', `/sources/${broken.id}/poll`)).body.ok).toBe(true);
    expect((await events('source.health')).at(-1)).toEqual({
      sourceId: broken.id,
      ok: true,
      summary: 'Báo hỏng',
      errorCode: null,
    });
    await monitor.evaluate();
    expect((await events('health.changed')).at(-1)).toMatchObject({ collecting: true, problem: null });
    expect(await events('health.changed')).toHaveLength(3);
  });

  it('says that nothing was stored once the quiet lasts longer than the usual rhythm', async () => {
    const before = await health();
    expect(before.pipeline?.collecting).toBe(true);
    // Less than three days of history: the default limit applies.
    expect(before.pipeline?.quietLimitMinutes).toBe(QUIET_DEFAULT_MINUTES);
    clock.advance((QUIET_DEFAULT_MINUTES + 1) * MINUTE);
    expect((await health()).pipeline).toMatchObject({ collecting: false, problem: 'nothing_stored' });
  });

  it('reads the usual rhythm of storing at most every ten minutes, the newest item every time', async () => {
    const query = jest.spyOn(t.app.get(DataSource), 'query');
    const reads = (part: string) => query.mock.calls.filter(([sql]) => String(sql).includes(part)).length;
    try {
      const collection = t.app.get(CollectionHealthService);
      // The earlier tests' reads are older than the limit now.
      clock.advance(RHYTHM_TTL_MS);
      await collection.read();
      clock.advance(RHYTHM_TTL_MS - 1);
      await collection.read();
      expect(reads('WITH stored AS')).toBe(1);
      expect(reads('AS last_item_at')).toBe(2);
      clock.advance(1);
      await collection.read();
      expect(reads('WITH stored AS')).toBe(2);
    } finally {
      query.mockRestore();
    }
  });

  it('counts notifications due and given up', async () => {
    const person = await createPerson(t.db.dataSource, { roles: [{ role: Role.OfficeSpokesperson }] });
    const now = clock.now();
    const insert = (key: string, status: string, nextAttemptAt: Date, createdAt: Date) =>
      t.db.dataSource.query(
        `INSERT INTO notification (dedup_key, event, recipient_id, channel, template, not_before, next_attempt_at,
                                   status, created_at)
         VALUES ($1, 'test', $2, 'email', 'incident.created', $3, $3, $4, $5)`,
        [key, person.id, nextAttemptAt, status, createdAt],
      );
    await insert('due-1', 'pending', new Date(now.getTime() - MINUTE), now);
    await insert('due-2', 'failed', new Date(now.getTime() - MINUTE), now);
    await insert('later', 'failed', new Date(now.getTime() + 10 * MINUTE), now);
    await insert('dead-new', 'dead', now, now);
    await insert('dead-old', 'dead', now, new Date(now.getTime() - 8 * 24 * 60 * MINUTE));
    expect((await health()).pipeline?.notifications).toEqual({ due: 2, dead: 1 });
  });
});

describe('the health monitor under a burst of source flips (real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MW_SEED_SOURCES: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads the pipeline once for a burst, and once more after its last flip, not once per flip', async () => {
    const looks = jest.spyOn(t.app.get(HealthService), 'pipeline');
    const bus = t.app.get(DomainEventBus);
    // A new catalogue's first polls: one flip every 50 ms for a second, each arriving after the last look ended.
    for (let i = 0; i < 20; i++) {
      bus.emit('source.health_changed', { sourceId: `s${i}`, ok: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(looks).toHaveBeenCalledTimes(1);
    // The flips after the first are looked at together once the spacing has passed.
    await new Promise((resolve) => setTimeout(resolve, EVENT_LOOK_SPACING_MS));
    expect(looks).toHaveBeenCalledTimes(2);
  }, 20_000);
});
