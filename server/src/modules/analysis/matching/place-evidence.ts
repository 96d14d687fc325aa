/**
 * Where an item places a unit: Gò Vấp evidence (the district, a new ward, an old ward with the district, the unit's
 * address or street, a Gò Vấp landmark, the unit's own page), evidence of elsewhere (other districts, provinces,
 * other districts' schools), how near such words stand to a school name, and whether the item names a rural place.
 */
import { fold } from '@mw/shared';

import type { ElsewhereType, Gazetteer, GazetteerUnitInfo } from '../gazetteer/gazetteer';
import {
  isAllCaps,
  isTitleCase,
  sentenceIds,
  sourceText,
  type FieldText,
  type Hit,
  type MatchInput,
} from './match-text';

/** How far (in tokens, within one sentence) a place word still qualifies the school name it follows or precedes. */
const NEAR_AFTER = 8;
const NEAR_BEFORE = 6;
/**
 * Administrative words that Gò Vấp, an urban district, never uses for its own places: "xã A Lưới", "huyện Bắc Hà",
 * "thị trấn X", "thôn Y", "ấp Z". Written with accents and before a capitalised name or a number, they place an item
 * elsewhere even when the place itself is not in the gazetteer (most of the country's communes are not).
 */
const RURAL_PLACE_WORDS = new Set(['xã', 'huyện', 'tỉnh', 'thôn', 'ấp', 'thị trấn', 'thị xã']);

interface PlaceEvidence {
  strength: number;
  label: string;
}

export interface GoVapEvidence {
  strength: number;
  labels: string[];
}

/** Token distance to the nearest Gò Vấp place word and to the nearest place elsewhere in the same sentence. */
export function nearness(
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

/** True when some field names a commune, rural district, province, hamlet or township (see RURAL_PLACE_WORDS). */
export function namesRuralPlace(fields: readonly FieldText[]): boolean {
  for (const field of fields) {
    const { tokens } = field;
    for (let k = 0; k + 1 < tokens.count; k++) {
      if (!tokens.isWord(k) || !tokens.isWord(k + 1)) continue;
      let word = sourceText(field, k, k).toLowerCase();
      let next = k + 1;
      if (word === 'thị' && next + 1 < tokens.count) {
        word = `${word} ${sourceText(field, next, next).toLowerCase()}`;
        next++;
      }
      if (!RURAL_PLACE_WORDS.has(word) || !tokens.isWord(next)) continue;
      const name = sourceText(field, next, next);
      if (isTitleCase(name) || isAllCaps(name) || /^\d+$/.test(name)) return true;
    }
  }
  return false;
}

export function goVapEvidence(
  gazetteer: Gazetteer,
  unit: GazetteerUnitInfo,
  fields: FieldText[],
  places: readonly Hit[],
  schools: readonly Hit[],
  ownPage: MatchInput | undefined,
  /** Whether the unit's own name holding the district counts (not for the office written without it). */
  ownName = true,
): GoVapEvidence {
  const found: PlaceEvidence[] = [];
  const quote = (p: Hit): string => sourceText(fields[p.fieldIndex], p.first, p.last);
  if (ownPage) {
    const viaOutlet = ownPage.sourceUnitCode !== unit.code ? ownPage.outlet : undefined;
    found.push({
      strength: 1,
      label: viaOutlet ? `nguồn tin là trang của chính đơn vị ("${viaOutlet}")` : 'nguồn tin là trang của chính đơn vị',
    });
  }
  // Another unit whose name holds the district ("Phòng GD-ĐT quận Gò Vấp", "THCS Gò Vấp") places the item too.
  for (const school of schools) {
    for (const e of school.entries) {
      if (e.kind !== 'unit' || e.code === unit.code) continue;
      const other = gazetteer.units.get(e.code);
      if (other && fold(other.core).includes(fold(gazetteer.districtName))) {
        found.push({ strength: 1, label: `đơn vị ở Gò Vấp "${quote(school)}" được nêu cùng` });
      }
    }
  }
  if (ownName && fold(unit.core).includes(fold(gazetteer.districtName))) {
    found.push({ strength: 1, label: `tên đơn vị có "${gazetteer.districtName}"` });
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
export function elsewhereEvidence(unit: GazetteerUnitInfo, places: readonly Hit[], schools: readonly Hit[]): number {
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
