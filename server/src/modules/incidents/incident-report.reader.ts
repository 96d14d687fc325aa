import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  IncidentStatus,
  Severity,
  WeeklyCount,
  WeeklyGoodNewsItem,
  WeeklyIncidentRef,
  WeeklyUnitCount,
} from '@mw/shared';
import { DataSource } from 'typeorm';

/** Incidents and good news of a period, aggregated for the weekly report. */
export interface IncidentPeriodFigures {
  opened: number;
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
}

/** An incident absorbed by a merge is counted through the one it was merged into. */
const LIVE = `merged_into IS NULL`;

/** Open and not acknowledged at the instant $1, read from the per-transition timestamps (history is never rebuilt). */
const UNACKNOWLEDGED_AT = `i.merged_into IS NULL AND i.opened_at < $1
  AND (i.acknowledged_at IS NULL OR i.acknowledged_at >= $1)
  AND (i.resolved_at IS NULL OR i.resolved_at >= $1)
  AND (i.dismissed_at IS NULL OR i.dismissed_at >= $1)`;

/**
 * Read-only aggregates over the incidents module's tables for a half-open period [from, to) of `opened_at`
 * (`good_news.created_at` for good news). Percentiles and counts are computed by PostgreSQL.
 */
@Injectable()
export class IncidentReportReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async period(from: Date, to: Date, top = 5, listLimit = 10): Promise<IncidentPeriodFigures> {
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> => this.dataSource.query(sql, params);
    const [totals, categories, units, statuses, unacknowledged, unackList, goodNews, topGoodNews] = await Promise.all([
      q<{
        opened: number;
        s1: number;
        s2: number;
        s3: number;
        s4: number;
        acknowledged: number;
        median: number | null;
        p90: number | null;
      }>(
        `SELECT count(*)::int AS opened,
                count(*) FILTER (WHERE severity = 'S1')::int AS s1,
                count(*) FILTER (WHERE severity = 'S2')::int AS s2,
                count(*) FILTER (WHERE severity = 'S3')::int AS s3,
                count(*) FILTER (WHERE severity = 'S4')::int AS s4,
                count(acknowledged_at)::int AS acknowledged,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - opened_at) / 60)
                  FILTER (WHERE acknowledged_at IS NOT NULL) AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - opened_at) / 60)
                  FILTER (WHERE acknowledged_at IS NOT NULL) AS p90
         FROM incident WHERE ${LIVE} AND opened_at >= $1 AND opened_at < $2`,
        [from, to],
      ),
      q<{ key: string; count: number }>(
        `SELECT coalesce(category, '') AS key, count(*)::int AS count FROM incident
         WHERE ${LIVE} AND opened_at >= $1 AND opened_at < $2 GROUP BY 1 ORDER BY count DESC, key`,
        [from, to],
      ),
      q<{ code: string; name: string; count: number }>(
        `SELECT iu.unit_code AS code, coalesce(un.name, iu.unit_code) AS name, count(*)::int AS count
         FROM incident i JOIN incident_unit iu ON iu.incident_id = i.id LEFT JOIN unit un ON un.code = iu.unit_code
         WHERE i.${LIVE} AND i.opened_at >= $1 AND i.opened_at < $2
         GROUP BY iu.unit_code, un.name ORDER BY count DESC, name LIMIT $3`,
        [from, to, Math.max(top, 10)],
      ),
      q<{ key: IncidentStatus; count: number }>(
        `SELECT status AS key, count(*)::int AS count FROM incident
         WHERE ${LIVE} AND opened_at >= $1 AND opened_at < $2 GROUP BY status ORDER BY count DESC, status`,
        [from, to],
      ),
      q<{ n: number }>(`SELECT count(*)::int AS n FROM incident i WHERE ${UNACKNOWLEDGED_AT}`, [to]),
      q<{
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
         FROM incident i WHERE ${UNACKNOWLEDGED_AT}
         ORDER BY i.severity, i.opened_at LIMIT $2`,
        [to, listLimit],
      ),
      q<{ n: number }>(`SELECT count(*)::int AS n FROM good_news WHERE created_at >= $1 AND created_at < $2`, [
        from,
        to,
      ]),
      q<{ title: string; url: string | null; outlet: string; units: string[]; published_at: Date | null }>(
        `SELECT g.title, g.url, g.outlet, g.published_at,
                coalesce((SELECT array_agg(coalesce(un.name, c) ORDER BY c)
                          FROM unnest(g.unit_codes) AS c LEFT JOIN unit un ON un.code = c), '{}') AS units
         FROM good_news g WHERE g.created_at >= $1 AND g.created_at < $2 AND g.status <> 'archived'
         ORDER BY g.sentiment DESC NULLS LAST, g.published_at DESC NULLS LAST, g.title LIMIT $3`,
        [from, to, top],
      ),
    ]);
    const t = totals[0];
    const minutes = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));
    return {
      opened: t?.opened ?? 0,
      bySeverity: { S1: t?.s1 ?? 0, S2: t?.s2 ?? 0, S3: t?.s3 ?? 0, S4: t?.s4 ?? 0 },
      byCategory: categories,
      byUnit: units,
      byStatus: statuses,
      acknowledged: t?.acknowledged ?? 0,
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
      goodNews: goodNews[0]?.n ?? 0,
      topGoodNews: topGoodNews.map((g) => ({
        title: g.title,
        url: g.url,
        outlet: g.outlet,
        units: g.units,
        publishedAt: g.published_at?.toISOString() ?? null,
      })),
    };
  }
}
