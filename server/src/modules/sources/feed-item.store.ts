/**
 * Batched, idempotent writes of feed items. One INSERT per batch (arrays through unnest, so 500 rows cost one
 * round trip and no parameter limit) with ON CONFLICT DO NOTHING RETURNING: only rows that were really new come
 * back, which is what makes re-polling, crash recovery and two instances racing safe — whoever inserts a row
 * first is the only one told about it, so the item is announced exactly once.
 */
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ParsedItem } from './parse/parsed-item';

/** Longest dedup key kept verbatim; longer guids/URLs are replaced by their hash so the unique index stays small. */
const MAX_KEY_LENGTH = 512;

export interface NewFeedItem {
  sourceId: string;
  dedupKey: string;
  guid: string | null;
  canonicalUrl: string;
  url: string;
  title: string;
  summary: string;
  contentText: string | null;
  contentError: string | null;
  outlet: string;
  author: string | null;
  publishedAt: Date | null;
  fetchedAt: Date;
  httpStatus: number | null;
  contentHash: string;
  createdAt: Date;
}

export interface InsertedItem {
  id: string;
  dedupKey: string;
}

/** The item's identity within its source: the guid when the feed has one, else the canonical URL. */
export function dedupKeyOf(item: Pick<ParsedItem, 'guid' | 'canonicalUrl'>): string {
  const key = item.guid?.trim() || item.canonicalUrl;
  return key.length > MAX_KEY_LENGTH ? `sha256:${sha256(key)}` : key;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * Inserts rows of one source as one batch: created_at is the batch's (the first row's). The source id and creation
 * time go once as scalars and dates as ISO strings, which halves the client-side encoding work of the arrays.
 */
export async function insertFeedItems(db: Queryable, rows: NewFeedItem[]): Promise<InsertedItem[]> {
  const first = rows[0];
  if (!first) return [];
  if (rows.some((r) => r.sourceId !== first.sourceId)) throw new Error('insertFeedItems takes rows of one source');
  const col = <T>(pick: (r: NewFeedItem) => T): T[] => rows.map(pick);
  const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);
  const inserted: { id: string; dedup_key: string }[] = await db.query(
    `INSERT INTO feed_item (source_id, created_at, dedup_key, guid, canonical_url, url, title, summary, content_text,
                            content_error, outlet, author, published_at, fetched_at, http_status, content_hash)
     SELECT $1::uuid, $2::timestamptz, r.*
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                 $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::int[], $16::text[]) AS r
     ON CONFLICT (source_id, dedup_key) DO NOTHING
     RETURNING id, dedup_key`,
    [
      first.sourceId,
      first.createdAt.toISOString(),
      col((r) => r.dedupKey),
      col((r) => r.guid),
      col((r) => r.canonicalUrl),
      col((r) => r.url),
      col((r) => r.title),
      col((r) => r.summary),
      col((r) => r.contentText),
      col((r) => r.contentError),
      col((r) => r.outlet),
      col((r) => r.author),
      col((r) => isoOrNull(r.publishedAt)),
      col((r) => r.fetchedAt.toISOString()),
      col((r) => r.httpStatus),
      col((r) => r.contentHash),
    ],
  );
  return inserted.map((r) => ({ id: r.id, dedupKey: r.dedup_key }));
}

/** Which of these keys the source already has, so known items are not re-fetched. */
export async function existingDedupKeys(db: Queryable, sourceId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows: { dedup_key: string }[] = await db.query(
    `SELECT dedup_key FROM feed_item WHERE source_id = $1 AND dedup_key = ANY($2::text[])`,
    [sourceId, keys],
  );
  return new Set(rows.map((r) => r.dedup_key));
}

/** A parsed item as a row, before its article page is read. */
export function toNewFeedItem(
  sourceId: string,
  item: ParsedItem,
  sourceOutlet: string,
  fetchedAt: Date,
  createdAt: Date,
): NewFeedItem {
  const published = item.publishedAt ? new Date(item.publishedAt) : null;
  return {
    sourceId,
    dedupKey: dedupKeyOf(item),
    guid: item.guid?.trim() || null,
    canonicalUrl: item.canonicalUrl,
    url: item.url,
    title: item.title,
    summary: item.summary,
    contentText: null,
    contentError: null,
    outlet: item.outlet?.trim() || sourceOutlet,
    author: item.author ?? null,
    publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
    fetchedAt,
    httpStatus: null,
    contentHash: sha256(`${item.title}\n${item.summary}`),
    createdAt,
  };
}

export interface StoreOptions {
  batchSize: number;
  /** Stamps created_at per batch (the injected clock). */
  now: () => Date;
  /** Work done on a batch before it is inserted, e.g. reading the article pages. */
  prepare?: (batch: NewFeedItem[]) => Promise<NewFeedItem[]>;
  /** Called with the rows a batch really inserted, after they are committed. */
  onInserted?: (items: InsertedItem[]) => void;
  /** Called after each committed batch (lease renewal). */
  afterBatch?: () => Promise<void>;
  /** Checked before each batch; true stops early (shutdown). */
  shouldStop?: () => boolean;
}

/**
 * The store step of a poll: drop duplicates within the read and items the source already has, then insert the
 * rest batch by batch. Each batch is one INSERT statement, hence one transaction: a crash keeps whole batches.
 */
export async function storeNewItems(
  db: Queryable,
  sourceId: string,
  rows: NewFeedItem[],
  options: StoreOptions,
): Promise<{ stored: number; interrupted: boolean }> {
  const unique = new Map<string, NewFeedItem>();
  for (const row of rows) if (!unique.has(row.dedupKey)) unique.set(row.dedupKey, row);
  const known = await existingDedupKeys(db, sourceId, [...unique.keys()]);
  const fresh = [...unique.values()].filter((r) => !known.has(r.dedupKey));
  let stored = 0;
  for (let i = 0; i < fresh.length; i += options.batchSize) {
    if (options.shouldStop?.()) return { stored, interrupted: true };
    let batch = fresh.slice(i, i + options.batchSize);
    if (options.prepare) batch = await options.prepare(batch);
    const createdAt = options.now();
    const inserted = await insertFeedItems(
      db,
      batch.map((row) => ({ ...row, createdAt })),
    );
    options.onInserted?.(inserted);
    stored += inserted.length;
    await options.afterBatch?.();
  }
  return { stored, interrupted: false };
}
