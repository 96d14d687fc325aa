/**
 * When a source is polled next. Pure, so the back-off curve is unit-tested without a database or a clock.
 * A failing source waits interval × 2^(failures−1), jittered ±20 % so sources that failed together (one outlet
 * down) do not retry in lockstep, and never longer than the cap: a failing source is retried for ever, only slower.
 */
import type { SourceSettings } from '@mw/shared';

export const BACKOFF_JITTER = 0.2;

/** The poll interval in milliseconds; `settings.intervalSeconds` (tests, demos) overrides the minutes. */
export function pollIntervalMs(intervalMinutes: number, settings: SourceSettings | null | undefined): number {
  const seconds = settings?.intervalSeconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 1) return Math.round(seconds * 1000);
  return intervalMinutes * 60_000;
}

/**
 * Delay before retrying after the `failures`-th consecutive failure (1 = first).
 * The cap never shortens a source's own interval: a daily source is not retried more often than daily.
 */
export function backoffDelayMs(
  failures: number,
  intervalMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const cap = Math.max(capMs, intervalMs);
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const raw = Math.min(cap, intervalMs * 2 ** exponent);
  const jittered = raw * (1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random());
  return Math.round(Math.min(cap, Math.max(1000, jittered)));
}

/** Next poll after a failure: the host's own Retry-After when it gave one (and it is later), else the back-off. */
export function nextPollAfterFailure(
  now: Date,
  failures: number,
  intervalMs: number,
  capMs: number,
  retryAt?: Date,
  random: () => number = Math.random,
): Date {
  const backoff = new Date(now.getTime() + backoffDelayMs(failures, intervalMs, capMs, random));
  if (retryAt && retryAt.getTime() > now.getTime()) return retryAt;
  return backoff;
}
