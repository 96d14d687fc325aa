/** How failed deliveries are retried: exponential back-off with a cap, a little jitter, and a last attempt. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Wait before the next attempt once `attemptsMade` attempts have failed: base, 2×base, 4×base … up to the cap,
 * shortened by up to 20 % so instances that failed together do not retry in lockstep.
 */
export function retryDelayMs(attemptsMade: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, attemptsMade - 1);
  const full = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(full * (1 - 0.2 * random()));
}

/** Whether another attempt may follow once `attemptsMade` attempts have failed. */
export function mayRetry(attemptsMade: number, policy: RetryPolicy): boolean {
  return attemptsMade < policy.maxAttempts;
}
