import {
  AGREEMENT_SAMPLE,
  agreementSample,
  analyzerReading,
  kappa,
  readingProblem,
  scoreAgreement,
  stratumWeights,
  type Reading,
} from './agreement';
import type { RealLabel } from './real-set';

const read = (over: Partial<Reading> = {}): Reading => ({
  education: true,
  sentiment: 'neutral',
  category: 'other',
  ...over,
});

function label(id: number, education: boolean): RealLabel {
  return {
    id: id.toString(16).padStart(32, '0'),
    bucket: 'education',
    units: [],
    office: false,
    education,
    sentiment: 'neutral',
    category: education ? 'other' : null,
    incident: false,
    severity: null,
    note: '',
  };
}

describe('kappa', () => {
  it('is 1 for full agreement, 0 for agreement at chance and weighs pairs', () => {
    expect(
      kappa([
        ['a', 'a', 1],
        ['b', 'b', 1],
      ]),
    ).toBe(1);
    // Each reader says a and b half the time, independently: agreement 0.5 is all chance.
    expect(
      kappa([
        ['a', 'a', 1],
        ['a', 'b', 1],
        ['b', 'a', 1],
        ['b', 'b', 1],
      ]),
    ).toBeCloseTo(0);
    // 3 of 4 agree, chance 0.5: (0.75 - 0.5) / 0.5.
    expect(
      kappa([
        ['a', 'a', 1],
        ['a', 'b', 1],
        ['b', 'b', 2],
      ]),
    ).toBeCloseTo(0.5);
    expect(
      kappa([
        ['a', 'a', 3],
        ['a', 'b', 1],
        ['b', 'a', 1],
        ['b', 'b', 3],
      ]),
    ).toBeCloseTo(0.5);
  });
});

describe('scoreAgreement', () => {
  const bad = read({ sentiment: 'negative', category: 'violence_bullying' });

  it('reads bad education news from a reader, and an incident category from the analyzer', () => {
    const scores = scoreAgreement([
      { reference: bad, other: bad, weight: 1 },
      // A reader's negative "other" is bad news; the analyzer's is not, it gave no incident category.
      { reference: bad, other: read({ sentiment: 'negative' }), weight: 1 },
      { reference: bad, other: analyzerReading(read({ sentiment: 'negative' })), weight: 1 },
      { reference: read(), other: analyzerReading(read({ category: 'food_safety' })), weight: 1 },
      // Negative but not education: not bad education news for either.
      { reference: read({ education: false, category: null, sentiment: 'negative' }), other: bad, weight: 1 },
    ]);
    expect(scores.incidentAnywhere).toMatchObject({ support: 3, flagged: 4, precision: 0.5, recall: 2 / 3 });
    // At a school: the four education items of the reference, negative read as negative (the fourth was not).
    expect(scores.incidentAtSchool).toMatchObject({ support: 3, flagged: 3, precision: 1, recall: 1 });
    expect(scores.education.f1).toBeCloseTo(8 / 9);
    // Both call four items education; only the first pair gives the same category.
    expect(scores.category).toEqual({ items: 4, accuracy: 0.25 });
  });

  it('weighs each item by its stratum weight', () => {
    const pairs = [
      { reference: read({ sentiment: 'positive' }), other: read({ sentiment: 'positive' }), weight: 3 },
      { reference: read({ sentiment: 'positive' }), other: read(), weight: 1 },
    ];
    expect(scoreAgreement(pairs).sentiment.accuracy).toBe(0.75);
    expect(scoreAgreement(pairs.map((p) => ({ ...p, weight: 1 }))).sentiment.accuracy).toBe(0.5);
  });
});

describe('the sample', () => {
  const labels = [
    ...Array.from({ length: 500 }, (_, i) => label(i, true)),
    ...Array.from({ length: 400 }, (_, i) => label(1000 + i, false)),
  ];

  it('takes a fixed number from each stratum, the same whatever the order of the labels', () => {
    const sample = agreementSample(labels);
    expect(sample.filter((l) => l.education)).toHaveLength(AGREEMENT_SAMPLE.education);
    expect(sample.filter((l) => !l.education)).toHaveLength(AGREEMENT_SAMPLE.other);
    expect(agreementSample([...labels].reverse()).map((l) => l.id)).toEqual(sample.map((l) => l.id));
  });

  it('weighs it back to the labelled proportions', () => {
    const weight = stratumWeights({ education: 500, other: 400 }, agreementSample(labels));
    expect(weight(label(1, true))).toBeCloseTo(500 / AGREEMENT_SAMPLE.education);
    expect(weight(label(1001, false))).toBeCloseTo(400 / AGREEMENT_SAMPLE.other);
  });
});

describe('readingProblem', () => {
  const ok = { id: 'f'.repeat(32), education: true, sentiment: 'negative', category: 'other', note: '' };

  it('accepts a negative "other" and checks the fields a reading needs', () => {
    expect(readingProblem(ok)).toBeNull();
    expect(readingProblem({ ...ok, education: false, category: null })).toBeNull();
    expect(readingProblem({ ...ok, id: 'x' })).toMatch(/archive id/);
    expect(readingProblem({ ...ok, sentiment: 'angry' })).toMatch(/sentiment/);
    expect(readingProblem({ ...ok, education: false })).toMatch(/null when education is false/);
    expect(readingProblem({ ...ok, sentiment: 'positive', category: 'food_safety' })).toMatch(/negative item/);
    expect(readingProblem({ ...ok, category: 'exams_quality' })).toMatch(/negative item/);
  });
});
