/**
 * The education office as the unit of an item: named without its district ("Phòng GD-ĐT quận" once the item has
 * placed itself in Gò Vấp), or standing for a school the item does not name ("một trường THCS ở Gò Vấp", "a
 * secondary school in Go Vap", "phụ huynh ở phường An Hội Tây"): district- and ward-level education news is the
 * office's to handle.
 */
import type { Gazetteer, GazetteerUnitInfo } from '../gazetteer/gazetteer';
import { hashToken, sourceRange, type TokenList } from '../text/vietnamese-tokenizer';
import {
  isAllCaps,
  isTitleCase,
  sentenceIds,
  sourceText,
  type FieldText,
  type Hit,
  type UnitMatch,
} from './match-text';
import { SCHOOL_WORDS_EN } from '../topic/education';
import { elsewhereEvidence, goVapEvidence } from './place-evidence';

/**
 * Words after "Phòng GD-ĐT quận" that make it offices in general ("quận, huyện", "quận/thành phố"), and words after a
 * bare "Phòng GD-ĐT" that make it some other level's office ("cấp quận", "các quận", "huyện", "TP", "tỉnh").
 */
const SCOPE_AFTER_QUAN = ['huyen', 'thi xa', 'thanh pho'].map((p) => p.split(' '));
const SCOPE_AFTER_OFFICE = [...SCOPE_AFTER_QUAN, ...['cac', 'cap', 'tp', 'tinh', 'xa', 'thi tran'].map((p) => [p])];
const NOT_OFFICE_BEFORE = new Set(['cac', 'nhung', 'moi', 'tung']);

/**
 * "Phòng GD-ĐT quận", "Phòng GD&ĐT", "Phòng Giáo dục quận": the Gò Vấp office when the words do not go on to name
 * another office ("quận 3", "quận Bình Thạnh", "mầm non", "các quận, huyện") and the item has Gò Vấp evidence (not
 * counting the office's own name) and names no other place.
 */
export function judgeOfficeMention(
  gazetteer: Gazetteer,
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
    if (!district && !endsOfficeName(field, hit.fieldIndex, k, hasQuan, placeAt)) continue;
    unit ??= gazetteer.units.get(entry.code);
    const range = sourceRange(tokens, hit.first, k - 1);
    spans.push({
      field: field.field,
      start: range.start,
      end: range.end,
      text: field.text.slice(range.start, range.end),
    });
  }
  if (!unit || spans.length === 0) return undefined;
  const goVap = goVapEvidence(gazetteer, unit, fields, places, schools, undefined, false);
  if (goVap.strength < 0.6 || elsewhereEvidence(unit, places, schools) > 0) return undefined;
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
function endsOfficeName(
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
  const word = sourceText(field, k, k);
  return !isTitleCase(word) && !isAllCaps(word);
}

/** Folded phrases that make a sentence about schooling: the people, the levels, the school as a place. */
const EDUCATION_PHRASES = [
  'truong hoc',
  'nha truong',
  'hoc sinh',
  'nam sinh',
  'nu sinh',
  'giao vien',
  'co giao',
  'thay giao',
  'hieu truong',
  'phu huynh',
  'mam non',
  'mau giao',
  'tieu hoc',
  'thcs',
  'thpt',
  'trung hoc',
  'tuyen sinh',
  'ban tru',
  'mot truong',
  'ngoi truong',
  'cac truong',
  ...SCHOOL_WORDS_EN,
  'kindergarten',
  'preschool',
  'principal',
  'classroom',
].map((p) => p.split(' '));
/** Higher education is not the district office's: an item with these is left alone. */
const NOT_DISTRICT_EDUCATION = ['dai hoc', 'cao dang', 'sinh vien', 'university', 'college'].map((p) => p.split(' '));
/** Confidence of the office standing for a school the item places in Gò Vấp without naming it. */
export const DISTRICT_LEVEL_CONFIDENCE = 0.6;
/** How far (in tokens, within one sentence) the education words may stand from the Gò Vấp place. */
const DISTRICT_LEVEL_WINDOW = 12;

/** Phrases by the hash of their first word, so a token that starts none is passed over without building its text. */
function byFirstWord(phrases: readonly string[][]): Map<number, string[][]> {
  const map = new Map<number, string[][]>();
  for (const words of phrases) {
    const key = hashToken(words[0]);
    map.set(key, [...(map.get(key) ?? []), words]);
  }
  return map;
}
const EDUCATION_INDEX = byFirstWord(EDUCATION_PHRASES);
const NOT_DISTRICT_INDEX = byFirstWord(NOT_DISTRICT_EDUCATION);

function phraseAt(tokens: TokenList, k: number, index: ReadonlyMap<number, string[][]>): string[] | undefined {
  const candidates = index.get(tokens.hashes[k]);
  return candidates?.find((words) => words.every((w, j) => k + j < tokens.count && tokens.foldsTo(k + j, w)));
}

/** The district or one of its new wards (an ambiguous ward only with "phường"). */
export function isGoVapPlace(place: Hit): boolean {
  return place.entries.some((e) => e.kind === 'district' || (e.kind === 'newWard' && (!e.ambiguous || e.prefixed)));
}

/**
 * District- or ward-level education news that names no Gò Vấp school ("một trường THCS ở Gò Vấp", "a secondary
 * school in Go Vap", "phụ huynh ở phường An Hội Tây"): the office's. It takes a sentence that names Gò Vấp (the
 * district or one of its new wards) with words about schooling near it, and no school's name nor other place in that
 * sentence; an item
 * that places itself elsewhere more strongly than in Gò Vấp is not the office's.
 */
export function judgeDistrictLevel(
  gazetteer: Gazetteer,
  officeCode: string,
  fields: FieldText[],
  places: readonly Hit[],
  schools: readonly Hit[],
): UnitMatch | undefined {
  const unit = gazetteer.units.get(officeCode);
  if (!unit) return undefined;
  const spans: UnitMatch['spans'] = [];
  const phrases: string[] = [];
  // Higher education anywhere in the item ("… cho sinh viên nghèo" in the title) is not the district office's.
  for (const { tokens } of fields) {
    for (let k = 0; k < tokens.count; k++) if (phraseAt(tokens, k, NOT_DISTRICT_INDEX)) return undefined;
  }
  for (const place of places) {
    if (!isGoVapPlace(place)) continue;
    const field = fields[place.fieldIndex];
    const { tokens } = field;
    field.sentence ??= sentenceIds(tokens);
    const sentence = field.sentence;
    const inSentence = (k: number): boolean => sentence[k] === sentence[place.first];
    const elsewhereNear = places.some(
      (p) =>
        p.fieldIndex === place.fieldIndex &&
        inSentence(p.first) &&
        p.entries.some((e) => e.kind === 'elsewhere' && e.type !== 'country'),
    );
    // A sentence that names a school (one of another district, or one not in the unit list) is about that school.
    const schoolNamed = schools.some((h) => h.fieldIndex === place.fieldIndex && inSentence(h.first));
    if (elsewhereNear || schoolNamed) continue;
    const from = Math.max(0, place.first - DISTRICT_LEVEL_WINDOW);
    const to = Math.min(tokens.count - 1, place.last + DISTRICT_LEVEL_WINDOW);
    let anchor: { first: number; last: number } | undefined;
    for (let k = from; k <= to; k++) {
      if (!inSentence(k) || (k >= place.first && k <= place.last)) continue;
      const words = anchor ? undefined : phraseAt(tokens, k, EDUCATION_INDEX);
      if (words) anchor = { first: k, last: k + words.length - 1 };
    }
    if (!anchor) continue;
    const first = Math.min(anchor.first, place.first);
    const last = Math.max(anchor.last, place.last);
    const range = sourceRange(tokens, first, last);
    spans.push({
      field: field.field,
      start: range.start,
      end: range.end,
      text: field.text.slice(range.start, range.end),
    });
    phrases.push(sourceText(field, anchor.first, anchor.last));
  }
  if (spans.length === 0) return undefined;
  const goVap = goVapEvidence(gazetteer, unit, fields, places, schools, undefined, false);
  if (elsewhereEvidence(unit, places, schools) > goVap.strength) return undefined;
  const evidence = [
    `tin cấp quận/phường, không nêu tên trường: "${spans[0].text}"`,
    ...goVap.labels,
    `từ về trường học: ${[...new Set(phrases)].map((p) => `"${p}"`).join(', ')}`,
  ];
  return { code: unit.code, name: unit.name, confidence: DISTRICT_LEVEL_CONFIDENCE, evidence, spans };
}
