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

import type {
  AliasStrength,
  ElsewhereType,
  Gazetteer,
  GazetteerEntry,
  GazetteerUnitInfo,
} from '../gazetteer/gazetteer';
import { loadSeedGazetteer } from '../gazetteer/seed-gazetteer';
import { sourceRange, tokenizeText, type TokenList } from '../text/vietnamese-tokenizer';

export { buildGazetteer, type Gazetteer, type GazetteerData } from '../gazetteer/gazetteer';
export { loadSeedGazetteer } from '../gazetteer/seed-gazetteer';

export type MatchField = 'title' | 'summary' | 'content';

export interface MatchInput {
  title: string;
  summary?: string;
  content?: string;
  /** Outlet name; not evidence by itself (a unit's own page is told by sourceUnitCode). */
  outlet?: string;
  /** Code of the unit whose own page or account published the item. */
  sourceUnitCode?: string;
}

export interface UnitMatch {
  code: string;
  name: string;
  confidence: number;
  evidence: string[];
  spans: { field: MatchField; start: number; end: number; text: string }[];
}

export const MIN_CONFIDENCE = 0.5;
/** How far (in tokens, within one sentence) a place word still qualifies the school name it follows or precedes. */
const NEAR_AFTER = 8;
const NEAR_BEFORE = 6;

/** Words before "trường" that make it not a school: thị trường (market), môi trường (environment), ... */
const NOT_SCHOOL_BEFORE_TRUONG = new Set(
  'thi hien moi chien quang lap thuong cong nong phi dau hi ky truong thong'.split(' '),
);
/** Words before a bare name that make it a street or an address. */
const STREET_MARKERS = new Set(['duong', 'pho', 'hem', 'so', 'ngo', 'kiet', 'd']);
/** Syllables that put a bare name in a school context when they stand next to it. */
const SCHOOL_WORDS = new Set(['truong', 'lop', 'hoc', 'mam', 'mau', 'giao', 'huynh', 'thcs', 'thpt', 'tieu']);
const SCHOOL_WORD_WINDOW = 6;
const SENTENCE_END = new Set(['.', '!', '?', ';', '|', '…']);
/** Confidence of a kindergarten known by its distinctive name alone. */
const DISTINCTIVE_NAME_CONFIDENCE = 0.6;
/**
 * Words after "Phòng GD-ĐT quận" that make it offices in general ("quận, huyện", "quận/thành phố"), and words after a
 * bare "Phòng GD-ĐT" that make it some other level's office ("cấp quận", "các quận", "huyện", "TP", "tỉnh").
 */
const SCOPE_AFTER_QUAN = ['huyen', 'thi xa', 'thanh pho'].map((p) => p.split(' '));
const SCOPE_AFTER_OFFICE = [...SCOPE_AFTER_QUAN, ...['cac', 'cap', 'tp', 'tinh', 'xa', 'thi tran'].map((p) => [p])];
const NOT_OFFICE_BEFORE = new Set(['cac', 'nhung', 'moi', 'tung']);
/**
 * Administrative words that Gò Vấp, an urban district, never uses for its own places: "xã A Lưới", "huyện Bắc Hà",
 * "thị trấn X", "thôn Y", "ấp Z". Written with accents and before a capitalised name or a number, they place an item
 * elsewhere even when the place itself is not in the gazetteer (most of the country's communes are not).
 */
const RURAL_PLACE_WORDS = new Set(['xã', 'huyện', 'tỉnh', 'thôn', 'ấp', 'thị trấn', 'thị xã']);

interface FieldText {
  field: MatchField;
  text: string;
  tokens: TokenList;
  sentence?: number[];
}

interface Hit {
  fieldIndex: number;
  first: number;
  last: number;
  entries: readonly GazetteerEntry[];
}

interface UnitHit {
  hit: Hit;
  strength: AliasStrength;
  nearGoVap: number;
  nearElsewhere: number;
}

interface PlaceEvidence {
  strength: number;
  label: string;
}

const STRENGTH_RANK: Record<AliasStrength, number> = { strong: 3, medium: 2, weak: 1 };

function isTitleCase(word: string): boolean {
  const first = word[0];
  if (!first || first === first.toLowerCase()) return false;
  return word.length === 1 || word.slice(1) !== word.slice(1).toUpperCase();
}

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

function sentenceIds(tokens: TokenList): number[] {
  const ids = new Array<number>(tokens.count);
  let id = 0;
  for (let k = 0; k < tokens.count; k++) {
    ids[k] = id;
    if (!tokens.isWord(k) && tokens.spaceAfter(k) && SENTENCE_END.has(tokens.tokenText(k))) id++;
  }
  return ids;
}

/** Longest-first choice of non-overlapping hits (ties: leftmost), not overlapping any `taken` hit. */
function selectLongest(hits: Hit[], taken: readonly Hit[]): Hit[] {
  hits.sort((a, b) => b.last - b.first - (a.last - a.first) || a.fieldIndex - b.fieldIndex || a.first - b.first);
  const chosen: Hit[] = [];
  const overlaps = (a: Hit, b: Hit): boolean => a.fieldIndex === b.fieldIndex && a.first <= b.last && b.first <= a.last;
  for (const hit of hits) {
    if (taken.some((t) => overlaps(t, hit)) || chosen.some((c) => overlaps(c, hit))) continue;
    chosen.push(hit);
  }
  return chosen.sort((a, b) => a.fieldIndex - b.fieldIndex || a.first - b.first);
}

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
  private readonly districtKey: string;
  private readonly outletUnits = new Map<string, string[]>();
  private readonly coreTokenCounts = new Map<string, number>();

  constructor(
    private readonly gazetteer: Gazetteer,
    private readonly options: UnitMatcherOptions = {},
  ) {
    this.districtKey = fold(gazetteer.districtName);
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
        if (payloads.some((e) => e.kind !== 'unitCore')) placeHits.push(hit);
      });
    });
    const ownPage = new Set(this.unitsOfOutlet(input.outlet));
    if (input.sourceUnitCode && this.gazetteer.units.has(input.sourceUnitCode)) ownPage.add(input.sourceUnitCode);
    if (schoolHits.length === 0 && officeHits.length === 0 && ownPage.size === 0) return [];

    const schools = selectLongest(schoolHits, []);
    const places = selectLongest(placeHits, schools);
    const placeStarts = new Set(places.map((p) => `${p.fieldIndex}:${p.first}`));

    const hitsByUnit = new Map<string, UnitHit[]>();
    for (const hit of schools) {
      const field = fields[hit.fieldIndex];
      for (const entry of hit.entries) {
        if (entry.kind !== 'unit') continue;
        if (!this.plausible(field, hit, entry.strength, placeStarts)) continue;
        const unitHits = hitsByUnit.get(entry.code) ?? [];
        unitHits.push({ hit, strength: entry.strength, ...this.nearness(fields, hit, places) });
        hitsByUnit.set(entry.code, unitHits);
      }
    }
    for (const listed of this.listedNames(fields, schools, coreHits)) {
      const field = fields[listed.hit.fieldIndex];
      if (!this.plausible(field, listed.hit, 'strong', placeStarts)) continue;
      const unitHits = hitsByUnit.get(listed.code) ?? [];
      unitHits.push({ hit: listed.hit, strength: 'strong', ...this.nearness(fields, listed.hit, places) });
      hitsByUnit.set(listed.code, unitHits);
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
      const office = this.judgeOfficeMention(selectLongest(officeHits, schools), fields, places, schools);
      if (office && !matches.some((m) => m.code === office.code)) matches.push(office);
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

  /** Rejects hits that are part of a longer proper name, a street, or "thị trường"-like words. */
  private plausible(field: FieldText, hit: Hit, strength: AliasStrength, placeStarts: ReadonlySet<string>): boolean {
    const { tokens } = field;
    const next = hit.last + 1;
    if (next < tokens.count && tokens.isWord(next) && tokens.spaceAfter(hit.last)) {
      const lastText = this.sourceText(field, hit.last, hit.last);
      const nextText = this.sourceText(field, next, next);
      if (isTitleCase(nextText) && !isAllCaps(lastText) && !placeStarts.has(`${hit.fieldIndex}:${next}`)) return false;
    }
    if (strength === 'strong') return true;
    const before = hit.first - 1;
    const beforeFolded = before >= 0 ? tokens.tokenText(before) : '';
    if (strength === 'medium') {
      // Folding merges "Trương" (a family name: "Trương Ngọc Ánh") with "trường": trust the accents when present.
      const word = this.sourceText(field, hit.first, hit.first).toLowerCase();
      if (word !== 'trường' && word !== 'truong') return false;
      // Without a level word the name must look like one: "trường Hạnh Phúc", not "ngôi trường hạnh phúc".
      const name = this.sourceText(field, hit.first + 1, hit.last);
      if (fold(name) !== name && !name.split(' ').every((w) => isTitleCase(w) || isAllCaps(w) || !/\p{L}/u.test(w)))
        return false;
      return !NOT_SCHOOL_BEFORE_TRUONG.has(beforeFolded);
    }
    // A bare name in accented text must be written as a name: "Nhà Của Mẹ", not "mái nhà của mẹ".
    const nameText = this.sourceText(field, hit.first, hit.last);
    if (!isTitleCase(nameText.split(' ')[0]) && fold(nameText) !== nameText) return false;
    if (before < 0) return true;
    if (STREET_MARKERS.has(beforeFolded) || /\d/.test(beforeFolded)) return false;
    if (beforeFolded === '.' && before > 0 && tokens.tokenText(before - 1) === 'd') return false;
    const beforeText = this.sourceText(field, before, before);
    return !(tokens.isWord(before) && isTitleCase(beforeText));
  }

  private sourceText(field: FieldText, first: number, last: number): string {
    const range = sourceRange(field.tokens, first, last);
    return field.text.slice(range.start, range.end);
  }

  /** Token distance to the nearest Gò Vấp place word and to the nearest place elsewhere in the same sentence. */
  private nearness(
    fields: FieldText[],
    hit: Hit,
    places: readonly Hit[],
  ): { nearGoVap: number; nearElsewhere: number } {
    const field = fields[hit.fieldIndex];
    field.sentence ??= sentenceIds(field.tokens);
    const sentence = field.sentence;
    let nearGoVap = Infinity;
    let nearElsewhere = Infinity;
    for (const place of places) {
      if (place.fieldIndex !== hit.fieldIndex || sentence[place.first] !== sentence[hit.first]) continue;
      let distance: number;
      if (place.first > hit.last && place.first - hit.last <= NEAR_AFTER) distance = place.first - hit.last;
      else if (place.last < hit.first && hit.first - place.last <= NEAR_BEFORE) distance = hit.first - place.last;
      else continue;
      for (const entry of place.entries) {
        if (entry.kind === 'district' || (entry.kind === 'newWard' && !entry.ambiguous)) {
          nearGoVap = Math.min(nearGoVap, distance);
        } else if (entry.kind === 'elsewhere' && entry.type !== 'school') {
          nearElsewhere = Math.min(nearElsewhere, distance);
        }
      }
    }
    return { nearGoVap, nearElsewhere };
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

    const goVap = this.goVapEvidence(unit, fields, places, schools, ownPage);
    const elsewhere = this.elsewhereEvidence(unit, places, schools);
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
        !this.namesRuralPlace(fields) &&
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
        evidence.push(`${what} "${text}"`);
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
   * "Phòng GD-ĐT quận", "Phòng GD&ĐT", "Phòng Giáo dục quận": the Gò Vấp office when the words do not go on to name
   * another office ("quận 3", "quận Bình Thạnh", "mầm non", "các quận, huyện") and the item has Gò Vấp evidence (not
   * counting the office's own name) and names no other place.
   */
  private judgeOfficeMention(
    officeHits: readonly Hit[],
    fields: FieldText[],
    places: readonly Hit[],
    schools: readonly Hit[],
  ): UnitMatch | undefined {
    const placeAt = (fieldIndex: number, k: number): Hit | undefined =>
      places.find((p) => p.fieldIndex === fieldIndex && p.first === k);
    let unit: GazetteerUnitInfo | undefined;
    const spans: UnitMatch['spans'] = [];
    for (const hit of officeHits) {
      const entry = hit.entries.find((e) => e.kind === 'officeMention');
      if (!entry || entry.kind !== 'officeMention') continue;
      const field = fields[hit.fieldIndex];
      const { tokens } = field;
      let k = hit.last + 1;
      let hasQuan = false;
      // "Phòng GD&ĐT Q.GV": the district written in a form the office's own aliases do not spell out
      const district = placeAt(hit.fieldIndex, k);
      if (district?.entries.some((e) => e.kind === 'district')) {
        k = district.last + 1;
        hasQuan = true;
      } else if (k < tokens.count && tokens.tokenText(k) === 'quan') {
        hasQuan = true;
        k++;
      } else if (k + 1 < tokens.count && tokens.tokenText(k) === 'q' && tokens.tokenText(k + 1) === '.') {
        hasQuan = true;
        k += 2;
      }
      if (entry.needsQuan && !hasQuan) continue;
      if (hit.first > 0 && NOT_OFFICE_BEFORE.has(tokens.tokenText(hit.first - 1))) continue;
      if (!district && !this.endsOfficeName(field, hit.fieldIndex, k, hasQuan, placeAt)) continue;
      unit ??= this.gazetteer.units.get(entry.code);
      const range = sourceRange(tokens, hit.first, k - 1);
      spans.push({
        field: field.field,
        start: range.start,
        end: range.end,
        text: field.text.slice(range.start, range.end),
      });
    }
    if (!unit || spans.length === 0) return undefined;
    const goVap = this.goVapEvidence(unit, fields, places, schools, undefined, false);
    if (goVap.strength < 0.6 || this.elsewhereEvidence(unit, places, schools) > 0) return undefined;
    const confidence = Math.round(Math.min(0.9, 0.5 + 0.35 * goVap.strength) * 100) / 100;
    const evidence = [
      ...new Set(spans.map((s) => `tên đơn vị "${s.text}"`)),
      ...goVap.labels,
      'bài đã nêu địa bàn Gò Vấp, không nêu quận, tỉnh khác',
    ];
    return { code: unit.code, name: unit.name, confidence, evidence, spans };
  }

  /**
   * True when the office's words end at token k: what follows names no district or place ("quận 3", "quận Bình
   * Thạnh", "TP Thủ Đức") and no other scope (see SCOPE_AFTER_QUAN, SCOPE_AFTER_OFFICE).
   */
  private endsOfficeName(
    field: FieldText,
    fieldIndex: number,
    k: number,
    afterQuan: boolean,
    placeAt: (fieldIndex: number, k: number) => Hit | undefined,
  ): boolean {
    const { tokens } = field;
    if (k >= tokens.count) return true;
    if (placeAt(fieldIndex, k)) return false;
    const scopes = afterQuan ? SCOPE_AFTER_QUAN : SCOPE_AFTER_OFFICE;
    const startsScope = (at: number): boolean =>
      scopes.some((words) => words.every((w, j) => at + j < tokens.count && tokens.tokenText(at + j) === w));
    if (!tokens.isWord(k)) {
      // "Phòng GD-ĐT quận, huyện": offices in general
      return !([',', '/', '-'].includes(tokens.tokenText(k)) && startsScope(k + 1));
    }
    if (startsScope(k) || /\d/.test(tokens.tokenText(k))) return false;
    const word = this.sourceText(field, k, k);
    return !isTitleCase(word) && !isAllCaps(word);
  }

  /**
   * A kindergarten's name is written as a school's name when it opens with "trường" (not "Trương"), "MN", "LMG", or a
   * capitalised "Mầm non", "Mẫu giáo", "Lớp", "Nhóm trẻ" (or one followed by MN/MG), and, in accented text, its core
   * words are capitalised. A lowercase "mầm non" is an adjective ("giáo viên mầm non Lan Hương"), and "MG" alone is
   * also a car brand ("MG ZS").
   */
  private writtenAsSchoolName(field: FieldText, hit: Hit, unit: GazetteerUnitInfo): boolean {
    const { tokens } = field;
    const opening = this.sourceText(field, hit.first, hit.first);
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
    const core = this.sourceText(field, Math.max(hit.first + 1, hit.last - coreCount + 1), hit.last);
    if (fold(core) === core) return true;
    return core.split(' ').every((w) => isTitleCase(w) || isAllCaps(w) || !/\p{L}/u.test(w));
  }

  /** True when some field names a commune, rural district, province, hamlet or township (see RURAL_PLACE_WORDS). */
  private namesRuralPlace(fields: readonly FieldText[]): boolean {
    for (const field of fields) {
      const { tokens } = field;
      for (let k = 0; k + 1 < tokens.count; k++) {
        if (!tokens.isWord(k) || !tokens.isWord(k + 1)) continue;
        let word = this.sourceText(field, k, k).toLowerCase();
        let next = k + 1;
        if (word === 'thị' && next + 1 < tokens.count) {
          word = `${word} ${this.sourceText(field, next, next).toLowerCase()}`;
          next++;
        }
        if (!RURAL_PLACE_WORDS.has(word) || !tokens.isWord(next)) continue;
        const name = this.sourceText(field, next, next);
        if (isTitleCase(name) || isAllCaps(name) || /^\d+$/.test(name)) return true;
      }
    }
    return false;
  }

  private goVapEvidence(
    unit: GazetteerUnitInfo,
    fields: FieldText[],
    places: readonly Hit[],
    schools: readonly Hit[],
    ownPage: MatchInput | undefined,
    /** Whether the unit's own name holding the district counts (not for the office written without it). */
    ownName = true,
  ): { strength: number; labels: string[] } {
    const found: PlaceEvidence[] = [];
    const quote = (p: Hit): string => this.sourceText(fields[p.fieldIndex], p.first, p.last);
    if (ownPage) {
      const viaOutlet = ownPage.sourceUnitCode !== unit.code ? ownPage.outlet : undefined;
      found.push({
        strength: 1,
        label: viaOutlet
          ? `nguồn tin là trang của chính đơn vị ("${viaOutlet}")`
          : 'nguồn tin là trang của chính đơn vị',
      });
    }
    // Another unit whose name holds the district ("Phòng GD-ĐT quận Gò Vấp", "THCS Gò Vấp") places the item too.
    for (const school of schools) {
      for (const e of school.entries) {
        if (e.kind !== 'unit' || e.code === unit.code) continue;
        const other = this.gazetteer.units.get(e.code);
        if (other && fold(other.core).includes(this.districtKey)) {
          found.push({ strength: 1, label: `đơn vị ở Gò Vấp "${quote(school)}" được nêu cùng` });
        }
      }
    }
    if (ownName && fold(unit.core).includes(this.districtKey)) {
      found.push({ strength: 1, label: `tên đơn vị có "${this.gazetteer.districtName}"` });
    }
    const hasDistrict = places.some((p) => p.entries.some((e) => e.kind === 'district'));
    for (const p of places) {
      for (const e of p.entries) {
        switch (e.kind) {
          case 'district':
            found.push({ strength: 1, label: `địa danh "${quote(p)}"` });
            break;
          case 'newWard':
            found.push({
              strength: e.ambiguous ? 0.6 : 0.9,
              label: `phường "${quote(p)}" (địa bàn Gò Vấp cũ)`,
            });
            break;
          case 'oldWard':
            if (hasDistrict) found.push({ strength: 0.9, label: `phường cũ "${quote(p)}" cùng tên quận Gò Vấp` });
            break;
          case 'unitAddress':
            if (e.code === unit.code) found.push({ strength: 0.8, label: `địa chỉ của trường "${quote(p)}"` });
            break;
          case 'unitStreet':
            if (e.codes.includes(unit.code)) {
              // "đường Lê Đức Thọ" where the street lies mostly in Gò Vấp says more than a bare "Lê Lợi"
              const goVapStreet = p.entries.some((other) => other.kind === 'goVapStreet');
              found.push({ strength: goVapStreet ? 0.65 : 0.45, label: `đường "${e.street}" nơi trường đặt` });
            }
            break;
          case 'goVapPlace':
            found.push({ strength: 0.6, label: `địa điểm ở Gò Vấp "${quote(p)}"` });
            break;
          case 'goVapStreet':
            found.push({ strength: 0.4, label: `đường ở Gò Vấp "${quote(p)}"` });
            break;
          case 'city':
            found.push({ strength: 0.3, label: `thành phố "${quote(p)}"` });
            break;
          default:
            break;
        }
      }
    }
    if (found.length === 0) return { strength: 0, labels: [] };
    found.sort((a, b) => b.strength - a.strength);
    const distinct = new Set(found.filter((f) => f.strength >= 0.3).map((f) => f.label.split(' ')[0]));
    const strength = Math.min(1, found[0].strength + (distinct.size > 1 ? 0.1 : 0));
    return { strength, labels: [...new Set(found.map((f) => f.label))].slice(0, 4) };
  }

  /** Strength of the evidence that the item is about a place other than Gò Vấp. */
  private elsewhereEvidence(unit: GazetteerUnitInfo, places: readonly Hit[], schools: readonly Hit[]): number {
    let strength = 0;
    const shared = new Set(unit.sharedDistricts.map((d) => fold(d)));
    const weigh = (type: ElsewhereType, place: string): number => {
      // A country places the item abroad only next to the school name (nearness); elsewhere in the item it is
      // usually an exchange or a partner ("giao lưu với trường Nhật Bản").
      if (type === 'country') return 0;
      if (type === 'school') return 0.4;
      if (type === 'district' && shared.has(fold(place))) return 0.9;
      return 0.6;
    };
    for (const p of [...places, ...schools]) {
      for (const e of p.entries) if (e.kind === 'elsewhere') strength = Math.max(strength, weigh(e.type, e.place));
    }
    return strength;
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
