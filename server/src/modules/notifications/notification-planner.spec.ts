import { channelsFor, quietHoursEnd } from './notification-planner.service';

const all = new Set(['in_app', 'email', 'zalo', 'webhook'] as const);

describe('notification planning', () => {
  it('sends in-app always, e-mail by preference (always for S1) and Zalo where the person has an id', () => {
    const withZalo = {
      zaloId: 'z1',
      preferences: { channels: ['in_app' as const, 'email' as const], quietHours: null },
    };
    const inAppOnly = { zaloId: null, preferences: { channels: ['in_app' as const], quietHours: null } };
    expect(channelsFor(withZalo, 'S3', all)).toEqual(['in_app', 'email', 'zalo']);
    expect(channelsFor(inAppOnly, 'S3', all)).toEqual(['in_app']);
    expect(channelsFor(inAppOnly, 'S1', all)).toEqual(['in_app', 'email']);
    expect(channelsFor(withZalo, 'S2', new Set(['in_app', 'email'] as const))).toEqual(['in_app', 'email']);
  });

  it('finds the end of quiet hours in Ho Chi Minh City time, across midnight', () => {
    const window = { start: '22:00', end: '06:00' };
    // 23:30 local on the 27th → 06:00 local on the 28th = 23:00Z on the 27th.
    expect(quietHoursEnd(window, new Date('2026-11-27T16:30:00Z')).toISOString()).toBe('2026-11-27T23:00:00.000Z');
    // 02:15 local on the 28th → 06:00 the same morning.
    expect(quietHoursEnd(window, new Date('2026-11-27T19:15:42Z')).toISOString()).toBe('2026-11-27T23:00:00.000Z');
    expect(quietHoursEnd({ start: '12:00', end: '13:30' }, new Date('2026-11-27T05:10:00Z')).toISOString()).toBe(
      '2026-11-27T06:30:00.000Z',
    );
  });
});
