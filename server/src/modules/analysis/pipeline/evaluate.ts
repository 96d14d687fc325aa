/**
 * Evaluation of the analysis stage on the hand-labelled set: the models are trained on the TRAIN split only and
 * every figure is measured on the TEST split, fed to one analyzer in publication order as a feed would be.
 *
 * Unit matching is scored micro-averaged over (item, unit code) pairs. Its trap rate looks at mentions of a
 * Gò Vấp unit's name that the labels say are NOT that unit (another district's school of the same name): the
 * share of those wrongly matched. Story grouping is scored on pairs of test items (same story or not).
 */
import { resolve } from 'node:path';
import { CATEGORIES, NO_CATEGORY, PlanTheme, SentimentLabel, fold, type Severity } from '@mw/shared';
import { loadSeedGazetteer, type Gazetteer } from '../matching/unit-matcher';
import { severityRank } from '../topic/severity';
import { trainAnalysisModel } from './analysis-model';
import { createAnalyzer, type AnalyzeOutput } from './analyze-item';
import { readLabelledSet, type LabelledItem } from './labelled-set';

export const DEFAULT_LABELLED_PATH = resolve(__dirname, '../../../../../test/fixtures/analysis/labelled.jsonl');

export interface LabelScore {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface Goal {
  readonly name: string;
  readonly target: string;
  readonly actual: number;
  readonly met: boolean;
}

export interface EvalReport {
  readonly labelledPath: string;
  readonly train: number;
  readonly test: number;
  readonly units: LabelScore & {
    readonly sameNameMentions: number;
    readonly sameNameFalseMatches: number;
    readonly sameNameFalseMatchRate: number;
  };
  readonly incident: LabelScore;
  readonly sentiment: { readonly perLabel: LabelScore[]; readonly macroF1: number; readonly accuracy: number };
  readonly category: { readonly perLabel: LabelScore[]; readonly accuracy: number; readonly macroF1: number };
  readonly severity: { readonly compared: number; readonly exact: number; readonly withinOne: number };
  readonly stories: {
    readonly precision: number;
    readonly recall: number;
    readonly f1: number;
    readonly pairs: number;
  };
  readonly goals: Goal[];
  /** Test items each analysis got wrong, for whoever tunes the lexicon or rules. */
  readonly mistakes: { readonly id: string; readonly what: string; readonly expected: string; readonly got: string }[];
}

export interface EvaluationOptions {
  readonly gazetteer?: Gazetteer;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function score(label: string, tp: number, fp: number, fn: number): LabelScore {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { label, precision, recall, f1: f1Of(precision, recall), support: tp + fn };
}

function perLabel(labels: readonly string[], pairs: readonly { gold: string; got: string }[]): LabelScore[] {
  return labels
    .map((label) => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const { gold, got } of pairs) {
        if (gold === label && got === label) tp++;
        else if (got === label) fp++;
        else if (gold === label) fn++;
      }
      return score(label, tp, fp, fn);
    })
    .filter((s) => s.support > 0 || s.precision > 0 || pairs.some((p) => p.got === s.label));
}

export function runEvaluation(
  labelledPath: string = DEFAULT_LABELLED_PATH,
  options: EvaluationOptions = {},
): EvalReport {
  const items = readLabelledSet(labelledPath);
  const train = items.filter((i) => i.split === 'train');
  const test = items
    .filter((i) => i.split === 'test')
    .sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || (a.id < b.id ? -1 : 1));
  const gazetteer = options.gazetteer ?? loadSeedGazetteer();
  const analyzer = createAnalyzer({ gazetteer, model: trainAnalysisModel(train) });
  const results = new Map<string, AnalyzeOutput>();
  for (const item of test) {
    results.set(item.id, analyzer.analyze({ ...item, summary: item.summary }));
  }
  const mistakes: EvalReport['mistakes'][number][] = [];
  const got = (item: LabelledItem): AnalyzeOutput => results.get(item.id) as AnalyzeOutput;

  // Units.
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let trapMentions = 0;
  let trapMatches = 0;
  const names = unitNames(gazetteer);
  for (const item of test) {
    const gold = new Set(item.units);
    const found = new Set(got(item).units.map((u) => u.code));
    for (const code of found) {
      if (gold.has(code)) tp++;
      else fp++;
    }
    for (const code of gold) if (!found.has(code)) fn++;
    if (!sameSet(gold, found))
      mistakes.push({ id: item.id, what: 'units', expected: [...gold].join(','), got: [...found].join(',') });
    const text = ` ${fold(`${item.title} . ${item.summary} . ${item.content ?? ''}`).replace(/[^a-z0-9]+/g, ' ')} `;
    for (const [code, core] of names) {
      if (gold.has(code) || !text.includes(` ${core} `)) continue;
      trapMentions++;
      if (found.has(code)) trapMatches++;
    }
  }
  const units = {
    ...score('units', tp, fp, fn),
    sameNameMentions: trapMentions,
    sameNameFalseMatches: trapMatches,
    sameNameFalseMatchRate: ratio(trapMatches, trapMentions),
  };

  // Incident flag.
  let itp = 0;
  let ifp = 0;
  let ifn = 0;
  for (const item of test) {
    const flagged = got(item).incident;
    if (flagged && item.incident) itp++;
    else if (flagged) ifp++;
    else if (item.incident) ifn++;
    if (flagged !== item.incident)
      mistakes.push({ id: item.id, what: 'incident', expected: String(item.incident), got: String(flagged) });
  }
  const incident = score('incident', itp, ifp, ifn);

  // Sentiment.
  const sentimentPairs = test.map((i) => ({ gold: i.sentiment as string, got: got(i).sentiment.label as string }));
  const sentimentScores = perLabel(Object.values(SentimentLabel), sentimentPairs);
  test.forEach((i, k) => {
    if (sentimentPairs[k].gold !== sentimentPairs[k].got) {
      mistakes.push({
        id: i.id,
        what: 'sentiment',
        expected: i.sentiment,
        got: `${got(i).sentiment.label} (${got(i).sentiment.score})`,
      });
    }
  });

  // Category.
  // The written set predates NO_CATEGORY: its guideline files news outside education under "other".
  const categoryPairs = test.map((i) => ({
    gold: i.category as string,
    got: got(i).category === NO_CATEGORY ? PlanTheme.Other : (got(i).category as string),
  }));
  const categoryScores = perLabel(CATEGORIES, categoryPairs);
  test.forEach((i, k) => {
    if (categoryPairs[k].gold !== categoryPairs[k].got)
      mistakes.push({ id: i.id, what: 'category', expected: i.category, got: got(i).category });
  });

  // Severity, where both sides call it an incident.
  let compared = 0;
  let exact = 0;
  let withinOne = 0;
  for (const item of test) {
    const proposed = got(item).severity;
    if (!item.severity || !proposed) continue;
    compared++;
    const gap = Math.abs(severityRank(item.severity as Severity) - severityRank(proposed));
    if (gap === 0) exact++;
    else mistakes.push({ id: item.id, what: 'severity', expected: item.severity, got: proposed });
    if (gap <= 1) withinOne++;
  }

  // Stories, on pairs of test items.
  let sp = 0;
  let sfp = 0;
  let sfn = 0;
  let pairs = 0;
  for (let a = 0; a < test.length; a++) {
    for (let b = a + 1; b < test.length; b++) {
      const same = test[a].story !== null && test[a].story === test[b].story;
      const grouped = got(test[a]).storyId === got(test[b]).storyId;
      if (same) pairs++;
      if (same && grouped) sp++;
      else if (grouped) sfp++;
      else if (same) sfn++;
    }
  }
  const storyScore = score('stories', sp, sfp, sfn);

  const sentimentMacro = sentimentScores.reduce((s, x) => s + x.f1, 0) / Math.max(1, sentimentScores.length);
  const categoryAccuracy = ratio(categoryPairs.filter((p) => p.gold === p.got).length, categoryPairs.length);
  const goals: Goal[] = [
    { name: 'unit matching F1', target: '>= 0.95', actual: units.f1, met: units.f1 >= 0.95 },
    {
      name: "other districts' same-name schools matched",
      target: '<= 0.02',
      actual: units.sameNameFalseMatchRate,
      met: units.sameNameFalseMatchRate <= 0.02,
    },
    { name: 'incident F1', target: '>= 0.90', actual: incident.f1, met: incident.f1 >= 0.9 },
    { name: 'sentiment macro-F1', target: '>= 0.80', actual: sentimentMacro, met: sentimentMacro >= 0.8 },
    { name: 'category accuracy', target: '>= 0.80', actual: categoryAccuracy, met: categoryAccuracy >= 0.8 },
  ];
  return {
    labelledPath,
    train: train.length,
    test: test.length,
    units,
    incident,
    sentiment: {
      perLabel: sentimentScores,
      macroF1: sentimentMacro,
      accuracy: ratio(sentimentPairs.filter((p) => p.gold === p.got).length, sentimentPairs.length),
    },
    category: {
      perLabel: categoryScores,
      accuracy: categoryAccuracy,
      macroF1: categoryScores.reduce((s, x) => s + x.f1, 0) / Math.max(1, categoryScores.length),
    },
    severity: { compared, exact, withinOne },
    stories: { ...storyScore, pairs },
    goals,
    mistakes,
  };
}

/** Folded core names of units whose name other districts' schools also bear. */
function unitNames(gazetteer: Gazetteer): [string, string][] {
  const out: [string, string][] = [];
  for (const unit of gazetteer.units.values()) {
    if (unit.ambiguous && unit.core)
      out.push([
        unit.code,
        fold(unit.core)
          .replace(/[^a-z0-9]+/g, ' ')
          .trim(),
      ]);
  }
  return out;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

const pct = (x: number): string => x.toFixed(3);

function table(rows: readonly LabelScore[]): string[] {
  const width = Math.max(...rows.map((r) => r.label.length), 5);
  return [
    `  ${'label'.padEnd(width)}  precision  recall  f1     support`,
    ...rows.map(
      (r) => `  ${r.label.padEnd(width)}  ${pct(r.precision)}      ${pct(r.recall)}   ${pct(r.f1)}  ${r.support}`,
    ),
  ];
}

export function formatEvalReport(report: EvalReport, options: { mistakes?: boolean } = {}): string {
  const lines = [
    `Analysis evaluation on ${report.labelledPath}`,
    `trained on ${report.train} TRAIN items, measured on ${report.test} TEST items`,
    '',
    'Unit matching (micro over unit codes)',
    ...table([report.units]),
    `  same-name schools of other districts: ${report.units.sameNameFalseMatches} of ${report.units.sameNameMentions} mentions matched (${pct(report.units.sameNameFalseMatchRate)})`,
    '',
    'Incident detection',
    ...table([report.incident]),
    '',
    `Sentiment: macro-F1 ${pct(report.sentiment.macroF1)}, accuracy ${pct(report.sentiment.accuracy)}`,
    ...table(report.sentiment.perLabel),
    '',
    `Category: accuracy ${pct(report.category.accuracy)}, macro-F1 ${pct(report.category.macroF1)}`,
    ...table(report.category.perLabel),
    '',
    `Severity (items both sides call incidents): ${report.severity.exact}/${report.severity.compared} exact, ${report.severity.withinOne}/${report.severity.compared} within one level`,
    `Story grouping (pairs of test items): precision ${pct(report.stories.precision)}, recall ${pct(report.stories.recall)}, f1 ${pct(report.stories.f1)} over ${report.stories.pairs} same-story pairs`,
    '',
    'Goals',
    ...report.goals.map((g) => `  ${g.met ? 'MET ' : 'MISS'}  ${g.name}: ${pct(g.actual)} (target ${g.target})`),
  ];
  if (options.mistakes) {
    lines.push('', 'Mistakes');
    for (const m of report.mistakes) lines.push(`  ${m.id} ${m.what}: expected ${m.expected}, got ${m.got}`);
  }
  return lines.join('\n') + '\n';
}
