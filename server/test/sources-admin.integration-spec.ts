/**
 * Sources against real PostgreSQL and a real HTTP fixture feed server on 127.0.0.1: health, enabling and disabling,
 * and a source's unit and settings on create and update (ingestion itself: sources.integration-spec.ts). The
 * scheduler is off and the clock fixed, so each poll is triggered by calling pollDueSources() directly.
 */
import { Role, type SourceDto } from '@mw/shared';
import { FixedClock } from '../src/common/clock/clock';
import { SourcePollerService } from '../src/modules/sources/source-poller.service';
import type { FixtureFeedServer } from '../src/modules/sources/fetch/fixture-feed-server.testing';
import { bearer, tokenFor } from './factories/auth.factory';
import { createPerson } from './factories/person.factory';
import { createUnit } from './factories/unit.factory';
import { useSourcesTestApp } from './harness/sources-app';
import type { TestApp } from './harness/test-app';

const MINUTE = 60_000;

describe('source health and settings (real PostgreSQL, fixture feed server)', () => {
  let t: TestApp;
  let feeds: FixtureFeedServer;
  let clock: FixedClock;
  let poller: SourcePollerService;
  const { api, createSource, sourceById } = useSourcesTestApp((app) => {
    ({ t, feeds, clock, poller } = app);
  });

  describe('health', () => {
    it('flags a normally busy source that went silent, and not a steady one', async () => {
      const now = clock.now().getTime();
      const silent = await createSource({ name: 'silent', url: `${feeds.url}/custom/silent.rss`, kind: 'rss' });
      const steady = await createSource({ name: 'steady', url: `${feeds.url}/custom/steady.rss`, kind: 'rss' });
      const insert = async (sourceId: string, endMs: number) => {
        for (let i = 0; i < 40; i++) {
          const at = new Date(endMs - i * 3 * 3600_000);
          await t.db.dataSource.query(
            `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, published_at, fetched_at, content_hash, created_at)
             VALUES ($1, $2, $2, $2, 'tin', 'x', $3, $3, 'h', $3)`,
            [sourceId, `https://example.org/${sourceId}/${i}`, at],
          );
        }
      };
      await insert(silent.id, now - 3 * 24 * 3600_000);
      await insert(steady.id, now - 3600_000);
      await t.db.dataSource.query(`UPDATE source SET last_polled_at = $2, last_success_at = $2 WHERE id = ANY($1)`, [
        [silent.id, steady.id],
        clock.now(),
      ]);
      const a = await sourceById(silent.id);
      const b = await sourceById(steady.id);
      expect(a).toMatchObject({ wentSilent: true, health: 'silent', medianGapMinutes: 180 });
      expect(b).toMatchObject({ wentSilent: false, health: 'ok' });
      expect(b.itemsLast24h).toBe(8);
      expect(a.itemsLast24h).toBe(0);
    });

    it('shows unit roles only the sources of their own units', async () => {
      const unit = await createUnit(t.db.dataSource);
      const own = await createSource({
        name: 'school page',
        url: `${feeds.url}/custom/school.rss`,
        kind: 'social',
        unitCode: unit.code,
      });
      const principal = await createPerson(t.db.dataSource, { roles: [{ role: Role.Principal, unitCode: unit.code }] });
      const headers = bearer(tokenFor(t.app, principal.id));
      const list = await api<SourceDto[]>('GET', '/sources', undefined, headers);
      expect(list.status).toBe(200);
      expect(list.body.map((s) => s.id)).toEqual([own.id]);
      const other = (await api<SourceDto[]>('GET', '/sources')).body.find((s) => s.unitCode === null)!;
      expect((await api('GET', `/sources/${other.id}/items`, undefined, headers)).status).toBe(404);
    });
  });

  describe('enable and disable', () => {
    it('skips a disabled source and polls it again as soon as it is re-enabled', async () => {
      feeds.setFeed('/custom/toggle.rss', '<rss version="2.0"><channel><title>t</title></channel></rss>');
      const s = await createSource({ name: 'toggle', url: `${feeds.url}/custom/toggle.rss`, kind: 'rss' });
      const off = await api<SourceDto>('PATCH', `/sources/${s.id}`, { enabled: false });
      expect(off.body).toMatchObject({ enabled: false, health: 'disabled', nextPollAt: null });
      clock.advance(60 * MINUTE);
      const outcomes = await poller.pollDueSources();
      expect(outcomes.map((o) => o.sourceId)).not.toContain(s.id);
      expect(feeds.hits('/custom/toggle.rss')).toBe(0);
      const on = await api<SourceDto>('PATCH', `/sources/${s.id}`, { enabled: true });
      expect(new Date(on.body.nextPollAt!).getTime()).toBe(clock.now().getTime());
      expect((await poller.pollDueSources()).map((o) => o.sourceId)).toContain(s.id);
      expect(feeds.hits('/custom/toggle.rss')).toBe(1);
    });

    it('answers 404 for an unknown source and 400 naming the field for a bad update', async () => {
      expect((await api('PATCH', '/sources/00000000-0000-4000-8000-000000000000', { enabled: true })).status).toBe(404);
      expect((await api('POST', '/sources/not-a-uuid/poll')).status).toBe(404);
      const s = (await api<SourceDto[]>('GET', '/sources')).body[0]!;
      const res = await api<{ field: string }>('PATCH', `/sources/${s.id}`, { url: 'file:///etc/passwd' });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('url');
    });
  });

  describe('unit and settings on create and update', () => {
    interface Problem {
      code: string;
      field: string;
      message: string;
    }

    it('refuses a unitCode that names no unit, on create and on update; null clears it', async () => {
      const before = (await api<SourceDto[]>('GET', '/sources')).body.length;
      const refused = await api<Problem>('POST', '/sources', {
        name: 'ghost school',
        url: `${feeds.url}/custom/ghost.rss`,
        kind: 'rss',
        unitCode: 'NO-SUCH-UNIT',
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unitCode' });
      expect(refused.body.message).toContain('NO-SUCH-UNIT');
      expect((await api<SourceDto[]>('GET', '/sources')).body.length).toBe(before);

      const unit = await createUnit(t.db.dataSource);
      const s = await createSource({
        name: 'unit page',
        url: `${feeds.url}/custom/unit-page.rss`,
        kind: 'rss',
        unitCode: unit.code,
      });
      expect(s.unitCode).toBe(unit.code);
      const bad = await api<Problem>('PATCH', `/sources/${s.id}`, { unitCode: 'NO-SUCH-UNIT', name: 'renamed' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'unitCode' });
      expect(bad.body.message).toContain('NO-SUCH-UNIT');
      expect(await sourceById(s.id)).toMatchObject({ unitCode: unit.code, name: 'unit page' });

      const other = await createUnit(t.db.dataSource);
      expect((await api<SourceDto>('PATCH', `/sources/${s.id}`, { unitCode: other.code })).body.unitCode).toBe(
        other.code,
      );
      const cleared = await api<SourceDto>('PATCH', `/sources/${s.id}`, { unitCode: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.unitCode).toBeNull();
    });

    it('merges PATCH settings into the stored ones: given keys replace, null removes, the rest stay', async () => {
      const s = await createSource({
        name: 'merge me',
        url: `${feeds.url}/custom/merge.rss`,
        kind: 'rss',
        settings: { fetchArticles: false, intervalSeconds: 60, queries: ['a'], note: 'keep?' },
      });
      const res = await api<SourceDto>('PATCH', `/sources/${s.id}`, {
        settings: { intervalSeconds: 120, note: null, extra: 'added' },
      });
      expect(res.status).toBe(200);
      expect(res.body.settings).toEqual({ fetchArticles: false, intervalSeconds: 120, queries: ['a'], extra: 'added' });
      expect((await sourceById(s.id)).settings).toEqual(res.body.settings);
      // A PATCH without settings leaves them alone.
      expect((await api<SourceDto>('PATCH', `/sources/${s.id}`, { name: 'merged' })).body.settings).toEqual(
        res.body.settings,
      );
    });

    it('keeps both of two concurrent PATCHes that change different settings keys', async () => {
      const s = await createSource({
        name: 'two admins',
        url: `${feeds.url}/custom/two-admins.rss`,
        kind: 'rss',
        settings: { fetchArticles: false, note: 'start' },
      });
      // Hold the row so both PATCHes are in flight at once, then let them go: without a lock around read, merge
      // and write, each would merge into the same old settings and the later write would drop the other's key.
      const holder = t.db.dataSource.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        await holder.query(`SELECT id FROM source WHERE id = $1 FOR UPDATE`, [s.id]);
        const first = api<SourceDto>('PATCH', `/sources/${s.id}`, { settings: { intervalSeconds: 120 } });
        const second = api<SourceDto>('PATCH', `/sources/${s.id}`, { settings: { queries: ['trường học'] } });
        // Asked outside the holder's transaction, which would keep seeing its first snapshot of pg_stat_activity.
        for (let waited = 0; ; waited += 50) {
          const waiting: { n: number }[] = await t.db.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%source%'`,
          );
          if (waiting[0]!.n >= 2) break;
          if (waited > 10_000) throw new Error('the two PATCHes never reached the locked row');
          await new Promise((r) => setTimeout(r, 50));
        }
        await holder.commitTransaction();
        const replies = await Promise.all([first, second]);
        expect(replies.map((r) => r.status)).toEqual([200, 200]);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
      expect((await sourceById(s.id)).settings).toEqual({
        fetchArticles: false,
        note: 'start',
        intervalSeconds: 120,
        queries: ['trường học'],
      });
    });

    it('validates the merged settings and answers 400 naming the field, storing nothing', async () => {
      const selectors = { item: 'li', link: 'a' };
      const s = await createSource({
        name: 'listing',
        url: `${feeds.url}/custom/listing.html`,
        kind: 'html',
        settings: { selectors, fetchArticles: false },
      });
      // Only fetchArticles given: the stored selectors are kept, so the html source stays valid.
      const ok = await api<SourceDto>('PATCH', `/sources/${s.id}`, { settings: { fetchArticles: true } });
      expect(ok.status).toBe(200);
      expect(ok.body.settings).toEqual({ selectors, fetchArticles: true });

      const removed = await api<Problem>('PATCH', `/sources/${s.id}`, { settings: { selectors: null } });
      expect(removed.status).toBe(400);
      expect(removed.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'settings.selectors' });
      const partial = await api<Problem>('PATCH', `/sources/${s.id}`, { settings: { selectors: { item: 'li' } } });
      expect(partial.status).toBe(400);
      expect(partial.body.field).toBe('settings.selectors.link');
      const interval = await api<Problem>('PATCH', `/sources/${s.id}`, { settings: { intervalSeconds: 0 } });
      expect(interval.status).toBe(400);
      expect(interval.body.field).toBe('settings.intervalSeconds');
      expect((await sourceById(s.id)).settings).toEqual({ selectors, fetchArticles: true });

      // Turning an rss source into an html one validates its stored settings against the new kind.
      const rss = await createSource({ name: 'plain', url: `${feeds.url}/custom/plain.rss`, kind: 'rss' });
      const kind = await api<Problem>('PATCH', `/sources/${rss.id}`, {
        kind: 'html',
        settings: { fetchArticles: true },
      });
      expect(kind.status).toBe(400);
      expect(kind.body.field).toBe('settings.selectors');
      const fixed = await api<SourceDto>('PATCH', `/sources/${rss.id}`, { kind: 'html', settings: { selectors } });
      expect(fixed.status).toBe(200);
      expect(fixed.body).toMatchObject({ kind: 'html', settings: { selectors } });
    });
  });
});
