import { Injectable } from '@nestjs/common';
import {
  OFFICE_UNIT_CODE,
  type AckBand,
  type IncidentStatus,
  type Severity,
  type WeeklyCount,
  type WeeklyGoodNewsItem,
  type WeeklyIncidentRef,
  type WeeklyUnitCount,
} from '@mw/shared';
import type { EntityManager } from 'typeorm';

/** Incidents and good news of a period, aggregated for the weekly report. */
export interface IncidentPeriodFigures {
  /** Tickets opened in the period, without those dismissed as false matches (see COUNTED). */
  opened: number;
  /** Tickets opened in the period and dismissed as false matches. */
  dismissed: number;
  bySeverity: Record<Severity, number>;
  byCategory: WeeklyCount[];
  byUnit: WeeklyUnitCount[];
  byStatus: WeeklyCount<IncidentStatus>[];
  acknowledged: number;
  ackMedianMinutes: number | null;
  ackP90Minutes: number | null;
  openUnacknowledgedAtEnd: number;
  openUnacknowledged: WeeklyIncidentRef[];
  goodNews: number;
  topGoodNews: WeeklyGoodNewsItem[];
  /** Counted tickets by local opening day (YYYY-MM-DD) and severity. */
  byDaySeverity: { day: string; severity: Severity; count: number }[];
  /** Counted tickets by time to acknowledge (before the horizon), 'none' when not acknowledged by then. */
  ackBands: WeeklyCount<AckBand>[];
}

/**
 * Which tickets and good news a report is about: one school's (`unitCode`), every school's (`schools`: about at least
 * one school, not only the office), or the district's own (`district`: about the office and no school).
 */
export type IncidentReportScope = { unitCode: string } | 'schools' | 'district';

/** The scope as a condition on ticket `i`, with the unit code as parameter $n when there is one. */
function ticketScope(scope: IncidentReportScope, n: number): string {
  if (scope === 'schools' || scope === 'district') {
    const school = `EXISTS (SELECT 1 FROM incident_unit su WHERE su.incident_id = i.id AND su.unit_code <> '${OFFICE_UNIT_CODE}')`;
    return scope === 'schools' ? school : `NOT ${school}`;
  }
  return `EXISTS (SELECT 1 FROM incident_unit su WHERE su.incident_id = i.id AND su.unit_code = $${n})`;
}

/** The same for a good news item `g`. */
function goodNewsScope(scope: IncidentReportScope, n: number): string {
  if (scope === 'schools') return `EXISTS (SELECT 1 FROM unnest(g.unit_codes) c WHERE c <> '${OFFICE_UNIT_CODE}')`;
  if (scope === 'district') return `NOT EXISTS (SELECT 1 FROM unnest(g.unit_codes) c WHERE c <> '${OFFICE_UNIT_CODE}')`;
  return `$${n} = ANY(g.unit_codes)`;
}

const scopeParams = (scope: IncidentReportScope): unknown[] => (typeof scope === 'object' ? [scope.unitCode] : []);

/**
 * Tickets counted as new in the period [$1, $2) (placed by `recorded_at`, see IncidentReportReader): not dismissed as
 * a false match, and either not merged, or merged into a ticket placed outside the period (a ticket merged into one
 * of the same week is that one's duplicate; merged into a later or earlier one, it was a new incident of its week).
 */
const COUNTED = `i.status <> 'dismissed'
  AND (i.merged_into IS NULL OR NOT EXISTS (
    SELECT 1 FROM incident t WHERE t.id = i.merged_into AND t.recorded_at >= $1 AND t.recorded_at < $2))`;

/**
 * Open and not acknowledged at the instant $1, read from the per-transition timestamps (history is never rebuilt):
 * a state at an instant, so it reads when the ticket existed (`opened_at`). A merge sets the absorbed ticket's
 * resolved_at, so a merged ticket counts until its merge and not after.
 */
const UNACKNOWLEDGED_AT = `i.opened_at < $1
  AND (i.acknowledged_at IS NULL OR i.acknowledged_at >= $1)
  AND (i.resolved_at IS NULL OR i.resolved_at >= $1)
  AND (i.dismissed_at IS NULL OR i.dismissed_at >= $1)`;

/**
 * Good news items of the period [$1, $2) of `recorded_at` (when their mention was analysed), archived ones excluded
 * (from the count and the list alike), one per article: a distinct (story, outlet) pair, as the mention figures count
 * them; an item without a story counts on its own.
 */
const goodNews = (where: string): string => `WITH article AS (
  SELECT DISTINCT ON (coalesce(g.story_id::text, g.id::text), g.outlet) g.*
  FROM good_news g WHERE g.recorded_at >= $1 AND g.recorded_at < $2 AND g.status <> 'archived' AND (${where})
  ORDER BY coalesce(g.story_id::text, g.id::text), g.outlet, g.sentiment DESC NULLS LAST, g.recorded_at, g.id)`;

/**
 * Read-only aggregates over the incidents module's tables for a half-open period [from, to), in a scope (see
 * IncidentReportScope). A ticket is placed by `recorded_at`, when the office recorded the article that opened it, not
 * by `opened_at`: the intake opens it seconds to minutes later, and a story recorded on Sunday 23:59 must not be
 * Sunday's article and Monday's incident. Good news is placed by `recorded_at` alike. Time to acknowledge is still
 * measured from the ticket's opening (what the spokesperson could act on). Percentiles and counts are computed by
 * PostgreSQL, one query after the other on the caller's manager (the weekly report reads one snapshot).
 * Acknowledgements count up to `ackHorizon` (when the report is due), so the figures of an ended week do not change
 * when recomputed later.
 */
@Injectable()
export class IncidentReportReader {
  async period(
    m: EntityManager,
    from: Date,
    to: Date,
    ackHorizon: Date,
    scope: IncidentReportScope = 'schools',
    top = 5,
    listLimit = 10,
  ): Promise<IncidentPeriodFigures> {
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> => m.query(sql, params);
    const detail = top > 0 || listLimit > 0;
    const sp = scopeParams(scope);
    // Queries over [$1, $2) put the unit code at $3 and their own parameters after it.
    const inPeriod = ticketScope(scope, 3);
    const k = 3 + sp.length;
    const totals = await q<{
      opened: number;
      dismissed: number;
      s1: number;
      s2: number;
      s3: number;
      s4: number;
      acknowledged: number;
      median: number | null;
      p90: number | null;
      b15: number;
      b60: number;
      b240: number;
      b1440: number;
      later: number;
    }>(
      `SELECT count(*) FILTER (WHERE c)::int AS opened,
                count(*) FILTER (WHERE NOT c AND status = 'dismissed' AND merged_into IS NULL)::int AS dismissed,
                count(*) FILTER (WHERE c AND severity = 'S1')::int AS s1,
                count(*) FILTER (WHERE c AND severity = 'S2')::int AS s2,
                count(*) FILTER (WHERE c AND severity = 'S3')::int AS s3,
                count(*) FILTER (WHERE c AND severity = 'S4')::int AS s4,
                count(*) FILTER (WHERE c AND acked)::int AS acknowledged,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) FILTER (WHERE c AND acked) AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) FILTER (WHERE c AND acked) AS p90,
                count(*) FILTER (WHERE c AND acked AND minutes <= 15)::int AS b15,
                count(*) FILTER (WHERE c AND acked AND minutes > 15 AND minutes <= 60)::int AS b60,
                count(*) FILTER (WHERE c AND acked AND minutes > 60 AND minutes <= 240)::int AS b240,
                count(*) FILTER (WHERE c AND acked AND minutes > 240 AND minutes <= 1440)::int AS b1440,
                count(*) FILTER (WHERE c AND acked AND minutes > 1440)::int AS later
         FROM (SELECT i.*, (${COUNTED}) AS c, coalesce(i.acknowledged_at < $${k}, false) AS acked,
                      extract(epoch FROM i.acknowledged_at - i.opened_at) / 60 AS minutes
               FROM incident i WHERE i.recorded_at >= $1 AND i.recorded_at < $2 AND ${inPeriod}) i`,
      [from, to, ...sp, ackHorizon],
    );
    const categories = !detail
      ? []
      : await q<{ key: string; count: number }>(
          `SELECT coalesce(category, '') AS key, count(*)::int AS count FROM incident i
           WHERE ${COUNTED} AND i.recorded_at >= $1 AND i.recorded_at < $2 AND ${inPeriod}
           GROUP BY 1 ORDER BY count DESC, key`,
          [from, to, ...sp],
        );
    // A school's report lists that school only; the district's lists every school it counts, never the office.
    const unitFilter = typeof scope === 'object' ? `iu.unit_code = $3` : `iu.unit_code <> '${OFFICE_UNIT_CODE}'`;
    const units = !detail
      ? []
      : await q<{ code: string; name: string; count: number }>(
          `SELECT iu.unit_code AS code, coalesce(un.name, iu.unit_code) AS name, count(*)::int AS count
           FROM incident i JOIN incident_unit iu ON iu.incident_id = i.id LEFT JOIN unit un ON un.code = iu.unit_code
           WHERE ${COUNTED} AND i.recorded_at >= $1 AND i.recorded_at < $2 AND ${inPeriod} AND ${unitFilter}
           GROUP BY iu.unit_code, un.name ORDER BY count DESC, name LIMIT $${k}`,
          [from, to, ...sp, Math.max(top, 10)],
        );
    const statuses = !detail
      ? []
      : await q<{ key: IncidentStatus; count: number }>(
          `SELECT status AS key, count(*)::int AS count FROM incident i
           WHERE ${COUNTED} AND i.recorded_at >= $1 AND i.recorded_at < $2 AND ${inPeriod}
           GROUP BY status ORDER BY count DESC, status`,
          [from, to, ...sp],
        );
    const days = !detail
      ? []
      : await q<{ day: string; severity: Severity; count: number }>(
          `SELECT to_char(i.recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, i.severity,
                  count(*)::int AS count
           FROM incident i WHERE ${COUNTED} AND i.recorded_at >= $1 AND i.recorded_at < $2 AND ${inPeriod}
           GROUP BY 1, 2 ORDER BY 1, 2`,
          [from, to, ...sp],
        );
    // Open at the end: $1 is the end, the unit code $2.
    const atEnd = ticketScope(scope, 2);
    const unacknowledged = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM incident i WHERE ${UNACKNOWLEDGED_AT} AND ${atEnd}`,
      [to, ...sp],
    );
    const unackList = !detail
      ? []
      : await q<{
          id: string;
          number: string;
          title: string;
          severity: Severity;
          status: IncidentStatus;
          opened_at: Date;
          units: string[];
        }>(
          `SELECT i.id, i.number::text AS number, i.title, i.severity, i.status, i.opened_at,
                coalesce((SELECT array_agg(coalesce(un.name, iu.unit_code) ORDER BY iu.unit_code)
                          FROM incident_unit iu LEFT JOIN unit un ON un.code = iu.unit_code
                          WHERE iu.incident_id = i.id), '{}') AS units
         FROM incident i WHERE ${UNACKNOWLEDGED_AT} AND ${atEnd}
         ORDER BY i.severity, i.opened_at LIMIT $${2 + sp.length}`,
          [to, ...sp, listLimit],
        );
    const good = goodNews(goodNewsScope(scope, 3));
    const goodCount = await q<{ n: number }>(`${good} SELECT count(*)::int AS n FROM article`, [from, to, ...sp]);
    const topGoodNews = !detail
      ? []
      : await q<{
          title: string;
          url: string | null;
          outlet: string;
          units: string[];
          published_at: Date | null;
          recorded_at: Date;
        }>(
          `${good}
           SELECT g.title, g.url, g.outlet, g.published_at, g.recorded_at,
                  coalesce((SELECT array_agg(coalesce(un.name, c) ORDER BY c)
                            FROM unnest(g.unit_codes) AS c LEFT JOIN unit un ON un.code = c), '{}') AS units
           FROM article g
           ORDER BY g.sentiment DESC NULLS LAST, g.published_at DESC NULLS LAST, g.title LIMIT $${k}`,
          [from, to, ...sp, top],
        );
    const t = totals[0];
    const minutes = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));
    const opened = t?.opened ?? 0;
    const acknowledged = t?.acknowledged ?? 0;
    return {
      opened,
      dismissed: t?.dismissed ?? 0,
      bySeverity: { S1: t?.s1 ?? 0, S2: t?.s2 ?? 0, S3: t?.s3 ?? 0, S4: t?.s4 ?? 0 },
      byCategory: categories,
      byUnit: units,
      byStatus: statuses,
      acknowledged,
      ackMedianMinutes: minutes(t?.median),
      ackP90Minutes: minutes(t?.p90),
      openUnacknowledgedAtEnd: unacknowledged[0]?.n ?? 0,
      openUnacknowledged: unackList.map((r) => ({
        id: r.id,
        number: Number(r.number),
        title: r.title,
        severity: r.severity,
        status: r.status,
        openedAt: r.opened_at.toISOString(),
        units: r.units,
      })),
      goodNews: goodCount[0]?.n ?? 0,
      topGoodNews: topGoodNews.map((g) => ({
        title: g.title,
        url: g.url,
        outlet: g.outlet,
        units: g.units,
        publishedAt: g.published_at?.toISOString() ?? null,
        recordedAt: g.recorded_at.toISOString(),
      })),
      byDaySeverity: days,
      ackBands: [
        { key: '15m', count: t?.b15 ?? 0 },
        { key: '1h', count: t?.b60 ?? 0 },
        { key: '4h', count: t?.b240 ?? 0 },
        { key: '24h', count: t?.b1440 ?? 0 },
        { key: 'later', count: t?.later ?? 0 },
        { key: 'none', count: opened - acknowledged },
      ],
    };
  }

  /**
   * Which of the given tickets are in the scope, by the same rule as every incident figure (`ticketScope`): the
   * escalation figures count only the steps of these, so a district report leaves out office-only tickets and a
   * school's report the other schools'.
   */
  async inScope(m: EntityManager, ids: readonly string[], scope: IncidentReportScope): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await m.query(
      `SELECT i.id FROM incident i WHERE i.id = ANY($1::uuid[]) AND ${ticketScope(scope, 2)}`,
      [ids, ...scopeParams(scope)],
    );
    return new Set(rows.map((r) => r.id));
  }
}
