/**
 * Sources and ingestion against real PostgreSQL and a real HTTP fixture feed server on 127.0.0.1: the API contract,
 * every misbehaviour confined to its own source, idempotent storage, conditional GET, article pages, health.
 * The scheduler is off and the clock fixed, so each poll is triggered by calling pollDueSources() directly.
 */
import {
  Role,
  type AuditEntryView,
  type FeedItemDto,
  type Page,
  type PollOutcomeDto,
  type SourceDto,
  type SourceTestResult,
} from '@mw/shared';
import { FixedClock } from '../src/common/clock/clock';
import { SourcePollerService } from '../src/modules/sources/source-poller.service';
import {
  loadFixtureFeedServer,
  type FixtureFeedServer,
} from '../src/modules/sources/fetch/fixture-feed-server.testing';
import { bearer, tokenFor } from './factories/auth.factory';
import { createPerson } from './factories/person.factory';
import { useSourcesTestApp } from './harness/sources-app';
import type { TestApp } from './harness/test-app';

const { MISBEHAVIOUR } = loadFixtureFeedServer();

const MINUTE = 60_000;

describe('sources and ingestion (real PostgreSQL, fixture feed server)', () => {
  let t: TestApp;
  let feeds: FixtureFeedServer;
  let clock: FixedClock;
  let poller: SourcePollerService;
  let adminId: string;
  const { api, stored, createSource, sourceById } = useSourcesTestApp((app) => {
    ({ t, feeds, clock, poller, adminId } = app);
  });

  async function itemCount(sourceId?: string): Promise<number> {
    const rows: { n: number }[] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM feed_item WHERE $1::uuid IS NULL OR source_id = $1`,
      [sourceId ?? null],
    );
    return rows[0]!.n;
  }

  describe('API contract', () => {
    it('refuses reads and writes without a token', async () => {
      expect((await api('GET', '/sources', undefined, {})).status).toBe(401);
      const res = await api('POST', '/sources', { name: 'x', url: `${feeds.url}/feeds/tuoitre.rss`, kind: 'rss' }, {});
      expect(res.status).toBe(401);
    });

    it('lets only admins write', async () => {
      const spokesperson = await createPerson(t.db.dataSource, { roles: [{ role: Role.OfficeSpokesperson }] });
      const headers = bearer(tokenFor(t.app, spokesperson.id));
      expect((await api('GET', '/sources', undefined, headers)).status).toBe(200);
      const res = await api(
        'POST',
        '/sources',
        { name: 'x', url: `${feeds.url}/feeds/tuoitre.rss`, kind: 'rss' },
        headers,
      );
      expect(res.status).toBe(403);
    });

    it.each([
      [{ url: `http://127.0.0.1/feed.rss`, kind: 'rss' }, 'name'],
      [{ name: 'A', kind: 'rss' }, 'url'],
      [{ name: 'A', url: 'ftp://example.org/feed.rss', kind: 'rss' }, 'url'],
      [{ name: 'A', url: 'not a url', kind: 'rss' }, 'url'],
      [{ name: 'A', url: 'https://example.org/feed.rss', kind: 'newsletter' }, 'kind'],
      [{ name: 'A', url: 'https://example.org/feed.rss', kind: 'rss', intervalMinutes: 0 }, 'intervalMinutes'],
      [{ name: 'A', url: 'https://example.org/feed.rss', kind: 'rss', reachWeight: -1 }, 'reachWeight'],
      [{ name: 'A', url: 'https://example.org/', kind: 'html' }, 'settings.selectors'],
      [
        { name: 'A', url: 'https://example.org/', kind: 'html', settings: { selectors: { item: 'li' } } },
        'settings.selectors.link',
      ],
      [{ name: 'A', url: 'https://example.org/feed.rss', kind: 'rss', colour: 'red' }, 'colour'],
    ])('answers 400 naming the field for %j', async (body, field) => {
      const res = await api<{ code: string; field: string; message: string }>('POST', '/sources', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.field).toBe(field);
      expect(res.body.message).toContain(field.split('.').pop());
    });

    it('creates a source due at once, with defaults, and refuses the same URL twice', async () => {
      const url = `${feeds.url}/feeds/tuoitre.rss`;
      const created = await createSource({
        name: 'Tuổi Trẻ fixture',
        url,
        kind: 'rss',
        settings: { fetchArticles: false },
      });
      expect(created).toMatchObject({
        name: 'Tuổi Trẻ fixture',
        url,
        kind: 'rss',
        intervalMinutes: 15,
        reachWeight: 1,
        enabled: true,
        unitCode: null,
        health: 'pending',
        lastPolledAt: null,
        consecutiveFailures: 0,
        itemsLast24h: 0,
        wentSilent: false,
      });
      expect(new Date(created.nextPollAt!).getTime()).toBeLessThanOrEqual(clock.now().getTime());
      const again = await api<{ code: string; field: string }>('POST', '/sources', { name: 'dup', url, kind: 'rss' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CONFLICT', field: 'url' });
      // Every change is in the audit log, which names the source; the refused duplicate left no entry.
      const disabled = await api<SourceDto>('PATCH', `/sources/${created.id}`, { enabled: false });
      expect(disabled.status).toBe(200);
      const audit = await api<Page<AuditEntryView>>('GET', `/audit?entityType=source&entityId=${created.id}`);
      expect(audit.status).toBe(200);
      expect(audit.body.items.map((e) => e.action)).toEqual(['source.update', 'source.create']);
      expect(audit.body.items[0]).toMatchObject({
        actorId: adminId,
        entityLabel: `Tuổi Trẻ fixture (${created.outlet})`,
        before: { enabled: true },
        after: { enabled: false },
      });
      expect(audit.body.items[1]?.after).toMatchObject({ name: 'Tuổi Trẻ fixture', url, kind: 'rss' });
      const all = await api<Page<AuditEntryView>>('GET', '/audit?action=source.create&pageSize=200');
      expect(all.body.items.filter((e) => (e.after as { url?: string }).url === url)).toHaveLength(1);
      await api('PATCH', `/sources/${created.id}`, { enabled: true });
    });

    it('tests a source without saving it: items for a good feed, the error for a bad one', async () => {
      const before = (await api<SourceDto[]>('GET', '/sources')).body.length;
      const good = await api<SourceTestResult>('POST', '/sources/test', {
        name: 'probe',
        url: `${feeds.url}/feeds/vnexpress-2025.rss`,
        kind: 'rss',
      });
      expect(good.status).toBe(200);
      expect(good.body.ok).toBe(true);
      if (!good.body.ok) throw new Error('unreachable');
      expect(good.body.items.length).toBeGreaterThan(0);
      for (const item of good.body.items) {
        expect(item.title.normalize('NFC')).toBe(item.title);
        expect(item.summary).not.toMatch(/<[a-z]/i);
        expect(item.url).toMatch(/^https?:\/\//);
      }
      const bad = await api<SourceTestResult>('POST', '/sources/test', {
        name: 'probe',
        url: `${feeds.url}${MISBEHAVIOUR.billionLaughs}`,
        kind: 'rss',
      });
      expect(bad.status).toBe(200);
      expect(bad.body).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
      const ssrf = await api<SourceTestResult>('POST', '/sources/test', {
        name: 'probe',
        url: 'http://10.1.2.3/feed.rss',
        kind: 'rss',
      });
      expect(ssrf.body).toMatchObject({ ok: false, error: { code: 'SSRF_BLOCKED' } });
      expect((await api<SourceDto[]>('GET', '/sources')).body.length).toBe(before);
    });
  });

  describe('misbehaving feeds', () => {
    const good: Record<string, string> = {};
    const bad: Record<string, { id: string; error: RegExp }> = {};

    beforeAll(async () => {
      const goodFeeds: [string, string, Record<string, unknown>][] = [
        ['vnexpress-2025.rss', 'rss', {}],
        ['vnexpress-2017.rss', 'rss', {}],
        ['thanhnien.rss', 'rss', {}],
        ['legacy-windows-1258.rss', 'rss', {}],
        ['windows-1252-entities.rss', 'rss', {}],
        ['nfd.rss', 'rss', {}],
        ['rss1-rdf.rdf', 'rss', {}],
        ['google-news-search.rss', 'search', {}],
        ['youtube-channel.atom', 'social', {}],
        ['rssbridge-facebook.rss', 'social', {}],
        [
          'listing.html',
          'html',
          {
            selectors: {
              item: 'article.story',
              link: 'h3 a',
              title: 'h3 a',
              date: '.story__time',
              summary: '.story__summary',
            },
          },
        ],
      ];
      for (const [file, kind, settings] of goodFeeds) {
        const s = await createSource({
          name: `good ${file}`,
          url: `${feeds.url}/feeds/${file}`,
          kind,
          settings: { ...settings, fetchArticles: false },
        });
        good[file] = s.id;
      }
      const badFeeds: [string, RegExp, string?, Record<string, unknown>?][] = [
        [MISBEHAVIOUR.serverError, /500/],
        [MISBEHAVIOUR.slow, /timeout|timed out|gave up/i],
        [MISBEHAVIOUR.huge, /cap|too large|bytes/i],
        [MISBEHAVIOUR.gzipBomb, /cap|decompress/i],
        [MISBEHAVIOUR.brotliBomb, /cap|decompress/i],
        [MISBEHAVIOUR.deflateBomb, /cap|decompress/i],
        [MISBEHAVIOUR.corruptGzip, /gzip|decode|decompress/i],
        [MISBEHAVIOUR.malformed, /xml|malformed|parse|feed/i],
        [MISBEHAVIOUR.billionLaughs, /entit/i],
        [MISBEHAVIOUR.xxe, /entit|doctype|dtd/i],
        [MISBEHAVIOUR.nested, /deep|nest/i],
        [MISBEHAVIOUR.redirectLoop, /redirect/i],
        [MISBEHAVIOUR.redirectPrivate, /10\.0\.0\.1|private|refused/i],
        [MISBEHAVIOUR.redirectMetadata, /169\.254\.169\.254|link-local|metadata|refused/i],
        [
          MISBEHAVIOUR.emptyListing,
          /matched no items|layout/i,
          'html',
          { selectors: { item: 'article.story', link: 'a' } },
        ],
      ];
      for (const [path, error, kind, settings] of badFeeds) {
        const s = await createSource({
          name: `bad ${path}`,
          url: `${feeds.url}${path}`,
          kind: kind ?? 'rss',
          settings,
        });
        bad[path] = { id: s.id, error };
      }
    });

    it('polls every due source; each misbehaviour fails its own source with a clear sentence, the rest store items', async () => {
      const started = Date.now();
      const outcomes = await poller.pollDueSources();
      expect(Date.now() - started).toBeLessThan(20_000);
      const ids = outcomes.map((o) => o.sourceId);
      for (const id of [...Object.values(good), ...Object.values(bad).map((b) => b.id)]) expect(ids).toContain(id);

      for (const [file, id] of Object.entries(good)) {
        const s = await sourceById(id);
        expect({ file, health: s.health, error: s.lastError }).toEqual({ file, health: 'ok', error: null });
        expect(s.lastSuccessAt).not.toBeNull();
        expect(s.itemsLast24h).toBeGreaterThan(0);
        expect(await itemCount(id)).toBe(s.itemsLast24h);
      }
      for (const [path, { id, error }] of Object.entries(bad)) {
        const s = await sourceById(id);
        expect({ path, health: s.health, failures: s.consecutiveFailures }).toEqual({
          path,
          health: 'failing',
          failures: 1,
        });
        expect(s.lastError).toMatch(error);
        expect(s.lastError).toMatch(/^[A-Z0-9].*\.$/);
        expect(s.lastError).not.toContain('\n');
        expect(await itemCount(id)).toBe(0);
        expect(new Date(s.nextPollAt!).getTime()).toBeGreaterThan(clock.now().getTime());
      }
      expect(stored.length).toBe(await itemCount());
    }, 60_000);

    it('stores text as NFC and keeps the real outlet of search results', async () => {
      const nfd: { title: string; summary: string }[] = await t.db.dataSource.query(
        `SELECT title, summary FROM feed_item WHERE source_id = $1`,
        [good['nfd.rss']],
      );
      for (const row of nfd) expect(row.title).toBe(row.title.normalize('NFC'));
      const legacy: { title: string }[] = await t.db.dataSource.query(
        `SELECT title FROM feed_item WHERE source_id = $1`,
        [good['legacy-windows-1258.rss']],
      );
      expect(legacy.some((r) => /[ạảãàáâậầấẩẫăắằặẳẵêệềếểễôộồốổỗơợờớởỡưựừứửữđ]/i.test(r.title))).toBe(true);
      const search: { outlet: string }[] = await t.db.dataSource.query(
        `SELECT outlet FROM feed_item WHERE source_id = $1`,
        [good['google-news-search.rss']],
      );
      expect(search.length).toBeGreaterThan(0);
      for (const row of search) expect(row.outlet).not.toBe('Google News');
    });

    it('re-polling inserts nothing and announces nothing', async () => {
      const before = await itemCount();
      const announced = stored.length;
      clock.advance(16 * MINUTE);
      const outcome = await api<PollOutcomeDto>('POST', `/sources/${good['vnexpress-2025.rss']}/poll`);
      expect(outcome.status).toBe(200);
      expect(outcome.body).toMatchObject({ ok: true, itemsStored: 0 });
      expect(outcome.body.itemsRead).toBeGreaterThan(0);
      const outcomes = await poller.pollDueSources();
      expect(outcomes.filter((o) => o.ok).length).toBeGreaterThanOrEqual(Object.keys(good).length - 1);
      expect(outcomes.reduce((n, o) => n + o.itemsStored, 0)).toBe(0);
      expect(await itemCount()).toBe(before);
      await new Promise((r) => setImmediate(r));
      expect(stored.length).toBe(announced);
    });

    it('keeps retrying failing sources with a growing back-off', async () => {
      const id = bad[MISBEHAVIOUR.serverError]!.id;
      const first = await sourceById(id);
      const gaps: number[] = [];
      let previous = first;
      for (let i = 0; i < 3; i++) {
        clock.set(new Date(new Date(previous.nextPollAt!).getTime() + 1000));
        const polled = clock.now().getTime();
        const outcomes = await poller.pollDueSources();
        expect(outcomes.map((o) => o.sourceId)).toContain(id);
        previous = await sourceById(id);
        gaps.push(new Date(previous.nextPollAt!).getTime() - polled);
      }
      expect(previous.consecutiveFailures).toBe(first.consecutiveFailures + 3);
      expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
      expect(previous.health).toBe('failing');
    }, 60_000);
  });

  describe('conditional GET', () => {
    it('sends the validators back and handles 304 as a success with nothing new', async () => {
      const s = await createSource({
        name: 'etag',
        url: `${feeds.url}${MISBEHAVIOUR.etag}`,
        kind: 'rss',
        settings: { fetchArticles: false },
      });
      const first = await api<PollOutcomeDto>('POST', `/sources/${s.id}/poll`);
      expect(first.body).toMatchObject({ ok: true, notModified: false });
      expect(first.body.itemsStored).toBeGreaterThan(0);
      const count = await itemCount(s.id);
      const second = await api<PollOutcomeDto>('POST', `/sources/${s.id}/poll`);
      expect(second.body).toMatchObject({ ok: true, notModified: true, itemsRead: 0, itemsStored: 0 });
      expect(await itemCount(s.id)).toBe(count);
      expect(feeds.hits(MISBEHAVIOUR.etag)).toBe(2);
      expect((await sourceById(s.id)).health).toBe('ok');
    });
  });

  describe('article pages', () => {
    it('stores the extracted text, status and hash of each new item; a failed page keeps the summary', async () => {
      const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Bài viết thử</title><link>${feeds.url}/</link>
<item><title>Trường THCS Gò Vấp đón học sinh</title><link>${feeds.url}/feeds/article-vnexpress.html?utm_source=rss</link>
<guid>art-1</guid><description>Tóm tắt một</description><pubDate>Mon, 08 Sep 2025 10:00:00 +0700</pubDate></item>
<item><title>Họp phụ huynh đầu năm</title><link>${feeds.url}/feeds/article-generic.html</link>
<guid>art-2</guid><description>Tóm tắt hai</description></item>
<item><title>Bài đã bị gỡ</title><link>${feeds.url}/gone/article-3.html</link>
<guid>art-3</guid><description>Tóm tắt ba còn giữ</description></item>
</channel></rss>`;
      feeds.setFeed('/custom/articles.rss', rss);
      const s = await createSource({ name: 'articles', url: `${feeds.url}/custom/articles.rss`, kind: 'rss' });
      const outcome = await api<PollOutcomeDto>('POST', `/sources/${s.id}/poll`);
      expect(outcome.body).toMatchObject({ ok: true, itemsRead: 3, itemsStored: 3 });

      const rows: {
        guid: string;
        canonical_url: string;
        content_text: string | null;
        content_error: string | null;
        http_status: number | null;
        content_hash: string;
        summary: string;
      }[] = await t.db.dataSource.query(
        `SELECT guid, canonical_url, content_text, content_error, http_status, content_hash, summary FROM feed_item
         WHERE source_id = $1 ORDER BY guid`,
        [s.id],
      );
      expect(rows.map((r) => r.guid)).toEqual(['art-1', 'art-2', 'art-3']);
      const [one, two, three] = rows;
      expect(one!.canonical_url).not.toContain('utm_source');
      expect(one!.http_status).toBe(200);
      expect(one!.content_text!.length).toBeGreaterThan(100);
      expect(two!.http_status).toBe(200);
      expect(two!.content_text!.length).toBeGreaterThan(50);
      expect(one!.content_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(one!.content_hash).not.toBe(two!.content_hash);
      expect(three!.content_text).toBeNull();
      expect(three!.http_status).toBe(404);
      expect(three!.content_error).toMatch(/404/);
      expect(three!.summary).toBe('Tóm tắt ba còn giữ');

      const items = await api<FeedItemDto[]>('GET', `/sources/${s.id}/items`);
      expect(items.status).toBe(200);
      expect(items.body).toHaveLength(3);
      expect(items.body[0]).toMatchObject({ sourceId: s.id, analysisState: 'pending', outlet: expect.any(String) });
    });
  });
});
