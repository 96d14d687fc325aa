import { UnitMatcher } from './matching/unit-matcher';
import {
  buildUnitsGazetteer,
  gazetteerUnits,
  seedUnitsForGazetteer,
  unitsFingerprint,
  type UnitForGazetteer,
} from './units-gazetteer';

const unit = (overrides: Partial<UnitForGazetteer> = {}): UnitForGazetteer => ({
  code: 'T1',
  name: 'TH Thực Nghiệm Sao Mai',
  level: 'TH',
  address: '12 Nguyễn Oanh',
  aliases: [],
  active: true,
  ...overrides,
});

describe('units gazetteer', () => {
  it('fingerprints the fields the gazetteer reads, whatever the row order', () => {
    const a = unit();
    const b = unit({ code: 'T2', name: 'MN Sơn Ca', level: 'MN' });
    expect(unitsFingerprint([a, b])).toBe(unitsFingerprint([b, a]));
    expect(unitsFingerprint([a, b])).not.toBe(unitsFingerprint([unit({ aliases: ['Sao Mai Xanh'] }), b]));
    expect(unitsFingerprint([a])).not.toBe(unitsFingerprint([unit({ active: false })]));
    expect(unitsFingerprint([a])).not.toBe(unitsFingerprint([unit({ address: '14 Nguyễn Oanh' })]));
  });

  it('leaves inactive units out', () => {
    expect(gazetteerUnits([unit(), unit({ code: 'T2', active: false })]).map((u) => u.code)).toEqual(['T1']);
  });

  it('matches an editor alias once it is in the unit row', () => {
    const seeds = seedUnitsForGazetteer();
    expect(seeds.filter((u) => u.level !== 'OFFICE')).toHaveLength(231);
    const title = 'Học sinh trường Ngôi Sao Xanh Biếc phường Hạnh Thông được tuyên dương';
    const target = seeds.find((u) => u.level === 'MN') as UnitForGazetteer;
    const without = new UnitMatcher(buildUnitsGazetteer(seeds)).match({ title });
    expect(without.map((m) => m.code)).not.toContain(target.code);
    const withAlias = seeds.map((u) => (u.code === target.code ? { ...u, aliases: ['Ngôi Sao Xanh Biếc'] } : u));
    const matched = new UnitMatcher(buildUnitsGazetteer(withAlias)).match({ title });
    expect(matched.map((m) => m.code)).toContain(target.code);
  });
});
