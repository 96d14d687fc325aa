/**
 * `npm run bench -- ingest`: throughput of the ingestion path on a 500-item (~1 MB) Vietnamese feed.
 * Parse figures come from the parser's own bench (parse/parse.bench.ts); this adds the store step exactly as a
 * poll runs it (dedup against stored keys, batched INSERT … ON CONFLICT DO NOTHING) on a real PostgreSQL —
 * DATABASE_URL when set, else an embedded one started in a temporary folder and deleted afterwards — then
 * re-stores the same items (must insert 0 rows) and watches memory across 100 polls of the same feed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { parseEnv } from '../../config/env.schema';
import { dataSourceOptions, runMigrations } from '../../database/data-source';
import { ensureDatabase, startOrAttachEmbeddedPostgres } from '../../database/embedded-postgres';
import { insertFeedItems, storeNewItems, toNewFeedItem } from './feed-item.store';
import { buildBenchFeed, runIngestParseBench } from './parse/parse.bench';
import { parseFeed } from './parse/feed-parser';
import { STORE_BATCH_SIZE_WITHOUT_ARTICLES } from './source-poller.service';

export interface IngestBenchResult {
  items: number;
  feedBytes: number;
  parseOnlyItemsPerSecond: number;
  parseAndNormaliseItemsPerSecond: number;
  storeItemsPerSecond: number;
  restoreInsertedRows: number;
  pollsForMemory: number;
  heapUsedMbAfterPoll: { poll: number; mb: number }[];
  peakRssMb: number;
}

const STORE_RUNS = 20;
const MEMORY_POLLS = 100;
const BASE_URL = 'https://vnexpress.net/rss/giao-duc.rss';

export async function runIngestBench(
  options: { items?: number; log?: (line: string) => void } = {},
): Promise<IngestBenchResult> {
  const count = options.items ?? 500;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const parse = await runIngestParseBench({ items: count, log });
  const xml = buildBenchFeed(count);

  const database = await openBenchDatabase(log);
  try {
    const ds = database.dataSource;
    const newSource = async (name: string): Promise<string> => {
      const rows: { id: string }[] = await ds.query(
        `INSERT INTO source (name, outlet, url, kind, enabled) VALUES ($1, 'Bench', $2, 'rss', false) RETURNING id`,
        [name, `https://bench.invalid/${name}/${Date.now()}-${Math.random()}`],
      );
      return rows[0]!.id;
    };
    const poll = async (sourceId: string): Promise<number> => {
      const fetchedAt = new Date();
      const items = await parseFeed(xml, { kind: 'rss', baseUrl: BASE_URL });
      const rows = items.map((item) => toNewFeedItem(sourceId, item, 'VnExpress', fetchedAt, fetchedAt));
      const result = await storeNewItems(ds, sourceId, rows, {
        batchSize: STORE_BATCH_SIZE_WITHOUT_ARTICLES,
        now: () => new Date(),
      });
      return result.stored;
    };

    // Store only: rows prepared beforehand, one fresh source per run so every row is new.
    const parsed = await parseFeed(xml, { kind: 'rss', baseUrl: BASE_URL });
    const warmUp = await newSource('warm-up');
    await storeNewItems(
      ds,
      warmUp,
      parsed.map((item) => toNewFeedItem(warmUp, item, 'VnExpress', new Date(), new Date())),
      { batchSize: STORE_BATCH_SIZE_WITHOUT_ARTICLES, now: () => new Date() },
    );
    let storedTotal = 0;
    let storeSeconds = 0;
    let lastSource = '';
    for (let run = 0; run < STORE_RUNS; run++) {
      lastSource = await newSource(`store-${run}`);
      const rows = parsed.map((item) => toNewFeedItem(lastSource, item, 'VnExpress', new Date(), new Date()));
      const start = process.hrtime.bigint();
      const { stored } = await storeNewItems(ds, lastSource, rows, {
        batchSize: STORE_BATCH_SIZE_WITHOUT_ARTICLES,
        now: () => new Date(),
      });
      storeSeconds += Number(process.hrtime.bigint() - start) / 1e9;
      storedTotal += stored;
    }
    if (storedTotal !== STORE_RUNS * parsed.length)
      throw new Error(`stored ${storedTotal} rows, expected ${STORE_RUNS * parsed.length}`);
    const storeItemsPerSecond = Math.round(storedTotal / storeSeconds);

    // Re-store: the same items again, as a re-poll of an unchanged feed would (also bypassing the key pre-check).
    const again = parsed.map((item) => toNewFeedItem(lastSource, item, 'VnExpress', new Date(), new Date()));
    const restoreInsertedRows =
      (await storeNewItems(ds, lastSource, again, { batchSize: 500, now: () => new Date() })).stored +
      (await insertFeedItems(ds, again)).length;

    // Memory: 100 polls of the same feed into one source (the first stores, the others find nothing new).
    const memorySource = await newSource('memory');
    const heapUsedMbAfterPoll: { poll: number; mb: number }[] = [];
    for (let i = 1; i <= MEMORY_POLLS; i++) {
      await poll(memorySource);
      if (i === 1 || i % 25 === 0) {
        (globalThis as { gc?: () => void }).gc?.();
        heapUsedMbAfterPoll.push({ poll: i, mb: Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10 });
      }
    }

    const result: IngestBenchResult = {
      items: count,
      feedBytes: parse.feedBytes,
      parseOnlyItemsPerSecond: parse.parseOnlyItemsPerSecond,
      parseAndNormaliseItemsPerSecond: parse.parseAndNormaliseItemsPerSecond,
      storeItemsPerSecond,
      restoreInsertedRows,
      pollsForMemory: MEMORY_POLLS,
      heapUsedMbAfterPoll,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    log(`ingest store bench (${database.description}): ${STORE_RUNS} runs of ${parsed.length} items`);
    log(`  store (dedup check + batched INSERT … ON CONFLICT DO NOTHING): ${storeItemsPerSecond} items/s`);
    log(`  re-store of the same ${parsed.length} items: ${restoreInsertedRows} rows inserted`);
    log(
      `  heap used across ${MEMORY_POLLS} polls (parse + store): ${heapUsedMbAfterPoll.map((h) => `#${h.poll} ${h.mb} MB`).join(', ')}` +
        ((globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: figures include uncollected garbage)'),
    );
    log(`  peak RSS ${result.peakRssMb} MB`);
    return result;
  } finally {
    await database.close();
  }
}

interface BenchDatabase {
  dataSource: DataSource;
  description: string;
  close(): Promise<void>;
}

/** DATABASE_URL (bench rows are deleted afterwards) or a throwaway embedded PostgreSQL. */
async function openBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const env = parseEnv(process.env);
  let url = env.DATABASE_URL;
  let stopEmbedded = async (): Promise<void> => undefined;
  let description = 'DATABASE_URL';
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-bench-pg-'));
    const pg = await startOrAttachEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: 0,
      ephemeral: true,
      log: () => undefined,
    });
    url = await ensureDatabase(pg.adminUrl, 'mw_bench');
    description = 'embedded PostgreSQL in a temporary folder';
    stopEmbedded = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    log(`started ${description}`);
  }
  try {
    await runMigrations(url);
    const dataSource = new DataSource(dataSourceOptions(url, 2));
    await dataSource.initialize();
    return {
      dataSource,
      description,
      async close() {
        await dataSource.query(`DELETE FROM source WHERE url LIKE 'https://bench.invalid/%'`).catch(() => undefined);
        await dataSource.destroy();
        await stopEmbedded();
      },
    };
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
}

if (require.main === module) {
  runIngestBench().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
