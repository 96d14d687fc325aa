import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Writes a disabled source (so no scheduler polls it), owned by a unit when `unitCode` is given; returns its id. */
export async function createSource(
  ds: DataSource,
  options: { unitCode?: string; outlet?: string } = {},
): Promise<string> {
  const outlet = options.outlet ?? 'Báo thử';
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO source (name, outlet, url, kind, enabled, unit_code)
     VALUES ($1, $1, $2, 'rss', false, $3) RETURNING id`,
    [outlet, `https://feeds.invalid/${randomUUID()}`, options.unitCode ?? null],
  );
  return (rows[0] as { id: string }).id;
}

export interface MentionRow {
  id: string;
  itemId: string;
  storyId: string;
}

/**
 * Writes what the analysis stage leaves behind for one article: a feed item, a story and a negative mention naming
 * the given units. Enough for routes that read mentions and stories; no incident is opened.
 */
export async function createMention(
  ds: DataSource,
  options: { sourceId: string; unitCodes: string[]; title?: string },
): Promise<MentionRow> {
  const key = randomUUID();
  const url = `https://news.invalid/${key}`;
  const title = options.title ?? `Bài thử ${key.slice(0, 8)}`;
  const at = new Date();
  const items: { id: string }[] = await ds.query(
    `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, published_at, fetched_at,
       content_hash, analysis_state)
     VALUES ($1, $2, $3, $3, $4, 'Báo thử', $5, $5, $2, 'done') RETURNING id`,
    [options.sourceId, key, url, title, at],
  );
  const stories: { id: string }[] = await ds.query(
    `INSERT INTO story (key, title, first_seen_at, last_seen_at, unit_codes) VALUES ($1, $2, $3, $3, $4) RETURNING id`,
    [key, title, at, options.unitCodes],
  );
  const itemId = (items[0] as { id: string }).id;
  const storyId = (stories[0] as { id: string }).id;
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO mention (item_id, source_id, title, url, outlet, published_at, seen_at, unit_codes, sentiment_score,
       sentiment_label, category, incident, severity, story_id, analysed_at)
     VALUES ($1, $2, $3, $4, 'Báo thử', $5, $5, $6, -0.6, 'negative', 'fees_finances', true, 'S3', $7, $5)
     RETURNING id`,
    [itemId, options.sourceId, title, url, at, options.unitCodes, storyId],
  );
  return { id: (rows[0] as { id: string }).id, itemId, storyId };
}
