/**
 * When escalation deadlines fall and when a step may run, read in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight
 * saving, so a fixed offset is exact). Pure functions of the severity level and the office calendar, both rows in
 * the database, so the service and the tests share one definition of "next working day" and "quiet hours".
 */

export const TIMEZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;

export interface OfficeCalendar {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly workingDays: readonly number[];
  readonly workdayStart: string;
  readonly workdayEnd: string;
  readonly quietHours: { readonly start: string; readonly end: string } | null;
}

export interface SeverityPolicy {
  readonly code: string;
  readonly ackMinutes: number | null;
  readonly respondMinutes: number | null;
  readonly escalateEveryMinutes: number;
  readonly workingDaysOnly: boolean;
  readonly ignoresQuietHours: boolean;
}

export const DEFAULT_CALENDAR: OfficeCalendar = {
  workingDays: [1, 2, 3, 4, 5],
  workdayStart: '07:30',
  workdayEnd: '17:00',
  quietHours: { start: '21:30', end: '06:30' },
};

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Local midnight (as a UTC instant) of the local day containing `at`. */
function localMidnight(at: Date): number {
  const local = at.getTime() + OFFSET_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - OFFSET_MS;
}

function localMinutes(at: Date): number {
  return Math.floor((at.getTime() - localMidnight(at)) / MINUTE_MS);
}

function isoWeekday(at: Date): number {
  const day = new Date(at.getTime() + OFFSET_MS).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWorkingDay(at: Date, calendar: OfficeCalendar): boolean {
  return calendar.workingDays.includes(isoWeekday(at));
}

function atLocal(midnight: number, minutes: number): Date {
  return new Date(midnight + minutes * MINUTE_MS);
}

/** The next working day after the one containing `at`, as its local midnight. */
function nextWorkingMidnight(at: Date, calendar: OfficeCalendar): number {
  let midnight = localMidnight(at);
  for (let i = 0; i < 14; i++) {
    midnight += DAY_MS;
    if (isWorkingDay(new Date(midnight + 12 * 3600_000), calendar)) return midnight;
  }
  // A calendar without working days: fall back to the next day rather than never.
  return localMidnight(at) + DAY_MS;
}

/** `at` itself when inside working hours of a working day, else the start of the next working period. */
export function intoWorkingHours(at: Date, calendar: OfficeCalendar): Date {
  const start = minutesOf(calendar.workdayStart);
  const end = minutesOf(calendar.workdayEnd);
  const minutes = localMinutes(at);
  if (isWorkingDay(at, calendar)) {
    if (minutes < start) return atLocal(localMidnight(at), start);
    if (minutes < end) return at;
  }
  return atLocal(nextWorkingMidnight(at, calendar), start);
}

export function isQuiet(at: Date, calendar: OfficeCalendar): boolean {
  if (!calendar.quietHours) return false;
  const start = minutesOf(calendar.quietHours.start);
  const end = minutesOf(calendar.quietHours.end);
  if (start === end) return false;
  const m = localMinutes(at);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

function quietEnd(at: Date, calendar: OfficeCalendar): Date {
  const end = minutesOf((calendar.quietHours as { end: string }).end);
  const midnight = localMidnight(at);
  return localMinutes(at) < end ? atLocal(midnight, end) : atLocal(midnight + DAY_MS, end);
}

/**
 * Old coverage: an article first seen more than OLD_COVERAGE_HOURS after it was published (a new source, a backfill,
 * a late feed). The news is not breaking, whatever its severity, so its ticket gets a working-hours clock: the
 * acknowledgement is due at least OLD_COVERAGE_MIN_ACK_MINUTES into working hours, the chain's period is at least
 * as long, and every step waits for working hours on a working day, so none falls at night or at a weekend (the
 * next working morning instead). A level with no acknowledgement deadline keeps none.
 */
export const OLD_COVERAGE_HOURS = 48;
export const OLD_COVERAGE_MIN_ACK_MINUTES = 240;

export function isOldCoverage(publishedAt: Date | null, firstSeenAt: Date): boolean {
  if (!publishedAt) return false;
  return firstSeenAt.getTime() - publishedAt.getTime() > OLD_COVERAGE_HOURS * 3600_000;
}

/** The policy an old-coverage ticket's clocks follow instead of its level's own (see OLD_COVERAGE_HOURS). */
export function oldCoveragePolicy(policy: SeverityPolicy): SeverityPolicy {
  const atLeast = (minutes: number | null, floor: number): number | null =>
    minutes === null ? null : Math.max(minutes, floor);
  return {
    ...policy,
    ackMinutes: atLeast(policy.ackMinutes, OLD_COVERAGE_MIN_ACK_MINUTES),
    respondMinutes: atLeast(policy.respondMinutes, OLD_COVERAGE_MIN_ACK_MINUTES),
    escalateEveryMinutes: Math.max(policy.escalateEveryMinutes, OLD_COVERAGE_MIN_ACK_MINUTES),
    workingDaysOnly: true,
    ignoresQuietHours: false,
  };
}

/** The acknowledgement deadline: minutes after opening, or the end of the next working day when the level says so. */
export function ackDueAt(openedAt: Date, policy: SeverityPolicy, calendar: OfficeCalendar): Date {
  if (policy.ackMinutes === null) {
    return atLocal(nextWorkingMidnight(openedAt, calendar), minutesOf(calendar.workdayEnd));
  }
  const due = new Date(openedAt.getTime() + policy.ackMinutes * MINUTE_MS);
  return policy.workingDaysOnly ? intoWorkingHours(due, calendar) : due;
}

/** The deadline for the first answer to the press, or null when the level sets none. */
export function respondDueAt(openedAt: Date, policy: SeverityPolicy, calendar: OfficeCalendar): Date | null {
  if (policy.respondMinutes === null) return null;
  const due = new Date(openedAt.getTime() + policy.respondMinutes * MINUTE_MS);
  return policy.workingDaysOnly ? intoWorkingHours(due, calendar) : due;
}

/**
 * The earliest time a step due at `due` may run: working-days-only levels wait for working hours, levels that
 * respect quiet hours wait for them to end; the most severe level goes at once.
 */
export function earliestStepTime(due: Date, policy: SeverityPolicy, calendar: OfficeCalendar): Date {
  let at = due;
  for (let i = 0; i < 3; i++) {
    const before = at.getTime();
    if (policy.workingDaysOnly) at = intoWorkingHours(at, calendar);
    if (!policy.ignoresQuietHours && isQuiet(at, calendar)) at = quietEnd(at, calendar);
    if (at.getTime() === before) break;
  }
  return at;
}

/** When the step after one taken at `takenDue` falls due. */
export function nextStepDue(takenDue: Date, now: Date, policy: SeverityPolicy): Date {
  const next = takenDue.getTime() + policy.escalateEveryMinutes * MINUTE_MS;
  // After a long outage, do not fire a burst of catch-up steps: space them from now.
  return new Date(next > now.getTime() ? next : now.getTime() + policy.escalateEveryMinutes * MINUTE_MS);
}
