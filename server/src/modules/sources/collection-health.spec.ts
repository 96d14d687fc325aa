import {
  collectionProblem,
  QUIET_DEFAULT_MINUTES,
  QUIET_FLOOR_MINUTES,
  quietLimitMinutes,
  type CollectionFigures,
} from './collection-health';

const NOW = new Date('2026-12-05T10:00:00+07:00');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const figures = (over: Partial<CollectionFigures> = {}): CollectionFigures => ({
  enabled: 16,
  ok: 16,
  failing: 0,
  pending: 0,
  longestIntervalMinutes: 15,
  firstEnabledAt: minutesAgo(30 * 24 * 60),
  lastItemStoredAt: minutesAgo(5),
  rhythmDays: 14,
  medianDailyLongestGapMinutes: 7 * 60,
  ...over,
});

describe('collection health', () => {
  it('collects while items come within the usual rhythm', () => {
    expect(collectionProblem(figures(), NOW)).toBeNull();
    // A quiet night as long as usual is no alarm: 1.5 × the median longest daily gap.
    expect(quietLimitMinutes(figures())).toBe(630);
    expect(collectionProblem(figures({ lastItemStoredAt: minutesAgo(600) }), NOW)).toBeNull();
    expect(collectionProblem(figures({ lastItemStoredAt: minutesAgo(631) }), NOW)).toBe('nothing_stored');
  });

  it('needs every enabled source failing before it says so; pending ones are not failing yet', () => {
    expect(collectionProblem(figures({ ok: 0, failing: 16 }), NOW)).toBe('all_sources_failing');
    expect(collectionProblem(figures({ ok: 0, failing: 15, pending: 1 }), NOW)).toBeNull();
    expect(collectionProblem(figures({ enabled: 0, ok: 0 }), NOW)).toBe('no_sources');
  });

  it('uses a default until three days of history exist, and never less than three slow polls or an hour', () => {
    expect(quietLimitMinutes(figures({ rhythmDays: 2 }))).toBe(QUIET_DEFAULT_MINUTES);
    expect(quietLimitMinutes(figures({ medianDailyLongestGapMinutes: 10 }))).toBe(QUIET_FLOOR_MINUTES);
    expect(quietLimitMinutes(figures({ medianDailyLongestGapMinutes: 10, longestIntervalMinutes: 240 }))).toBe(720);
  });

  it('counts a fresh install without any item from when its first source was added', () => {
    const fresh = figures({ lastItemStoredAt: null, rhythmDays: 0, medianDailyLongestGapMinutes: null });
    expect(collectionProblem({ ...fresh, firstEnabledAt: minutesAgo(60) }, NOW)).toBeNull();
    expect(collectionProblem({ ...fresh, firstEnabledAt: minutesAgo(QUIET_DEFAULT_MINUTES + 1) }, NOW)).toBe(
      'nothing_stored',
    );
  });
});
