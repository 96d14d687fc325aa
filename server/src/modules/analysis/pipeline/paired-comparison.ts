/**
 * Two analyses of the same labelled items compared item by item: for each decision the eval scores, how many items
 * the change got right that the baseline got wrong, how many the reverse, and the exact two-sided sign-test p of
 * that split. An F1 moving by 0.01 between runs says little on its own (one cut of the folds moves that much between
 * seeds); the items that changed, and which way, say whether the change is more than chance.
 *
 * Each split is also given by where the items come from: the pool's buckets (real-pool.cjs's first round) and the
 * later labelling rounds (LATER_ROUND_BUCKETS; in TRAIN, bucket train_extra: education, negative, ordinary-word and
 * committee-chosen items), which are most of TRAIN and unlike the pool's. A change can gain on one and not the other.
 */
import { incidentAnywhereOf, incidentAtSchoolOf, type ItemDecision, type RealPrediction } from './real-scores';
import { LATER_ROUND_BUCKETS, type RealLabel } from './real-set';

/** Whether the analyzer got one decision right on an item; null when the decision is not scored on it. */
type Right = (label: RealLabel, got: RealPrediction) => boolean | null;

/** Right where the analyzer says what the labels say, for the yes/no decisions real-scores.ts scores. */
const agrees =
  (decision: ItemDecision): Right =>
  (label, got) => {
    const d = decision(label, got);
    return d === null ? null : d[0] === d[1];
  };

/** The decisions of real-scores.ts, each as right or wrong per item. */
export const PAIRED_DECISIONS: readonly { readonly name: string; readonly right: Right }[] = [
  { name: 'incident anywhere', right: agrees(incidentAnywhereOf) },
  { name: 'incident at a school', right: agrees(incidentAtSchoolOf) },
  { name: 'sentiment', right: (label, got) => label.sentiment === got.sentiment },
  { name: 'education', right: (label, got) => label.education === got.education },
  { name: 'category', right: (label, got) => (label.education ? label.category === got.category : null) },
];

export interface PairedSplit {
  /** Items the change gets right and the baseline got wrong. */
  readonly gained: number;
  /** Items the baseline got right and the change gets wrong. */
  readonly lost: number;
  /** Exact two-sided sign-test p of gained against lost (1 when nothing changed). */
  readonly p: number;
}

export interface PairedRow {
  readonly decision: string;
  readonly all: PairedSplit;
  readonly pool: PairedSplit;
  readonly later: PairedSplit;
}

export interface PairedComparison {
  /** Items both analyses read. */
  readonly items: number;
  /** Of them, items of the pool's buckets (the rest are of the later rounds). */
  readonly poolItems: number;
  readonly rows: readonly PairedRow[];
}

/** Exact two-sided binomial sign test of `gained` against `lost` at one half. */
export function signTestP(gained: number, lost: number): number {
  const n = gained + lost;
  if (n === 0) return 1;
  const k = Math.min(gained, lost);
  // log C(n, i) summed in the log domain, so a few thousand changed items neither overflow nor underflow early.
  let logC = 0;
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logC - n * Math.LN2);
  }
  return Math.min(1, 2 * tail);
}

function split(rights: readonly (readonly [boolean, boolean])[]): PairedSplit {
  let gained = 0;
  let lost = 0;
  for (const [before, after] of rights) {
    if (after && !before) gained++;
    else if (before && !after) lost++;
  }
  return { gained, lost, p: signTestP(gained, lost) };
}

/**
 * `after`: the change's reading of each labelled item; `before`: the baseline's, by item id. Items the baseline did
 * not read are left out.
 */
export function comparePaired(
  after: readonly { readonly label: RealLabel; readonly got: RealPrediction }[],
  before: ReadonlyMap<string, RealPrediction>,
): PairedComparison {
  const both = after.flatMap(({ label, got }) => {
    const old = before.get(label.id);
    return old ? [{ label, got, old }] : [];
  });
  const rows = PAIRED_DECISIONS.map(({ name, right }) => {
    const scored = (pool: boolean | null) =>
      both.flatMap(({ label, got, old }) => {
        if (pool !== null && LATER_ROUND_BUCKETS.has(label.bucket) === pool) return [];
        const was = right(label, old);
        const is = right(label, got);
        return was === null || is === null ? [] : [[was, is] as const];
      });
    return { decision: name, all: split(scored(null)), pool: split(scored(true)), later: split(scored(false)) };
  });
  return { items: both.length, poolItems: both.filter((b) => !LATER_ROUND_BUCKETS.has(b.label.bucket)).length, rows };
}

export function formatPaired(comparison: PairedComparison): string[] {
  const cell = (s: PairedSplit) => `+${s.gained} −${s.lost} (p ${s.p < 0.001 ? '<0.001' : s.p.toFixed(3)})`.padEnd(24);
  return [
    `paired against the baseline, ${comparison.items} items read by both: items the change gets right that the ` +
      'baseline got wrong (+), the reverse (−), and the sign-test p',
    `  ${''.padEnd(22)}${'all'.padEnd(24)}${`pool buckets (${comparison.poolItems})`.padEnd(24)}` +
      `later rounds (${comparison.items - comparison.poolItems})`,
    ...comparison.rows.map((r) => `  ${r.decision.padEnd(22)}${cell(r.all)}${cell(r.pool)}${cell(r.later)}`.trimEnd()),
  ];
}
