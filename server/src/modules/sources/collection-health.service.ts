import { Injectable } from '@nestjs/common';
import type { PipelineHealth, SourceSettings } from '@mw/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { collectionProblem, quietLimitMinutes, RHYTHM_WINDOW_DAYS, type CollectionFigures } from './collection-health';
import { pollIntervalMs } from './poll-schedule';

/** The collecting half of the pipeline's health: what GET /api/health, the banner and metrics read. */
export type CollectionHealth = Omit<PipelineHealth, 'notifications'>;

interface SourceRow {
  interval_minutes: number;
  settings: SourceSettings | null;
  last_polled_at: Date | null;
  consecutive_failures: number;
  created_at: Date;
}

interface Rhythm {
  rhythm_days: number;
  median_longest_seconds: number | null;
}

/**
 * How long one instance keeps the usual rhythm of storing: a median over 14 days moves over days, and its query
 * reads the items of those days (a third of a second per read when a backlog of 150,000 items was stored at once,
 * where the health was read every 5 s while the new sources' first polls flipped their health).
 */
export const RHYTHM_TTL_MS = 10 * 60_000;

/**
 * Reads the sources' side of the pipeline: sources working and failing, the newest stored item, the usual rhythm of
 * storing, and the items waiting for analysis. Each read is one cheap query: per-source index scans for the items
 * (feed_item_source_created_idx) and the partial index of pending items; the rhythm is read at most every
 * RHYTHM_TTL_MS.
 */
@Injectable()
export class CollectionHealthService {
  private rhythm: { readAt: number; value: Rhythm } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async read(): Promise<CollectionHealth> {
    const now = this.clock.now();
    const [figures, itemsAwaitingAnalysis] = await Promise.all([this.figures(now), this.itemsAwaitingAnalysis()]);
    const problem = collectionProblem(figures, now);
    return {
      collecting: problem === null,
      problem,
      sources: { enabled: figures.enabled, ok: figures.ok, failing: figures.failing, pending: figures.pending },
      lastItemStoredAt: figures.lastItemStoredAt?.toISOString() ?? null,
      quietLimitMinutes: quietLimitMinutes(figures),
      itemsAwaitingAnalysis,
    };
  }

  /** Stored items whose analysis has not run yet. */
  async itemsAwaitingAnalysis(): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM feed_item WHERE analysis_state = 'pending'`,
    );
    return rows[0]?.n ?? 0;
  }

  async figures(now = this.clock.now()): Promise<CollectionFigures> {
    const [sources, lastItem, rhythm] = await Promise.all([
      this.dataSource.query(
        `SELECT interval_minutes, settings, last_polled_at, consecutive_failures, created_at FROM source WHERE enabled`,
      ) as Promise<SourceRow[]>,
      this.dataSource.query(
        `SELECT max(l.created_at) AS last_item_at FROM source s
         CROSS JOIN LATERAL (SELECT created_at FROM feed_item WHERE source_id = s.id
                             ORDER BY created_at DESC LIMIT 1) l`,
      ) as Promise<{ last_item_at: Date | null }[]>,
      this.usualRhythm(now),
    ]);
    const enabled = sources.length;
    const pending = sources.filter((s) => s.last_polled_at === null).length;
    const failing = sources.filter((s) => s.consecutive_failures > 0).length;
    const intervals = sources.map((s) => pollIntervalMs(s.interval_minutes, s.settings) / 60_000);
    const created = sources.map((s) => new Date(s.created_at).getTime());
    const lastItemAt = lastItem[0]?.last_item_at;
    return {
      enabled,
      ok: enabled - pending - failing,
      failing,
      pending,
      longestIntervalMinutes: intervals.length > 0 ? Math.max(...intervals) : 0,
      firstEnabledAt: created.length > 0 ? new Date(Math.min(...created)) : null,
      lastItemStoredAt: lastItemAt ? new Date(lastItemAt) : null,
      rhythmDays: rhythm.rhythm_days,
      medianDailyLongestGapMinutes:
        rhythm.median_longest_seconds === null ? null : Number(rhythm.median_longest_seconds) / 60,
    };
  }

  private async usualRhythm(now: Date): Promise<Rhythm> {
    const cached = this.rhythm;
    if (cached && now.getTime() - cached.readAt < RHYTHM_TTL_MS && now.getTime() >= cached.readAt) return cached.value;
    const rows: Rhythm[] = await this.dataSource.query(
      // Items stored in one poll share a minute: gaps are measured between the minutes something was stored.
      `WITH stored AS (
           SELECT DISTINCT date_trunc('minute', i.created_at) AS at
           FROM source s
           CROSS JOIN LATERAL (
             SELECT created_at FROM feed_item
             WHERE source_id = s.id AND created_at > $1::timestamptz - make_interval(days => $2)) i
         ), gaps AS (
           SELECT at, at - lag(at) OVER (ORDER BY at) AS gap FROM stored
         ), days AS (
           SELECT date_trunc('day', at AT TIME ZONE 'Asia/Ho_Chi_Minh') AS day, max(gap) AS longest
           FROM gaps WHERE gap IS NOT NULL GROUP BY 1
         )
         SELECT (SELECT count(*)::int FROM days) AS rhythm_days,
                (SELECT extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY longest))::float8 FROM days)
                  AS median_longest_seconds`,
      [now, RHYTHM_WINDOW_DAYS],
    );
    const value = rows[0] ?? { rhythm_days: 0, median_longest_seconds: null };
    this.rhythm = { readAt: now.getTime(), value };
    return value;
  }
}
