/**
 * How far two readings of the same real items agree (issue 13): the committed labels against a second, blind reading
 * by another annotator of the same guide (tools/eval/agreement-labels.jsonl), and the analyzer against the labels on
 * the same items. It bounds what a goal on these labels can ask: where two careful readers disagree, no model can
 * score above their agreement; where they agree, the gap is the model's.
 *
 * The sample is drawn by a hash of the id from each stratum of the labels (education items and the rest, in fixed
 * numbers), so every figure is also given weighted back to the proportions of the labels it was drawn from. Labels
 * added later do not change it: the study is the items the second reading holds.
 */
import { dirname, resolve } from 'node:path';
import { CATEGORIES, isIncidentCategory, PlanTheme, SentimentLabel } from '@mw/shared';
import { DEFAULT_REAL_LABELS_PATH, idHash, readIdLines, type RealLabel } from './real-set';
import { binary, type BinaryScore } from './real-scores';

export const DEFAULT_SECOND_READING_PATH = resolve(dirname(DEFAULT_REAL_LABELS_PATH), 'agreement-labels.jsonl');
/** Items drawn per stratum: education items (where incidents are) and the rest. */
export const AGREEMENT_SAMPLE = { education: 300, other: 100 } as const;
/** The labels the committed second reading's sample was drawn from (06/12/2026, 4,143 labels), per stratum. */
export const AGREEMENT_POPULATION = { education: 1401, other: 2742 } as const;

/** What one reader says of an item: the fields the incident-anywhere decision, sentiment and category read. */
export interface Reading {
  readonly education: boolean;
  readonly sentiment: SentimentLabel;
  /** An education category, or null for an item that is not about education. */
  readonly category: string | null;
}

export interface SecondReading extends Reading {
  readonly id: string;
  readonly note: string;
}

export interface AgreementScores {
  readonly items: number;
  /** Bad education news (education and negative) of one reading against the other's incident decision. */
  readonly incidentAnywhere: BinaryScore;
  /** On the items the reference calls education: negative against negative (the decision once a school is known). */
  readonly incidentAtSchool: BinaryScore;
  readonly sentiment: { readonly macroF1: number; readonly kappa: number; readonly accuracy: number };
  readonly education: { readonly f1: number; readonly kappa: number };
  /** On the items both call education: the same category. */
  readonly category: { readonly items: number; readonly accuracy: number };
}

/** One sampled item: the reference reading (the committed labels), the other one, and the item's weight. */
export interface AgreementPair {
  readonly reference: Reading;
  readonly other: Reading & { readonly incident?: boolean };
  readonly weight: number;
}

/**
 * The analyzer as a reader. Its bad-news decision is an incident category (what opens a ticket once a Gò Vấp unit is
 * matched), as the real set's incident-anywhere score reads it, not its sentiment alone.
 */
export function analyzerReading(p: Reading): AgreementPair['other'] {
  return {
    education: p.education,
    sentiment: p.sentiment,
    category: p.category,
    incident: isIncidentCategory(p.category),
  };
}

/** The sample: the first items of each stratum by a hash of the id, so it is the same on every run. */
export function agreementSample(labels: readonly RealLabel[]): RealLabel[] {
  const byHash = (a: RealLabel, b: RealLabel): number => idHash('agreement', a.id) - idHash('agreement', b.id);
  const education = labels.filter((l) => l.education).sort(byHash);
  const other = labels.filter((l) => !l.education).sort(byHash);
  return [...education.slice(0, AGREEMENT_SAMPLE.education), ...other.slice(0, AGREEMENT_SAMPLE.other)].sort(byHash);
}

/** Weights that bring the sample back to its population's proportions of education items and the rest. */
export function stratumWeights(
  population: { readonly education: number; readonly other: number },
  sample: readonly Pick<RealLabel, 'education'>[],
): (l: Pick<RealLabel, 'education'>) => number {
  const drawn = (education: boolean): number => Math.max(1, sample.filter((l) => l.education === education).length);
  const education = population.education / drawn(true);
  const other = population.other / drawn(false);
  return (l) => (l.education ? education : other);
}

const isBadEducationNews = (r: Reading): boolean => r.education && r.sentiment === SentimentLabel.Negative;

function weightedBinary(pairs: readonly [boolean, boolean, number][]): BinaryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, got, w] of pairs) {
    if (gold && got) tp += w;
    else if (got) fp += w;
    else if (gold) fn += w;
  }
  return binary(tp, fp, fn);
}

/** Cohen's kappa of two labelings: agreement beyond what their label frequencies give by chance. */
export function kappa<T>(pairs: readonly [T, T, number][]): number {
  let total = 0;
  let agreed = 0;
  const a = new Map<T, number>();
  const b = new Map<T, number>();
  for (const [x, y, w] of pairs) {
    total += w;
    if (x === y) agreed += w;
    a.set(x, (a.get(x) ?? 0) + w);
    b.set(y, (b.get(y) ?? 0) + w);
  }
  if (total === 0) return 0;
  let chance = 0;
  for (const [label, n] of a) chance += (n / total) * ((b.get(label) ?? 0) / total);
  return chance === 1 ? 1 : (agreed / total - chance) / (1 - chance);
}

export function scoreAgreement(pairs: readonly AgreementPair[]): AgreementScores {
  const sentiments = Object.values(SentimentLabel);
  const sentimentPairs = pairs.map((p) => [p.reference.sentiment, p.other.sentiment, p.weight] as const);
  const perLabel = sentiments.map((l) => weightedBinary(sentimentPairs.map(([g, o, w]) => [g === l, o === l, w])).f1);
  const total = pairs.reduce((s, p) => s + p.weight, 0);
  const bothEducation = pairs.filter((p) => p.reference.education && p.other.education);
  const educationWeight = bothEducation.reduce((s, p) => s + p.weight, 0);
  return {
    items: pairs.length,
    incidentAnywhere: weightedBinary(
      pairs.map((p) => [isBadEducationNews(p.reference), p.other.incident ?? isBadEducationNews(p.other), p.weight]),
    ),
    incidentAtSchool: weightedBinary(
      pairs
        .filter((p) => p.reference.education)
        .map((p) => [
          p.reference.sentiment === SentimentLabel.Negative,
          p.other.sentiment === SentimentLabel.Negative,
          p.weight,
        ]),
    ),
    sentiment: {
      macroF1: perLabel.reduce((s, f) => s + f, 0) / perLabel.length,
      kappa: kappa(sentimentPairs.map(([g, o, w]) => [g, o, w])),
      accuracy: total === 0 ? 0 : sentimentPairs.filter(([g, o]) => g === o).reduce((s, [, , w]) => s + w, 0) / total,
    },
    education: {
      f1: weightedBinary(pairs.map((p) => [p.reference.education, p.other.education, p.weight])).f1,
      kappa: kappa(pairs.map((p) => [p.reference.education, p.other.education, p.weight])),
    },
    category: {
      items: bothEducation.length,
      accuracy:
        educationWeight === 0
          ? 0
          : bothEducation.filter((p) => p.reference.category === p.other.category).reduce((s, p) => s + p.weight, 0) /
            educationWeight,
    },
  };
}

const SENTIMENTS: ReadonlySet<string> = new Set(Object.values(SentimentLabel));
const CATEGORY_SET: ReadonlySet<string> = new Set(CATEGORIES);

/** Why a parsed line is not a valid second reading, or null when it is. */
export function readingProblem(value: unknown): string | null {
  const r = value as Partial<SecondReading> | null;
  if (!r || typeof r !== 'object') return 'not an object';
  if (typeof r.id !== 'string' || !/^[0-9a-f]{32}$/.test(r.id)) return 'id is not an archive id';
  if (typeof r.education !== 'boolean') return 'education is not a boolean';
  if (typeof r.sentiment !== 'string' || !SENTIMENTS.has(r.sentiment)) return 'sentiment is unknown';
  if (r.education ? !CATEGORY_SET.has(r.category as string) : r.category !== null)
    return r.education ? 'category is unknown' : 'category must be null when education is false';
  const negative = r.sentiment === SentimentLabel.Negative;
  const incident = isIncidentCategory(r.category ?? null);
  if (r.education && (incident ? !negative : negative && r.category !== PlanTheme.Other))
    return 'an incident category goes with a negative item ("other" when none fits), a plan theme with the others';
  if (typeof r.note !== 'string') return 'note is not a string';
  return null;
}

export function readSecondReading(path: string = DEFAULT_SECOND_READING_PATH): SecondReading[] {
  return readIdLines<SecondReading>(path, readingProblem, 'read twice');
}
