/**
 * The daily baseline of a unit's or a topic's coverage, and when a day is a spike. Pure.
 *
 * The baseline is the recent level scaled by the school calendar: the articles of the previous BASELINE_DAYS days
 * divided by those days' calendar factors (so a quiet Tết fortnight does not make the next term day look loud, nor a
 * busy school-year start hide a real surge), times the day's own factor. A small prior keeps a unit that had no
 * article at all from having a baseline of zero. A day is a spike when it has at least MIN_ARTICLES articles and so
 * many that a Poisson count with the baseline as its mean would reach them less than once in 1,000 days.
 */
export const BASELINE_DAYS = 28;
export const MIN_ARTICLES = 3;
export const SPIKE_P_VALUE = 0.001;
/** The prior: as if PRIOR_DAYS ordinary days had PRIOR_RATE articles a day. */
const PRIOR_DAYS = 7;
const PRIOR_RATE = 0.05;

/** Expected articles on a day, from the previous days' counts and calendar factors and the day's own factor. */
export function expectedArticles(
  history: readonly number[],
  historyFactors: readonly number[],
  factor: number,
): number {
  const articles = history.reduce((a, b) => a + b, 0);
  const exposure = historyFactors.reduce((a, b) => a + b, 0);
  return ((articles + PRIOR_RATE * PRIOR_DAYS) / (exposure + PRIOR_DAYS)) * factor;
}

/** P(X ≥ k) for a Poisson variable of mean `mean`. */
export function poissonTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-mean);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= mean / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

export function isSpike(articles: number, expected: number): boolean {
  return articles >= MIN_ARTICLES && poissonTail(articles, expected) < SPIKE_P_VALUE;
}
