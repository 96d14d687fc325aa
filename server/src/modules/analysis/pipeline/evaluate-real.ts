/**
 * `npm run eval` on real news (issue 13): the committed model (trained on the written set and the real set's TRAIN
 * split only, see tools/eval/train-model.cjs) analyses the real set's TEST split, fed in publication order as a feed
 * would be, and is scored against our labels (real-scores.ts). With `--year` it also analyses the whole archive and
 * counts, per month, the Gò Vấp incidents it would flag and how many of those the labels call false alarms; a
 * flagged item that has no label is reported as unjudged, so the count is exact only when there are none.
 */
import { createHash } from 'node:crypto';
import { NO_CATEGORY, SentimentLabel } from '@mw/shared';
import { loadSeedUnits } from '../../../database/seeds/seed-files';
import { loadSeedGazetteer, type Gazetteer } from '../matching/unit-matcher';
import { committedModel, type AnalysisModel } from './analysis-model';
import { createAnalyzer, type AnalyzeInput, type AnalyzeOutput } from './analyze-item';
import type { LabelledItem } from './labelled-set';
import {
  joinRealSet,
  readRealLabels,
  realSplitOf,
  type ArchiveItem,
  type RealItem,
  type RealLabel,
  DEFAULT_REAL_LABELS_PATH,
  LATER_ROUND_BUCKETS,
} from './real-set';
import {
  predictedEducation,
  realGoals,
  scoreRealSet,
  type BinaryScore,
  type RealGoal,
  type RealScores,
} from './real-scores';

export interface RealReport {
  readonly labelsPath: string;
  readonly labelled: number;
  readonly train: number;
  readonly test: number;
  readonly scores: RealScores;
  /**
   * The same scores on TEST's items of the pool's buckets alone (the TEST split as it was before its TEST round, bucket
   * test_extra), so figures measured before that round can be compared; null when TEST has no later-round item.
   */
  readonly poolScores: RealScores | null;
  /**
   * Matching figures (item, units, same-name) over every labelled item, TRAIN included: nothing learns matching
   * from the labels, and the TEST split alone holds few Gò Vấp items.
   */
  readonly matchingAll: Pick<RealScores, 'items' | 'item' | 'units' | 'sameName'>;
  readonly year: YearReport | null;
  readonly goals: RealGoal[];
  /** False when the committed model was trained on other labels than the files hold now. */
  readonly modelCurrent: boolean;
}

export interface YearMonth {
  readonly month: string;
  readonly items: number;
  readonly flagged: number;
  readonly stories: number;
  readonly trueAlarms: number;
  readonly falseAlarms: number;
  readonly unjudged: number;
}

export interface YearReport {
  readonly items: number;
  readonly months: YearMonth[];
  readonly worstMonthFalseAlarms: number;
  /** Flagged items with no label: they must be labelled (bucket "flagged") for the count to be exact. */
  readonly unjudged: ArchiveItem[];
  readonly falseAlarmIds: string[];
}

/** The codes a label may name: Gò Vấp's units (the office is named by office=true, not by its code). */
export function govapUnitCodes(): Set<string> {
  return new Set(loadSeedUnits().map((u) => u.code));
}

/** A real labelled item as a training item: a non-education item's category is "other". */
export function realAsTraining(item: RealItem): LabelledItem {
  return {
    id: item.id,
    split: item.split,
    title: item.item.title,
    summary: item.item.summary ?? '',
    publishedAt: item.item.published,
    outlet: item.item.outlet,
    units: item.units,
    sentiment: item.sentiment,
    category: item.category ?? 'other',
    incident: item.incident,
    severity: item.severity,
    story: null,
    education: item.education,
  };
}

/** Identifies the labels a model was trained on (no archive text needed, so `npm test` can check it). */
export function trainingFingerprint(written: readonly LabelledItem[], real: readonly RealLabel[]): string {
  const h = createHash('sha1');
  for (const item of written) h.update(JSON.stringify(item)).update('\n');
  h.update('--real--\n');
  for (const label of real) h.update(JSON.stringify(label)).update('\n');
  return h.digest('hex').slice(0, 16);
}

/** The committed model's training items: the written set's TRAIN split and the real set's TRAIN split. */
export function trainingSet(written: readonly LabelledItem[], real: readonly RealItem[]) {
  const writtenTrain = written.filter((i) => i.split === 'train');
  const realTrain = real.filter((r) => r.split === 'train');
  return {
    items: [...writtenTrain, ...realTrain.map(realAsTraining)],
    trainedOn: {
      written: writtenTrain.length,
      real: realTrain.length,
      fingerprint: trainingFingerprint(writtenTrain, realTrain.map(labelOf)),
    },
  };
}

/** The label fields of a real item, without its split and text. */
export function labelOf(item: RealLabel): RealLabel {
  const { id, bucket, units, office, education, sentiment, category, incident, severity, note } = item;
  return { id, bucket, units, office, education, sentiment, category, incident, severity, note };
}

/** The fingerprint train-model.cjs stores, from the label files alone (no archive). */
export function expectedFingerprint(written: readonly LabelledItem[], labels: readonly RealLabel[]): string {
  return trainingFingerprint(
    written.filter((i) => i.split === 'train'),
    labels.filter((l) => realSplitOf(l.id) === 'train').map(labelOf),
  );
}

/** Publication time for ordering: an item with no (or no readable) date comes first. */
const publishedTime = (x: AnalyzeInput): number => Date.parse(x.publishedAt ?? '') || 0;
const byPublication = (a: AnalyzeInput, b: AnalyzeInput): number =>
  publishedTime(a) - publishedTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Each input's analysis by id, the inputs fed in publication order as a feed would give them. */
export function analyzeInputsInOrder(inputs: readonly AnalyzeInput[], gazetteer: Gazetteer, model: AnalysisModel) {
  const analyzer = createAnalyzer({ gazetteer, model });
  const out = new Map<string, AnalyzeOutput>();
  for (const input of [...inputs].sort(byPublication)) out.set(input.id, analyzer.analyze(input));
  return out;
}

/** Each archive item's analysis, the items fed in publication order as a feed would give them. */
export function analyzeInOrder(items: readonly ArchiveItem[], gazetteer: Gazetteer, model: AnalysisModel) {
  return analyzeInputsInOrder(
    items.map((item) => ({
      id: item.id,
      title: item.title,
      summary: item.summary,
      outlet: item.outlet,
      publishedAt: item.published,
    })),
    gazetteer,
    model,
  );
}

export function predictionOf(out: AnalyzeOutput) {
  // A non-education item carries NO_CATEGORY, which the labels write as null.
  const category = out.category === NO_CATEGORY ? null : out.category;
  return {
    units: out.units.map((u) => u.code),
    education: predictedEducation({ category, education: out.education }),
    sentiment: out.sentiment.label,
    category,
    incident: out.incident,
    severity: out.severity,
  };
}

export interface RealEvaluationOptions {
  readonly labelsPath?: string;
  readonly archive: readonly ArchiveItem[];
  readonly model?: AnalysisModel;
  readonly year?: boolean;
  /** Fingerprint of the labels the committed model should have been trained on. */
  readonly expectedFingerprint?: string;
}

export function runRealEvaluation(options: RealEvaluationOptions): RealReport {
  const labelsPath = options.labelsPath ?? DEFAULT_REAL_LABELS_PATH;
  const gazetteer = loadSeedGazetteer();
  const labels = readRealLabels(labelsPath, govapUnitCodes());
  const real = joinRealSet(labels, options.archive);
  const test = real.filter((r) => r.split === 'test');
  const model = options.model ?? committedModel();
  const outputs = analyzeInOrder(
    test.map((t) => t.item),
    gazetteer,
    model,
  );
  const testPairs = test.map((t) => ({ label: t, got: predictionOf(outputs.get(t.id) as AnalyzeOutput) }));
  const scores = scoreRealSet(testPairs);
  const poolPairs = testPairs.filter((p) => !LATER_ROUND_BUCKETS.has(p.label.bucket));
  const everyOutput = analyzeInOrder(
    real.map((r) => r.item),
    gazetteer,
    model,
  );
  const all = scoreRealSet(real.map((r) => ({ label: r, got: predictionOf(everyOutput.get(r.id) as AnalyzeOutput) })));
  const year = options.year ? runYear(options.archive, labels, gazetteer, model) : null;
  return {
    labelsPath,
    labelled: real.length,
    train: real.length - test.length,
    test: test.length,
    scores,
    poolScores: poolPairs.length < testPairs.length ? scoreRealSet(poolPairs) : null,
    matchingAll: { items: all.items, item: all.item, units: all.units, sameName: all.sameName },
    year,
    goals: realGoals(scores, year ? year.worstMonthFalseAlarms : undefined),
    modelCurrent: !options.expectedFingerprint || model.trainedOn?.fingerprint === options.expectedFingerprint,
  };
}

/** Month of publication in Hồ Chí Minh City time (the archive's timestamps carry their offset). */
export function monthOf(published: string): string {
  return new Date(Date.parse(published) + 7 * 3_600_000).toISOString().slice(0, 7);
}

export function runYear(
  archive: readonly ArchiveItem[],
  labels: readonly RealLabel[],
  gazetteer: Gazetteer,
  model: AnalysisModel,
): YearReport {
  const byId = new Map(labels.map((l) => [l.id, l]));
  const outputs = analyzeInOrder(archive, gazetteer, model);
  const months = new Map<string, { items: number; flagged: number; stories: Set<string>; t: number; f: number }>();
  const unjudged: ArchiveItem[] = [];
  const falseAlarmIds: string[] = [];
  for (const item of [...archive].sort(byPublication)) {
    const month = monthOf(item.published);
    const m = months.get(month) ?? { items: 0, flagged: 0, stories: new Set<string>(), t: 0, f: 0 };
    months.set(month, m);
    m.items++;
    const out = outputs.get(item.id) as AnalyzeOutput;
    if (!out.incident) continue;
    m.flagged++;
    m.stories.add(out.storyId);
    const label = byId.get(item.id);
    if (!label) unjudged.push(item);
    else if (label.incident) m.t++;
    else {
      m.f++;
      falseAlarmIds.push(item.id);
    }
  }
  const rows = [...months.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => ({
      month,
      items: m.items,
      flagged: m.flagged,
      stories: m.stories.size,
      trueAlarms: m.t,
      falseAlarms: m.f,
      unjudged: m.flagged - m.t - m.f,
    }));
  return {
    items: archive.length,
    months: rows,
    worstMonthFalseAlarms: Math.max(0, ...rows.map((r) => r.falseAlarms + r.unjudged)),
    unjudged,
    falseAlarmIds,
  };
}

const f3 = (x: number): string => x.toFixed(3);

/** One yes/no decision's figures on one line, its name padded so the figures line up. */
export const row = (name: string, b: BinaryScore): string =>
  `  ${name.padEnd(22)} precision ${f3(b.precision)}  recall ${f3(b.recall)}  F1 ${f3(b.f1)}  (support ${b.support}, said yes ${b.flagged})`;

/** The incident-anywhere recall per labelled kind, a few kinds to a line: "violence_bullying 25/28". */
function byKindRows(kinds: RealScores['incidentAnywhereByKind']): string[] {
  if (kinds.length === 0) return [];
  const cells = kinds.map((k) => `${k.kind} ${k.found}/${k.labelled}`);
  const lines: string[] = [];
  for (let i = 0; i < cells.length; i += 4) lines.push(cells.slice(i, i + 4).join(', '));
  return lines.map((l, i) => (i === 0 ? '    found by labelled kind: ' : '                            ') + l);
}

/**
 * The lines of a real-set score block (the eval's TEST split, cv-real.cjs's pooled folds); `afterMatching` goes
 * after the item and unit rows.
 */
export function formatRealScores(s: RealScores, afterMatching: readonly string[] = []): string[] {
  return [
    row('item (about Gò Vấp)', s.item),
    row('units (office=GV-OFFICE)', s.units),
    ...afterMatching,
    row('Gò Vấp incident', s.incident),
    row('incident anywhere', s.incidentAnywhere) + '  (bad news at a school, any district)',
    ...byKindRows(s.incidentAnywhereByKind),
    row('incident at a school', s.incidentAtSchool) +
      '  (education items: bad news read as bad news, as once a unit is matched)',
    `  sentiment              macro-F1 ${f3(s.sentiment.macroF1)}  positive recall ${f3(s.sentiment.positiveRecall)}` +
      `  (education items only: macro-F1 ${f3(s.sentiment.educationMacroF1)}, positive recall ${f3(s.sentiment.educationPositiveRecall)})`,
    ...Object.values(SentimentLabel).map((l) => row(`  ${l}`, s.sentiment.perLabel[l])),
    `  same-name schools      ${s.sameName.taken} of ${s.sameName.items} same_name items had another district's school taken (${f3(s.sameName.rate)})`,
    `  category accuracy      ${f3(s.category.accuracy)} on ${s.category.items} education items`,
    row('education (yes/no)', s.education) + `  accuracy ${f3(s.education.accuracy)}`,
    `  severity               ${s.severity.exact}/${s.severity.compared} exact where both call it an incident`,
  ];
}

export function formatRealReport(report: RealReport, options: { mistakes?: boolean } = {}): string {
  const s = report.scores;
  const lines = [
    'REAL NEWS (the archive, labelled by us: tools/eval/real-labels.jsonl)',
    `  ${report.labelled} labelled items, split by id hash: ${report.train} TRAIN (may train the classifiers), ` +
      `${report.test} TEST (measured here, never trained on)`,
    ...(report.modelCurrent
      ? []
      : ['  WARNING: the committed model was trained on other labels; re-run node tools/eval/train-model.cjs']),
    ...formatRealScores(s, [
      `  matching over all ${report.matchingAll.items} labelled items (nothing learns it): item F1 ` +
        `${f3(report.matchingAll.item.f1)} (support ${report.matchingAll.item.support}, said yes ` +
        `${report.matchingAll.item.flagged}), unit F1 ${f3(report.matchingAll.units.f1)}, same-name taken ` +
        `${report.matchingAll.sameName.taken} of ${report.matchingAll.sameName.items}`,
    ]),
  ];
  if (report.poolScores) {
    lines.push(
      '',
      `  TEST's items of the pool's buckets alone (the TEST split before its TEST round), ${report.poolScores.items} ` +
        'items:',
      ...formatRealScores(report.poolScores),
    );
  }
  if (report.year) {
    const y = report.year;
    lines.push(
      '',
      `YEAR OF THE ARCHIVE (${y.items} items analysed in publication order): Gò Vấp incidents flagged per month`,
      '  month    items  flagged  stories  true  false  unjudged',
      ...y.months.map(
        (m) =>
          `  ${m.month}  ${String(m.items).padStart(5)}  ${String(m.flagged).padStart(7)}  ${String(m.stories).padStart(7)}` +
          `  ${String(m.trueAlarms).padStart(4)}  ${String(m.falseAlarms).padStart(5)}  ${String(m.unjudged).padStart(8)}`,
      ),
      `  false alarms (flagged items labelled not an incident) in the worst month: ${y.worstMonthFalseAlarms}` +
        (y.unjudged.length > 0
          ? ` — counting ${y.unjudged.length} unjudged flagged items as false until labelled`
          : ''),
    );
    if (y.falseAlarmIds.length > 0) lines.push(`  false alarms: ${y.falseAlarmIds.join(' ')}`);
  }
  lines.push(
    '',
    'Goals of issue 13 (real news, TEST split)',
    ...report.goals.map((g) =>
      g.met === null
        ? `  N/A   ${g.name}: the TEST split has nothing to find and nothing was found (target ${g.target})`
        : `  ${g.met ? 'MET ' : 'MISS'}  ${g.name}: ${f3(g.actual)} (target ${g.target})`,
    ),
  );
  if (!report.year) lines.push('  (the year false-alarm goal is measured by npm run eval -- --year)');
  if (options.mistakes) {
    lines.push('', 'Mistakes on the real TEST split');
    for (const m of s.mistakes) lines.push(`  ${m.id} ${m.what}: expected ${m.expected}, got ${m.got}`);
  }
  return lines.join('\n') + '\n';
}
