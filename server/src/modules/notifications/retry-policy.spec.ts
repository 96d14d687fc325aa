import { mayRetry, retryDelayMs } from './retry-policy';

const policy = { maxAttempts: 4, baseMs: 30_000, maxMs: 100_000 };

describe('retry policy', () => {
  it('doubles the wait after each failure up to the cap', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, noJitter))).toEqual([
      30_000, 60_000, 100_000, 100_000, 100_000,
    ]);
  });

  it('shortens the wait by at most a fifth', () => {
    expect(retryDelayMs(2, policy, () => 1)).toBe(48_000);
    expect(retryDelayMs(2, policy, () => 0.5)).toBe(54_000);
  });

  it('stops after the last attempt', () => {
    expect(mayRetry(3, policy)).toBe(true);
    expect(mayRetry(4, policy)).toBe(false);
  });
});
