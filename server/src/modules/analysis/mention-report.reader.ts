import { Injectable } from '@nestjs/common';
import {
  OFFICE_UNIT_CODE,
  type Category,
  type ReportArticle,
  type SentimentLabel,
  type WeeklyCount,
  type WeeklyStorySpread,
} from '@mw/shared';
import type { EntityManager } from 'typeorm';

/** Articles about Gò Vấp's schools (or one school) in a period, aggregated for the report. */
export interface MentionPeriodFigures {
  /** Distinct articles: (story, outlet) pairs. */
  total: number;
  bySentiment: Record<SentimentLabel, number>;
  byCategory: WeeklyCount<Category>[];
  /** Articles by category and tone (the plan-theme chart). */
  byCategoryTone: { category: Category; sentiment: SentimentLabel; count: number }[];
  /** Articles by local day (YYYY-MM-DD) and tone. */
  byDayTone: { day: string; sentiment: SentimentLabel; count: number }[];
  topOutlets: WeeklyCount[];
  widestStories: WeeklyStorySpread[];
}

/** District-wide education news (articles about the office and no school) in a period. */
export interface DistrictPeriodFigures {
  total: number;
  bySentiment: Record<SentimentLabel, number>;
  items: ReportArticle[];
}

export interface MentionReportScope {
  /** One school's unit code, or null for every unit of Gò Vấp. */
  unitCode: string | null;
}

/** Articles per local day and unit or category, for the spike detector. */
export interface DailyCoverage {
  day: string;
  key: string;
  count: number;
}

const ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The articles first recorded in [$1, $2): one mention is one feed item, and the same article reaches the office
 * through its outlet's RSS and through overlapping Google News searches, all grouped into one story. An article is a
 * distinct (story, outlet) pair, represented by its first mention, and placed in time by when that first mention was
 * recorded (`analysed_at`): an article recorded before the period is not counted again when a copy arrives in it.
 * `where` picks the articles (schools, one school, or the district), on the first mention's units.
 */
function articles(where: string): string {
  // Only the columns the figures need go through the sort (titles and URLs are read back by id for the few listed),
  // so a year of articles sorts in memory rather than on disk.
  return `WITH first AS (
    SELECT DISTINCT ON (m.story_id, m.outlet) m.id, m.story_id, m.outlet, m.sentiment_label,
           m.category, m.unit_codes, m.analysed_at, m.published_at
    FROM mention m
    WHERE m.analysed_at >= $1 AND m.analysed_at < $2 AND cardinality(m.unit_codes) > 0
    ORDER BY m.story_id, m.outlet, m.analysed_at, m.id),
  article AS (
    SELECT f.*, to_char(f.analysed_at AT TIME ZONE '${ZONE}', 'YYYY-MM-DD') AS day FROM first f
    WHERE (${where})
      AND NOT EXISTS (SELECT 1 FROM mention e
                      WHERE e.story_id = f.story_id AND e.outlet = f.outlet AND e.analysed_at < $1))`;
}

/** About at least one school (not only the office), or about the school $3. */
const SCHOOLS = `EXISTS (SELECT 1 FROM unnest(f.unit_codes) c WHERE c <> '${OFFICE_UNIT_CODE}')`;
const SCHOOL = `$3 = ANY(f.unit_codes)`;
/** About the office and no school: the district's own education news. */
const DISTRICT = `f.unit_codes = ARRAY['${OFFICE_UNIT_CODE}']::text[]`;

type Totals = { total: number; negative: number; neutral: number; positive: number };
const TOTALS = `SELECT count(*)::int AS total,
  count(*) FILTER (WHERE sentiment_label = 'negative')::int AS negative,
  count(*) FILTER (WHERE sentiment_label = 'neutral')::int AS neutral,
  count(*) FILTER (WHERE sentiment_label = 'positive')::int AS positive
  FROM article`;

const bySentiment = (t: Totals | undefined): Record<SentimentLabel, number> => ({
  negative: t?.negative ?? 0,
  neutral: t?.neutral ?? 0,
  positive: t?.positive ?? 0,
});

/**
 * Read-only aggregates over `mention` and `story` for a half-open period [from, to) of recording time. Every figure
 * is computed by PostgreSQL, counting articles (see `articles`), on the caller's manager so the whole report reads one
 * snapshot. Mentions that name no Gò Vấp unit (another district's school, general news) are in no figure.
 */
@Injectable()
export class MentionReportReader {
  async period(
    m: EntityManager,
    from: Date,
    to: Date,
    scope: MentionReportScope,
    top = 5,
  ): Promise<MentionPeriodFigures> {
    const base = scope.unitCode ? articles(SCHOOL) : articles(SCHOOLS);
    const p = scope.unitCode ? [from, to, scope.unitCode] : [from, to];
    const q = <T>(sql: string, extra: unknown[] = []): Promise<T[]> => m.query(`${base} ${sql}`, [...p, ...extra]);
    const n = p.length;
    if (top <= 0) {
      const totals = await q<Totals>(TOTALS);
      const t = totals[0];
      return {
        total: t?.total ?? 0,
        bySentiment: bySentiment(t),
        byCategory: [],
        byCategoryTone: [],
        byDayTone: [],
        topOutlets: [],
        widestStories: [],
      };
    }
    // One pass over the articles for every count: by tone, by category and tone, by day and tone, by outlet.
    const groups = await q<{
      set: number;
      category: Category | null;
      sentiment: SentimentLabel | null;
      day: string | null;
      outlet: string | null;
      count: number;
    }>(
      `SELECT CASE WHEN grouping(category) = 0 THEN 1 WHEN grouping(day) = 0 THEN 2 WHEN grouping(outlet) = 0 THEN 3
                   ELSE 0 END AS set,
              category, sentiment_label AS sentiment, day, outlet, count(*)::int AS count
       FROM article
       GROUP BY GROUPING SETS ((sentiment_label), (category, sentiment_label), (day, sentiment_label), (outlet))`,
    );
    const of = (set: number) => groups.filter((g) => g.set === set);
    const tones = of(0);
    const t: Totals = {
      total: tones.reduce((sum, g) => sum + g.count, 0),
      negative: tones.find((g) => g.sentiment === 'negative')?.count ?? 0,
      neutral: tones.find((g) => g.sentiment === 'neutral')?.count ?? 0,
      positive: tones.find((g) => g.sentiment === 'positive')?.count ?? 0,
    };
    const byKey = <K extends string>(a: K, b: K) => (a < b ? -1 : a > b ? 1 : 0);
    const categoryTone = of(1)
      .map((g) => ({ category: g.category as Category, sentiment: g.sentiment as SentimentLabel, count: g.count }))
      .sort((x, y) => byKey(x.category, y.category) || byKey(x.sentiment, y.sentiment));
    const dayTone = of(2)
      .map((g) => ({ day: g.day as string, sentiment: g.sentiment as SentimentLabel, count: g.count }))
      .sort((x, y) => byKey(x.day, y.day) || byKey(x.sentiment, y.sentiment));
    const outlets = of(3)
      .map((g) => ({ key: g.outlet as string, count: g.count }))
      .sort((x, y) => y.count - x.count || x.key.localeCompare(y.key, 'vi'))
      .slice(0, top);
    const stories = await q<{
      story_id: string;
      title: string;
      outlets: number;
      mentions: number;
      outlet_names: string[];
      recorded_at: Date;
      published_at: Date | null;
    }>(
      `SELECT s.id AS story_id, s.title, w.outlets, w.mentions, w.outlet_names, w.recorded_at, w.published_at
       FROM (SELECT story_id, count(DISTINCT outlet)::int AS outlets, count(*)::int AS mentions,
                    array_agg(DISTINCT outlet ORDER BY outlet) AS outlet_names, min(analysed_at) AS recorded_at,
                    min(published_at) AS published_at
             FROM article GROUP BY story_id) w
       JOIN story s ON s.id = w.story_id
       WHERE w.outlets > 1
       ORDER BY w.outlets DESC, w.mentions DESC, s.title LIMIT $${n + 1}`,
      [top],
    );
    const categories = new Map<Category, number>();
    for (const r of categoryTone) categories.set(r.category, (categories.get(r.category) ?? 0) + r.count);
    return {
      total: t.total,
      bySentiment: bySentiment(t),
      byCategory: [...categories]
        .map(([key, count]) => ({ key, count }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)),
      byCategoryTone: categoryTone,
      byDayTone: dayTone,
      topOutlets: outlets,
      widestStories: stories.map((s) => ({
        storyId: s.story_id,
        title: s.title,
        outlets: s.outlets,
        mentions: s.mentions,
        outletNames: s.outlet_names,
        recordedAt: s.recorded_at.toISOString(),
        publishedAt: s.published_at?.toISOString() ?? null,
      })),
    };
  }

  /** District-wide education news of the period: totals, and the `limit` most recent articles. */
  async district(m: EntityManager, from: Date, to: Date, limit = 10): Promise<DistrictPeriodFigures> {
    const base = articles(DISTRICT);
    const totals: Totals[] = await m.query(`${base} ${TOTALS}`, [from, to]);
    const items: {
      title: string;
      url: string;
      outlet: string;
      sentiment_label: SentimentLabel;
      analysed_at: Date;
      published_at: Date | null;
    }[] =
      limit > 0
        ? await m.query(
            `${base} SELECT m.title, m.url, a.outlet, a.sentiment_label, a.analysed_at, a.published_at
             FROM article a JOIN mention m ON m.id = a.id
             ORDER BY a.analysed_at DESC, a.id LIMIT $3`,
            [from, to, limit],
          )
        : [];
    return {
      total: totals[0]?.total ?? 0,
      bySentiment: bySentiment(totals[0]),
      items: items.map((r) => ({
        title: r.title,
        url: r.url || null,
        outlet: r.outlet,
        sentiment: r.sentiment_label,
        recordedAt: r.analysed_at.toISOString(),
        publishedAt: r.published_at?.toISOString() ?? null,
      })),
    };
  }

  /**
   * Articles about schools per local day and unit (`unit`) or category (`topic`) over [from, to), by the same rule
   * as the report: the spike detector's counts.
   */
  async daily(m: EntityManager, from: Date, to: Date, dimension: 'unit' | 'topic'): Promise<DailyCoverage[]> {
    const key =
      dimension === 'unit'
        ? `unnest(array(SELECT c FROM unnest(unit_codes) c WHERE c <> '${OFFICE_UNIT_CODE}'))`
        : 'category';
    return m.query(
      `${articles(SCHOOLS)}
       SELECT day, key, count(*)::int AS count FROM (SELECT day, ${key} AS key FROM article) k
       GROUP BY day, key ORDER BY day, key`,
      [from, to],
    );
  }
}
