import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ItemCategory, SentimentLabel, Severity } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';

/** What the incidents stage needs to know about a stored mention. */
export interface MentionFacts {
  id: string;
  /** Commit order of mentions (see the analysis migration): the incidents intake's cursor. */
  seq: string;
  storyId: string;
  title: string;
  url: string;
  outlet: string;
  /** Kind of the source that carried it ('social', 'rss', 'html', 'search'), null if the source is gone. */
  sourceKind: string | null;
  publishedAt: Date | null;
  seenAt: Date;
  /** When the analysis stage recorded it (analysed_at): where reports place it in time. */
  recordedAt: Date;
  unitCodes: string[];
  sentiment: number;
  sentimentLabel: SentimentLabel;
  category: ItemCategory;
  incident: boolean;
  severity: Severity | null;
  severityReasons: string[];
  reachWeight: number;
}

interface Row {
  id: string;
  seq: string;
  story_id: string;
  title: string;
  url: string;
  outlet: string;
  source_kind: string | null;
  published_at: Date | null;
  seen_at: Date;
  analysed_at: Date;
  unit_codes: string[];
  sentiment_score: number;
  sentiment_label: SentimentLabel;
  category: ItemCategory;
  incident: boolean;
  severity: Severity | null;
  severity_reasons: string[];
  reach_weight: number;
}

const COLUMNS = `m.id, m.seq::text AS seq, m.story_id, m.title, m.url, m.outlet, s.kind AS source_kind, m.published_at,
  m.seen_at, m.analysed_at, m.unit_codes, m.sentiment_score, m.sentiment_label, m.category, m.incident, m.severity,
  m.severity_reasons, m.reach_weight`;

/** Read access to mentions for the incidents stage (which never queries the analysis tables itself). */
@Injectable()
export class MentionReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Mentions about at least one unit stored after `seq`, in commit order, and how far the read went: `readTo` is
   * the highest seq this read has passed (the last mention returned when `limit` were found, else the newest seq
   * stored), read in the same statement, so a cursor moved there skips only mentions that name no unit. Mentions
   * are numbered in commit order under the story lock, so nothing below `readTo` can still appear.
   */
  async aboutUnitsAfter(
    seq: string,
    limit: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ mentions: MentionFacts[]; readTo: string }> {
    const rows: (Partial<Row> & { newest: string })[] = await manager.query(
      `WITH newest AS (SELECT coalesce(max(seq), 0) AS seq FROM mention)
       SELECT newest.seq::text AS newest, p.* FROM newest LEFT JOIN LATERAL (
         SELECT ${COLUMNS} FROM mention m LEFT JOIN source s ON s.id = m.source_id
         WHERE m.seq > $1::bigint AND m.seq <= newest.seq AND cardinality(m.unit_codes) > 0
         ORDER BY m.seq LIMIT $2) p ON true`,
      [seq, limit],
    );
    const mentions = rows.filter((r): r is Row & { newest: string } => typeof r.id === 'string').map(toFacts);
    const last = mentions[mentions.length - 1];
    const newest = rows[0]?.newest ?? seq;
    const readTo = mentions.length >= limit && last ? last.seq : BigInt(newest) > BigInt(seq) ? newest : seq;
    return { mentions, readTo };
  }

  /** The highest `seq` stored so far ('0' when there is no mention): later commits always get a higher one. */
  async lastSeq(manager: EntityManager = this.dataSource.manager): Promise<string> {
    const rows: { seq: string }[] = await manager.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM mention`);
    return rows[0]?.seq ?? '0';
  }

  async byIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<MentionFacts[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM mention m LEFT JOIN source s ON s.id = m.source_id WHERE m.id = ANY($1::uuid[]) ORDER BY m.seq`,
      [ids],
    );
    return rows.map(toFacts);
  }

  /** The summary (which MentionFacts leaves out) and incident flag of the given mentions, by mention id. */
  async summariesAndFlags(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, { summary: string; incident: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; summary: string; incident: boolean }[] = await manager.query(
      `SELECT id, summary, incident FROM mention WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { summary: r.summary, incident: r.incident }]));
  }
}

function toFacts(r: Row): MentionFacts {
  return {
    id: r.id,
    seq: r.seq,
    storyId: r.story_id,
    title: r.title,
    url: r.url,
    outlet: r.outlet,
    sourceKind: r.source_kind,
    publishedAt: r.published_at,
    seenAt: r.seen_at,
    recordedAt: r.analysed_at,
    unitCodes: r.unit_codes,
    sentiment: Number(r.sentiment_score),
    sentimentLabel: r.sentiment_label,
    category: r.category,
    incident: r.incident,
    severity: r.severity,
    severityReasons: r.severity_reasons,
    reachWeight: Number(r.reach_weight),
  };
}
