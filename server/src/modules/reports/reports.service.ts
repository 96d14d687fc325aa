/**
 * The leadership report over any period (an ISO week, or from/to whole days in Ho Chi Minh City) and any scope (all
 * of Gò Vấp's units, or one school). Its figures come from the modules that own the data, through their read-only
 * report readers (articles from analysis, incidents and good news from incidents, escalation steps from escalation),
 * each computed by PostgreSQL aggregates, one after the other on one manager inside a REPEATABLE READ READ ONLY
 * transaction, so all the figures come from one snapshot and one computation holds one pooled connection.
 *
 * One rule places every figure in time: when the office first recorded it (an article when its first feed item was
 * analysed, an incident and a good news item when the article they came from was, however long after that the intake
 * opened the ticket or queued the item: `recorded_at` on both). Publication times are shown
 * beside items, never used to place them, so a story published on Sunday and found on Monday is Monday's article,
 * incident and good news alike. Figures are about Gò Vấp's schools; news about the office and no school is the
 * district section; mentions naming no Gò Vấp unit are in neither. Pupils' names are masked in every text.
 *
 * A week's report is stored once per (week, scope) by the Monday schedule: the primary key decides which instance
 * stores it, and that instance enqueues the notifications in the same transaction, so each recipient is told once.
 * The previous period's column is taken from the stored report when there is one, so it shows what was sent;
 * acknowledgements count up to when the report is due (the period's end + 7 h), so recomputing is stable.
 */
import { BadRequestException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  isoWeekOf,
  lastCompleteIsoWeek,
  localDay,
  maskPupilNames,
  periodDays,
  previousPeriod,
  rangePeriod,
  REPORT_MAX_DAYS,
  REPORT_READERS,
  reportSummary,
  Role,
  PLAN_THEMES,
  SEVERITIES,
  THEME_OF_CATEGORY,
  vietnamDate,
  weekNumberLabel,
  weekPeriod,
  type Category,
  type IncidentCategory,
  type PlanTheme,
  type Report,
  type ReportDay,
  type ReportFigures,
  type ReportPeriod,
  type ReportResponse,
  type Page,
  type StoredReportSummary,
  type ThemeCoverage,
} from '@mw/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { isOfficeUser, unitCodesFor } from '../../common/auth/scope';
import type { AuthUser } from '../../common/auth/auth-user';
import { MentionReportReader, type MentionPeriodFigures } from '../analysis';
import { EscalationReportReader, escalationFigures, type EscalationPeriodFigures } from '../escalation';
import {
  IncidentRecipients,
  unique,
  IncidentReportReader,
  type IncidentPeriodFigures,
  type IncidentReportScope,
} from '../incidents';
import { NotificationOutbox, NotificationPlanner } from '../notifications';
import { UnitsService } from '../organisation';
import { SpikeStore } from './spikes/spike.store';

/** Template of the notification sent when a week's report is stored. */
export const WEEKLY_REPORT_TEMPLATE = 'weekly_report';

/** Outbox event of a week's report and scope: each week notifies once per recipient and scope. */
export const weeklyReportEvent = (week: string, scope = ''): string =>
  scope ? `weekly_report:${week}:${scope}` : `weekly_report:${week}`;

/** The school a report is about; null for all of Gò Vấp. */
export type ReportScope = { unitCode: string; unitName: string } | null;

export interface GenerateResult {
  week: string;
  /** False when another instance (or an earlier run) had stored this week's district report already. */
  stored: boolean;
  notifications: number;
  /** Schools whose principals were sent their school's report by this call. */
  schools: number;
}

const TOP = 5;

/** Time after the start of the week (Monday 00:00 local) from which last week's report is due. */
export const WEEKLY_REPORT_DUE_AFTER_MS = 7 * 3600_000;

@Injectable()
export class ReportsService {
  private readonly logger = new Logger('reports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mentions: MentionReportReader,
    private readonly incidents: IncidentReportReader,
    private readonly escalations: EscalationReportReader,
    private readonly recipients: IncidentRecipients,
    private readonly units: UnitsService,
    private readonly planner: NotificationPlanner,
    private readonly outbox: NotificationOutbox,
    private readonly spikes: SpikeStore,
  ) {}

  /** The week asked for (default: the last complete one); a malformed week or one not yet begun is a 400. */
  weekPeriod(week: string | undefined): ReportPeriod {
    const now = this.clock.now();
    const period = weekPeriod(week ?? lastCompleteIsoWeek(now));
    if (!period) throw badRequest('week', `week must be an ISO week such as ${isoWeekOf(now)}`);
    if (new Date(period.start).getTime() > now.getTime()) throw badRequest('week', `week ${week} has not begun`);
    return period;
  }

  /** from/to (YYYY-MM-DD, both included); 400 naming the field when a day is wrong, reversed, too long or future. */
  rangePeriod(from: string, to: string): ReportPeriod {
    const now = this.clock.now();
    const period = rangePeriod(from, to);
    if (!period) {
      if (!rangePeriod(from, from)) throw badRequest('from', 'from must be a day such as 2026-11-16');
      if (!rangePeriod(to, to)) throw badRequest('to', 'to must be a day such as 2026-11-22');
      throw badRequest('to', 'to must not come before from');
    }
    if (period.days > REPORT_MAX_DAYS) throw badRequest('to', `a report covers at most ${REPORT_MAX_DAYS} days`);
    if (new Date(period.start).getTime() > now.getTime()) throw badRequest('from', `${from} has not begun`);
    return period;
  }

  /**
   * Whose report a person gets: office roles every unit's (or the school they name with `unit`), a principal their
   * school's. A unit outside the person's scope is a 403; a principal of several schools names one.
   */
  async scopeFor(user: AuthUser, unit: string | undefined): Promise<ReportScope> {
    if (isOfficeUser(user, REPORT_READERS)) return unit ? this.scopeOf(unit) : null;
    // A school's report is read through the principal's role held at that school, never through another role.
    const principalOf = unitCodesFor(user, [Role.Principal]);
    const own = principalOf === 'all' ? [] : principalOf;
    if (unit) {
      if (!own.includes(unit)) {
        throw new ForbiddenException({ code: ErrorCode.Forbidden, message: `Unit ${unit} is outside your scope` });
      }
      return this.scopeOf(unit);
    }
    const schools = [...new Set(own)];
    if (schools.length !== 1) throw badRequest('unit', 'unit must name one of your schools');
    return this.scopeOf(schools[0] as string);
  }

  async scopeOf(code: string): Promise<ReportScope> {
    const unit = await this.units.findByCode(code);
    if (!unit) throw badRequest('unit', `unit ${code} does not exist`);
    return { unitCode: unit.code, unitName: unit.name };
  }

  /** The stored report of a week, or the report computed now (nothing is written). */
  async get(period: ReportPeriod, scope: ReportScope): Promise<ReportResponse> {
    if (period.kind === 'week' && period.week) {
      const stored = await this.stored(this.dataSource.manager, period.week, scope?.unitCode ?? '');
      if (stored) return { ...stored, stored: true, complete: true };
    }
    const report = await this.compute(period, scope);
    return { ...report, stored: false, complete: new Date(period.end).getTime() <= this.clock.now().getTime() };
  }

  /** The stored report of a week and scope ('' for all of Gò Vấp), or null (the e-mail attachment's source). */
  storedWeek(week: string, scope: string): Promise<Report | null> {
    return this.stored(this.dataSource.manager, week, scope);
  }

  /** The weeks stored for a scope, newest first (older stored shapes included: reading one recomputes it). */
  async storedList(scope: ReportScope, page: number, pageSize: number): Promise<Page<StoredReportSummary>> {
    const key = scope?.unitCode ?? '';
    const count: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM weekly_report WHERE scope = $1`,
      [key],
    );
    const rows: {
      week: string;
      week_start: Date;
      week_end: Date;
      generated_at: Date;
      mentions: number | null;
      incidents: number | null;
    }[] = await this.dataSource.query(
      `SELECT week, week_start, week_end, generated_at,
              (body -> 'figures' ->> 'mentions')::int AS mentions,
              (body -> 'figures' ->> 'incidentsOpened')::int AS incidents
       FROM weekly_report WHERE scope = $1
       ORDER BY week_start DESC LIMIT $2 OFFSET $3`,
      [key, pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.map((r) => ({
        week: r.week,
        from: localDay(r.week_start),
        to: localDay(new Date(r.week_end.getTime() - 1)),
        scope,
        storedAt: r.generated_at.toISOString(),
        mentions: r.mentions ?? 0,
        incidentsOpened: r.incidents ?? 0,
      })),
      total: count[0]?.n ?? 0,
      page,
      pageSize,
    };
  }

  /** The report, read in one REPEATABLE READ READ ONLY transaction (one snapshot, one connection). */
  compute(period: ReportPeriod, scope: ReportScope): Promise<Report> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return this.computeIn(m, period, scope);
    });
  }

  private async stored(m: EntityManager, week: string, scope: string): Promise<Report | null> {
    const rows: { body: Report }[] = await m.query(
      `SELECT body FROM weekly_report WHERE week = $1 AND scope = $2 AND (body ->> 'version') = '2'`,
      [week, scope],
    );
    return rows[0]?.body ?? null;
  }

  private async computeIn(m: EntityManager, period: ReportPeriod, scope: ReportScope): Promise<Report> {
    const start = new Date(period.start);
    const end = new Date(period.end);
    const before = previousPeriod(period);
    const mentionScope = { unitCode: scope?.unitCode ?? null };
    const incidentScope: IncidentReportScope = scope ? { unitCode: scope.unitCode } : 'schools';
    const mentions = await this.mentions.period(m, start, end, mentionScope, TOP);
    const incidents = await this.incidents.period(m, start, end, reportDueAt(period), incidentScope, TOP);
    const escalations = await this.escalationsIn(m, start, end, incidentScope);
    const previous = await this.figures(m, before, scope);
    let district: Report['district'] = null;
    if (!scope) {
      const now = await this.mentions.district(m, start, end, 10);
      const then = await this.mentions.district(m, new Date(before.start), new Date(before.end), 0);
      district = {
        articles: now.total,
        bySentiment: now.bySentiment,
        previousArticles: then.total,
        items: now.items.map((i) => ({ ...i, title: maskPupilNames(i.title) })),
      };
    }
    const spikes = await this.spikes.between(m, period.from, period.to, scope?.unitCode ?? null);
    return {
      version: 2,
      period,
      previousPeriod: before,
      scope,
      generatedAt: this.clock.now().toISOString(),
      figures: reportFigures(mentions, incidents, escalations),
      previous,
      mentions: { byCategory: mentions.byCategory, topOutlets: mentions.topOutlets },
      themes: themeCoverage(mentions),
      days: reportDays(period, mentions, incidents),
      incidents: {
        byCategory: incidents.byCategory,
        byUnit: incidents.byUnit,
        byStatus: incidents.byStatus,
        ackBands: incidents.ackBands,
      },
      escalationsByLevel: escalations.byLevel,
      openUnacknowledged: incidents.openUnacknowledged.map((i) => ({ ...i, title: maskPupilNames(i.title) })),
      goodNews: incidents.topGoodNews.map((g) => ({ ...g, title: maskPupilNames(g.title) })),
      widestStories: mentions.widestStories.map((s) => ({ ...s, title: maskPupilNames(s.title) })),
      district,
      spikes,
    };
  }

  /** The main figures only (the comparison column): as stored in that week's report, else computed. */
  private async figures(m: EntityManager, period: ReportPeriod, scope: ReportScope): Promise<ReportFigures> {
    if (period.kind === 'week' && period.week) {
      const stored = await this.stored(m, period.week, scope?.unitCode ?? '');
      if (stored) return stored.figures;
    }
    const start = new Date(period.start);
    const end = new Date(period.end);
    const mentions = await this.mentions.period(m, start, end, { unitCode: scope?.unitCode ?? null }, 0);
    const incidentScope: IncidentReportScope = scope ? { unitCode: scope.unitCode } : 'schools';
    const incidents = await this.incidents.period(m, start, end, reportDueAt(period), incidentScope, 0, 0);
    const escalations = await this.escalationsIn(m, start, end, incidentScope);
    return reportFigures(mentions, incidents, escalations);
  }

  /**
   * Escalations of the period, of the tickets in scope only (the incidents' own rule: a school's report its tickets,
   * the district report tickets about at least one school, never the office's own).
   */
  private async escalationsIn(
    m: EntityManager,
    start: Date,
    end: Date,
    scope: IncidentReportScope,
  ): Promise<EscalationPeriodFigures> {
    const steps = await this.escalations.stepsByIncident(m, start, end);
    const keep = await this.incidents.inScope(m, [...new Set(steps.map((s) => s.incidentId))], scope);
    return escalationFigures(steps, keep);
  }

  /**
   * Stores the report of the week that ended last, for all of Gò Vấp and for every school that has a principal, and
   * notifies (in the same transaction as each store): leadership and the office spokesperson the district's report,
   * each principal their school's. Safe on several instances: one insert per (week, scope) wins.
   */
  async generateLastWeek(): Promise<GenerateResult> {
    const period = weekPeriod(lastCompleteIsoWeek(this.clock.now())) as ReportPeriod;
    const week = period.week as string;
    const result: GenerateResult = { week, stored: false, notifications: 0, schools: 0 };
    const leadership = unique([...(await this.recipients.leaders()), ...(await this.recipients.officeSpokespersons())]);
    const district = await this.storeAndNotify(period, null, leadership);
    result.stored = district !== null;
    result.notifications += district ?? 0;
    for (const unit of await this.units.listAll()) {
      if (!unit.active) continue;
      const principals = (await this.recipients.unitContacts(unit.code)).principals;
      if (principals.length === 0) continue;
      const sent = await this.storeAndNotify(period, { unitCode: unit.code, unitName: unit.name }, principals);
      if (sent !== null) {
        result.schools++;
        result.notifications += sent;
      }
    }
    return result;
  }

  /** Stores one (week, scope) report unless stored; null when it was, else the notifications enqueued. */
  private async storeAndNotify(
    period: ReportPeriod,
    scope: ReportScope,
    recipientIds: string[],
  ): Promise<number | null> {
    const week = period.week as string;
    const key = scope?.unitCode ?? '';
    const existing: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM weekly_report WHERE week = $1 AND scope = $2 AND (body ->> 'version') = '2'`,
      [week, key],
    );
    if (existing.length > 0) return null;
    const report = await this.compute(period, scope);
    return this.dataSource.transaction(async (m) => {
      // A body stored in an older shape is replaced; a current one means another instance got here first.
      const inserted: { week: string }[] = await m.query(
        `INSERT INTO weekly_report (week, scope, week_start, week_end, body, generated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (week, scope) DO UPDATE SET body = EXCLUDED.body, generated_at = EXCLUDED.generated_at
           WHERE (weekly_report.body ->> 'version') IS DISTINCT FROM '2'
         RETURNING week`,
        [week, key, period.start, period.end, JSON.stringify(report), this.clock.now()],
      );
      if (inserted.length === 0) return null;
      const requests = await this.planner.plan(m, {
        incidentId: null,
        event: weeklyReportEvent(week, key),
        level: 0,
        recipientIds,
        severity: null,
        template: WEEKLY_REPORT_TEMPLATE,
        params: notificationParams(report),
      });
      const notifications = await this.outbox.enqueue(m, requests);
      this.logger.log(`report ${week}${key ? ` of ${key}` : ''} stored, ${notifications} notifications enqueued`);
      return notifications;
    });
  }
}

/**
 * When a period's report is due: its end + 7 h (Monday 07:00 local for a week). Acknowledgements count up to then,
 * and the schedule stores the week from then on.
 */
export function reportDueAt(period: { end: string | Date }): Date {
  return new Date(new Date(period.end).getTime() + WEEKLY_REPORT_DUE_AFTER_MS);
}

/** The main figures of a period, from the three readers' aggregates. */
function reportFigures(
  mentions: MentionPeriodFigures,
  incidents: IncidentPeriodFigures,
  escalations: EscalationPeriodFigures,
): ReportFigures {
  return {
    mentions: mentions.total,
    mentionsBySentiment: mentions.bySentiment,
    incidentsOpened: incidents.opened,
    incidentsBySeverity: incidents.bySeverity,
    dismissed: incidents.dismissed,
    acknowledged: incidents.acknowledged,
    ackMedianMinutes: incidents.ackMedianMinutes,
    ackP90Minutes: incidents.ackP90Minutes,
    escalations: escalations.total,
    openUnacknowledgedAtEnd: incidents.openUnacknowledgedAtEnd,
    goodNews: incidents.goodNews,
  };
}

const themeOf = (category: Category): PlanTheme =>
  (PLAN_THEMES as readonly string[]).includes(category)
    ? (category as PlanTheme)
    : (THEME_OF_CATEGORY[category as IncidentCategory] ?? 'other');

/** Articles by plan theme and tone, the seven themes in the plan's order, flagged when none was positive. */
export function themeCoverage(mentions: Pick<MentionPeriodFigures, 'byCategoryTone'>): ThemeCoverage[] {
  const rows = new Map<PlanTheme, ThemeCoverage>(
    PLAN_THEMES.map((theme) => [theme, { theme, negative: 0, neutral: 0, positive: 0, noPositive: true }]),
  );
  for (const r of mentions.byCategoryTone) {
    const row = rows.get(themeOf(r.category)) as ThemeCoverage;
    row[r.sentiment] += r.count;
  }
  return [...rows.values()].map((r) => ({ ...r, noPositive: r.positive === 0 }));
}

/** Every day of the period with its articles by tone and incidents by severity (zero days included). */
function reportDays(
  period: ReportPeriod,
  mentions: MentionPeriodFigures,
  incidents: IncidentPeriodFigures,
): ReportDay[] {
  const days = new Map<string, ReportDay>(
    periodDays(period).map((day) => [day, { day, negative: 0, neutral: 0, positive: 0, S1: 0, S2: 0, S3: 0, S4: 0 }]),
  );
  for (const r of mentions.byDayTone) {
    const d = days.get(r.day);
    if (d) d[r.sentiment] += r.count;
  }
  for (const r of incidents.byDaySeverity) {
    const d = days.get(r.day);
    if (d && SEVERITIES.includes(r.severity)) d[r.severity] += r.count;
  }
  return [...days.values()];
}

/** The key figures the e-mail and in-app message show; `week` also builds the link to the report page. */
export function notificationParams(report: Report): Record<string, string> {
  const f = report.figures;
  const week = report.period.week ?? '';
  return {
    week,
    weekLabel: week ? weekNumberLabel(week) : '',
    from: vietnamDate(new Date(report.period.start)),
    to: vietnamDate(new Date(new Date(report.period.end).getTime() - 1)),
    unit: report.scope?.unitCode ?? '',
    unitName: report.scope?.unitName ?? '',
    mentions: String(f.mentions),
    negative: String(f.mentionsBySentiment.negative),
    positive: String(f.mentionsBySentiment.positive),
    incidents: String(f.incidentsOpened),
    dismissed: String(f.dismissed ?? 0),
    severe: String(f.incidentsBySeverity.S1 + f.incidentsBySeverity.S2),
    unacknowledged: String(f.openUnacknowledgedAtEnd),
    ackMedian: f.ackMedianMinutes === null ? '' : String(f.ackMedianMinutes),
    escalations: String(f.escalations),
    previousMentions: String(report.previous.mentions),
    previousIncidents: String(report.previous.incidentsOpened),
    summary: reportSummary(report, 'vi').join('\n'),
    summaryEn: reportSummary(report, 'en').join('\n'),
  };
}

/** Today in Ho Chi Minh City (for the spike detector and the overview's default period). */
export const today = (now: Date): string => localDay(now);

function badRequest(field: string, message: string): BadRequestException {
  return new BadRequestException({ code: ErrorCode.ValidationFailed, field, message });
}
