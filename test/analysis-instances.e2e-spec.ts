/**
 * Analysis spread over two real server processes (server/dist/main.js) on one PostgreSQL database: both poll and
 * analyse a few thousand generated items side by side (batches claimed with FOR UPDATE SKIP LOCKED), one is killed
 * with SIGKILL in the middle of the analysis, and the other finishes: every item has exactly one mention, no item
 * failed, every story counts exactly its mentions, and the incident intake has read them all.
 */
import { generatedItems, weeklyFeeds } from '../server/src/modules/sources/bench/pipeline-feeds';
import { startFixtureFeedServer, type FixtureFeedServer } from './fixture-feed-server';
import { query } from './support/db';
import { startTestPostgres, type TestPostgres } from './support/postgres';
import { startServer, type ServerProcess } from './support/server-process';
import { waitFor } from './support/wait';

const ITEMS = 4_000;

describe('analysis on two server processes, one killed mid-batch', () => {
  let pg: TestPostgres;
  let feeds: FixtureFeedServer;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    pg = await startTestPostgres();
    feeds = await startFixtureFeedServer();
  });
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await feeds?.close();
    await pg?.stop();
  });

  it('loses no mention and duplicates none', async () => {
    const databaseUrl = await pg.createDatabase('mw_e2e_analysis');
    const set = weeklyFeeds(generatedItems(ITEMS, 4242));
    for (const feed of set)
      feeds.setFeed(feed.path, feed.body, { 'content-type': 'application/rss+xml; charset=utf-8' });
    const env = {
      DATABASE_URL: databaseUrl,
      MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      MW_SEED_SOURCES: 'false',
      MW_POLL_TICK_SECONDS: '1',
      // A source whose poll dies with its instance is taken over soon.
      MW_SOURCE_LEASE_SECONDS: '5',
      LOG_LEVEL: 'warn',
    };
    const doomed = await startServer(env);
    servers.push(doomed);
    await doomed.waitHealthy();
    const survivor = await startServer(env);
    servers.push(survivor);
    await survivor.waitHealthy();

    await query(
      databaseUrl,
      `INSERT INTO source (name, outlet, url, kind, interval_minutes, settings, next_poll_at)
       SELECT 'Nguồn ' || f.n, f.outlet, $1 || f.path, 'rss', 1440, '{"fetchArticles": false}'::jsonb, now()
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS f(path, outlet, n)`,
      [feeds.url, set.map((f) => f.path), set.map((f) => f.outlet)],
    );

    // Killed while items are still waiting for analysis, with part of them analysed.
    const atKill = await waitFor(
      async () => {
        const [row] = await query<{ mentions: number; pending: number }>(
          databaseUrl,
          `SELECT (SELECT count(*)::int FROM mention) AS mentions,
                  (SELECT count(*)::int FROM feed_item WHERE analysis_state = 'pending') AS pending`,
        );
        return row && row.mentions >= ITEMS / 5 ? row : undefined;
      },
      120_000,
      'a fifth of the items to be analysed',
    );
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    expect(atKill.pending).toBeGreaterThan(0);

    const done = await waitFor(
      async () => {
        const [row] = await query<{ polled: number; items: number; pending: number }>(
          databaseUrl,
          `SELECT (SELECT count(*)::int FROM source WHERE last_success_at IS NOT NULL) AS polled,
                  (SELECT count(*)::int FROM feed_item) AS items,
                  (SELECT count(*)::int FROM feed_item WHERE analysis_state = 'pending') AS pending`,
        );
        return row && row.polled === set.length && row.pending === 0 ? row : undefined;
      },
      150_000,
      'the survivor to store and analyse every item',
    );
    expect(done.items).toBe(ITEMS);

    const [counts] = await query<{ mentions: number; items: number; failed: number; storiesOff: number }>(
      databaseUrl,
      `SELECT (SELECT count(*)::int FROM mention) AS mentions,
              (SELECT count(DISTINCT item_id)::int FROM mention) AS items,
              (SELECT count(*)::int FROM feed_item WHERE analysis_state <> 'done') AS failed,
              (SELECT count(*)::int FROM story s
                WHERE s.mention_count <> (SELECT count(*) FROM mention m WHERE m.story_id = s.id)) AS "storiesOff"`,
    );
    expect(counts).toEqual({ mentions: ITEMS, items: ITEMS, failed: 0, storiesOff: 0 });

    // The intake reads past every mention (its cursor reaches the newest one).
    await waitFor(
      async () => {
        const [row] = await query<{ behind: boolean }>(
          databaseUrl,
          `SELECT (SELECT max(seq) FROM mention) > (SELECT last_seq FROM incident_intake_cursor WHERE name = 'mentions')
             AS behind`,
        );
        return row && !row.behind ? true : undefined;
      },
      60_000,
      'the incident intake to read every mention',
    );
    await survivor.stop('SIGTERM');
  }, 360_000);
});
