/**
 * Scoring of the analyzer against the real set's labels (issue 13). Pure: the caller pairs each label with what the
 * analyzer said, so the scoring is tested without the archive.
 *
 * - item: is the item about a Gò Vấp unit at all (a school, or the office as unit GV-OFFICE)? Binary F1 over items.
 * - units: micro F1 over (item, unit code) pairs, the office counted as GV-OFFICE.
 * - incident: F1 of the Gò Vấp incident flag.
 * - incident anywhere: the same decision without the place. The guide makes an item an incident when it is bad news
 *   about a Gò Vấp unit, so here: an education item labelled negative (bad news at a school, wherever it is) against
 *   the analyzer giving it an incident category (what it gives bad education news, and what opens a ticket once a Gò
 *   Vấp unit is matched). The archive holds no Gò Vấp incident, so this is the nearest real-news reading of the
 *   incident goal, not the goal itself. Its recall is also given per labelled kind (the gold category), because the
 *   kinds differ: a fight or a poisoning is a different miss from soft criticism filed under "other".
 * - incident at a school: the decision once an item is known to be about a school, over the items labelled education:
 *   labelled negative against read negative. An item naming a Gò Vấp unit is education whatever its words
 *   (topic/education.ts), and then its incident category is given exactly when its tone reads negative, so this is the
 *   Gò Vấp decision after matching, without the education gate that "incident anywhere" also scores.
 * - sentiment: per-label F1, macro-F1, positive recall (on every item, and on the education items alone).
 * - same-name false-take rate: of the items the pool took because they name a school whose name a Gò Vấp unit also
 *   bears (bucket same_name), the share where the analyzer took a school the labels do not give.
 * - category accuracy on the items labelled education; education (yes/no) F1 and accuracy.
 */
import { isIncidentCategory, PlanTheme, SentimentLabel, type Category, type Severity } from '@mw/shared';
import { goldUnits, OFFICE_UNIT, type RealLabel } from './real-set';

/** What the analyzer said about an item, in the label's terms. */
export interface RealPrediction {
  readonly units: readonly string[];
  readonly education: boolean;
  readonly sentiment: SentimentLabel;
  readonly category: Category | null;
  readonly incident: boolean;
  readonly severity: Severity | null;
}

export interface BinaryScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
  /** Items (or pairs) the analyzer said yes to. */
  readonly flagged: number;
}

/** Of the items labelled bad education news of one kind (gold category), how many the analyzer flagged. */
export interface KindRecall {
  readonly kind: string;
  readonly labelled: number;
  readonly found: number;
}

export interface RealScores {
  readonly items: number;
  readonly item: BinaryScore;
  readonly units: BinaryScore;
  readonly incident: BinaryScore;
  readonly incidentAnywhere: BinaryScore;
  /** Per gold category of the incident-anywhere items, most labelled first: how many the analyzer flagged. */
  readonly incidentAnywhereByKind: readonly KindRecall[];
  readonly incidentAtSchool: BinaryScore;
  readonly sentiment: {
    readonly perLabel: Record<SentimentLabel, BinaryScore>;
    readonly macroF1: number;
    readonly positiveRecall: number;
    readonly educationMacroF1: number;
    readonly educationPositiveRecall: number;
  };
  readonly sameName: { readonly items: number; readonly taken: number; readonly rate: number };
  readonly category: { readonly items: number; readonly right: number; readonly accuracy: number };
  readonly education: BinaryScore & { readonly accuracy: number };
  readonly severity: { readonly compared: number; readonly exact: number };
  readonly mistakes: { readonly id: string; readonly what: string; readonly expected: string; readonly got: string }[];
}

export interface RealGoal {
  readonly name: string;
  readonly target: string;
  readonly actual: number;
  /** Null when the set cannot measure it (nothing to find and nothing found). */
  readonly met: boolean | null;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function binary(tp: number, fp: number, fn: number): BinaryScore {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn, flagged: tp + fp };
}

/** One yes/no decision on an item: [what the labels say, what the analyzer said], null where it is not scored. */
export type ItemDecision = (label: RealLabel, got: RealPrediction) => readonly [boolean, boolean] | null;

const negative = (x: { readonly sentiment: SentimentLabel }): boolean => x.sentiment === SentimentLabel.Negative;

/** Bad news at a school of any district (education, labelled negative) against an incident category given. */
export const incidentAnywhereOf = (label: RealLabel, got: RealPrediction): readonly [boolean, boolean] => [
  label.education && negative(label),
  isIncidentCategory(got.category),
];

/** On the items labelled education: labelled negative against read negative (the decision once a unit matches). */
export const incidentAtSchoolOf: ItemDecision = (label, got) =>
  label.education ? [negative(label), negative(got)] : null;

/** The figures of one yes/no decision from its [labelled, said] pairs. */
export function scoreDecisions(pairs: readonly (readonly [boolean, boolean])[]): BinaryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, got] of pairs) {
    if (gold && got) tp++;
    else if (got) fp++;
    else if (gold) fn++;
  }
  return binary(tp, fp, fn);
}

function sentimentScores(pairs: readonly [SentimentLabel, SentimentLabel][]): {
  perLabel: Record<SentimentLabel, BinaryScore>;
  macroF1: number;
} {
  const labels = Object.values(SentimentLabel);
  const perLabel = Object.fromEntries(
    labels.map((label) => [label, scoreDecisions(pairs.map(([g, p]) => [g === label, p === label]))]),
  ) as Record<SentimentLabel, BinaryScore>;
  return { perLabel, macroF1: labels.reduce((s, l) => s + perLabel[l].f1, 0) / labels.length };
}

/**
 * Education as the analyzer says it: its own flag when it has one; otherwise an item is taken for education news
 * when it carries a category other than "other" (the analyzer gives every item a category today).
 */
export function predictedEducation(out: { readonly category: Category | null; readonly education?: boolean }): boolean {
  if (typeof out.education === 'boolean') return out.education;
  return out.category !== null && out.category !== PlanTheme.Other;
}

/** The decision's [labelled, said] on each item it is scored on. */
function scored(
  pairs: readonly { label: RealLabel; got: RealPrediction }[],
  decision: ItemDecision,
): (readonly [boolean, boolean])[] {
  return pairs.flatMap(({ label, got }) => {
    const d = decision(label, got);
    return d ? [d] : [];
  });
}

export function scoreRealSet(pairs: readonly { label: RealLabel; got: RealPrediction }[]): RealScores {
  const mistakes: RealScores['mistakes'][number][] = [];
  let utp = 0;
  let ufp = 0;
  let ufn = 0;
  let sameItems = 0;
  let sameTaken = 0;
  let categoryItems = 0;
  let categoryRight = 0;
  let compared = 0;
  let exact = 0;
  for (const { label, got } of pairs) {
    const gold = new Set(goldUnits(label));
    const found = new Set(got.units);
    for (const code of found) {
      if (gold.has(code)) utp++;
      else ufp++;
    }
    for (const code of gold) if (!found.has(code)) ufn++;
    const say = (what: string, expected: unknown, actual: unknown): void => {
      mistakes.push({ id: label.id, what, expected: String(expected), got: String(actual) });
    };
    if (gold.size !== found.size || [...gold].some((c) => !found.has(c)))
      say('units', [...gold].join(',') || '-', [...found].join(',') || '-');
    if (label.bucket === 'same_name') {
      sameItems++;
      if ([...found].some((code) => code !== OFFICE_UNIT && !gold.has(code))) sameTaken++;
    }
    if (label.incident !== got.incident) say('incident', label.incident, got.incident);
    if (label.sentiment !== got.sentiment) say('sentiment', label.sentiment, got.sentiment);
    if (label.education !== got.education) say('education', label.education, got.education);
    if (label.education) {
      categoryItems++;
      if (label.category === got.category) categoryRight++;
      else say('category', label.category, got.category);
    }
    if (label.severity && got.severity) {
      compared++;
      if (label.severity === got.severity) exact++;
    }
  }
  const byKind = new Map<string, { -readonly [K in keyof KindRecall]: KindRecall[K] }>();
  for (const { label, got } of pairs) {
    const [labelled, found] = incidentAnywhereOf(label, got);
    if (!labelled) continue;
    const kind = label.category ?? PlanTheme.Other;
    const entry = byKind.get(kind) ?? { kind, labelled: 0, found: 0 };
    entry.labelled++;
    if (found) entry.found++;
    byKind.set(kind, entry);
  }
  const all = sentimentScores(pairs.map((p) => [p.label.sentiment, p.got.sentiment]));
  const education = pairs.filter((p) => p.label.education);
  const edu = sentimentScores(education.map((p) => [p.label.sentiment, p.got.sentiment]));
  const educationScore = scoreDecisions(pairs.map((p) => [p.label.education, p.got.education]));
  return {
    items: pairs.length,
    item: scoreDecisions(pairs.map((p) => [goldUnits(p.label).length > 0, p.got.units.length > 0])),
    units: binary(utp, ufp, ufn),
    incident: scoreDecisions(pairs.map((p) => [p.label.incident, p.got.incident])),
    incidentAnywhere: scoreDecisions(scored(pairs, incidentAnywhereOf)),
    incidentAtSchool: scoreDecisions(scored(pairs, incidentAtSchoolOf)),
    incidentAnywhereByKind: [...byKind.values()].sort(
      (a, b) => b.labelled - a.labelled || a.kind.localeCompare(b.kind),
    ),
    sentiment: {
      perLabel: all.perLabel,
      macroF1: all.macroF1,
      positiveRecall: all.perLabel.positive.recall,
      educationMacroF1: edu.macroF1,
      educationPositiveRecall: edu.perLabel.positive.recall,
    },
    sameName: { items: sameItems, taken: sameTaken, rate: ratio(sameTaken, sameItems) },
    category: { items: categoryItems, right: categoryRight, accuracy: ratio(categoryRight, categoryItems) },
    education: {
      ...educationScore,
      accuracy: ratio(pairs.filter((p) => p.label.education === p.got.education).length, pairs.length),
    },
    severity: { compared, exact },
    mistakes,
  };
}

/** A score is evidence only when there was something to find or something was found. */
export function measurable(score: BinaryScore): boolean {
  return score.support > 0 || score.flagged > 0;
}

/** Issue 13's goals on the real set; the year's false alarms join them when the year was run. */
export function realGoals(scores: RealScores, falseAlarmsWorstMonth?: number): RealGoal[] {
  const goals: RealGoal[] = [
    {
      name: 'item F1',
      target: '>= 0.95',
      actual: scores.item.f1,
      met: measurable(scores.item) ? scores.item.f1 >= 0.95 : null,
    },
    {
      name: 'Gò Vấp incident F1',
      target: '>= 0.90',
      actual: scores.incident.f1,
      met: measurable(scores.incident) ? scores.incident.f1 >= 0.9 : null,
    },
    {
      name: 'sentiment macro-F1',
      target: '>= 0.80',
      actual: scores.sentiment.macroF1,
      met: scores.sentiment.macroF1 >= 0.8,
    },
    {
      name: 'positive recall',
      target: '>= 0.85',
      actual: scores.sentiment.positiveRecall,
      met: scores.sentiment.positiveRecall >= 0.85,
    },
    {
      name: "other districts' same-name schools taken",
      target: '<= 0.02',
      actual: scores.sameName.rate,
      met: scores.sameName.items > 0 ? scores.sameName.rate <= 0.02 : null,
    },
  ];
  if (falseAlarmsWorstMonth !== undefined) {
    goals.push({
      name: 'false alarms in the worst month of the year',
      target: '<= 1',
      actual: falseAlarmsWorstMonth,
      met: falseAlarmsWorstMonth <= 1,
    });
  }
  return goals;
}
