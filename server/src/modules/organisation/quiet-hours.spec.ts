import { isWithinQuietHours } from './quiet-hours';

describe('isWithinQuietHours (Asia/Ho_Chi_Minh)', () => {
  const night = { start: '22:00', end: '06:00' };

  it('reads the window in Vietnamese time across midnight', () => {
    expect(isWithinQuietHours(night, new Date('2026-11-27T15:30:00Z'))).toBe(true); // 22:30 in Gò Vấp
    expect(isWithinQuietHours(night, new Date('2026-11-27T22:59:00Z'))).toBe(true); // 05:59
    expect(isWithinQuietHours(night, new Date('2026-11-27T23:00:00Z'))).toBe(false); // 06:00
    expect(isWithinQuietHours(night, new Date('2026-11-27T14:59:00Z'))).toBe(false); // 21:59
  });

  it('handles a daytime window and no window', () => {
    const lunch = { start: '11:30', end: '13:30' };
    expect(isWithinQuietHours(lunch, new Date('2026-11-27T05:00:00Z'))).toBe(true); // 12:00
    expect(isWithinQuietHours(lunch, new Date('2026-11-27T07:00:00Z'))).toBe(false); // 14:00
    expect(isWithinQuietHours(null, new Date('2026-11-27T15:30:00Z'))).toBe(false);
    expect(isWithinQuietHours({ start: '08:00', end: '08:00' }, new Date('2026-11-27T01:00:00Z'))).toBe(false);
  });
});
