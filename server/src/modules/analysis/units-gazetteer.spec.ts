import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEnv } from '../../config/env.schema';
import { UnitMatcher } from './matching/unit-matcher';
import {
  buildUnitsGazetteer,
  configuredDatabaseUrl,
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

describe('configuredDatabaseUrl (cli analyze)', () => {
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-gz-'));
  });
  afterEach(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  const envFor = (dataDir: string, url?: string) =>
    parseEnv({ MW_PG_DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) });

  it('prefers DATABASE_URL', () => {
    expect(configuredDatabaseUrl(envFor(home, 'postgres://u:p@db:5432/mw'))).toBe('postgres://u:p@db:5432/mw');
  });

  it('finds nothing in an empty or missing data folder, and creates nothing there', () => {
    expect(configuredDatabaseUrl(envFor(home))).toBeUndefined();
    expect(configuredDatabaseUrl(envFor(path.join(home, 'missing')))).toBeUndefined();
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('attaches to a running embedded cluster through postmaster.pid and ignores a stale one', () => {
    const dataDir = path.join(home, 'pg');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(`${dataDir}.json`, JSON.stringify({ user: 'postgres', password: 'p/w+x' }));
    fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n1700000000\n54321\n`);
    const url = new URL(configuredDatabaseUrl(envFor(dataDir)) as string);
    expect(url.port).toBe('54321');
    expect(url.pathname).toBe('/mediawatch');
    expect(decodeURIComponent(url.password)).toBe('p/w+x');
    // A pid no process holds: the cluster is not running.
    fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), `999999999\n${dataDir}\n1700000000\n54321\n`);
    expect(configuredDatabaseUrl(envFor(dataDir))).toBeUndefined();
  });
});
