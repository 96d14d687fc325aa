import { backoffDelayMs, nextPollAfterFailure, pollIntervalMs } from './poll-schedule';

const MINUTE = 60_000;

describe('poll schedule', () => {
  it('uses intervalSeconds from the settings when given, else the minutes', () => {
    expect(pollIntervalMs(15, {})).toBe(15 * MINUTE);
    expect(pollIntervalMs(15, { intervalSeconds: 3 })).toBe(3000);
    expect(pollIntervalMs(15, { intervalSeconds: 0 })).toBe(15 * MINUTE);
  });

  it('doubles the delay with each consecutive failure', () => {
    const mid = () => 0.5;
    expect(backoffDelayMs(1, 10 * MINUTE, 360 * MINUTE, mid)).toBe(10 * MINUTE);
    expect(backoffDelayMs(2, 10 * MINUTE, 360 * MINUTE, mid)).toBe(20 * MINUTE);
    expect(backoffDelayMs(4, 10 * MINUTE, 360 * MINUTE, mid)).toBe(80 * MINUTE);
  });

  it('never exceeds the cap, however many failures, and never parks a source', () => {
    for (const failures of [6, 10, 50, 1000]) {
      const delay = backoffDelayMs(failures, 10 * MINUTE, 360 * MINUTE, () => 0.999);
      expect(delay).toBeLessThanOrEqual(360 * MINUTE);
      expect(delay).toBeGreaterThan(200 * MINUTE);
    }
  });

  it('jitters within ±20 %', () => {
    expect(backoffDelayMs(3, 10 * MINUTE, 360 * MINUTE, () => 0)).toBe(32 * MINUTE);
    expect(backoffDelayMs(3, 10 * MINUTE, 360 * MINUTE, () => 1)).toBe(48 * MINUTE);
  });

  it('does not retry a source more often than its own interval when the interval exceeds the cap', () => {
    expect(backoffDelayMs(5, 1440 * MINUTE, 360 * MINUTE, () => 0.5)).toBe(1440 * MINUTE);
  });

  it('honours a later Retry-After and ignores one already past', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const later = new Date('2026-01-01T02:00:00Z');
    expect(nextPollAfterFailure(now, 1, MINUTE, 360 * MINUTE, later).toISOString()).toBe(later.toISOString());
    const past = new Date('2025-12-31T23:00:00Z');
    const next = nextPollAfterFailure(now, 1, MINUTE, 360 * MINUTE, past, () => 0.5);
    expect(next.getTime() - now.getTime()).toBe(MINUTE);
  });
});
