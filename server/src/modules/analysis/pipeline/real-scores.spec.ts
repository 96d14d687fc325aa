import type { RealLabel } from './real-set';
import { measurable, predictedEducation, realGoals, scoreRealSet, type RealPrediction } from './real-scores';

const GV = '79764503';
const OTHER_GV = '79764424';

function label(over: Partial<RealLabel> = {}): RealLabel {
  return {
    id: 'a'.repeat(32),
    bucket: 'education',
    units: [],
    office: false,
    education: true,
    sentiment: 'neutral',
    category: 'other',
    incident: false,
    severity: null,
    note: '',
    ...over,
  };
}

function said(over: Partial<RealPrediction> = {}): RealPrediction {
  return {
    units: [],
    education: true,
    sentiment: 'neutral',
    category: 'other',
    incident: false,
    severity: null,
    ...over,
  };
}

describe('scoreRealSet', () => {
  it('counts the office as the unit GV-OFFICE for item and unit F1', () => {
    const scores = scoreRealSet([
      { label: label({ office: true }), got: said({ units: ['GV-OFFICE'] }) },
      { label: label({ units: [GV] }), got: said({ units: [] }) },
      { label: label(), got: said() },
    ]);
    expect(scores.item.support).toBe(2);
    expect(scores.item.precision).toBe(1);
    expect(scores.item.recall).toBe(0.5);
    expect(scores.units.support).toBe(2);
    expect(scores.units.f1).toBeCloseTo(2 / 3);
  });

  it('scores units per code: a wrong school on a right item is a false positive and a miss', () => {
    const scores = scoreRealSet([{ label: label({ units: [GV] }), got: said({ units: [OTHER_GV] }) }]);
    expect(scores.item.f1).toBe(1);
    expect(scores.units.precision).toBe(0);
    expect(scores.units.recall).toBe(0);
    expect(scores.mistakes).toContainEqual({ id: 'a'.repeat(32), what: 'units', expected: GV, got: OTHER_GV });
  });

  it('takes the same-name rate over same_name items only, and only for schools the labels do not give', () => {
    const scores = scoreRealSet([
      { label: label({ bucket: 'same_name' }), got: said({ units: [GV] }) },
      { label: label({ bucket: 'same_name', units: [GV] }), got: said({ units: [GV] }) },
      { label: label({ bucket: 'same_name' }), got: said({ units: ['GV-OFFICE'] }) },
      { label: label({ bucket: 'same_name' }), got: said() },
      { label: label({ bucket: 'govap' }), got: said({ units: [GV] }) },
    ]);
    expect(scores.sameName).toEqual({ items: 4, taken: 1, rate: 0.25 });
  });

  it('gives macro-F1 over the three labels and positive recall, also on education items alone', () => {
    const scores = scoreRealSet([
      { label: label({ sentiment: 'positive' }), got: said({ sentiment: 'positive' }) },
      { label: label({ sentiment: 'positive' }), got: said({ sentiment: 'neutral' }) },
      { label: label({ sentiment: 'negative' }), got: said({ sentiment: 'negative' }) },
      { label: label({ sentiment: 'neutral', education: false, category: null }), got: said({ sentiment: 'neutral' }) },
    ]);
    expect(scores.sentiment.positiveRecall).toBe(0.5);
    // positive F1 2/3, negative 1, neutral: 1 right of 2 said, 1 of 1 gold -> 2/3.
    expect(scores.sentiment.macroF1).toBeCloseTo((2 / 3 + 1 + 2 / 3) / 3);
    // Education items only: neutral has no support and was said once -> F1 0.
    expect(scores.sentiment.educationMacroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3);
  });

  it('measures category accuracy on education items and education as yes/no on all', () => {
    const scores = scoreRealSet([
      { label: label({ category: 'curriculum_awards' }), got: said({ category: 'curriculum_awards' }) },
      { label: label({ category: 'exams_quality' }), got: said({ category: 'other' }) },
      { label: label({ education: false, category: null }), got: said({ education: true, category: 'other' }) },
    ]);
    expect(scores.category).toEqual({ items: 2, right: 1, accuracy: 0.5 });
    expect(scores.education.precision).toBeCloseTo(2 / 3);
    expect(scores.education.recall).toBe(1);
    expect(scores.education.accuracy).toBeCloseTo(2 / 3);
  });

  it('scores the incident flag and compares severities where both call it an incident', () => {
    const bad = label({ units: [GV], sentiment: 'negative', category: 'violence_bullying', incident: true });
    const scores = scoreRealSet([
      { label: { ...bad, severity: 'S2' }, got: said({ units: [GV], incident: true, severity: 'S2' }) },
      { label: { ...bad, severity: 'S3' }, got: said({ units: [GV] }) },
      { label: label(), got: said({ incident: true, severity: 'S3' }) },
    ]);
    expect(scores.incident.precision).toBe(0.5);
    expect(scores.incident.recall).toBe(0.5);
    expect(scores.severity).toEqual({ compared: 1, exact: 1 });
  });
});

describe('incident anywhere', () => {
  it('scores bad education news against an incident category wherever it happens, not the place', () => {
    const fight = label({ sentiment: 'negative', category: 'violence_bullying' });
    const scores = scoreRealSet([
      { label: fight, got: said({ sentiment: 'negative', category: 'violence_bullying' }) },
      // Bad news that fits no incident category is still bad news: an incident, were it in Gò Vấp.
      { label: { ...fight, category: 'other' }, got: said({ sentiment: 'neutral', category: 'other' }) },
      { label: label({ category: 'safety_health' }), got: said({ category: 'accident_injury' }) },
      // Not education: an incident category said of it is a false alarm, none expected of it.
      { label: label({ education: false, category: null }), got: said({ category: 'food_safety' }) },
      { label: label({ education: false, category: null }), got: said({ category: null }) },
    ]);
    expect(scores.incidentAnywhere).toMatchObject({ support: 2, flagged: 3, precision: 1 / 3, recall: 0.5 });
    // The Gò Vấp flag is another thing: nothing here names a Gò Vấp unit.
    expect(scores.incident.support).toBe(0);
  });

  it('reads the decision at a school over education items only, from the tone, whatever the gate said', () => {
    const bad = label({ sentiment: 'negative', category: 'fees_finances' });
    const scores = scoreRealSet([
      // The gate missed it (no category) but the tone is right: at a matched school it would open a ticket.
      { label: bad, got: said({ education: false, category: null, sentiment: 'negative' }) },
      { label: bad, got: said({ sentiment: 'neutral' }) },
      { label: label(), got: said({ sentiment: 'negative', category: 'teacher_conduct' }) },
      // Not education: outside this score, whatever was said of it.
      {
        label: label({ education: false, category: null, sentiment: 'negative' }),
        got: said({ sentiment: 'negative' }),
      },
    ]);
    expect(scores.incidentAtSchool).toMatchObject({ support: 2, flagged: 2, precision: 0.5, recall: 0.5 });
    expect(scores.incidentAnywhere).toMatchObject({ support: 2, flagged: 1, recall: 0 });
  });

  it('gives its recall per labelled kind, most labelled first, found meaning any incident category', () => {
    const bad = (category: string) => label({ sentiment: 'negative', category: category as RealLabel['category'] });
    const scores = scoreRealSet([
      { label: bad('fees_finances'), got: said({ category: 'fees_finances' }) },
      // Flagged under another incident category: still found (the ticket opens).
      { label: bad('fees_finances'), got: said({ category: 'teacher_conduct' }) },
      { label: bad('fees_finances'), got: said({ category: 'other' }) },
      { label: bad('other'), got: said({ category: 'exams_quality' }) },
      { label: bad('food_safety'), got: said({ category: 'food_safety' }) },
      // Not bad news, or not education: not counted in any kind.
      { label: label({ category: 'safety_health' }), got: said({ category: 'accident_injury' }) },
      { label: label({ education: false, category: null, sentiment: 'negative' }), got: said({ category: null }) },
    ]);
    expect(scores.incidentAnywhereByKind).toEqual([
      { kind: 'fees_finances', labelled: 3, found: 2 },
      { kind: 'food_safety', labelled: 1, found: 1 },
      { kind: 'other', labelled: 1, found: 0 },
    ]);
  });
});

describe('realGoals', () => {
  const scores = scoreRealSet([
    { label: label({ units: [GV] }), got: said({ units: [GV] }) },
    { label: label({ sentiment: 'positive' }), got: said({ sentiment: 'positive' }) },
    { label: label({ sentiment: 'negative' }), got: said({ sentiment: 'negative' }) },
  ]);

  it('says N/A rather than MET for a figure the set cannot measure', () => {
    expect(measurable(scores.incident)).toBe(false);
    const goals = realGoals(scores);
    expect(goals.find((g) => g.name === 'Gò Vấp incident F1')?.met).toBeNull();
    expect(goals.find((g) => g.name === 'item F1')?.met).toBe(true);
    expect(goals.find((g) => g.name === 'positive recall')?.met).toBe(true);
  });

  it('adds the year goal only when the year was run, met at one false alarm in the worst month', () => {
    expect(realGoals(scores).some((g) => g.name.includes('false alarms'))).toBe(false);
    expect(realGoals(scores, 1).find((g) => g.name.includes('false alarms'))?.met).toBe(true);
    expect(realGoals(scores, 2).find((g) => g.name.includes('false alarms'))?.met).toBe(false);
  });
});

describe('predictedEducation', () => {
  it("uses the analyzer's own flag when it has one, else any category but other", () => {
    expect(predictedEducation({ category: 'other', education: true })).toBe(true);
    expect(predictedEducation({ category: 'curriculum_awards', education: false })).toBe(false);
    expect(predictedEducation({ category: 'curriculum_awards' })).toBe(true);
    expect(predictedEducation({ category: 'other' })).toBe(false);
    expect(predictedEducation({ category: null })).toBe(false);
  });
});
