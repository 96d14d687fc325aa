/**
 * Every SQL statement an analysis batch writes to its own tables (`story`, `mention`), each one statement for the
 * whole batch; the caller holds the story lock and the batch's transaction.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MentionRow, StoryChange } from './mention-rows';

@Injectable()
export class MentionBatchStore {
  /** The batch's new stories, each written once with all of its mentions counted; returns key → story id. */
  async createStories(m: EntityManager, changes: StoryChange[]): Promise<Map<string, string>> {
    if (changes.length === 0) return new Map();
    const created: { id: string; key: string }[] = await m.query(
      `INSERT INTO story (key, title, first_outlet, first_seen_at, last_seen_at, mention_count, outlets, unit_codes)
       SELECT c.key, c."firstTitle", c."firstOutlet", c."firstSeen", c."lastSeen", c.n, c.outlets,
              ARRAY(SELECT DISTINCT u FROM unnest(c."unitCodes") AS u ORDER BY u)
       FROM jsonb_to_recordset($1::jsonb) AS c(key text, n int, "firstSeen" timestamptz, "lastSeen" timestamptz,
              "firstTitle" text, "firstOutlet" text, outlets text[], "unitCodes" text[])
       RETURNING id, key`,
      [JSON.stringify(changes)],
    );
    return new Map(created.map((c) => [c.key, c.id]));
  }

  /** The batch's mentions in one statement; their seq follow the batch's order, which replays then repeat. */
  async insertMentions(
    m: EntityManager,
    rows: MentionRow[],
    storyIds: string[],
    now: Date,
  ): Promise<{ id: string; seq: string }[]> {
    const inserted: { id: string; seq: string; item_id: string }[] = await m.query(
      `INSERT INTO mention (item_id, source_id, title, summary, url, outlet, published_at, seen_at, units, unit_codes,
         sentiment_score, sentiment_label, sentiment_terms, category, incident, severity, severity_reasons, story_id,
         reach_weight, analysed_at)
       SELECT r."itemId", r."sourceId", r.title, r.summary, r.url, r.outlet, r."publishedAt", r."seenAt", r.units,
              r."unitCodes", r."sentimentScore", r."sentimentLabel", r."sentimentTerms", r.category, r.incident,
              r.severity, r."severityReasons", r."storyId", r."reachWeight", $2
       FROM jsonb_to_recordset($1::jsonb) AS r(ord int, "itemId" uuid, "sourceId" uuid, title text, summary text,
              url text, outlet text, "publishedAt" timestamptz, "seenAt" timestamptz, units jsonb, "unitCodes" text[],
              "sentimentScore" real, "sentimentLabel" text, "sentimentTerms" text[], category text, incident boolean,
              severity text, "severityReasons" text[], "storyId" uuid, "reachWeight" real)
       ORDER BY r.ord
       ON CONFLICT (item_id) DO NOTHING
       RETURNING id, seq::text AS seq, item_id`,
      [JSON.stringify(rows.map((r, i) => ({ ord: i, ...r, storyId: storyIds[i] }))), now],
    );
    // The row locks make a conflict impossible; if it ever happens, the clusterer has seen an item the database did
    // not take, so the transaction is abandoned and the state rebuilt. Replays follow seq, so it must follow the
    // batch's order.
    const byItem = new Map(inserted.map((r) => [r.item_id, r]));
    let previous = 0n;
    return rows.map((row) => {
      const mention = byItem.get(row.itemId);
      if (!mention) throw new Error(`item ${row.itemId} already has a mention`);
      if (BigInt(mention.seq) <= previous) throw new Error('mentions were numbered out of the batch order');
      previous = BigInt(mention.seq);
      return mention;
    });
  }

  /** Each earlier story the batch joined, once: its new mentions counted, first and last seen, outlets, units. */
  async updateStories(m: EntityManager, changes: StoryChange[]): Promise<void> {
    if (changes.length === 0) return;
    await m.query(
      `UPDATE story s SET
         mention_count = s.mention_count + c.n,
         title = CASE WHEN c."firstSeen" < s.first_seen_at THEN c."firstTitle" ELSE s.title END,
         first_outlet = CASE WHEN c."firstSeen" < s.first_seen_at THEN c."firstOutlet" ELSE s.first_outlet END,
         first_seen_at = LEAST(s.first_seen_at, c."firstSeen"),
         last_seen_at = GREATEST(s.last_seen_at, c."lastSeen"),
         outlets = s.outlets || ARRAY(SELECT o FROM unnest(c.outlets) WITH ORDINALITY AS x(o, i)
                                      WHERE o <> ALL(s.outlets) ORDER BY i),
         unit_codes = ARRAY(SELECT DISTINCT u FROM unnest(s.unit_codes || c."unitCodes") AS u ORDER BY u)
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, n int, "firstSeen" timestamptz, "lastSeen" timestamptz,
              "firstTitle" text, "firstOutlet" text, outlets text[], "unitCodes" text[])
       WHERE s.id = c.id`,
      [JSON.stringify(changes)],
    );
  }
}
