import * as fs from 'node:fs';
import * as path from 'node:path';

import { SEED_DIR, loadLocalities, loadOtherSchools, loadSeedUnits, parseCsv } from './seed-files';

describe('seed files', () => {
  it('resolve to the source folder that holds the csv files', () => {
    expect(fs.existsSync(path.join(SEED_DIR, 'govap-units.csv'))).toBe(true);
    expect(SEED_DIR.endsWith(path.join('server', 'src', 'database', 'seeds'))).toBe(true);
  });

  it('hold the 231 Gò Vấp units plus the office', () => {
    const units = loadSeedUnits();
    expect(units).toHaveLength(232);
    expect(new Set(units.map((u) => u.code)).size).toBe(232);
    const office = units.find((u) => u.level === 'OFFICE');
    expect(office?.code).toBe('GV-OFFICE');
    const nguyenDu = units.find((u) => u.name === 'THCS Nguyễn Du');
    expect(nguyenDu).toMatchObject({ level: 'THCS', address: '119 Thống Nhất' });
    expect(units.some((u) => u.name.includes('(CL)'))).toBe(false);
  });

  it('hold the other districts’ schools with their district', () => {
    const others = loadOtherSchools();
    expect(others.length).toBeGreaterThan(3500);
    const quan1 = others.filter((s) => s.district === 'Quận 1' && s.name.startsWith('THCS Nguyễn Du'));
    expect(quan1).toHaveLength(1);
    expect(others.some((s) => s.district === 'Gò Vấp')).toBe(false);
  });

  it('hold the six new wards with their old wards', () => {
    const localities = loadLocalities();
    expect(localities.newWards.map((w) => w.name).sort()).toEqual(
      ['An Hội Đông', 'An Hội Tây', 'An Nhơn', 'Gò Vấp', 'Hạnh Thông', 'Thông Tây Hội'].sort(),
    );
    expect(localities.newWards.find((w) => w.name === 'An Hội Tây')?.oldWards).toEqual(['12', '14']);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and newlines', () => {
    const rows = parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\n1,\n');
    expect(rows).toEqual([
      { a: 'x, y', b: 'say "hi"\nthere' },
      { a: '1', b: '' },
    ]);
  });
});
