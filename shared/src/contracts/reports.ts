import type { Category, IncidentCategory, PlanTheme, SentimentLabel, Severity } from '../enums/analysis';
import type { IncidentStatus } from '../enums/incidents';

/**
 * The weekly leadership report: a week is Monday 00:00 to the next Monday 00:00 in Asia/Ho_Chi_Minh (UTC+7 all
 * year, no daylight saving), named by its ISO week, e.g. '2026-W48'. The helpers below are pure so the server,
 * the CLI and the dashboard's week picker agree on what a week is.
 */

/** ISO week name: four-digit year, '-W', two-digit week. */
export const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface IsoWeekBounds {
  week: string;
  /** Monday 00:00 in Ho Chi Minh City, as an instant. */
  start: Date;
  /** The next Monday 00:00 in Ho Chi Minh City (exclusive). */
  end: Date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The ISO week (in Ho Chi Minh City) that contains the instant. */
export function isoWeekOf(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS);
  const day = (local.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + (3 - day) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / WEEK_MS);
  return `${year}-W${pad(week)}`;
}

/** Weeks in an ISO year: 52 or 53 (the week of 28 December is the last). */
export function isoWeeksInYear(year: number): number {
  return Number(isoWeekOf(new Date(Date.UTC(year, 11, 28, 12) - OFFSET_MS)).slice(6));
}

/** Bounds of a week name; null when the text is not a week that exists. */
export function isoWeekBounds(week: string): IsoWeekBounds | null {
  const match = ISO_WEEK_PATTERN.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const n = Number(match[2]);
  if (year < 1970 || n < 1 || n > isoWeeksInYear(year)) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const start = new Date(mondayOfWeek1 + (n - 1) * WEEK_MS - OFFSET_MS);
  return { week, start, end: new Date(start.getTime() + WEEK_MS) };
}

/** The week `delta` weeks after (negative: before) the given one. */
export function shiftIsoWeek(week: string, delta: number): string {
  const bounds = isoWeekBounds(week);
  if (!bounds) throw new Error(`not an ISO week: ${week}`);
  return isoWeekOf(new Date(bounds.start.getTime() + delta * WEEK_MS + DAY_MS));
}

/** The last week that has ended at `now`. */
export function lastCompleteIsoWeek(now: Date): string {
  return shiftIsoWeek(isoWeekOf(now), -1);
}

/**
 * The week as Vietnamese readers name it, '47/2026' for '2026-W47' (shown as "tuần 47/2026"); the ISO name stays in
 * URLs and the API.
 */
export function weekNumberLabel(week: string): string {
  const match = ISO_WEEK_PATTERN.exec(week);
  return match ? `${Number(match[2])}/${match[1]}` : week;
}

/** dd/MM/yyyy of an instant in Ho Chi Minh City. */
export function vietnamDate(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS);
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** The figures compared week on week. */
export interface WeeklyFigures {
  /** Articles seen in the week: distinct (story, outlet) pairs, however many feed items brought each one. */
  mentions: number;
  mentionsBySentiment: Record<SentimentLabel, number>;
  /**
   * Tickets opened in the week, without those dismissed as false matches; a ticket later merged into one opened
   * another week still counts in its own week.
   */
  incidentsOpened: number;
  incidentsBySeverity: Record<Severity, number>;
  /** Tickets opened in the week and dismissed as false matches (not in `incidentsOpened`). */
  dismissed: number;
  /**
   * Incidents opened in the week and acknowledged before the report was due (the week's end + 7 h), so a later
   * recomputation gives the same figures.
   */
  acknowledged: number;
  /** Median and 90th percentile of acknowledged_at − opened_at, in minutes; null when none was acknowledged. */
  ackMedianMinutes: number | null;
  ackP90Minutes: number | null;
  /** Escalation steps taken during the week. */
  escalations: number;
  /** Incidents open and not acknowledged at the end of the week (whenever they were opened). */
  openUnacknowledgedAtEnd: number;
  /** Good news items of the week, one per article (distinct story and outlet), archived ones excluded. */
  goodNews: number;
}

export interface WeeklyCount<K extends string = string> {
  key: K;
  count: number;
}

export interface WeeklyUnitCount {
  code: string;
  name: string;
  count: number;
}

export interface WeeklyIncidentRef {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  openedAt: string;
  units: string[];
}

export interface WeeklyGoodNewsItem {
  title: string;
  url: string | null;
  outlet: string;
  units: string[];
  publishedAt: string | null;
  /** When the office recorded it (what places it in the period); absent in reports stored before it was kept. */
  recordedAt?: string;
}

export interface WeeklyStorySpread {
  storyId: string;
  title: string;
  /** Distinct outlets that covered the story during the week. */
  outlets: number;
  /** Articles of the story during the week (one per outlet, so equal to `outlets`). */
  mentions: number;
  outletNames: string[];
  /** When the office recorded the story's first article of the period, and its earliest publication time. */
  recordedAt?: string;
  publishedAt?: string | null;
}

/** The figures compared period on period (named for the week they were first made for). */
export type ReportFigures = WeeklyFigures;

/**
 * The period of a report: an ISO week, or any run of whole days in Ho Chi Minh City (`from` to `to`, both included).
 * Every figure is placed in it by one rule, the same for articles, incidents and good news: when the office first
 * recorded the thing (an article when its first feed item was analysed, an incident and a good news item when the
 * article they came from was, not when the ticket opened); publication times are shown beside it, never used to place
 * it.
 */
export interface ReportPeriod {
  kind: 'week' | 'range';
  /** The ISO week name when `kind` is 'week', else null. */
  week: string | null;
  /** First and last day (YYYY-MM-DD, local), both included. */
  from: string;
  to: string;
  /** Instants (ISO 8601): the first day's 00:00 local and the day after the last, 00:00 local (exclusive). */
  start: string;
  end: string;
  days: number;
}

/** Longest period a report covers (a school year and a bit). */
export const REPORT_MAX_DAYS = 400;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD of an instant in Ho Chi Minh City. */
export function localDay(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/** 00:00 of a local day (YYYY-MM-DD) as an instant; null when the text is not a real day. */
export function localDayStart(day: string): Date | null {
  const m = DAY_PATTERN.exec(day);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(utc);
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1) return null;
  if (Number(m[1]) < 1970) return null;
  return new Date(utc - OFFSET_MS);
}

/** The day `delta` days after `day`. */
export function shiftDay(day: string, delta: number): string {
  const start = localDayStart(day);
  if (!start) throw new Error(`not a day: ${day}`);
  return localDay(new Date(start.getTime() + delta * DAY_MS));
}

/** The period of an ISO week; null when the name is not a week. */
export function weekPeriod(week: string): ReportPeriod | null {
  const b = isoWeekBounds(week);
  if (!b) return null;
  return {
    kind: 'week',
    week: b.week,
    from: localDay(b.start),
    to: localDay(new Date(b.end.getTime() - DAY_MS)),
    start: b.start.toISOString(),
    end: b.end.toISOString(),
    days: 7,
  };
}

/** The period from `from` to `to` (both included); null when either is not a day, or `to` comes before `from`. */
export function rangePeriod(from: string, to: string): ReportPeriod | null {
  const start = localDayStart(from);
  const last = localDayStart(to);
  if (!start || !last || last.getTime() < start.getTime()) return null;
  const days = Math.round((last.getTime() - start.getTime()) / DAY_MS) + 1;
  return {
    kind: 'range',
    week: null,
    from,
    to,
    start: start.toISOString(),
    end: new Date(last.getTime() + DAY_MS).toISOString(),
    days,
  };
}

/** The period a report compares with: the week before a week, else as many days just before. */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === 'week' && p.week) return weekPeriod(shiftIsoWeek(p.week, -1)) as ReportPeriod;
  return rangePeriod(shiftDay(p.from, -p.days), shiftDay(p.from, -1)) as ReportPeriod;
}

/** Every day of the period, YYYY-MM-DD. */
export function periodDays(p: ReportPeriod): string[] {
  return Array.from({ length: p.days }, (_, i) => shiftDay(p.from, i));
}

/** A day as Vietnamese readers write it: dd/MM/yyyy. */
export function dayLabel(day: string): string {
  const m = DAY_PATTERN.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/**
 * Which of the communications plan's seven themes an item's category belongs to: a theme is its own; bad news counts
 * under the theme it touches (food poisoning under school safety and health, exam cheating under exams).
 */
export const THEME_OF_CATEGORY: Readonly<Record<IncidentCategory, PlanTheme>> = {
  violence_bullying: 'safety_health',
  abuse_sexual_misconduct: 'safety_health',
  teacher_conduct: 'ethics_culture',
  food_safety: 'safety_health',
  accident_injury: 'safety_health',
  fees_finances: 'management_reform',
  exams_admissions: 'exams_quality',
  facilities_safety: 'safety_health',
  health_epidemics: 'safety_health',
  disasters_weather: 'safety_health',
  misinformation: 'other',
};

/** Coverage of one plan theme in the period: articles by tone. */
export interface ThemeCoverage {
  theme: PlanTheme;
  negative: number;
  neutral: number;
  positive: number;
  /** True when the theme had no positive article: the plan wants each theme told well. */
  noPositive: boolean;
}

/** One day of the period: articles by tone and incidents opened by severity (the charts' series). */
export interface ReportDay {
  day: string;
  negative: number;
  neutral: number;
  positive: number;
  S1: number;
  S2: number;
  S3: number;
  S4: number;
}

/** Time to acknowledge, the incidents of the period in bands (acknowledged before the report was due). */
export const ACK_BANDS = ['15m', '1h', '4h', '24h', 'later', 'none'] as const;
export type AckBand = (typeof ACK_BANDS)[number];

/** An article as the report lists it: when the office recorded it, with the publication time beside it. */
export interface ReportArticle {
  title: string;
  url: string | null;
  outlet: string;
  sentiment: SentimentLabel;
  recordedAt: string;
  publishedAt: string | null;
}

/** Education news of the whole district (about the office, no single school): its own section. */
export interface DistrictSection {
  articles: number;
  bySentiment: Record<SentimentLabel, number>;
  previousArticles: number;
  /** The period's district articles, most recent first (at most 10). */
  items: ReportArticle[];
}

/** A day whose coverage of a unit or a topic rose well above its calendar-aware baseline. */
export interface CoverageSpike {
  day: string;
  dimension: 'unit' | 'topic';
  /** Unit code or category. */
  key: string;
  /** Unit name or category, for people. */
  label: string;
  articles: number;
  /** Expected articles that day. */
  baseline: number;
}

/** The report over a period and a scope (all of Gò Vấp, or one school). */
export interface Report {
  /** The shape of this object; reports stored in an older shape are recomputed. */
  version: 2;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  /** The school the report is about, or null for all of Gò Vấp's units. */
  scope: { unitCode: string; unitName: string } | null;
  generatedAt: string;
  /** About Gò Vấp's units (schools): articles naming one, their incidents and good news. */
  figures: ReportFigures;
  previous: ReportFigures;
  mentions: {
    byCategory: WeeklyCount<Category>[];
    topOutlets: WeeklyCount[];
  };
  themes: ThemeCoverage[];
  days: ReportDay[];
  incidents: {
    byCategory: WeeklyCount[];
    byUnit: WeeklyUnitCount[];
    /** Current status of the incidents opened in the period. */
    byStatus: WeeklyCount<IncidentStatus>[];
    ackBands: WeeklyCount<AckBand>[];
  };
  escalationsByLevel: { level: number; incidents: number }[];
  /** At most 10 of `figures.openUnacknowledgedAtEnd`: most severe first, oldest first within a severity. */
  openUnacknowledged: WeeklyIncidentRef[];
  goodNews: WeeklyGoodNewsItem[];
  widestStories: WeeklyStorySpread[];
  /** District-wide education news; null in a school's report. */
  district: DistrictSection | null;
  spikes: CoverageSpike[];
}

/** GET /api/reports/weekly, GET /api/reports and `cli report weekly`. */
export interface ReportResponse extends Report {
  /** True when this is the report stored after the week ended; false when computed now. */
  stored: boolean;
  /** False while the period is still running (its figures will change). */
  complete: boolean;
}

export type ReportFormat = 'json' | 'pdf' | 'csv';

/**
 * A week's report as the Monday schedule stored it (GET /api/reports/stored): what was sent, kept downloadable as PDF
 * and CSV through GET /api/reports/weekly?week=…&unit=…&format=pdf|csv.
 */
export interface StoredReportSummary {
  week: string;
  /** First and last day of the week (YYYY-MM-DD, local). */
  from: string;
  to: string;
  /** The school it is about, or null for all of Gò Vấp's units. */
  scope: { unitCode: string; unitName: string } | null;
  /** When it was stored (and sent). */
  storedAt: string;
  /** Two of its figures, so weeks can be told apart in a list. */
  mentions: number;
  incidentsOpened: number;
}

/**
 * GET /api/reports/stored: the stored weeks of the report one would read with the same `unit` (office roles: all of
 * Gò Vấp's, or the school named; a principal: their school's), newest first.
 */
export interface StoredReportQuery {
  unit?: string;
  page?: number;
  pageSize?: number;
}

export interface WeeklyReportQuery {
  week?: string;
  format?: ReportFormat;
  unit?: string;
}

export interface RangeReportQuery {
  from: string;
  to: string;
  format?: ReportFormat;
  unit?: string;
}
