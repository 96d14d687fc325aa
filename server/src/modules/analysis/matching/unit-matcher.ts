/**
 * Finds which Gò Vấp units a feed item is about.
 *
 * Each field is normalised to NFC, folded and tokenised once, and the gazetteer's automaton reports every school name
 * and place word in one pass. Overlaps resolve to the longest name (school names first, then places in the gaps), and
 * a name followed by another capitalised syllable ("Kim Đồng Tâm") is someone else's name. Then each unit is judged
 * on its evidence: Gò Vấp named near the school name decides for it, another district named near it decides against;
 * otherwise a name that schools elsewhere also bear needs Gò Vấp evidence in the item (district, new ward, the unit's
 * address or street, the unit's own page) stronger than any evidence of elsewhere, while a name unique in the city
 * needs little. Kindergartens, whose names are mostly everyday words, need some place evidence unless their name is
 * distinctive (see GazetteerUnitInfo.distinctiveName) and written as a school's name, with its level word. Bare names
 * (weak aliases) must be written as names, stand next to school words and come with Gò Vấp evidence; "trường X" must
 * read "trường", not the family name "Trương". The education office written without its district ("Phòng GD-ĐT
 * quận") is the Gò Vấp office only in an item with Gò Vấp evidence that names no other place. Confidence is a score
 * in [0, 1]; only matches of at least MIN_CONFIDENCE are returned, with readable evidence and the name's spans in the
 * NFC text of each field.
 */
import { fold, toNfc } from '@mw/shared';

import type { AliasStrength, Gazetteer, GazetteerUnitInfo } from '../gazetteer/gazetteer';
import { loadSeedGazetteer } from '../gazetteer/seed-gazetteer';
import { sourceRange, tokenizeText } from '../text/vietnamese-tokenizer';
import {
  MIN_CONFIDENCE,
  STRENGTH_RANK,
  isAllCaps,
  isTitleCase,
  isUnaccented,
  selectLongest,
  sourceText,
  type FieldText,
  type Hit,
  type MatchField,
  type MatchInput,
  type UnitHit,
  type UnitMatch,
} from './match-text';
import { FuzzyNames } from './fuzzy-names';
import { passingMentions } from './passing-lists';
import { isGoVapPlace, judgeDistrictLevel, judgeOfficeMention } from './office-mention';
import { elsewhereEvidence, goVapEvidence, namesRuralPlace, nearness } from './place-evidence';

export { buildGazetteer, type Gazetteer, type GazetteerData } from '../gazetteer/gazetteer';
export { loadSeedGazetteer } from '../gazetteer/seed-gazetteer';
export { MIN_CONFIDENCE, type MatchField, type MatchInput, type UnitMatch } from './match-text';

/** Words before "trường" that make it not a school: thị trường (market), môi trường (environment), ... */
const NOT_SCHOOL_BEFORE_TRUONG = new Set(
  'thi hien moi chien quang lap thuong cong nong phi dau hi ky truong thong'.split(' '),
);
/** Words before a bare name that make it a street or an address. */
const STREET_MARKERS = new Set(['duong', 'pho', 'hem', 'so', 'ngo', 'kiet', 'd']);
/** Syllables that put a bare name in a school context when they stand next to it. */
const SCHOOL_WORDS = new Set(['truong', 'lop', 'hoc', 'mam', 'mau', 'giao', 'huynh', 'thcs', 'thpt', 'tieu']);
const SCHOOL_WORD_WINDOW = 6;
/** Confidence of a kindergarten known by its distinctive name alone. */
const DISTINCTIVE_NAME_CONFIDENCE = 0.6;

export interface UnitMatcherOptions {
  /**
   * Also return, at MIN_CONFIDENCE, a name that schools elsewhere share when the item names no place at all (neither
   * Gò Vấp nor elsewhere). Off by default: such a name is then not claimed for Gò Vấp. Turn it on for feeds that are
   * already about Gò Vấp (a local search query), where an unplaced name is most likely the local school.
   */
  unplacedSharedNames?: boolean;
}

const OUTLET_CACHE_LIMIT = 1000;

export class UnitMatcher {
  private readonly outletUnits = new Map<string, string[]>();
  /** The education office, which district- and ward-level news without a school's name is about. */
  private readonly officeCode: string | undefined;
  private readonly fuzzy: FuzzyNames;
  private readonly coreTokenCounts = new Map<string, number>();

  constructor(
    private readonly gazetteer: Gazetteer,
    private readonly options: UnitMatcherOptions = {},
  ) {
    this.fuzzy = new FuzzyNames(gazetteer);
    this.officeCode = [...gazetteer.units.values()].find((u) => u.level === 'OFFICE')?.code;
  }

  /** A matcher over the seed gazetteer (cached). */
  static fromSeeds(): UnitMatcher {
    return new UnitMatcher(loadSeedGazetteer());
  }

  match(input: MatchInput): UnitMatch[] {
    const fields: FieldText[] = [];
    const pushField = (field: MatchField, value: string | undefined): void => {
      if (!value) return;
      const text = toNfc(value);
      const tokens = tokenizeText(text);
      fields.push({ field, text, tokens });
    };
    pushField('title', input.title);
    pushField('summary', input.summary);
    pushField('content', input.content);

    const schoolHits: Hit[] = [];
    const placeHits: Hit[] = [];
    const coreHits: Hit[] = [];
    const officeHits: Hit[] = [];
    fields.forEach((f, fieldIndex) => {
      this.gazetteer.automaton.scanTokens(f.tokens, (found) => {
        const { first, last, payloads } = found;
        const hit = { fieldIndex, first, last, entries: payloads };
        if (payloads.some((e) => e.kind === 'officeMention')) {
          officeHits.push(hit);
          return;
        }
        if (payloads.some((e) => e.kind === 'unit' || (e.kind === 'elsewhere' && e.type === 'school'))) {
          schoolHits.push(hit);
          return;
        }
        // A bare unit name may also be a street or a ward ("Nguyễn Du", "An Nhơn"): it is kept as both.
        if (payloads.some((e) => e.kind === 'unitCore')) coreHits.push(hit);
        if (payloads.some((e) => e.kind !== 'unitCore') && this.writtenAsPlace(f, hit)) placeHits.push(hit);
      });
    });
    const ownPage = new Set(this.unitsOfOutlet(input.outlet));
    if (input.sourceUnitCode && this.gazetteer.units.has(input.sourceUnitCode)) ownPage.add(input.sourceUnitCode);
    const goVapPlaceNamed = this.officeCode !== undefined && placeHits.some(isGoVapPlace);
    if (schoolHits.length === 0 && officeHits.length === 0 && ownPage.size === 0 && !goVapPlaceNamed) return [];

    const schools = selectLongest(schoolHits, []);
    const places = selectLongest(placeHits, schools);
    const placeStarts = new Set(places.map((p) => `${p.fieldIndex}:${p.first}`));

    const hitsByUnit = new Map<string, UnitHit[]>();
    const listed = this.listedNames(fields, schools, coreHits);
    const passing = passingMentions(fields, [...schools, ...listed.map((l) => l.hit)]);
    const addHit = (code: string, hit: Hit, strength: AliasStrength, label?: string): void => {
      if (passing.has(hit)) return;
      const unitHits = hitsByUnit.get(code) ?? [];
      unitHits.push({ hit, strength, ...nearness(fields, hit, places), ...(label ? { label } : {}) });
      hitsByUnit.set(code, unitHits);
    };
    for (const hit of schools) {
      const field = fields[hit.fieldIndex];
      for (const entry of hit.entries) {
        if (entry.kind !== 'unit') continue;
        if (!this.plausible(field, hit, entry.strength, placeStarts)) continue;
        addHit(entry.code, hit, entry.strength);
      }
    }
    for (const { code, hit } of listed) {
      if (this.plausible(fields[hit.fieldIndex], hit, 'strong', placeStarts)) addHit(code, hit, 'strong');
    }
    for (const f of this.fuzzy.find(fields, schools)) {
      addHit(f.code, f.hit, 'medium', `tên trường viết gần đúng "${f.written}" (≈ ${f.intended})`);
    }
    // The unit's own page need not name the unit.
    for (const code of ownPage) if (!hitsByUnit.has(code)) hitsByUnit.set(code, []);

    const matches: UnitMatch[] = [];
    for (const [code, unitHits] of hitsByUnit) {
      const unit = this.gazetteer.units.get(code);
      if (!unit) continue;
      const match = this.judge(unit, unitHits, fields, places, schools, ownPage.has(code) ? input : undefined);
      if (match) matches.push(match);
    }
    if (officeHits.length > 0) {
      const office = judgeOfficeMention(this.gazetteer, selectLongest(officeHits, schools), fields, places, schools);
      if (office && !matches.some((m) => m.code === office.code)) matches.push(office);
    }
    if (matches.length === 0 && goVapPlaceNamed && this.officeCode) {
      const office = judgeDistrictLevel(this.gazetteer, this.officeCode, fields, places, schools);
      if (office) matches.push(office);
    }
    return matches.sort((a, b) => b.confidence - a.confidence || a.code.localeCompare(b.code));
  }

  /**
   * Units whose own page the outlet is ("Fanpage MN Sóc Nâu", "Trang tin THCS Gò Vấp"): a unit named in the outlet
   * with a level word or "trường", and no other district named there. Outlets repeat, so answers are cached.
   */
  private unitsOfOutlet(outlet: string | undefined): string[] {
    if (!outlet) return [];
    const cached = this.outletUnits.get(outlet);
    if (cached) return cached;
    const tokens = tokenizeText(toNfc(outlet));
    const hits: Hit[] = [];
    let elsewhere = false;
    this.gazetteer.automaton.scanTokens(tokens, ({ first, last, payloads }) => {
      if (payloads.some((e) => e.kind === 'unit' || (e.kind === 'elsewhere' && e.type === 'school'))) {
        hits.push({ fieldIndex: 0, first, last, entries: payloads });
      } else if (payloads.some((e) => e.kind === 'elsewhere' && e.type !== 'country')) {
        // A country in a page's name is part of a school's name ("MN Học Viện Hoa Kỳ"), not its place.
        elsewhere = true;
      }
    });
    const codes = new Set<string>();
    for (const hit of selectLongest(hits, [])) {
      for (const e of hit.entries) if (e.kind === 'unit' && e.strength !== 'weak') codes.add(e.code);
    }
    const units = elsewhere ? [] : [...codes];
    if (this.outletUnits.size >= OUTLET_CACHE_LIMIT) this.outletUnits.clear();
    this.outletUnits.set(outlet, units);
    return units;
  }

  /**
   * Bare names listed after a Gò Vấp school named with its level: "ba trường THPT Gò Vấp, Nguyễn Công Trứ và Trần
   * Hưng Đạo". Each listed name counts as a school of the same level.
   */
  private listedNames(
    fields: FieldText[],
    schools: readonly Hit[],
    coreHits: readonly Hit[],
  ): { code: string; hit: Hit }[] {
    if (coreHits.length === 0) return [];
    const out: { code: string; hit: Hit }[] = [];
    for (const school of schools) {
      const levels = new Set<string>();
      for (const e of school.entries) {
        if (e.kind !== 'unit' || e.strength !== 'strong') continue;
        for (const level of this.gazetteer.units.get(e.code)?.levels ?? []) levels.add(level);
      }
      if (levels.size === 0) continue;
      const { tokens } = fields[school.fieldIndex];
      let k = school.last + 1;
      for (;;) {
        let sawSeparator = false;
        while (k < tokens.count && (tokens.tokenText(k) === ',' || tokens.tokenText(k) === 'va')) {
          sawSeparator = true;
          k++;
        }
        if (!sawSeparator) break;
        const at = k;
        const next = coreHits
          .filter((c) => c.fieldIndex === school.fieldIndex && c.first === at)
          .sort((a, b) => b.last - a.last)[0];
        if (!next) break;
        for (const e of next.entries) {
          if (e.kind === 'unitCore' && e.levels.some((l) => levels.has(l))) out.push({ code: e.code, hit: next });
        }
        k = next.last + 1;
      }
    }
    return out;
  }

  /**
   * A new ward's name without "phường" must be written as that name: capitalised, and in accented text with its own
   * accents ("ban hành Thông tư" holds the letters of Hạnh Thông, not the ward).
   */
  private writtenAsPlace(field: FieldText, hit: Hit): boolean {
    const ward = hit.entries.find((e) => e.kind === 'newWard' && !e.prefixed);
    if (!ward || ward.kind !== 'newWard') return true;
    if (hit.entries.some((e) => e.kind !== 'newWard' && e.kind !== 'unitCore')) return true;
    const written = sourceText(field, hit.first, hit.last);
    if (!written.split(' ').every((w) => isTitleCase(w) || isAllCaps(w))) return false;
    if (isUnaccented(written) || fold(written) !== fold(ward.ward)) return true;
    return written.toLowerCase() === ward.ward.toLowerCase();
  }

  /** Rejects hits that are part of a longer proper name, a street, or "thị trường"-like words. */
  private plausible(field: FieldText, hit: Hit, strength: AliasStrength, placeStarts: ReadonlySet<string>): boolean {
    const { tokens } = field;
    const next = hit.last + 1;
    if (next < tokens.count && tokens.isWord(next) && tokens.spaceAfter(hit.last)) {
      const lastText = sourceText(field, hit.last, hit.last);
      const nextText = sourceText(field, next, next);
      if (isTitleCase(nextText) && !isAllCaps(lastText) && !placeStarts.has(`${hit.fieldIndex}:${next}`)) return false;
    }
    if (strength === 'strong') return true;
    const before = hit.first - 1;
    const beforeFolded = before >= 0 ? tokens.tokenText(before) : '';
    if (strength === 'medium') {
      // Folding merges "Trương" (a family name: "Trương Ngọc Ánh") with "trường": trust the accents when present.
      const word = sourceText(field, hit.first, hit.first).toLowerCase();
      if (word !== 'trường' && word !== 'truong') return false;
      // Without a level word the name must look like one: "trường Hạnh Phúc", not "ngôi trường hạnh phúc".
      const name = sourceText(field, hit.first + 1, hit.last);
      if (fold(name) !== name && !name.split(' ').every((w) => isTitleCase(w) || isAllCaps(w) || !/\p{L}/u.test(w)))
        return false;
      return !NOT_SCHOOL_BEFORE_TRUONG.has(beforeFolded);
    }
    // A bare name in accented text must be written as a name: "Nhà Của Mẹ", not "mái nhà của mẹ".
    const nameText = sourceText(field, hit.first, hit.last);
    if (!isTitleCase(nameText.split(' ')[0]) && fold(nameText) !== nameText) return false;
    if (before < 0) return true;
    if (STREET_MARKERS.has(beforeFolded) || /\d/.test(beforeFolded)) return false;
    if (beforeFolded === '.' && before > 0 && tokens.tokenText(before - 1) === 'd') return false;
    const beforeText = sourceText(field, before, before);
    return !(tokens.isWord(before) && isTitleCase(beforeText));
  }

  private judge(
    unit: GazetteerUnitInfo,
    unitHits: UnitHit[],
    fields: FieldText[],
    places: readonly Hit[],
    schools: readonly Hit[],
    ownPage: MatchInput | undefined,
  ): UnitMatch | undefined {
    const isOwnPage = ownPage !== undefined;
    const decided = unitHits.filter((h) => h.nearGoVap < h.nearElsewhere);
    const vetoed = unitHits.filter((h) => h.nearElsewhere < h.nearGoVap);
    if (unitHits.length > 0 && decided.length === 0 && vetoed.length === unitHits.length && !isOwnPage)
      return undefined;
    const live = unitHits.filter((h) => !vetoed.includes(h));
    const best = live.reduce<AliasStrength | undefined>(
      (acc, h) => (!acc || STRENGTH_RANK[h.strength] > STRENGTH_RANK[acc] ? h.strength : acc),
      undefined,
    );

    const goVap = goVapEvidence(this.gazetteer, unit, fields, places, schools, ownPage);
    const elsewhere = elsewhereEvidence(unit, places, schools);
    let confidence: number;
    let distinctive = false;
    const inSchoolContext = (): boolean => live.some((h) => this.hasSchoolWordsNear(fields[h.hit.fieldIndex], h.hit));
    if (!best) {
      // Only the unit's own page: the item is the unit's, named or not.
      confidence = isOwnPage ? 0.7 : 0;
    } else if (isOwnPage) {
      confidence = 0.9;
    } else if (best === 'weak') {
      // A bare name is a school only among school words, and only with Gò Vấp evidence.
      const located = decided.length > 0 || (goVap.strength >= 0.6 && goVap.strength > elsewhere);
      confidence = located && inSchoolContext() ? (decided.length > 0 ? 0.7 : 0.6) : 0;
    } else if (decided.length > 0) {
      confidence = best === 'strong' ? 0.95 : 0.85;
    } else if (unit.ambiguous) {
      const ok = goVap.strength >= 0.6 && goVap.strength > elsewhere;
      confidence = ok ? 0.5 + 0.4 * goVap.strength - (best === 'medium' ? 0.1 : 0) : 0;
    } else if (elsewhere >= 0.6 && elsewhere >= goVap.strength) {
      confidence = 0;
    } else if (best === 'medium') {
      confidence = goVap.strength >= 0.4 ? 0.5 + 0.35 * goVap.strength : 0;
    } else {
      confidence = (unit.isKindergarten ? 0.45 : 0.6) + 0.35 * goVap.strength;
      distinctive =
        unit.isKindergarten &&
        confidence < DISTINCTIVE_NAME_CONFIDENCE &&
        unit.distinctiveName &&
        elsewhere === 0 &&
        !namesRuralPlace(fields) &&
        live.some((h) => h.strength === 'strong' && this.writtenAsSchoolName(fields[h.hit.fieldIndex], h.hit, unit));
      if (distinctive) confidence = DISTINCTIVE_NAME_CONFIDENCE;
    }
    confidence = Math.min(0.99, Math.round(confidence * 100) / 100);
    // An item that places nothing at district level, for a feed already about Gò Vấp (see UnitMatcherOptions).
    const unplaced =
      confidence < MIN_CONFIDENCE &&
      best !== undefined &&
      best !== 'weak' &&
      this.options.unplacedSharedNames === true &&
      goVap.strength < 0.6 &&
      elsewhere === 0 &&
      live.length > 0;
    if (unplaced) confidence = MIN_CONFIDENCE;
    if (confidence < MIN_CONFIDENCE) return undefined;

    const spans: UnitMatch['spans'] = [];
    const evidence: string[] = [];
    const seenNames = new Set<string>();
    for (const h of live) {
      const field = fields[h.hit.fieldIndex];
      const range = sourceRange(field.tokens, h.hit.first, h.hit.last);
      const text = field.text.slice(range.start, range.end);
      spans.push({ field: field.field, start: range.start, end: range.end, text });
      if (!seenNames.has(text)) {
        seenNames.add(text);
        const what = unit.level === 'OFFICE' ? 'tên đơn vị' : h.strength === 'weak' ? 'tên riêng' : 'tên trường';
        evidence.push(h.label ?? `${what} "${text}"`);
      }
    }
    evidence.push(...goVap.labels);
    if (distinctive) evidence.push('tên trường duy nhất trong danh bạ thành phố');
    if (unplaced) {
      evidence.push('chưa rõ địa bàn: bài không nêu quận, phường');
    } else if (unit.ambiguous && best) {
      const districts = unit.sharedDistricts.filter(Boolean);
      const places =
        districts.length > 3
          ? `${districts.slice(0, 3).join(', ')} và ${districts.length - 3} nơi khác`
          : districts.join(', ');
      evidence.push(
        districts.length > 0
          ? `tên trùng với trường ở ${places}; có bằng chứng thuộc Gò Vấp`
          : 'tên trùng với trường khác trong thành phố; có bằng chứng thuộc Gò Vấp',
      );
    }
    return { code: unit.code, name: unit.name, confidence, evidence, spans };
  }
  /**
   * A kindergarten's name is written as a school's name when it opens with "trường" (not "Trương"), "MN", "LMG", or a
   * capitalised "Mầm non", "Mẫu giáo", "Lớp", "Nhóm trẻ" (or one followed by MN/MG), and, in accented text, its core
   * words are capitalised. A lowercase "mầm non" is an adjective ("giáo viên mầm non Lan Hương"), and "MG" alone is
   * also a car brand ("MG ZS").
   */
  private writtenAsSchoolName(field: FieldText, hit: Hit, unit: GazetteerUnitInfo): boolean {
    const { tokens } = field;
    const opening = sourceText(field, hit.first, hit.first);
    switch (tokens.tokenText(hit.first)) {
      case 'truong':
        if (opening.toLowerCase() !== 'trường' && opening.toLowerCase() !== 'truong') return false;
        break;
      case 'mn':
      case 'lmg':
        break;
      case 'mam':
      case 'mau':
      case 'lop':
      case 'nhom': {
        const abbreviated = hit.first < hit.last && ['mn', 'mg'].includes(tokens.tokenText(hit.first + 1));
        if (!abbreviated && !isTitleCase(opening) && !isAllCaps(opening)) return false;
        break;
      }
      default:
        return false;
    }
    let coreCount = this.coreTokenCounts.get(unit.code);
    if (coreCount === undefined) {
      coreCount = tokenizeText(toNfc(unit.core)).count;
      this.coreTokenCounts.set(unit.code, coreCount);
    }
    const core = sourceText(field, Math.max(hit.first + 1, hit.last - coreCount + 1), hit.last);
    if (fold(core) === core) return true;
    return core.split(' ').every((w) => isTitleCase(w) || isAllCaps(w) || !/\p{L}/u.test(w));
  }

  private hasSchoolWordsNear(field: FieldText, hit: Hit): boolean {
    const from = Math.max(0, hit.first - SCHOOL_WORD_WINDOW);
    const to = Math.min(field.tokens.count - 1, hit.last + SCHOOL_WORD_WINDOW);
    for (let k = from; k <= to; k++) {
      if ((k < hit.first || k > hit.last) && SCHOOL_WORDS.has(field.tokens.tokenText(k))) return true;
    }
    return false;
  }
}
