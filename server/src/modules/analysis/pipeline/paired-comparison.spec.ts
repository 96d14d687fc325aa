import { comparePaired, formatPaired, signTestP } from './paired-comparison';
import type { RealPrediction } from './real-scores';
import type { RealLabel } from './real-set';

function label(id: string, over: Partial<RealLabel> = {}): RealLabel {
  return {
    id,
    bucket: 'education',
    units: [],
    office: false,
    education: true,
    sentiment: 'negative',
    category: 'violence_bullying',
    incident: false,
    severity: null,
    note: '',
    ...over,
  };
}

const readBad: RealPrediction = {
  units: [],
  education: true,
  sentiment: 'negative',
  category: 'violence_bullying',
  incident: false,
  severity: null,
};
const readNeutral: RealPrediction = { ...readBad, sentiment: 'neutral', category: 'other' };

describe('signTestP', () => {
  it('is the exact two-sided binomial tail', () => {
    expect(signTestP(0, 0)).toBe(1);
    expect(signTestP(1, 1)).toBe(1);
    // 0 of 4 either way: 2 × (1/16).
    expect(signTestP(0, 4)).toBeCloseTo(0.125, 10);
    expect(signTestP(4, 0)).toBeCloseTo(0.125, 10);
    // 1 of 9: 2 × (1 + 9) / 512.
    expect(signTestP(1, 8)).toBeCloseTo(20 / 512, 10);
  });

  it('stays finite and small for thousands of changed items', () => {
    const p = signTestP(1200, 1000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.001);
    expect(signTestP(1000, 1000)).toBeGreaterThan(0.9);
  });
});

describe('comparePaired', () => {
  it('counts the items a change gains and loses per decision, by where the items come from', () => {
    const after = [
      // Gained: bad news at a school, read as bad news now (the baseline read it neutral).
      { label: label('a'), got: readBad },
      // Lost, on a later-round item: neutral school news now read as bad news.
      { label: label('b', { bucket: 'train_extra', sentiment: 'neutral', category: 'other' }), got: readBad },
      // Unchanged.
      { label: label('c'), got: readBad },
      // Not read by the baseline: left out.
      { label: label('d'), got: readNeutral },
    ];
    const before = new Map<string, RealPrediction>([
      ['a', readNeutral],
      ['b', readNeutral],
      ['c', readBad],
    ]);
    const comparison = comparePaired(after, before);
    expect(comparison.items).toBe(3);
    expect(comparison.poolItems).toBe(2);
    const row = (name: string) => comparison.rows.find((r) => r.decision === name);
    expect(row('incident at a school')?.all).toMatchObject({ gained: 1, lost: 1 });
    expect(row('incident at a school')?.pool).toMatchObject({ gained: 1, lost: 0 });
    expect(row('incident at a school')?.later).toMatchObject({ gained: 0, lost: 1 });
    expect(row('incident anywhere')?.all).toMatchObject({ gained: 1, lost: 1, p: 1 });
    expect(row('education')?.all).toMatchObject({ gained: 0, lost: 0 });
    // "other" was right on b before and is wrong now; a was wrong before and is right now.
    expect(row('category')?.all).toMatchObject({ gained: 1, lost: 1 });
  });

  it('scores category and at-a-school only on items labelled education', () => {
    const outside = label('x', { education: false, category: null, sentiment: 'neutral' });
    const comparison = comparePaired(
      [{ label: outside, got: { ...readBad, education: false, category: null } }],
      new Map([['x', { ...readNeutral, education: false, category: null }]]),
    );
    const row = (name: string) => comparison.rows.find((r) => r.decision === name);
    expect(row('sentiment')?.all).toMatchObject({ gained: 0, lost: 1 });
    expect(row('incident at a school')?.all).toMatchObject({ gained: 0, lost: 0 });
    expect(row('category')?.all).toMatchObject({ gained: 0, lost: 0 });
  });

  it('prints one row per decision with the three splits', () => {
    const lines = formatPaired(comparePaired([{ label: label('a'), got: readBad }], new Map([['a', readNeutral]])));
    expect(lines).toHaveLength(2 + 5);
    expect(lines[1]).toContain('pool buckets (1)');
    expect(lines.find((l) => l.includes('incident at a school'))).toContain('+1 −0 (p 1.000)');
  });
});
