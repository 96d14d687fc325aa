/**
 * `npm run bench -- stall`: how long the event loop stalls while a poll parses the largest documents the caps still
 * let through (worst-documents.ts): a 10 MB feed of 1,000 items, then its article pages, two at the element cap and
 * two at the depth cap, read as the poller reads them (readSource, then enrichWithArticle two at a time), served on
 * 127.0.0.1. Measured with perf_hooks.monitorEventLoopDelay, once parsing on the event loop's own thread (as the CLI
 * does) and once on the server's worker threads (ParserPool). While the loop stalls, the server answers no request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { enrichWithArticle } from '../article-enricher';
import { toNewFeedItem } from '../feed-item.store';
import { createSafeFetcher } from '../fetch/safe-fetcher';
import { inlineDocumentParser, type DocumentParser } from '../parse/document-parser';
import { ParserPool } from '../parse/parser-pool';
import { readSource } from '../source-reader';
import { deepestArticle, largestFeed, widestArticle } from './worst-documents';

export interface StallFigures {
  parser: string;
  seconds: number;
  maxDelayMs: number;
  p99DelayMs: number;
}

const ARTICLES = 4;

export async function runStallBench(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)) {
  const wide = Buffer.from(widestArticle());
  const deep = Buffer.from(deepestArticle());
  let base = '';
  const feed = Buffer.from(largestFeed((i) => `${base}/article/${i}`));
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    const n = Number(path.split('/').pop());
    const body = path === '/feed.rss' ? feed : path.startsWith('/article/') ? (n % 2 === 0 ? wide : deep) : null;
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const type = path === '/feed.rss' ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8';
    res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log(
    `stall bench: a ${(feed.length / 1048576).toFixed(1)} MB feed of 1,000 items, then ${ARTICLES} article pages ` +
      `(${(wide.length / 1048576).toFixed(1)} MB at the element cap, ${(deep.length / 1048576).toFixed(1)} MB at the depth cap)`,
  );
  const pool = new ParserPool();
  const figures: StallFigures[] = [];
  try {
    // Worker threads first: parsing on the event loop leaves hundreds of megabytes of trees behind, whose collection
    // would then be counted against the other.
    for (const [name, parser] of [
      ['on worker threads (ParserPool)', pool],
      ['on the event loop', inlineDocumentParser],
    ] as [string, DocumentParser][]) {
      figures.push(await measure(name, parser, base));
      const f = figures[figures.length - 1] as StallFigures;
      log(
        `  parsing ${f.parser.padEnd(31)} ${f.seconds.toFixed(1)} s; event-loop delay max ${f.maxDelayMs} ms, ` +
          `p99 ${f.p99DelayMs} ms`,
      );
    }
  } finally {
    await pool.onApplicationShutdown();
    server.close();
  }
  return figures;
}

async function measure(parser: string, documentParser: DocumentParser, base: string): Promise<StallFigures> {
  const fetcher = createSafeFetcher({ allowPrivateHosts: ['127.0.0.1'], maxPerHost: 2 });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = process.hrtime.bigint();
  const read = await readSource(fetcher, { url: `${base}/feed.rss`, kind: 'rss', settings: {} }, documentParser);
  const rows = read.items
    .slice(0, ARTICLES)
    .map((item) => toNewFeedItem('bench', item, 'Bench', read.fetchedAt, read.fetchedAt));
  const enriched = await Promise.all(rows.map((row) => enrichWithArticle(fetcher, row, documentParser)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.disable();
  const failed = enriched.filter((r) => r.contentText === null);
  if (read.items.length !== 1000 || failed.length > 0) {
    throw new Error(`read ${read.items.length} items; ${failed.length} pages unread (${failed[0]?.contentError})`);
  }
  return {
    parser,
    seconds,
    maxDelayMs: Math.round(histogram.max / 1e6),
    p99DelayMs: Math.round(histogram.percentile(99) / 1e6),
  };
}
