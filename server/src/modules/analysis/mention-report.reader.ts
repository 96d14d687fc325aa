import { Injectable } from '@nestjs/common';
import type { Category, SentimentLabel, WeeklyCount, WeeklyStorySpread } from '@mw/shared';
import type { EntityManager } from 'typeorm';

/** Mentions seen in a period, aggregated for the weekly report (which never queries the analysis tables itself). */
export interface MentionPeriodFigures {
  /** Distinct articles: (story, outlet) pairs. */
  total: number;
  bySentiment: Record<SentimentLabel, number>;
  byCategory: WeeklyCount<Category>[];
  topOutlets: WeeklyCount[];
  widestStories: WeeklyStorySpread[];
}

/**
 * The articles of a period [$1, $2) of `seen_at`: one mention is one feed item, and the same article reaches the
 * office through its outlet's RSS and through overlapping Google News searches, all grouped into one story. An
 * article is therefore a distinct (story, outlet) pair, represented by its first mention; a mention without a
 * story counts on its own.
 */
const ARTICLES = `WITH article AS (
  SELECT DISTINCT ON (coalesce(story_id::text, id::text), outlet) id, story_id, outlet, sentiment_label, category
  FROM mention WHERE seen_at >= $1 AND seen_at < $2
  ORDER BY coalesce(story_id::text, id::text), outlet, seen_at, id)`;

/**
 * Read-only aggregates over `mention` and `story` for a half-open period [from, to) of `seen_at` (when the office
 * saw the article; `published_at` may be missing or wrong). Every figure is computed by PostgreSQL, counting
 * articles (see ARTICLES), on the caller's manager so the whole report reads one snapshot.
 */
@Injectable()
export class MentionReportReader {
  async period(m: EntityManager, from: Date, to: Date, top = 5): Promise<MentionPeriodFigures> {
    const totals: { total: number; negative: number; neutral: number; positive: number }[] = await m.query(
      `${ARTICLES}
       SELECT count(*)::int AS total,
              count(*) FILTER (WHERE sentiment_label = 'negative')::int AS negative,
              count(*) FILTER (WHERE sentiment_label = 'neutral')::int AS neutral,
              count(*) FILTER (WHERE sentiment_label = 'positive')::int AS positive
       FROM article`,
      [from, to],
    );
    const categories: { key: Category; count: number }[] =
      top > 0
        ? await m.query(
            `${ARTICLES}
             SELECT category AS key, count(*)::int AS count FROM article GROUP BY category ORDER BY count DESC, category`,
            [from, to],
          )
        : [];
    const outlets: { key: string; count: number }[] =
      top > 0
        ? await m.query(
            `${ARTICLES}
             SELECT outlet AS key, count(*)::int AS count FROM article GROUP BY outlet ORDER BY count DESC, outlet LIMIT $3`,
            [from, to, top],
          )
        : [];
    const stories: { story_id: string; title: string; outlets: number; mentions: number; outlet_names: string[] }[] =
      top > 0
        ? await m.query(
            `${ARTICLES}
             SELECT s.id AS story_id, s.title, w.outlets, w.mentions, w.outlet_names
             FROM (SELECT story_id, count(DISTINCT outlet)::int AS outlets, count(*)::int AS mentions,
                          array_agg(DISTINCT outlet ORDER BY outlet) AS outlet_names
                   FROM article WHERE story_id IS NOT NULL GROUP BY story_id) w
             JOIN story s ON s.id = w.story_id
             WHERE w.outlets > 1
             ORDER BY w.outlets DESC, w.mentions DESC, s.title LIMIT $3`,
            [from, to, top],
          )
        : [];
    const t = totals[0] ?? { total: 0, negative: 0, neutral: 0, positive: 0 };
    return {
      total: t.total,
      bySentiment: { negative: t.negative, neutral: t.neutral, positive: t.positive },
      byCategory: categories,
      topOutlets: outlets,
      widestStories: stories.map((s) => ({
        storyId: s.story_id,
        title: s.title,
        outlets: s.outlets,
        mentions: s.mentions,
        outletNames: s.outlet_names,
      })),
    };
  }
}
