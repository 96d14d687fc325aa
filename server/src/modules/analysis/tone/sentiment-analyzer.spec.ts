import { combineSentiment, type LexiconView, type TopicCues } from './sentiment-analyzer';

const lexicon: LexiconView = {
  positive: 0,
  negative: 0,
  titlePositive: 0,
  titleNegative: 0,
  terms: [],
  english: false,
};
const cues: TopicCues = { incident: 0, theme: 0, learnedIncident: 0 };
// A stacker that reads only the first learned probability of each class (bias 0): p follows `learned`.
const stacker = {
  weights: [0, 1, 2].map((c) => {
    const w = new Array<number>(1 + 7 + 3).fill(0);
    w[1 + 7 + c] = 10;
    return w;
  }),
};

describe('combineSentiment', () => {
  it('weighs the positive class by positiveWeight when choosing the label, not in the score', () => {
    const learned = [0.1, 0.46, 0.44];
    const plain = combineSentiment(lexicon, cues, learned, { temperature: 1, stacker });
    const weighted = combineSentiment(lexicon, cues, learned, { temperature: 1, stacker, positiveWeight: 1.4 });
    expect(plain.label).toBe('neutral');
    expect(weighted.label).toBe('positive');
    expect(weighted.score).toBe(plain.score);
  });

  it('leaves a clearly neutral item neutral', () => {
    const weighted = combineSentiment(lexicon, cues, [0.05, 0.9, 0.05], {
      temperature: 1,
      stacker,
      positiveWeight: 1.4,
    });
    expect(weighted.label).toBe('neutral');
  });
});
