/**
 * Story assignment that survives restarts and agrees across instances.
 *
 * The grouping itself is the StoryClusterer (content shingles, title overlap, units, incident category, a time
 * window), which lives in memory. The database is the record: every mention stores the fields the clusterer reads
 * (title, summary, seen_at, outlet, units, category; see `storyItemOf`) and `mention.seq` numbers mentions in
 * commit order. Assignment runs inside the storing transaction under one transaction-scoped advisory lock, so
 * instances take turns; on taking the lock an instance first replays, in seq order, the mentions it has not seen
 * (all of the recent window after a restart, only other instances' new ones afterwards). Replaying the same inputs
 * in the same order makes the same decisions, so a new item can join a story created before a restart or by another
 * instance.
 *
 * A batch's items are assigned one by one through `assign` (so a severity counts the outlets of the persisted
 * story), then `chooseAll` turns the clusterer's stories into story rows in one query. The clusterer names a story by
 * the item id of its first member it saw; that item's mention row says which story row it belongs to, so no separate
 * mapping needs persisting. When the transaction rolls back, the in-memory state is discarded and rebuilt from the
 * database on the next use.
 */
import type { Category } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { storyItemOf } from './pipeline/analyze-item';
import {
  StoryClusterer,
  type StoryAssignment,
  type StoryClustererOptions,
  type StoryFeatures,
  type StoryItem,
} from './stories/story-clusterer';

/** Key of the transaction-scoped advisory lock under which mentions and stories are written. */
export const STORY_LOCK_KEY = 764_400_001;
export const STORY_WINDOW_HOURS = 72;

export interface StoryInput {
  itemId: string;
  /** The clusterer's story id, as `assign` returned it for this item. */
  storyKey: string;
}

export interface StoryChoice {
  /** The story row to join, or null when the story is new in this batch: the row with `key`, created by the caller. */
  storyId: string | null;
  key: string;
}

interface ReplayRow {
  seq: string;
  item_id: string;
  title: string;
  summary: string;
  seen_at: Date;
  outlet: string;
  units: { code: string; name: string }[];
  category: Category;
}

const REPLAY_PAGE = 2000;
const CACHE_LIMIT = 20_000;

export class MentionStories {
  private clusterer: StoryClusterer | undefined;
  private lastSeq = '0';
  /** Items assigned in memory whose mentions are not stored yet. */
  private readonly unstored = new Set<string>();
  /** Item id (clusterer story id) → story row id, for recent lookups; the database answers the rest. */
  private readonly storyOfItem = new Map<string, string>();

  constructor(private readonly options: StoryClustererOptions = { windowHours: STORY_WINDOW_HOURS }) {}

  /** Forget the in-memory state: the next `catchUp` rebuilds it from the database. */
  reset(): void {
    this.clusterer = undefined;
    this.lastSeq = '0';
    this.unstored.clear();
    this.storyOfItem.clear();
  }

  /** Takes the story lock for the rest of the transaction `m`. */
  async lock(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK_KEY]);
  }

  /** Replays the mentions this instance has not seen. Call under the lock, in the storing transaction. */
  async catchUp(m: EntityManager): Promise<number> {
    let replayed = 0;
    if (!this.clusterer) {
      this.clusterer = new StoryClusterer(this.options);
      const windowMs = (this.options.windowHours ?? STORY_WINDOW_HOURS) * 3_600_000;
      const bounds: { newest: Date | null; last: string | null }[] = await m.query(
        `SELECT max(seen_at) AS newest, max(seq)::text AS last FROM mention`,
      );
      const newest = bounds[0]?.newest;
      if (!newest) {
        this.lastSeq = bounds[0]?.last ?? '0';
        return 0;
      }
      // Twice the window: an old item analysed late may still sit in a live story.
      const since = new Date(new Date(newest).getTime() - 2 * windowMs);
      const first: { seq: string | null }[] = await m.query(
        `SELECT (min(seq) - 1)::text AS seq FROM mention WHERE seen_at >= $1`,
        [since],
      );
      this.lastSeq = first[0]?.seq ?? '0';
    }
    for (;;) {
      // Qualified: a bare `seq` in ORDER BY is the text output column, sorted as text ("10" before "9") and with no
      // index, a sort of the whole window on every turn.
      const rows: ReplayRow[] = await m.query(
        `SELECT seq::text AS seq, item_id, title, summary, seen_at, outlet, units, category
         FROM mention WHERE mention.seq > $1 ORDER BY mention.seq LIMIT $2`,
        [this.lastSeq, REPLAY_PAGE],
      );
      for (const row of rows) {
        this.clustererOrThrow().assign(
          storyItemOf({
            id: row.item_id,
            title: row.title,
            summary: row.summary,
            publishedAt: new Date(row.seen_at),
            outlet: row.outlet,
            units: row.units,
            category: row.category,
          }),
        );
        this.lastSeq = row.seq;
      }
      replayed += rows.length;
      if (rows.length < REPLAY_PAGE) return replayed;
    }
  }

  /**
   * Puts a new item in a story, in memory: the analyzer's AssignStory (`features`: StoryClusterer.features(item),
   * computed before the lock was taken). Call under the lock after `catchUp`; the item
   * must then be stored (`chooseAll`, `stored`) in the same transaction, or the state `reset`.
   */
  assign(item: StoryItem, features?: StoryFeatures): StoryAssignment {
    if (this.unstored.has(item.id)) throw new Error(`item ${item.id} was assigned a story twice`);
    const assignment = this.clustererOrThrow().assign(item, features);
    this.unstored.add(item.id);
    return assignment;
  }

  /**
   * The story rows for the clusterer's stories of a batch's items, in one query at most. Call after `assign`, then
   * `stored` once the mentions are inserted. A story first seen in this batch comes back with a null storyId.
   */
  async chooseAll(m: EntityManager, items: readonly StoryInput[]): Promise<StoryChoice[]> {
    const inBatch = new Set(items.map((i) => i.itemId));
    const unknown = new Set<string>();
    for (const { storyKey } of items) {
      if (!inBatch.has(storyKey) && !this.storyOfItem.has(storyKey)) unknown.add(storyKey);
    }
    if (unknown.size > 0) {
      const rows: { item_id: string; story_id: string }[] = await m.query(
        `SELECT item_id, story_id FROM mention WHERE item_id = ANY($1::uuid[])`,
        [[...unknown]],
      );
      for (const row of rows) this.remember(row.item_id, row.story_id);
      const missing = [...unknown].find((key) => !this.storyOfItem.has(key));
      if (missing) throw new Error(`story clusterer names item ${missing}, which has no mention`);
    }
    return items.map(({ storyKey }) => ({
      storyId: inBatch.has(storyKey) ? null : (this.storyOfItem.get(storyKey) as string),
      key: storyKey,
    }));
  }

  /** Records a mention this instance inserted (its seq is then already replayed). */
  stored(itemId: string, storyId: string, seq: string): void {
    this.remember(itemId, storyId);
    this.unstored.delete(itemId);
    if (BigInt(seq) > BigInt(this.lastSeq)) this.lastSeq = seq;
  }

  private clustererOrThrow(): StoryClusterer {
    if (!this.clusterer) throw new Error('MentionStories.catchUp must run before assigning');
    return this.clusterer;
  }

  private remember(itemId: string, storyId: string): void {
    this.storyOfItem.set(itemId, storyId);
    if (this.storyOfItem.size > CACHE_LIMIT) {
      const oldest = this.storyOfItem.keys().next().value;
      if (oldest !== undefined) this.storyOfItem.delete(oldest);
    }
  }
}
