import { normaliseFeedDate, parseFeedDate, toVietnamIso } from './feed-date';

describe('parseFeedDate', () => {
  it.each([
    ['Thu, 06 Feb 2025 20:30:48 +0700', '2025-02-06T13:30:48.000Z'],
    ['Mon, 15 Sep 2025 08:42:00 GMT+7', '2025-09-15T01:42:00.000Z'],
    ['Mon, 15 Sep 2025 08:42:00 GMT+07:00', '2025-09-15T01:42:00.000Z'],
    ['Tue, 16 Sep 2025 23:40:00 GMT', '2025-09-16T23:40:00.000Z'],
    ['16 Sep 25 23:40 +0000', '2025-09-16T23:40:00.000Z'],
    ['Tue, 16 Sep 2025 10:00:00 EST', '2025-09-16T15:00:00.000Z'],
    ['2025-10-02T14:00:00+07:00', '2025-10-02T07:00:00.000Z'],
    ['2025-09-17T11:30:05.250Z', '2025-09-17T11:30:05.000Z'],
    ['2025-09-17 11:30:05', '2025-09-17T04:30:05.000Z'],
    ['2025-09-17', '2025-09-16T17:00:00.000Z'],
    ['08/10/2025 09:20', '2025-10-08T02:20:00.000Z'],
    ['Thứ tư, 08/10/2025, 09:20 (GMT+7)', '2025-10-08T02:20:00.000Z'],
    ['09:20 08/10/2025', '2025-10-08T02:20:00.000Z'],
    ['  Wed, 26 Jul 2017\n 19:41:14 +0700 ', '2017-07-26T12:41:14.000Z'],
  ])('reads %j', (raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each(['', 'hôm qua', 'Mon, 45 Foo 2025 10:00:00 +0700', '2025-13-40T00:00:00Z', undefined])(
    'returns undefined for %j',
    (raw) => {
      expect(parseFeedDate(raw)).toBeUndefined();
    },
  );
});

describe('toVietnamIso', () => {
  it('renders the instant in +07:00, crossing midnight correctly', () => {
    expect(toVietnamIso(new Date('2025-12-31T17:30:00Z'))).toBe('2026-01-01T00:30:00+07:00');
    expect(normaliseFeedDate('Tue, 16 Sep 2025 23:40:00 GMT')).toBe('2025-09-17T06:40:00+07:00');
  });
});
