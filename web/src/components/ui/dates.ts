/**
 * Dates typed as dd/MM/yyyy, read as days in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving), so a filter
 * "from 01/11/2026 to 03/11/2026" means from 00:00 on the 1st to 23:59:59.999 on the 3rd, Vietnamese time.
 */
const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function parseDayMonthYear(text: string): { day: number; month: number; year: number } | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { day, month, year };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant of the start (or end) of that day in Asia/Ho_Chi_Minh; null when the text is not a date. */
export function dayBoundary(text: string, edge: 'start' | 'end'): string | null {
  const d = parseDayMonthYear(text);
  if (!d) return null;
  const time = edge === 'start' ? '00:00:00.000' : '23:59:59.999';
  return new Date(`${d.year}-${pad(d.month)}-${pad(d.day)}T${time}+07:00`).toISOString();
}

/**
 * 00:00 of the day after, Vietnamese time, with its offset (`2026-11-04T00:00:00+07:00` for 03/11/2026): the
 * exclusive end of a half-open window that takes in the whole typed day. Null when the text is not a date.
 */
export function nextDayStart(text: string): string | null {
  const d = parseDayMonthYear(text);
  if (!d) return null;
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}T00:00:00+07:00`;
}

/** Something typed that is not a dd/MM/yyyy day (an empty box is not invalid: it sets no bound). */
export function dayInvalid(text: string): boolean {
  return text !== '' && !parseDayMonthYear(text);
}
