import {
  isoWeekBounds,
  isoWeekOf,
  isoWeeksInYear,
  lastCompleteIsoWeek,
  shiftIsoWeek,
  vietnamDate,
  weekNumberLabel,
} from './reports';

describe('ISO weeks in Ho Chi Minh City', () => {
  it('starts a week on Monday 00:00 local time (Sunday 17:00 UTC)', () => {
    const b = isoWeekBounds('2026-W48');
    expect(b?.start.toISOString()).toBe('2026-11-22T17:00:00.000Z');
    expect(b?.end.toISOString()).toBe('2026-11-29T17:00:00.000Z');
    expect(vietnamDate(b!.start)).toBe('23/11/2026');
  });

  it('puts Sunday 23:30 local in the ending week and Monday 00:10 local in the next', () => {
    expect(isoWeekOf(new Date('2026-11-29T23:30:00+07:00'))).toBe('2026-W48');
    expect(isoWeekOf(new Date('2026-11-30T00:10:00+07:00'))).toBe('2026-W49');
    // 2026-11-29T17:10Z is still Sunday in UTC but already Monday in Ho Chi Minh City.
    expect(isoWeekOf(new Date('2026-11-29T17:10:00Z'))).toBe('2026-W49');
  });

  it('handles year boundaries and 53-week years', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeekOf(new Date('2027-01-01T12:00:00+07:00'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2025-12-29T00:00:00+07:00'))).toBe('2026-W01');
    expect(shiftIsoWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftIsoWeek('2027-W01', -1)).toBe('2026-W53');
    expect(lastCompleteIsoWeek(new Date('2026-11-30T07:00:00+07:00'))).toBe('2026-W48');
  });

  it('refuses what is not a week', () => {
    for (const bad of ['2026-W00', '2027-W53', '2026-W7', '2026W07', '26-W07', '2026-w07']) {
      expect(isoWeekBounds(bad)).toBeNull();
    }
  });

  it('names a week for Vietnamese readers as week/year, without a leading zero', () => {
    expect(weekNumberLabel('2026-W47')).toBe('47/2026');
    expect(weekNumberLabel('2027-W03')).toBe('3/2027');
    expect(weekNumberLabel('not a week')).toBe('not a week');
  });
});
