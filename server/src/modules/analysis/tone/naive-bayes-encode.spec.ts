import { committedModel, itemFeatureIds, itemFeatures, toItemText } from '../pipeline/analysis-model';
import { DEFAULT_LABELLED_PATH } from '../pipeline/evaluate';
import { readLabelledSet } from '../pipeline/labelled-set';
import { NaiveBayes } from './naive-bayes';

describe('NaiveBayes.encodeSyllableGrams', () => {
  const classifier = new NaiveBayes(committedModel().sentiment);

  it('gives the ids encode() gives for the gram strings, on every labelled item', () => {
    const items = readLabelledSet(DEFAULT_LABELLED_PATH);
    expect(items.length).toBeGreaterThan(100);
    for (const item of items) {
      const text = toItemText(item.title, item.summary, item.content);
      expect([...itemFeatureIds(text, classifier)]).toEqual([...classifier.encode(itemFeatures(text))]);
    }
  });

  it('handles empty and unknown sequences and a sequence given twice', () => {
    const known = ['hoc', 'sinh'];
    const twice = classifier.encodeSyllableGrams([known, known, [], ['zzqx'], known]);
    const once = classifier.encodeSyllableGrams([known]);
    expect([...twice]).toEqual([...once, ...once, ...once]);
    expect(once.length).toBeGreaterThan(0);
  });
});
