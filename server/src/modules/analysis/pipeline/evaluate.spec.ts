import { DEFAULT_LABELLED_PATH, formatEvalReport, runEvaluation, type EvalReport } from './evaluate';
import { readLabelledSet } from './labelled-set';

/** Figures on the committed labelled set, held to the goals of issue 4. */
describe('analysis evaluation on the committed labelled set', () => {
  let report: EvalReport;

  beforeAll(() => {
    report = runEvaluation(DEFAULT_LABELLED_PATH);
  });

  it('trains on TRAIN and measures on TEST only', () => {
    const items = readLabelledSet(DEFAULT_LABELLED_PATH);
    expect(report.train).toBe(items.filter((i) => i.split === 'train').length);
    expect(report.test).toBe(items.filter((i) => i.split === 'test').length);
    expect(report.test).toBeGreaterThan(100);
  });

  it("matches at most 2% of the mentions of other districts' same-name schools", () => {
    expect(report.units.sameNameMentions).toBeGreaterThan(20);
    expect(report.units.sameNameFalseMatchRate).toBeLessThanOrEqual(0.02);
  });

  it('reaches sentiment macro-F1 of at least 0.80', () => {
    expect(report.sentiment.macroF1).toBeGreaterThanOrEqual(0.8);
  });

  it('reaches category accuracy of at least 0.80', () => {
    expect(report.category.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('reaches unit matching F1 of at least 0.95', () => {
    expect(report.units.f1).toBeGreaterThanOrEqual(0.95);
  });

  it('reaches incident F1 of at least 0.90', () => {
    expect(report.incident.f1).toBeGreaterThanOrEqual(0.9);
  });

  it('groups stories with pairwise precision of at least 0.9', () => {
    expect(report.stories.precision).toBeGreaterThanOrEqual(0.9);
    expect(report.stories.recall).toBeGreaterThanOrEqual(0.6);
  });

  it('prints every goal with its figure', () => {
    const text = formatEvalReport(report);
    expect(text).toContain('sentiment macro-F1');
    expect(text.match(/^ {2}(MET |MISS) /gm)).toHaveLength(5);
    expect(text).not.toMatch(/^ {2}MISS /m);
  });
});
