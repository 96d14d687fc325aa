import type { QuietHours } from '@mw/shared';

const VIETNAM_OFFSET_MINUTES = 7 * 60;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether `at` falls inside a person's quiet hours, read in Asia/Ho_Chi_Minh (UTC+7 all year, no DST). A window
 * may cross midnight. The notifications module holds non-urgent messages while this is true; S1 incidents ignore it.
 */
export function isWithinQuietHours(quietHours: QuietHours | null, at: Date): boolean {
  if (!quietHours) return false;
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === end) return false;
  const local = (((at.getUTCHours() * 60 + at.getUTCMinutes() + VIETNAM_OFFSET_MINUTES) % 1440) + 1440) % 1440;
  return start < end ? local >= start && local < end : local >= start || local < end;
}
