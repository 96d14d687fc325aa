import type { Category, SentimentLabel, Severity } from '../enums/analysis';
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

/** The week as Vietnamese readers name it, '47/2026' for '2026-W47' (shown as "tuần 47/2026"); the ISO name stays in URLs and the API. */
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
}

export interface WeeklyStorySpread {
  storyId: string;
  title: string;
  /** Distinct outlets that covered the story during the week. */
  outlets: number;
  /** Articles of the story during the week (one per outlet, so equal to `outlets`). */
  mentions: number;
  outletNames: string[];
}

export interface WeeklyReport {
  week: string;
  /** Instants (ISO 8601) of Monday 00:00 and the next Monday 00:00 in Ho Chi Minh City. */
  start: string;
  end: string;
  previousWeek: string;
  generatedAt: string;
  figures: WeeklyFigures;
  /** The previous week's figures: as stored in that week's report when it is stored, else computed. */
  previous: WeeklyFigures;
  mentions: {
    byCategory: WeeklyCount<Category>[];
    topOutlets: WeeklyCount[];
  };
  incidents: {
    byCategory: WeeklyCount[];
    byUnit: WeeklyUnitCount[];
    /** Current status of the incidents opened in the week. */
    byStatus: WeeklyCount<IncidentStatus>[];
  };
  /** Escalation steps taken in the week by the level reached: incidents per level. */
  escalationsByLevel: { level: number; incidents: number }[];
  /**
   * At most 10 of the `figures.openUnacknowledgedAtEnd` incidents: the most severe first (S1 … S4), the oldest
   * first within a severity. Cut when shorter than the figure.
   */
  openUnacknowledged: WeeklyIncidentRef[];
  /** The top good news items, one per article, archived ones excluded (as in `figures.goodNews`). */
  goodNews: WeeklyGoodNewsItem[];
  widestStories: WeeklyStorySpread[];
}

/** GET /api/reports/weekly?week=YYYY-Www and `cli report weekly`. */
export interface WeeklyReportResponse extends WeeklyReport {
  /** True when this is the report stored after the week ended; false when computed now. */
  stored: boolean;
  /** False while the week is still running (its figures will change). */
  complete: boolean;
}

export interface WeeklyReportQuery {
  week?: string;
}
