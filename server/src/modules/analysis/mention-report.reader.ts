import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Category, SentimentLabel, WeeklyCount, WeeklyStorySpread } from '@mw/shared';
import { DataSource } from 'typeorm';

/** Mentions seen in a period, aggregated for the weekly report (which never queries the analysis tables itself). */
export interface MentionPeriodFigures {
  total: number;
  bySentiment: Record<SentimentLabel, number>;
  byCategory: WeeklyCount<Category>[];
  topOutlets: WeeklyCount[];
  widestStories: WeeklyStorySpread[];
}

/**
 * Read-only aggregates over `mention` and `story` for a half-open period [from, to) of `seen_at` (when the office
 * saw the article; `published_at` may be missing or wrong). Every figure is computed by PostgreSQL.
 */
@Injectable()
export class MentionReportReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async period(from: Date, to: Date, top = 5): Promise<MentionPeriodFigures> {
    const [totals, categories, outlets, stories] = await Promise.all([
      this.dataSource.query(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE sentiment_label = 'negative')::int AS negative,
                count(*) FILTER (WHERE sentiment_label = 'neutral')::int AS neutral,
                count(*) FILTER (WHERE sentiment_label = 'positive')::int AS positive
         FROM mention WHERE seen_at >= $1 AND seen_at < $2`,
        [from, to],
      ) as Promise<{ total: number; negative: number; neutral: number; positive: number }[]>,
      this.dataSource.query(
        `SELECT category AS key, count(*)::int AS count FROM mention WHERE seen_at >= $1 AND seen_at < $2
         GROUP BY category ORDER BY count DESC, category`,
        [from, to],
      ) as Promise<{ key: Category; count: number }[]>,
      this.dataSource.query(
        `SELECT outlet AS key, count(*)::int AS count FROM mention WHERE seen_at >= $1 AND seen_at < $2
         GROUP BY outlet ORDER BY count DESC, outlet LIMIT $3`,
        [from, to, top],
      ) as Promise<{ key: string; count: number }[]>,
      this.dataSource.query(
        `SELECT s.id AS story_id, s.title, w.outlets, w.mentions, w.outlet_names
         FROM (SELECT story_id, count(DISTINCT outlet)::int AS outlets, count(*)::int AS mentions,
                      array_agg(DISTINCT outlet ORDER BY outlet) AS outlet_names
               FROM mention WHERE seen_at >= $1 AND seen_at < $2 GROUP BY story_id) w
         JOIN story s ON s.id = w.story_id
         WHERE w.outlets > 1
         ORDER BY w.outlets DESC, w.mentions DESC, s.title LIMIT $3`,
        [from, to, top],
      ) as Promise<{ story_id: string; title: string; outlets: number; mentions: number; outlet_names: string[] }[]>,
    ]);
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
