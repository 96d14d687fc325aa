/**
 * A source's lease lasts the whole poll, against real PostgreSQL with two instances: an article page slower than the
 * lease does not let the second instance poll the same source, and a holder that finds its lease taken stops at once
 * (its article fetch cut off) and writes nothing more.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../src/bootstrap';
import { JsonLogger } from '../src/common/logging/json-logger';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { SourcePollerService } from '../src/modules/sources/source-poller.service';
import { startTestApp, type TestApp } from './harness/test-app';

const LEASE_SECONDS = 2;
/** The article page answers well after the lease (2 s) would have run out without renewal. */
const ARTICLE_DELAY_MS = 3_500;

const ENV = {
  MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
  MW_SEED_SOURCES: 'false',
  MW_SOURCE_LEASE_SECONDS: String(LEASE_SECONDS),
  MW_FETCH_TOTAL_TIMEOUT_MS: '10000',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A feed of one item whose article page is slow; counts the requests per path. */
async function startSlowSite(): Promise<{
  url: string;
  hits: Map<string, number>;
  answered: Set<string>;
  /** Article requests the client gave up on before they were answered. */
  abandoned: Set<string>;
  server: Server;
}> {
  const hits = new Map<string, number>();
  const answered = new Set<string>();
  const abandoned = new Set<string>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const feed = /^\/feed\/(\w+)\.rss$/.exec(path);
    if (feed) {
      const name = feed[1]!;
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${name}</title>` +
          `<item><title>Tin chậm ${name}</title><link>http://${req.headers.host}/article/${name}</link>` +
          `<guid>slow-${name}</guid><description>Tóm tắt</description></item></channel></rss>`,
      );
      return;
    }
    const timer = setTimeout(() => {
      answered.add(path);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><article><p>Nội dung bài báo về trường học ở Gò Vấp.</p></article></body></html>');
    }, ARTICLE_DELAY_MS);
    res.on('close', () => {
      clearTimeout(timer);
      if (!answered.has(path)) abandoned.add(path);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, answered, abandoned, server };
}

describe('a source lease held for the whole poll', () => {
  let t: TestApp;
  let second: NestExpressApplication;
  let site: Awaited<ReturnType<typeof startSlowSite>>;

  beforeAll(async () => {
    site = await startSlowSite();
    t = await startTestApp(ENV);
    const config = new AppConfig(
      parseEnv({ ...ENV, MW_SCHEDULER_ENABLED: 'false', MW_WEB_DIST: '', LOG_LEVEL: 'error' }),
      t.db.url,
    );
    second = await createApp(config, new JsonLogger('error', process.stderr));
    await second.init();
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
    site?.server.closeAllConnections();
    await new Promise((resolve) => site?.server.close(resolve));
  });

  const insertSource = async (name: string): Promise<string> => {
    const rows: { id: string }[] = await t.db.dataSource.query(
      `INSERT INTO source (name, outlet, url, kind, interval_minutes, settings, next_poll_at)
       VALUES ($1, 'Thử', $2, 'rss', 15, $3, now() - interval '1 minute') RETURNING id`,
      [name, `${site.url}/feed/${name}.rss`, { fetchArticles: true }],
    );
    return rows[0]!.id;
  };

  it('keeps the second instance off a source whose article page outlasts the lease', async () => {
    const id = await insertSource('slowpage');
    const a = t.app.get(SourcePollerService);
    const b = second.get(SourcePollerService);
    const first = a.pollNow(id);
    // Past the lease's length, while the first instance still waits for the article page.
    await sleep(LEASE_SECONDS * 1000 + 700);
    expect(site.answered.has('/article/slowpage')).toBe(false);
    const taken = await b.pollDueSources();
    expect(taken.map((o) => o.sourceId)).not.toContain(id);
    expect(site.hits.get('/feed/slowpage.rss')).toBe(1);

    const outcome = await first;
    expect(outcome).toMatchObject({ sourceId: id, ok: true, itemsStored: 1 });
    expect(site.hits.get('/feed/slowpage.rss')).toBe(1);
    const [row] = (await t.db.dataSource.query(
      `SELECT lease_owner, last_success_at, (SELECT count(*)::int FROM feed_item WHERE source_id = $1) AS items
       FROM source WHERE id = $1`,
      [id],
    )) as { lease_owner: string | null; last_success_at: Date | null; items: number }[];
    expect(row).toMatchObject({ lease_owner: null, items: 1 });
    expect(row!.last_success_at).not.toBeNull();
  }, 20_000);

  it('stops a poll as soon as a renewal finds the lease taken, and writes nothing after', async () => {
    const id = await insertSource('stolen');
    const a = t.app.get(SourcePollerService);
    const polling = a.pollNow(id);
    await sleep(300);
    // Another instance holds the source now (as after a pause longer than the lease).
    await t.db.dataSource.query(
      `UPDATE source SET lease_owner = 'other-instance', lease_until = now() + interval '1 hour' WHERE id = $1`,
      [id],
    );
    const outcome = await polling;
    expect(outcome).toMatchObject({ sourceId: id, ok: false, itemsStored: 0, error: { code: 'LEASE_LOST' } });
    // The poll ended before the article page answered, its fetch was cut off, and nothing it read is stored after.
    expect(site.answered.has('/article/stolen')).toBe(false);
    await sleep(200);
    expect(site.abandoned.has('/article/stolen')).toBe(true);
    await sleep(ARTICLE_DELAY_MS);
    const [row] = (await t.db.dataSource.query(
      `SELECT lease_owner, last_polled_at, (SELECT count(*)::int FROM feed_item WHERE source_id = $1) AS items
       FROM source WHERE id = $1`,
      [id],
    )) as { lease_owner: string | null; last_polled_at: Date | null; items: number }[];
    expect(row).toEqual({ lease_owner: 'other-instance', last_polled_at: null, items: 0 });
  }, 20_000);
});
