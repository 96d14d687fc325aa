/**
 * Reads the seed files that sit beside this file: the Gò Vấp units, the other districts' schools and the locality
 * words. They are derived from the reference data by tools/seeds/derive-seeds.cjs and committed, so the product never
 * needs the reference folder. tsc does not copy csv/json into dist/, so SEED_DIR points back at the source folder
 * when this module runs compiled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { UnitLevel } from '@mw/shared';

const UNITS_FILE = 'govap-units.csv';
const OTHER_SCHOOLS_FILE = 'other-schools.csv';
const LOCALITIES_FILE = 'localities.json';

function resolveSeedDir(): string {
  const candidates = [
    __dirname,
    // server/dist/database/seeds (tsconfig.build.json) and server/dist/src/database/seeds (tsconfig.json)
    path.resolve(__dirname, '../../../src/database/seeds'),
    path.resolve(__dirname, '../../../../src/database/seeds'),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, UNITS_FILE))) ?? __dirname;
}

export const SEED_DIR = resolveSeedDir();

export interface SeedUnit {
  code: string;
  name: string;
  level: UnitLevel;
  ownership: string;
  address: string;
}

export interface OtherSchool {
  code: string;
  name: string;
  /** Registry level: MN, TH, THCS, THPT or GDTX (continuing-education centre). */
  level: string;
  /** Old district ("Quận 1", "Bình Thạnh"); empty when the registry row does not say. */
  district: string;
}

export interface NewWard {
  name: string;
  code: string;
  oldWards: string[];
  partOfOldWards: string[];
  aliases: string[];
  /** True when the bare name also names a place elsewhere (An Nhơn in Gia Lai). */
  ambiguous: boolean;
}

export interface Localities {
  district: { name: string; aliases: string[] };
  city: string[];
  oldWards: { numbers: string[]; forms: string[] };
  newWards: NewWard[];
  streets: { goVap: string[]; fromAddresses: string[] };
  goVapPlaces: { names: string[] };
  otherDistricts: { name: string; aliases: string[] }[];
  otherWards: { names: string[] };
  lookAlikes: { text: string; area: string }[];
  provinces: { bare: string[]; prefixed: string[] };
  /** Foreign countries: counter-evidence only next to a school name. */
  countries?: { names: string[] };
  /** People's and organisations' names that contain a place name ("Chủ tịch Hồ Chí Minh"): not places. */
  notPlaces?: { names: string[] };
}

const UNIT_LEVELS = new Set<string>(Object.values(UnitLevel));

/** RFC 4180 CSV into objects keyed by the header row. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const nonEmpty = rows.filter((r) => r.some((f) => f.trim() !== ''));
  if (nonEmpty.length === 0) return [];
  const [header, ...body] = nonEmpty;
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h.trim(), (r[k] ?? '').trim()])));
}

function readSeed(file: string): string {
  const full = path.join(SEED_DIR, file);
  try {
    return fs.readFileSync(full, 'utf8');
  } catch (error) {
    throw new Error(`Seed file ${full} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function loadSeedUnits(): SeedUnit[] {
  return parseCsv(readSeed(UNITS_FILE)).map((r) => {
    if (!UNIT_LEVELS.has(r.level)) throw new Error(`${UNITS_FILE}: unit ${r.code} has unknown level "${r.level}"`);
    return {
      code: r.code,
      name: r.name.normalize('NFC'),
      level: r.level as UnitLevel,
      ownership: r.ownership,
      address: r.address.normalize('NFC'),
    };
  });
}

export function loadOtherSchools(): OtherSchool[] {
  return parseCsv(readSeed(OTHER_SCHOOLS_FILE)).map((r) => ({
    code: r.code,
    name: r.name.normalize('NFC'),
    level: r.level,
    district: r.district.normalize('NFC'),
  }));
}

export function loadLocalities(): Localities {
  return JSON.parse(readSeed(LOCALITIES_FILE).normalize('NFC')) as Localities;
}
