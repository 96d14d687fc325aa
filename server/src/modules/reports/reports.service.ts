/**
 * The weekly leadership report. Its figures come from the modules that own the data, through their read-only
 * report readers (mentions from analysis, incidents and good news from incidents, escalation steps from
 * escalation), each computed by PostgreSQL aggregates, one after the other on one manager inside a REPEATABLE READ
 * READ ONLY transaction, so all the figures come from one snapshot and one computation holds one pooled connection.
 * The previous week's column is taken from that week's stored report when there is one, so it shows what was sent;
 * acknowledgements count up to when the report is due (the week's end + 7 h), so recomputing an ended week is
 * stable. A report is stored once per ended week by the Monday
 * schedule: the `weekly_report` primary key decides which instance stores it, and that instance enqueues the
 * notifications to leadership in the same transaction, so each recipient is told exactly once. Reading a week
 * that is not stored computes it on the spot and stores nothing.
 */
import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  isoWeekBounds,
  isoWeekOf,
  lastCompleteIsoWeek,
  shiftIsoWeek,
  vietnamDate,
  weekNumberLabel,
  type IsoWeekBounds,
  type WeeklyFigures,
  type WeeklyReport,
  type WeeklyReportResponse,
} from '@mw/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { MentionReportReader, type MentionPeriodFigures } from '../analysis/mention-report.reader';
import { EscalationReportReader, type EscalationPeriodFigures } from '../escalation/escalation-report.reader';
import { IncidentRecipients, unique } from '../incidents/incident-recipients';
import { IncidentReportReader, type IncidentPeriodFigures } from '../incidents/incident-report.reader';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { NotificationPlanner } from '../notifications/notification-planner.service';

/** Template of the notification sent when a week's report is stored. */
export const WEEKLY_REPORT_TEMPLATE = 'weekly_report';

/** Outbox event of a week's report: the period is part of it, so each week notifies once per recipient. */
export const weeklyReportEvent = (week: string): string => `weekly_report:${week}`;

export interface GenerateResult {
  week: string;
  /** False when another instance (or an earlier run) had stored this week already. */
  stored: boolean;
  notifications: number;
}

interface StoredRow {
  body: WeeklyReport;
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
    private readonly planner: NotificationPlanner,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** The week asked for (default: the last complete one); a malformed week or one not yet begun is a 400. */
  resolveWeek(week: string | undefined): IsoWeekBounds {
    const now = this.clock.now();
    const bounds = isoWeekBounds(week ?? lastCompleteIsoWeek(now));
    if (!bounds) throw badWeek(`week must be an ISO week such as ${isoWeekOf(now)}`);
    if (bounds.start.getTime() > now.getTime()) throw badWeek(`week ${bounds.week} has not begun`);
    return bounds;
  }

  /** The stored report of the week, or the report computed now when the week is not stored (nothing is written). */
  async get(week: string | undefined): Promise<WeeklyReportResponse> {
    const bounds = this.resolveWeek(week);
    const rows: StoredRow[] = await this.dataSource.query(`SELECT body FROM weekly_report WHERE week = $1`, [
      bounds.week,
    ]);
    const stored = rows[0];
    if (stored) return { ...stored.body, stored: true, complete: true };
    const report = await this.compute(bounds);
    return { ...report, stored: false, complete: bounds.end.getTime() <= this.clock.now().getTime() };
  }

  /** The report of the week, read in one REPEATABLE READ READ ONLY transaction (one snapshot, one connection). */
  compute(bounds: IsoWeekBounds): Promise<WeeklyReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return this.computeIn(m, bounds);
    });
  }

  private async computeIn(m: EntityManager, bounds: IsoWeekBounds): Promise<WeeklyReport> {
    const previousWeek = shiftIsoWeek(bounds.week, -1);
    const previousBounds = isoWeekBounds(previousWeek) as IsoWeekBounds;
    const mentions = await this.mentions.period(m, bounds.start, bounds.end, TOP);
    const incidents = await this.incidents.period(m, bounds.start, bounds.end, reportDueAt(bounds), TOP);
    const escalations = await this.escalations.period(m, bounds.start, bounds.end);
    const previous = await this.figures(m, previousBounds);
    return {
      week: bounds.week,
      start: bounds.start.toISOString(),
      end: bounds.end.toISOString(),
      previousWeek,
      generatedAt: this.clock.now().toISOString(),
      figures: weeklyFigures(mentions, incidents, escalations),
      previous,
      mentions: { byCategory: mentions.byCategory, topOutlets: mentions.topOutlets },
      incidents: { byCategory: incidents.byCategory, byUnit: incidents.byUnit, byStatus: incidents.byStatus },
      escalationsByLevel: escalations.byLevel,
      openUnacknowledged: incidents.openUnacknowledged,
      goodNews: incidents.topGoodNews,
      widestStories: mentions.widestStories,
    };
  }

  /** The main figures only (the comparison column): as stored in that week's report, else computed. */
  private async figures(m: EntityManager, bounds: IsoWeekBounds): Promise<WeeklyFigures> {
    const stored: { figures: WeeklyFigures }[] = await m.query(
      `SELECT body -> 'figures' AS figures FROM weekly_report WHERE week = $1`,
      [bounds.week],
    );
    if (stored[0]?.figures) return stored[0].figures;
    const mentions = await this.mentions.period(m, bounds.start, bounds.end, 0);
    const incidents = await this.incidents.period(m, bounds.start, bounds.end, reportDueAt(bounds), 0, 0);
    const escalations = await this.escalations.period(m, bounds.start, bounds.end);
    return weeklyFigures(mentions, incidents, escalations);
  }

  /**
   * Stores the report of the week that ended last and, if this call stored it, notifies leadership (the leaders
   * and the office spokesperson) in the same transaction. Safe on several instances: one insert wins.
   */
  async generateLastWeek(): Promise<GenerateResult> {
    const bounds = isoWeekBounds(lastCompleteIsoWeek(this.clock.now())) as IsoWeekBounds;
    const existing: unknown[] = await this.dataSource.query(`SELECT 1 FROM weekly_report WHERE week = $1`, [
      bounds.week,
    ]);
    if (existing.length > 0) return { week: bounds.week, stored: false, notifications: 0 };
    const report = await this.compute(bounds);
    const recipientIds = unique([
      ...(await this.recipients.leaders()),
      ...(await this.recipients.officeSpokespersons()),
    ]);
    return this.dataSource.transaction(async (m) => {
      const inserted: { week: string }[] = await m.query(
        `INSERT INTO weekly_report (week, week_start, week_end, body, generated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (week) DO NOTHING RETURNING week`,
        [bounds.week, bounds.start, bounds.end, JSON.stringify(report), this.clock.now()],
      );
      if (inserted.length === 0) return { week: bounds.week, stored: false, notifications: 0 };
      const requests = await this.planner.plan(m, {
        incidentId: null,
        event: weeklyReportEvent(bounds.week),
        level: 0,
        recipientIds,
        severity: null,
        template: WEEKLY_REPORT_TEMPLATE,
        params: notificationParams(report),
      });
      const notifications = await this.outbox.enqueue(m, requests);
      this.logger.log(`weekly report ${bounds.week} stored, ${notifications} notifications enqueued`);
      return { week: bounds.week, stored: true, notifications };
    });
  }
}

/**
 * When a week's report is due: its end + 7 h (Monday 07:00 local). Acknowledgements count up to then, and the
 * schedule stores the week from then on.
 */
export function reportDueAt(bounds: IsoWeekBounds): Date {
  return new Date(bounds.end.getTime() + WEEKLY_REPORT_DUE_AFTER_MS);
}

/** The main figures of a period, from the three readers' aggregates. */
function weeklyFigures(
  mentions: MentionPeriodFigures,
  incidents: IncidentPeriodFigures,
  escalations: EscalationPeriodFigures,
): WeeklyFigures {
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

/** The key figures the e-mail and in-app message show; `week` also builds the link to the report page. */
export function notificationParams(report: WeeklyReport): Record<string, string> {
  const f = report.figures;
  const last = new Date(new Date(report.end).getTime() - 1);
  return {
    week: report.week,
    weekLabel: weekNumberLabel(report.week),
    from: vietnamDate(new Date(report.start)),
    to: vietnamDate(last),
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
  };
}

function badWeek(message: string): BadRequestException {
  return new BadRequestException({ code: ErrorCode.ValidationFailed, field: 'week', message });
}
