/**
 * Ingestion with real server processes (server/dist/main.js) on one PostgreSQL database:
 * - SIGKILL in the middle of a batch, then a restart: every item stored exactly once;
 * - two servers polling the same sources for several intervals: each source fetched once per interval,
 *   no duplicate items.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFixtureFeedServer, type FixtureFeedServer } from './fixture-feed-server';
import { startTestPostgres, type TestPostgres } from './support/postgres';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, startServer, type ServerProcess } from './support/server-process';
import { query } from './support/db';
import { waitFor } from './support/wait';

function rss(items: { guid: string; link: string; title: string }[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.guid}</guid><description>Tóm tắt</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Thử</title>${body}</channel></rss>`;
}

async function insertSource(
  url: string,
  name: string,
  feedUrl: string,
  settings: Record<string, unknown>,
): Promise<string> {
  const rows = await query<{ id: string }>(
    url,
    `INSERT INTO source (name, outlet, url, kind, interval_minutes, settings, next_poll_at)
     VALUES ($1, 'Thử', $2, 'rss', 15, $3, now()) RETURNING id`,
    [name, feedUrl, settings],
  );
  return rows[0]!.id;
}

const SERVER_ENV = {
  MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
  MW_SEED_SOURCES: 'false',
  MW_SCHEDULER_ENABLED: 'true',
  MW_POLL_TICK_SECONDS: '1',
  LOG_LEVEL: 'warn',
};

describe('ingestion with real server processes', () => {
  let pg: TestPostgres;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    pg = await startTestPostgres();
  });
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await pg?.stop();
  });

  describe('SIGKILL during a batch', () => {
    let feeds: FixtureFeedServer;
    beforeAll(async () => {
      feeds = await startFixtureFeedServer();
    });
    afterAll(async () => {
      await feeds?.close();
    });

    it('loses nothing and duplicates nothing after a restart', async () => {
      const databaseUrl = await pg.createDatabase('mw_e2e_kill');
      // Every article page trickles for 30 s and the fetch gives up after 1.5 s: a batch of 25 takes seconds.
      const items = Array.from({ length: 70 }, (_, i) => ({
        guid: `kill-${i}`,
        link: `${feeds.url}/misbehave/slow?article=${i}`,
        title: `Bài số ${i} về trường Gò Vấp`,
      }));
      feeds.setFeed('/kill/feed.rss', rss(items));
      const env = {
        ...SERVER_ENV,
        DATABASE_URL: databaseUrl,
        MW_FETCH_TOTAL_TIMEOUT_MS: '1500',
        MW_FETCH_MAX_PER_HOST: '10',
        MW_SOURCE_LEASE_SECONDS: '10',
      };
      const first = await startServer(env);
      servers.push(first);
      await first.waitHealthy();
      const sourceId = await insertSource(databaseUrl, 'kill', `${feeds.url}/kill/feed.rss`, {});

      const count = async (): Promise<number> =>
        (
          await query<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM feed_item WHERE source_id = $1`, [
            sourceId,
          ])
        )[0]!.n;
      const before = await waitFor(
        async () => {
          const n = await count();
          return n > 0 ? n : undefined;
        },
        60_000,
        'the first batch',
      );
      first.child.kill('SIGKILL');
      await first.exited;
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(items.length);
      const [state] = await query<{ last_success_at: Date | null; lease_owner: string | null }>(
        databaseUrl,
        `SELECT last_success_at, lease_owner FROM source WHERE id = $1`,
        [sourceId],
      );
      expect(state).toMatchObject({ last_success_at: null });
      expect(state!.lease_owner).not.toBeNull();

      const second = await startServer(env);
      servers.push(second);
      await second.waitHealthy();
      await waitFor(
        async () => {
          const [row] = await query<{ last_success_at: Date | null }>(
            databaseUrl,
            `SELECT last_success_at FROM source WHERE id = $1`,
            [sourceId],
          );
          return row?.last_success_at ? true : undefined;
        },
        120_000,
        'the repeated poll to finish',
      );
      const rows = await query<{ guid: string; n: number }>(
        databaseUrl,
        `SELECT guid, count(*)::int AS n FROM feed_item WHERE source_id = $1 GROUP BY guid ORDER BY guid`,
        [sourceId],
      );
      expect(rows).toHaveLength(items.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(rows.map((r) => r.guid).sort()).toEqual(items.map((i) => i.guid).sort());
      const [withError] = await query<{ n: number }>(
        databaseUrl,
        `SELECT count(*)::int AS n FROM feed_item WHERE source_id = $1 AND content_error IS NOT NULL AND summary <> ''`,
        [sourceId],
      );
      expect(withError!.n).toBe(items.length);
      const listed = await runCli(['sources', 'list'], {
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'error',
        MW_SEED_SOURCES: 'false',
      });
      expect(listed.code).toBe(0);
      const lines = listed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; health: string; itemsLast24h: number });
      expect(lines).toEqual([expect.objectContaining({ id: sourceId, health: 'ok', itemsLast24h: items.length })]);
      await second.stop('SIGTERM');
    }, 240_000);

    it('prints items as JSON lines with `cli fetch`, without any database, and one error line on failure', async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-fetch-'));
      const env = {
        DATABASE_URL: undefined,
        MW_PG_DATA_DIR: path.join(home, 'pg'),
        MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      };
      try {
        const ok = await runCli(['fetch', `${feeds.url}/feeds/tuoitre.rss`], env);
        expect(ok.code).toBe(0);
        const lines = ok.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          expect(Object.keys(line).sort()).toEqual(['outlet', 'publishedAt', 'summary', 'title', 'url']);
          expect(String(line.publishedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$/);
        }
        const refused = await runCli(['fetch', `${feeds.url}/feeds/tuoitre.rss`], {
          ...env,
          MW_ALLOW_PRIVATE_HOSTS: '',
        });
        expect(refused.code).toBe(1);
        expect(refused.stdout).toBe('');
        expect(refused.stderr.trim().split('\n')).toHaveLength(1);
        expect(refused.stderr).toMatch(/127\.0\.0\.1/);
        expect(fs.existsSync(path.join(home, 'pg'))).toBe(false);
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    }, 120_000);
  });

  describe('two servers on one database', () => {
    let feedServer: Server;
    let base = '';
    const hits = new Map<string, number[]>();

    beforeAll(async () => {
      // Each request serves one more item than the last, so every poll has something new to store.
      feedServer = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const times = hits.get(path) ?? [];
        times.push(Date.now());
        hits.set(path, times);
        const items = times.map((_, i) => ({
          guid: `${path}#${i}`,
          link: `https://example.org${path}/${i}`,
          title: `Tin ${i}`,
        }));
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(rss(items));
      });
      await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      feedServer.closeAllConnections();
      await new Promise((r) => feedServer.close(r));
    });

    it('fetches each due source exactly once per interval and stores no duplicates', async () => {
      const databaseUrl = await pg.createDatabase('mw_e2e_two');
      const env = { ...SERVER_ENV, DATABASE_URL: databaseUrl, MW_POLL_CONCURRENCY: '2', LOG_LEVEL: 'debug' };
      const a = await startServer(env);
      const b = await startServer(env);
      servers.push(a, b);
      await Promise.all([a.waitHealthy(), b.waitHealthy()]);

      const intervalMs = 3000;
      const paths = Array.from({ length: 6 }, (_, i) => `/two/${i}.rss`);
      for (const path of paths) {
        await insertSource(databaseUrl, path, `${base}${path}`, {
          intervalSeconds: intervalMs / 1000,
          fetchArticles: false,
        });
      }
      const runMs = 14_000;
      await new Promise((r) => setTimeout(r, runMs));
      // Stop new polls first, let the ones in flight commit, then stop both servers.
      await query(databaseUrl, `UPDATE source SET enabled = false`);
      await new Promise((r) => setTimeout(r, 1500));
      await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);

      for (const path of paths) {
        const times = hits.get(path) ?? [];
        // One poll at once, then one per interval (plus tick latency): never two within one interval.
        expect(times.length).toBeGreaterThanOrEqual(3);
        expect(times.length).toBeLessThanOrEqual(Math.floor(runMs / intervalMs) + 1);
        for (let i = 1; i < times.length; i++)
          expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(intervalMs - 100);
      }
      // Both instances took part: each logged some of the polls.
      const pollsBy = (server: ServerProcess): number =>
        server
          .output()
          .split('\n')
          .filter((l) => l.includes('"source polled"')).length;
      expect(pollsBy(a)).toBeGreaterThan(0);
      expect(pollsBy(b)).toBeGreaterThan(0);
      const totalHits = paths.reduce((n, path) => n + (hits.get(path)?.length ?? 0), 0);
      expect(pollsBy(a) + pollsBy(b)).toBe(totalHits);

      const rows = await query<{ url: string; n: number; distinct_keys: number }>(
        databaseUrl,
        `SELECT s.url, count(i.id)::int AS n, count(DISTINCT i.dedup_key)::int AS distinct_keys
         FROM source s LEFT JOIN feed_item i ON i.source_id = s.id GROUP BY s.url`,
      );
      for (const row of rows) {
        const served = hits.get(new URL(row.url).pathname)!.length;
        expect(row).toEqual({ url: row.url, n: served, distinct_keys: served });
      }
    }, 120_000);
  });
});
