import {
  ackDueAt,
  DEFAULT_CALENDAR,
  earliestStepTime,
  intoWorkingHours,
  isOldCoverage,
  isQuiet,
  oldCoveragePolicy,
  respondDueAt,
  type SeverityPolicy,
} from './escalation-policy';

const S1: SeverityPolicy = {
  code: 'S1',
  ackMinutes: 15,
  respondMinutes: 360,
  escalateEveryMinutes: 15,
  workingDaysOnly: false,
  ignoresQuietHours: true,
};
const S3: SeverityPolicy = {
  ...S1,
  code: 'S3',
  ackMinutes: 240,
  respondMinutes: 4320,
  escalateEveryMinutes: 240,
  ignoresQuietHours: false,
};
const S4: SeverityPolicy = {
  ...S3,
  code: 'S4',
  ackMinutes: null,
  respondMinutes: null,
  escalateEveryMinutes: 480,
  workingDaysOnly: true,
};

/** A local (UTC+7) wall-clock time as an instant. */
const local = (iso: string) => new Date(`${iso}+07:00`);

describe('escalation policy (Asia/Ho_Chi_Minh)', () => {
  it('gives S1 fifteen minutes to acknowledge and six hours to respond, day or night', () => {
    const opened = local('2026-03-07T23:10:00');
    expect(ackDueAt(opened, S1, DEFAULT_CALENDAR)).toEqual(local('2026-03-07T23:25:00'));
    expect(respondDueAt(opened, S1, DEFAULT_CALENDAR)).toEqual(local('2026-03-08T05:10:00'));
    expect(earliestStepTime(local('2026-03-07T23:25:00'), S1, DEFAULT_CALENDAR)).toEqual(local('2026-03-07T23:25:00'));
  });

  it('gives S4 until the end of the next working day, skipping the weekend', () => {
    expect(ackDueAt(local('2026-03-06T18:00:00'), S4, DEFAULT_CALENDAR)).toEqual(local('2026-03-09T17:00:00'));
    expect(ackDueAt(local('2026-03-03T09:00:00'), S4, DEFAULT_CALENDAR)).toEqual(local('2026-03-04T17:00:00'));
    expect(respondDueAt(local('2026-03-03T09:00:00'), S4, DEFAULT_CALENDAR)).toBeNull();
  });

  it('holds non-urgent steps through quiet hours and S4 steps to working hours', () => {
    expect(isQuiet(local('2026-03-04T23:00:00'), DEFAULT_CALENDAR)).toBe(true);
    expect(isQuiet(local('2026-03-04T12:00:00'), DEFAULT_CALENDAR)).toBe(false);
    expect(earliestStepTime(local('2026-03-04T23:00:00'), S3, DEFAULT_CALENDAR)).toEqual(local('2026-03-05T06:30:00'));
    expect(earliestStepTime(local('2026-03-05T02:00:00'), S3, DEFAULT_CALENDAR)).toEqual(local('2026-03-05T06:30:00'));
    expect(earliestStepTime(local('2026-03-07T10:00:00'), S4, DEFAULT_CALENDAR)).toEqual(local('2026-03-09T07:30:00'));
    expect(earliestStepTime(local('2026-03-09T17:00:00'), S4, DEFAULT_CALENDAR)).toEqual(local('2026-03-10T07:30:00'));
  });

  it('follows a configured calendar', () => {
    const sixDays = { ...DEFAULT_CALENDAR, workingDays: [1, 2, 3, 4, 5, 6], quietHours: null };
    expect(intoWorkingHours(local('2026-03-07T10:00:00'), sixDays)).toEqual(local('2026-03-07T10:00:00'));
    expect(earliestStepTime(local('2026-03-04T23:00:00'), S3, sixDays)).toEqual(local('2026-03-04T23:00:00'));
  });
});

describe('old coverage', () => {
  const local = (iso: string): Date => new Date(`${iso}+07:00`);

  it('is an article first seen more than 48 h after it was published', () => {
    const seen = local('2026-03-08T01:06:00');
    expect(isOldCoverage(local('2026-02-27T09:00:00'), seen)).toBe(true);
    expect(isOldCoverage(local('2026-03-06T01:00:00'), seen)).toBe(true);
    expect(isOldCoverage(local('2026-03-06T01:07:00'), seen)).toBe(false);
    expect(isOldCoverage(null, seen)).toBe(false);
  });

  it('gives an S1 story a working-hours clock: no 15-minute deadline, no step at night or at the weekend', () => {
    const policy = oldCoveragePolicy(S1);
    const sundayNight = local('2026-03-08T01:06:00');
    const ack = ackDueAt(sundayNight, policy, DEFAULT_CALENDAR);
    expect(ack).toEqual(local('2026-03-09T07:30:00'));
    expect(earliestStepTime(sundayNight, policy, DEFAULT_CALENDAR)).toEqual(local('2026-03-09T07:30:00'));
    expect(earliestStepTime(local('2026-03-10T23:00:00'), policy, DEFAULT_CALENDAR)).toEqual(
      local('2026-03-11T07:30:00'),
    );
    // on a working morning, four hours rather than fifteen minutes
    expect(ackDueAt(local('2026-03-09T08:00:00'), policy, DEFAULT_CALENDAR)).toEqual(local('2026-03-09T12:00:00'));
    expect(policy.escalateEveryMinutes).toBe(240);
    expect(oldCoveragePolicy(S4).ackMinutes).toBeNull();
  });
});
