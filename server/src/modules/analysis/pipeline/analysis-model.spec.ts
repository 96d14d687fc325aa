import { asAnalysisModel, committedModel, trainAnalysisModel, type AnalysisModel } from './analysis-model';
import { DEFAULT_LABELLED_PATH } from './evaluate';
import { readLabelledSet } from './labelled-set';

describe('the education gate in training', () => {
  const items = readLabelledSet(DEFAULT_LABELLED_PATH).filter((i) => i.split === 'train');
  let gated: AnalysisModel;

  beforeAll(() => {
    // The written items carry no education label; give 400 of them one (incidents "not education", a rule the gate
    // can learn from their words) to see the gate trained and its threshold chosen out of fold.
    gated = trainAnalysisModel(items.map((item, i) => (i < 400 ? { ...item, education: !item.incident } : item)));
  });

  it('trains the gate only when enough items carry an education label', () => {
    expect(gated.education?.labels).toEqual(['no', 'yes']);
    expect(gated.params.education?.threshold).toBeGreaterThanOrEqual(0);
    expect(gated.params.education?.crossValidationF1).toBeGreaterThan(0.5);
    const few = trainAnalysisModel(items.map((item, i) => (i < 50 ? { ...item, education: true } : item)));
    expect(few.education).toBeUndefined();
    expect(few.params.education).toBeUndefined();
  });

  it('checks the gate when a model is loaded', () => {
    expect(asAnalysisModel(JSON.parse(JSON.stringify(gated))).education).toBeDefined();
    const noThreshold = { ...gated, params: { ...gated.params, education: undefined } };
    expect(() => asAnalysisModel(noThreshold)).toThrow(/not a version/);
    // The committed model, trained on the real labels, has its gate.
    expect(committedModel().params.education?.threshold).toBeGreaterThan(0);
  });
});
