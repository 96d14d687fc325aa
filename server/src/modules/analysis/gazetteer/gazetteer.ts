/**
 * The gazetteer: every way the news may name a Gò Vấp unit or a place, compiled into one token automaton.
 *
 * It is built from plain data (units, the other districts' schools, locality words) so that the seed files and, later,
 * database rows feed it the same way. For each unit it writes aliases of three strengths: strong (a level phrase plus
 * the core name: "THCS Nguyễn Du", "trường mầm non Sơn Ca", "truong thcs nguyen du"), medium ("trường" plus the core
 * name) and weak (the bare core name, only when it is long and distinctive: "Phi Thuyền Apollo", never "Hoa Lan" or
 * "Nguyễn Du"). A core name that another district's school also bears is marked ambiguous with those districts, so
 * the matcher asks for Gò Vấp evidence before claiming it. Place words become entries of their own: the district,
 * the six new wards, numbered old wards, the city, Gò Vấp streets, each unit's street and address, and places
 * elsewhere (other districts, wards, provinces, look-alikes, other districts' school names, foreign countries) as
 * counter-evidence, and names that merely contain a place ("Chủ tịch Hồ Chí Minh") so the place inside them is hidden.
 * A generic alias shared by two Gò Vấp units goes to the one whose registry kind it names; a shared "trường X" goes
 * to none. The education office is also written without its district ("Phòng GD-ĐT quận" once the item has named Gò
 * Vấp): those forms are entries of their own, which the matcher accepts only in an item placed in Gò Vấp.
 */
import { fold } from '@mw/shared';

import type { Localities } from '../../../database/seeds/seed-files';
import { TokenAutomaton } from '../matching/aho-corasick';
import { tokenizeText } from '../text/vietnamese-tokenizer';
import { isOrdinaryName } from './ordinary-names';
import {
  FAMILY_NAMES,
  englishLevelSuffixes,
  levelPhrases,
  parseSchoolName,
  type InstitutionKind,
  type ParsedSchoolName,
  type SchoolLevel,
} from './school-names';

export type AliasStrength = 'strong' | 'medium' | 'weak';

export interface GazetteerUnit {
  code: string;
  name: string;
  level: string;
  address?: string;
  /** Extra names written by an editor ("Trường Tiểu học phường 12"); treated as strong aliases. */
  aliases?: string[];
}

export interface GazetteerOtherSchool {
  code?: string;
  name: string;
  level: string;
  district: string;
}

export interface GazetteerData {
  units: GazetteerUnit[];
  otherSchools: GazetteerOtherSchool[];
  localities: Localities;
}

/** `country`: a foreign country, which counts against a school name only next to it (see the matcher's nearness). */
export type ElsewhereType = 'district' | 'ward' | 'province' | 'lookAlike' | 'school' | 'country';

/** What one automaton pattern stands for. */
export type GazetteerEntry =
  | { kind: 'unit'; code: string; strength: AliasStrength }
  /**
   * A unit's bare core name: a school only inside a list that follows a level word ("THPT Gò Vấp, Nguyễn Công Trứ").
   */
  | { kind: 'unitCore'; code: string; levels: readonly SchoolLevel[] }
  /**
   * The education office named without its district ("Phòng GD-ĐT", "Phòng Giáo dục"): the office only in an item
   * that has already placed itself in the district. `needsQuan`: the form is too loose on its own ("phòng giáo dục
   * mầm non" is a department of the city's Sở) and counts only when "quận" follows.
   */
  | { kind: 'officeMention'; code: string; needsQuan: boolean }
  | { kind: 'district' }
  | { kind: 'newWard'; ward: string; ambiguous: boolean; prefixed: boolean }
  | { kind: 'oldWard'; number: string }
  | { kind: 'city' }
  | { kind: 'goVapPlace'; place: string }
  | { kind: 'goVapStreet'; street: string }
  | { kind: 'unitStreet'; street: string; codes: readonly string[] }
  | { kind: 'unitAddress'; code: string }
  | { kind: 'elsewhere'; type: ElsewhereType; place: string }
  /** A name that contains a place but is none ("Chủ tịch Hồ Chí Minh"): it only hides the place inside it. */
  | { kind: 'notPlace' };

export interface UnitAlias {
  text: string;
  strength: AliasStrength;
}

export interface GazetteerUnitInfo {
  code: string;
  name: string;
  level: string;
  address: string;
  levels: SchoolLevel[];
  kind: InstitutionKind;
  core: string;
  isKindergarten: boolean;
  /** The core name is also borne by a school of another district (or of unknown district) in the city registry. */
  ambiguous: boolean;
  /** Districts of those same-name schools; "" when the registry does not say. */
  sharedDistricts: string[];
  /**
   * The core name is this unit's alone and reads as a name: no school elsewhere in the city registry and no other Gò
   * Vấp unit bears it, it has at least two syllables of letters, and it is neither a place, a person's name (first
   * syllable a family name) nor an everyday phrase (see ordinary-names.ts). Such a name is evidence by itself.
   */
  distinctiveName: boolean;
  aliases: UnitAlias[];
}

export interface Gazetteer {
  readonly units: ReadonlyMap<string, GazetteerUnitInfo>;
  readonly automaton: TokenAutomaton<GazetteerEntry>;
  readonly patternCount: number;
  readonly districtName: string;
}

const OFFICE_FORMS = [
  'giáo dục và đào tạo',
  'giáo dục - đào tạo',
  'giáo dục đào tạo',
  'GD&ĐT',
  'GD-ĐT',
  'GDĐT',
  'GD và ĐT',
  'giáo dục',
];
const OFFICE_DISTRICT_FORMS = ['', 'quận ', 'Q.', 'Q. '];
/** Forms of the office written without the district; the loose "giáo dục" only before "quận". */
const OFFICE_MENTION_FORMS = OFFICE_FORMS.map((form) => ({ form, needsQuan: form === 'giáo dục' }));
const WARD_PREFIXES = ['phường ', 'P.', 'P. '];
/** English pages write the ward after its name ("An Hoi Tay Ward") and the number after "Ward" ("Ward 5"). */
const WARD_SUFFIXES = [' ward'];
const ENGLISH_OLD_WARD_FORM = 'ward {n}';
/** "quận 1" in English: "District 1", "Dist. 1". */
const ENGLISH_NUMBERED_DISTRICT = ['district ', 'dist. ', 'dist '];
const ELSEWHERE_WARD_PREFIXES = ['phường ', 'P.', 'P. ', 'xã ', 'thị trấn '];
const PROVINCE_PREFIXES = ['tỉnh ', 'TP ', 'TP.', 'thành phố '];
const STREET_PREFIXES = ['đường ', 'Đ.', 'đ. ', 'phố '];
const MIN_WEAK_SYLLABLES = 3;

const tokenCache = new Map<string, string[]>();

/** Folded tokens of a pattern text; level phrases and core names recur thousands of times, so they are cached. */
function tokensOf(text: string): string[] {
  let tokens = tokenCache.get(text);
  if (!tokens) {
    tokens = tokenizeText(text.normalize('NFC')).texts;
    if (tokenCache.size < 50_000) tokenCache.set(text, tokens);
  }
  return tokens;
}

/** Collects patterns, merging entries that share the same token sequence. */
class PatternSet {
  readonly byKey = new Map<string, { tokens: string[]; entries: GazetteerEntry[]; unitKinds: Map<string, boolean> }>();

  add(text: string, entry: GazetteerEntry, exactKind = true): void {
    this.addTokens(tokensOf(text), entry, exactKind);
  }

  addTokens(tokens: string[], entry: GazetteerEntry, exactKind = true): void {
    if (tokens.length === 0) return;
    const key = tokens.join('\u0001');
    let slot = this.byKey.get(key);
    if (!slot) {
      slot = { tokens, entries: [], unitKinds: new Map() };
      this.byKey.set(key, slot);
    }
    if (entry.kind === 'unit') {
      const existing = slot.entries.find((e) => e.kind === 'unit' && e.code === entry.code);
      if (existing) {
        if (exactKind) slot.unitKinds.set(entry.code, true);
        return;
      }
      slot.unitKinds.set(entry.code, exactKind);
    }
    slot.entries.push(entry);
  }
}

interface ParsedOther {
  school: GazetteerOtherSchool;
  parsed: ParsedSchoolName;
}

function registryIndex(others: readonly ParsedOther[]): Map<string, { districts: Set<string> }> {
  const index = new Map<string, { districts: Set<string> }>();
  for (const { school, parsed } of others) {
    const key = fold(parsed.core);
    if (!key) continue;
    let slot = index.get(key);
    if (!slot) {
      slot = { districts: new Set() };
      index.set(key, slot);
    }
    slot.districts.add(school.district);
  }
  return index;
}

/** Streets of the street lists that occur in `address`, with the house number written before them. */
function streetsInAddress(address: string, streets: readonly string[]): { street: string; number?: string }[] {
  const addressTokens = tokensOf(address);
  const found: { street: string; number?: string }[] = [];
  for (const street of streets) {
    const streetTokens = tokensOf(street);
    for (let k = 0; k + streetTokens.length <= addressTokens.length; k++) {
      if (!streetTokens.every((t, j) => addressTokens[k + j] === t)) continue;
      let before = k - 1;
      if (before >= 0 && addressTokens[before] === 'duong') before--;
      const number = before >= 0 && /\d/.test(addressTokens[before]) ? addressTokens[before] : undefined;
      found.push({ street, number });
      break;
    }
  }
  return found;
}

export function buildGazetteer(data: GazetteerData): Gazetteer {
  const { localities } = data;
  const patterns = new PatternSet();
  const others = data.otherSchools.map((school) => ({ school, parsed: parseSchoolName(school.name, school.level) }));
  const registry = registryIndex(others);
  const allStreets = [...new Set([...localities.streets.goVap, ...localities.streets.fromAddresses])];
  const placeWords = new Set(
    [
      ...allStreets,
      ...localities.district.aliases,
      ...localities.goVapPlaces.names,
      ...localities.newWards.flatMap((w) => [w.name, ...w.aliases]),
      ...localities.otherDistricts.map((d) => d.name),
      ...localities.otherWards.names,
    ].map((p) => fold(p)),
  );
  const units = new Map<string, GazetteerUnitInfo>();
  const goVapCores = new Map<string, number>();
  for (const unit of data.units) {
    const key = fold(parseSchoolName(unit.name, unit.level).core);
    goVapCores.set(key, (goVapCores.get(key) ?? 0) + 1);
  }

  for (const unit of data.units) {
    const parsed = parseSchoolName(unit.name, unit.level);
    const isOffice = unit.level === 'OFFICE';
    const coreKey = fold(parsed.core);
    const shared = isOffice ? undefined : registry.get(coreKey);
    const aliases: UnitAlias[] = [];
    const addAlias = (text: string, strength: AliasStrength, exactKind: boolean): void => {
      aliases.push({ text, strength });
      patterns.add(text, { kind: 'unit', code: unit.code, strength }, exactKind);
    };
    if (isOffice) {
      const district = localities.district.name;
      for (const form of OFFICE_FORMS) {
        for (const q of OFFICE_DISTRICT_FORMS) addAlias(`phòng ${form} ${q}${district}`, 'strong', true);
      }
      addAlias(unit.name, 'strong', true);
      for (const { form, needsQuan } of OFFICE_MENTION_FORMS) {
        patterns.add(`phòng ${form}`, { kind: 'officeMention', code: unit.code, needsQuan });
      }
    } else if (parsed.core) {
      for (const phrase of levelPhrases(parsed.levels)) {
        addAlias(`${phrase.text} ${parsed.core}`, 'strong', phrase.kind === parsed.kind);
      }
      for (const suffix of englishLevelSuffixes(parsed.levels)) {
        addAlias(`${parsed.core} ${suffix}`, 'strong', parsed.kind === 'truong');
      }
      addAlias(`trường ${parsed.core}`, 'medium', parsed.kind === 'truong');
      const syllableCount = coreKey.split(' ').length;
      const firstSyllable = coreKey.split(' ')[0];
      if (
        syllableCount >= MIN_WEAK_SYLLABLES &&
        !shared &&
        !FAMILY_NAMES.has(firstSyllable) &&
        !placeWords.has(coreKey)
      ) {
        addAlias(parsed.core, 'weak', true);
      }
    }
    for (const extra of unit.aliases ?? []) addAlias(extra, 'strong', true);
    if (!isOffice && parsed.core)
      patterns.add(parsed.core, { kind: 'unitCore', code: unit.code, levels: parsed.levels });
    units.set(unit.code, {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      address: unit.address ?? '',
      levels: parsed.levels,
      kind: parsed.kind,
      core: parsed.core,
      isKindergarten: parsed.levels.length > 0 && parsed.levels.every((l) => l === 'MN'),
      ambiguous: shared !== undefined,
      sharedDistricts: shared ? [...shared.districts].sort() : [],
      distinctiveName:
        !isOffice &&
        shared === undefined &&
        goVapCores.get(coreKey) === 1 &&
        coreKey.split(' ').filter((syllable) => /^\p{L}+$/u.test(syllable)).length >= 2 &&
        !FAMILY_NAMES.has(coreKey.split(' ')[0]) &&
        !placeWords.has(coreKey) &&
        !isOrdinaryName(parsed.core),
      aliases,
    });
  }

  const goVapCoreKeys = new Set(goVapCores.keys());
  const endsWithGoVapCore = (tokens: readonly string[]): boolean => {
    for (let k = 0; k < tokens.length; k++) if (goVapCoreKeys.has(tokens.slice(k).join(' '))) return true;
    return false;
  };
  // Other districts' school names compete for the longest match ("Mầm non Hoa Sen Vàng" is not "Mầm non Hoa Sen").
  for (const { school, parsed } of others) {
    if (!parsed.core) continue;
    const place = school.district ? `${parsed.core} (${school.district})` : parsed.core;
    const coreTokens = tokensOf(parsed.core);
    for (const phrase of levelPhrases(parsed.levels)) {
      patterns.addTokens([...tokensOf(phrase.text), ...coreTokens], { kind: 'elsewhere', type: 'school', place });
    }
    // In English the level follows the name, so another school's name matters only where it is or ends with a Gò
    // Vấp name: "Tuoi Hoa Sen kindergarten" is not "Hoa Sen kindergarten", and "Nguyen Du primary school" is a
    // school of another level (where Gò Vấp has one of that level, the pattern is the unit's and ambiguity decides).
    if (endsWithGoVapCore(coreTokens)) {
      for (const suffix of englishLevelSuffixes(parsed.levels)) {
        patterns.addTokens([...coreTokens, ...tokensOf(suffix)], { kind: 'elsewhere', type: 'school', place });
      }
    }
  }

  addLocalityPatterns(patterns, localities, data.units, allStreets);

  const automaton = new TokenAutomaton<GazetteerEntry>();
  let patternCount = 0;
  for (const slot of patterns.byKey.values()) {
    for (const entry of resolveUnitCollisions(slot.entries, slot.unitKinds)) automaton.add(slot.tokens, entry);
    patternCount++;
  }
  automaton.build();
  return { units, automaton, patternCount, districtName: localities.district.name };
}

/**
 * Two Gò Vấp units may share a generic alias ("mầm non Hướng Dương" for both the school and the class of that
 * name): the alias goes to the units whose own registry kind it names, or to all when none does.
 */
function resolveUnitCollisions(entries: GazetteerEntry[], unitKinds: Map<string, boolean>): GazetteerEntry[] {
  let unitEntries = entries.filter((e) => e.kind === 'unit');
  if (unitEntries.length === 0) return entries;
  // "trường Việt Mỹ" with a Gò Vấp kindergarten and a Gò Vấp primary school of that name names neither for sure.
  if (unitEntries.length > 1) unitEntries = unitEntries.filter((e) => e.kind === 'unit' && e.strength === 'strong');
  const exact = unitEntries.filter((e) => e.kind === 'unit' && unitKinds.get(e.code) === true);
  const keptUnits = exact.length > 0 ? exact : unitEntries;
  // When a Gò Vấp unit owns the pattern, same-name schools elsewhere are handled by the ambiguity flag instead.
  return [
    ...keptUnits,
    ...entries.filter((e) => e.kind !== 'unit' && !(e.kind === 'elsewhere' && e.type === 'school')),
  ];
}

const COUNTRY_PREFIXES = ['tại ', 'ở ', 'bên '];

function addLocalityPatterns(
  patterns: PatternSet,
  localities: Localities,
  units: readonly GazetteerUnit[],
  allStreets: readonly string[],
): void {
  const districtKey = fold(localities.district.name);
  for (const alias of localities.district.aliases) patterns.add(alias, { kind: 'district' });
  for (const alias of localities.city) patterns.add(alias, { kind: 'city' });
  for (const n of localities.oldWards.numbers) {
    for (const form of [...localities.oldWards.forms, ENGLISH_OLD_WARD_FORM]) {
      patterns.add(form.replace('{n}', n), { kind: 'oldWard', number: n });
    }
  }
  for (const ward of localities.newWards) {
    if (fold(ward.name) === districtKey) continue;
    for (const name of [ward.name, ...ward.aliases]) {
      if (!ward.ambiguous) patterns.add(name, { kind: 'newWard', ward: ward.name, ambiguous: false, prefixed: false });
      for (const suffix of WARD_SUFFIXES) {
        patterns.add(`${name}${suffix}`, {
          kind: 'newWard',
          ward: ward.name,
          ambiguous: ward.ambiguous,
          prefixed: true,
        });
      }
      for (const prefix of WARD_PREFIXES) {
        patterns.add(`${prefix}${name}`, {
          kind: 'newWard',
          ward: ward.name,
          ambiguous: ward.ambiguous,
          prefixed: true,
        });
      }
    }
  }
  for (const place of localities.goVapPlaces.names) patterns.add(place, { kind: 'goVapPlace', place });
  for (const street of localities.streets.goVap) {
    for (const prefix of STREET_PREFIXES) patterns.add(`${prefix}${street}`, { kind: 'goVapStreet', street });
  }
  const codesByStreet = new Map<string, string[]>();
  for (const unit of units) {
    if (!unit.address) continue;
    for (const { street, number } of streetsInAddress(unit.address, allStreets)) {
      const codes = codesByStreet.get(street) ?? [];
      codes.push(unit.code);
      codesByStreet.set(street, codes);
      if (number) {
        patterns.add(`${number} ${street}`, { kind: 'unitAddress', code: unit.code });
        patterns.add(`số ${number} ${street}`, { kind: 'unitAddress', code: unit.code });
        patterns.add(`${number} đường ${street}`, { kind: 'unitAddress', code: unit.code });
      }
    }
  }
  for (const [street, codes] of codesByStreet) {
    patterns.add(street, { kind: 'unitStreet', street, codes });
    for (const prefix of STREET_PREFIXES) patterns.add(`${prefix}${street}`, { kind: 'unitStreet', street, codes });
  }
  for (const district of localities.otherDistricts) {
    for (const alias of district.aliases) {
      patterns.add(alias, { kind: 'elsewhere', type: 'district', place: district.name });
    }
    const number = /^quận (\d{1,2})$/i.exec(district.name)?.[1];
    for (const form of number ? ENGLISH_NUMBERED_DISTRICT : []) {
      patterns.add(`${form}${number}`, { kind: 'elsewhere', type: 'district', place: district.name });
    }
  }
  for (const ward of localities.otherWards.names) {
    for (const prefix of ELSEWHERE_WARD_PREFIXES) {
      patterns.add(`${prefix}${ward}`, { kind: 'elsewhere', type: 'ward', place: `phường ${ward}` });
    }
  }
  for (const lookAlike of localities.lookAlikes) {
    patterns.add(lookAlike.text, {
      kind: 'elsewhere',
      type: 'lookAlike',
      place: `${lookAlike.text} (${lookAlike.area})`,
    });
  }
  for (const province of [...localities.provinces.bare, ...localities.provinces.prefixed]) {
    for (const prefix of PROVINCE_PREFIXES) {
      patterns.add(`${prefix}${province}`, { kind: 'elsewhere', type: 'province', place: province });
    }
  }
  for (const province of localities.provinces.bare) {
    patterns.add(province, { kind: 'elsewhere', type: 'province', place: province });
  }
  // Only "tại/ở/bên <country>": a bare country next to a school name is mostly a partner ("đón giáo viên Phần Lan").
  for (const country of localities.countries?.names ?? []) {
    for (const prefix of COUNTRY_PREFIXES) {
      patterns.add(`${prefix}${country}`, { kind: 'elsewhere', type: 'country', place: country });
    }
  }
  for (const name of localities.notPlaces?.names ?? []) patterns.add(name, { kind: 'notPlace' });
}
