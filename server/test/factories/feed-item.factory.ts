/**
 * Feed items as the sources stage stores them (pending analysis), for the analysis integration specs; each source is
 * disabled, so no scheduler polls it.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface FeedItemInput {
  title: string;
  summary?: string;
  outlet?: string;
  publishedAt?: Date | null;
}

/** A disabled RSS source of `outlet`; returns its id. */
export async function createFeedSource(
  ds: DataSource,
  outlet: string,
  unitCode: string | null = null,
  reachWeight = 1,
): Promise<string> {
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO source (name, outlet, url, kind, enabled, reach_weight, unit_code)
     VALUES ($1, $1, $2, 'rss', false, $3, $4) RETURNING id`,
    [outlet, `https://feeds.invalid/${randomBytes(6).toString('hex')}`, reachWeight, unitCode],
  );
  return (rows[0] as { id: string }).id;
}

/** A pending feed item of `sourceId` (published now unless said otherwise); returns its id. */
export async function createFeedItem(ds: DataSource, sourceId: string, item: FeedItemInput): Promise<string> {
  const key = randomBytes(8).toString('hex');
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, summary, outlet, published_at, fetched_at,
       content_hash)
     VALUES ($1, $2, $3, $3, $4, $5, $6, $7, now(), $2) RETURNING id`,
    [
      sourceId,
      key,
      `https://news.invalid/${key}`,
      item.title,
      item.summary ?? '',
      item.outlet ?? 'Tuổi Trẻ',
      item.publishedAt === undefined ? new Date() : item.publishedAt,
    ],
  );
  return (rows[0] as { id: string }).id;
}
