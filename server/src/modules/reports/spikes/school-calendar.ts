/**
 * The school calendar as the spike baseline reads it (data in database/seeds/school-calendar.json): which phase a
 * day is in (Tết, the school-year start, an exam season, summer, or an ordinary term day) and how much coverage such a
 * day usually gets. Pure: the detector and its tests share it.
 */
import calendarData from '../../../database/seeds/school-calendar.json';

export interface SchoolCalendar {
  phases: Record<string, { factor: number; topics?: Record<string, number> }>;
  yearly: { phase: string; from: string; to: string }[];
  dated: { phase: string; from: string; to: string }[];
}

export const SCHOOL_CALENDAR: SchoolCalendar = calendarData as SchoolCalendar;

/** Whether MM-DD `md` lies in a yearly period (which may run over New Year, e.g. 12-15 to 01-10). */
function inYearly(md: string, from: string, to: string): boolean {
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

/** The phase of a day (YYYY-MM-DD). */
export function phaseOf(day: string, calendar: SchoolCalendar = SCHOOL_CALENDAR): string {
  const dated = calendar.dated.find((p) => day >= p.from && day <= p.to);
  if (dated) return dated.phase;
  const md = day.slice(5);
  return calendar.yearly.find((p) => inYearly(md, p.from, p.to))?.phase ?? 'term';
}

/** How much coverage a day usually gets, against an ordinary term day, for a topic (category) or any coverage. */
export function dayFactor(day: string, topic: string | null, calendar: SchoolCalendar = SCHOOL_CALENDAR): number {
  const phase = calendar.phases[phaseOf(day, calendar)] ?? { factor: 1 };
  return (topic !== null ? phase.topics?.[topic] : undefined) ?? phase.factor;
}
