/// <reference types="jest" />
import { dayBoundary, dayInvalid, parseDayMonthYear } from './dates';

describe('dd/MM/yyyy dates in Asia/Ho_Chi_Minh', () => {
  it('reads a day as its Vietnamese start and end', () => {
    expect(dayBoundary('01/11/2026', 'start')).toBe('2026-10-31T17:00:00.000Z');
    expect(dayBoundary('3/11/2026', 'end')).toBe('2026-11-03T16:59:59.999Z');
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
