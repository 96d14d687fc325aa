import { resolve } from 'node:path';
import { INCIDENT_CATEGORIES, PLAN_THEMES, SentimentLabel } from '@mw/shared';
import { DEFAULT_LABELLED_PATH } from './evaluate';
import { readLabelledSet } from './labelled-set';

/** The label lists the fixture scripts (build-labelled.cjs, validate.cjs) write and check by. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fixtureLabels = require(resolve(__dirname, '../../../../../test/fixtures/analysis/labels.cjs')) as {
  INCIDENT_CATEGORIES: string[];
  PLAN_THEMES: string[];
};

describe('the labelled set against the product contracts', () => {
  it('builds the set with the same categories the product has', () => {
    expect(fixtureLabels.INCIDENT_CATEGORIES).toEqual([...INCIDENT_CATEGORIES]);
    expect(fixtureLabels.PLAN_THEMES).toEqual([...PLAN_THEMES]);
  });

  it('holds only known categories and sentiments, the incident family exactly on negative items', () => {
    const incident = new Set<string>(INCIDENT_CATEGORIES);
    const theme = new Set<string>(PLAN_THEMES);
    const sentiments = new Set<string>(Object.values(SentimentLabel));
    const wrong = readLabelledSet(DEFAULT_LABELLED_PATH).filter(
      (item) =>
        !sentiments.has(item.sentiment) ||
        (item.sentiment === SentimentLabel.Negative ? !incident.has(item.category) : !theme.has(item.category)),
    );
    expect(wrong.map((item) => item.id)).toEqual([]);
  });
});
