/**
 * Is the install collecting news? Pure rules over a few figures the sources module reads, so the thresholds are
 * unit-tested without a database.
 *
 * "Nothing stored for longer than the sources' usual rhythm": news has a daily rhythm (busy days, quiet nights), so
 * the usual longest quiet is measured per day: the longest gap between two stored items within each of the last 14
 * days, and its median over those days. An outage shows in one or two days' figures and does not move the median;
 * a normal quiet night does not raise the alarm. The limit is 1.5 times that, and never less than three poll
 * intervals of the slowest source (nothing can be stored more often than it is polled) nor an hour. Without three
 * days of history there is no rhythm yet: six hours.
 */
import { CollectionProblem } from '@mw/shared';

/** Days of history the rhythm is read from. */
export const RHYTHM_WINDOW_DAYS = 14;
/** Days with items needed before the measured rhythm is trusted. */
export const RHYTHM_MIN_DAYS = 3;
export const RHYTHM_FACTOR = 1.5;
export const QUIET_FLOOR_MINUTES = 60;
export const QUIET_DEFAULT_MINUTES = 6 * 60;
/** Poll intervals of the slowest enabled source within which nothing stored is still normal. */
export const QUIET_POLL_INTERVALS = 3;

export interface CollectionFigures {
  enabled: number;
  ok: number;
  failing: number;
  pending: number;
  /** Longest poll interval among enabled sources, in minutes (0 with none). */
  longestIntervalMinutes: number;
  /** When the earliest enabled source was added: without any item, "nothing stored" counts from then. */
  firstEnabledAt: Date | null;
  lastItemStoredAt: Date | null;
  /** Days in the window that had at least two stored moments, and the median of their longest gaps. */
  rhythmDays: number;
  medianDailyLongestGapMinutes: number | null;
}

/** How long without a new item is still normal for these sources. */
export function quietLimitMinutes(
  f: Pick<CollectionFigures, 'longestIntervalMinutes' | 'rhythmDays' | 'medianDailyLongestGapMinutes'>,
): number {
  const polls = QUIET_POLL_INTERVALS * f.longestIntervalMinutes;
  const rhythm =
    f.rhythmDays >= RHYTHM_MIN_DAYS && f.medianDailyLongestGapMinutes !== null
      ? RHYTHM_FACTOR * f.medianDailyLongestGapMinutes
      : QUIET_DEFAULT_MINUTES;
  return Math.ceil(Math.max(rhythm, polls, QUIET_FLOOR_MINUTES));
}

/** Why nothing is being collected, or null when news comes in. */
export function collectionProblem(f: CollectionFigures, now: Date): CollectionProblem | null {
  if (f.enabled === 0) return CollectionProblem.NoSources;
  if (f.failing === f.enabled) return CollectionProblem.AllSourcesFailing;
  const since = f.lastItemStoredAt ?? f.firstEnabledAt;
  if (since && now.getTime() - since.getTime() > quietLimitMinutes(f) * 60_000) return CollectionProblem.NothingStored;
  return null;
}
