/// <reference types="jest" />
import { dayBoundary, dayInvalid, nextDayStart, parseDayMonthYear } from './dates';

describe('dd/MM/yyyy dates in Asia/Ho_Chi_Minh', () => {
  it('reads a day as its Vietnamese start and end', () => {
    expect(dayBoundary('01/11/2026', 'start')).toBe('2026-10-31T17:00:00.000Z');
    expect(dayBoundary('3/11/2026', 'end')).toBe('2026-11-03T16:59:59.999Z');
  });

  it("ends a day at the next day's Vietnamese midnight, across month and year ends", () => {
    expect(nextDayStart('05/01/2026')).toBe('2026-01-06T00:00:00+07:00');
    expect(nextDayStart('31/1/2026')).toBe('2026-02-01T00:00:00+07:00');
    expect(nextDayStart('31/12/2026')).toBe('2027-01-01T00:00:00+07:00');
    expect(new Date(nextDayStart('05/01/2026')!).toISOString()).toBe('2026-01-05T17:00:00.000Z');
    expect(nextDayStart('31/02/2026')).toBeNull();
  });

  it('refuses impossible or differently ordered dates', () => {
    expect(parseDayMonthYear('31/02/2026')).toBeNull();
    expect(parseDayMonthYear('2026-11-01')).toBeNull();
    expect(parseDayMonthYear('13/13/2026')).toBeNull();
    expect(dayBoundary('', 'start')).toBeNull();
  });

  it('calls only a typed, unreadable day invalid', () => {
    expect(dayInvalid('')).toBe(false);
    expect(dayInvalid('01/11/2026')).toBe(false);
    expect(dayInvalid('31/02/2026')).toBe(true);
    expect(dayInvalid('2026-11-01')).toBe(true);
  });
});
