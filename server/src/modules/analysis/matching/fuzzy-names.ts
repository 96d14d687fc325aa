/**
 * Misspelt school names: "THCS Lê Quí Đôn" for Lê Quý Đôn, "Phan Tây Hô" typed "Phan Tay Hoo", "Nguyễn Công Trú".
 * Accents and tones are already folded away before matching, so what is left are real letter slips: i/y, a doubled
 * or dropped letter, two letters swapped, a missing space. After a level word (THCS, tiểu học, mầm non…) or before an
 * English one ("… secondary school") that no exact name follows, the next few words are compared with the Gò Vấp
 * names of that level by Damerau-Levenshtein distance (natural's): one slip is allowed in names of at least
 * MIN_NAME_LETTERS letters, and only when exactly one name is that close and the words are written as a name. Such a
 * hit counts as a medium alias: it still needs Gò Vấp evidence.
 */
import { fold } from '@mw/shared';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance';

import type { Gazetteer, GazetteerEntry } from '../gazetteer/gazetteer';
import { hashToken } from '../text/vietnamese-tokenizer';
import type { SchoolLevel } from '../gazetteer/school-names';
import { isAllCaps, isTitleCase, isUnaccented, sourceText, type FieldText, type Hit } from './match-text';

const MIN_NAME_LETTERS = 8;
const MAX_DISTANCE = 1;
const MAX_SYLLABLES = 5;

interface Anchor {
  words: string[];
  level: SchoolLevel;
  /** Whether the name follows the level words (Vietnamese) or precedes them (English). */
  before: boolean;
}

const anchors = (level: SchoolLevel, before: boolean, ...phrases: string[]): Anchor[] =>
  phrases.map((p) => ({ words: p.split(' '), level, before }));

const ANCHORS: Anchor[] = [
  ...anchors('MN', false, 'mam non', 'mau giao', 'mn'),
  ...anchors('TH', false, 'tieu hoc'),
  ...anchors('THCS', false, 'thcs', 'trung hoc co so'),
  ...anchors('THPT', false, 'thpt', 'trung hoc pho thong'),
  ...anchors('MN', true, 'kindergarten', 'preschool'),
  ...anchors('TH', true, 'primary school', 'elementary school'),
  ...anchors('THCS', true, 'secondary school', 'junior high school'),
  ...anchors('THPT', true, 'high school'),
].sort((a, b) => b.words.length - a.words.length);

interface Name {
  code: string;
  key: string;
  letters: Int8Array;
}

/** Letter counts of a folded name (a–z, digits and the rest in one slot). */
function letterCounts(key: string): Int8Array {
  const counts = new Int8Array(27);
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) counts[c]++;
    else if (key[i] !== ' ') counts[26]++;
  }
  return counts;
}

/**
 * One edit changes the letter counts by at most two (a substitution), so a larger difference rules a name out
 * cheaply before the distance itself is computed.
 */
function withinOneEditByCounts(a: Int8Array, b: Int8Array): boolean {
  let diff = 0;
  for (let i = 0; i < 27; i++) {
    diff += Math.abs(a[i] - b[i]);
    if (diff > 2 * MAX_DISTANCE) return false;
  }
  return true;
}

export interface FuzzyHit {
  code: string;
  hit: Hit;
  /** The words as written, and the name they stand for. */
  written: string;
  intended: string;
}

export class FuzzyNames {
  private readonly byLevel = new Map<SchoolLevel, Name[]>();
  private readonly exact = new Set<string>();
  /** Length of the shortest name compared: shorter words are not looked up. */
  private shortest = Infinity;
  private readonly anchorStarts = new Set(ANCHORS.map((a) => hashToken(a.words[0])));

  constructor(private readonly gazetteer: Gazetteer) {
    for (const unit of gazetteer.units.values()) {
      const key = fold(unit.core);
      this.exact.add(key);
      if (unit.level === 'OFFICE' || key.replace(/[^a-z]/g, '').length < MIN_NAME_LETTERS) continue;
      for (const level of unit.levels) {
        const names = this.byLevel.get(level) ?? [];
        names.push({ code: unit.code, key, letters: letterCounts(key) });
        this.shortest = Math.min(this.shortest, key.length);
        this.byLevel.set(level, names);
      }
    }
  }

  /** Misspelt Gò Vấp names next to level words that no exact school name (in `taken`) covers. */
  find(fields: readonly FieldText[], taken: readonly Hit[]): FuzzyHit[] {
    const out: FuzzyHit[] = [];
    fields.forEach((field, fieldIndex) => {
      const { tokens } = field;
      const covered = (k: number): boolean =>
        taken.some((t) => t.fieldIndex === fieldIndex && t.first <= k && k <= t.last);
      for (let k = 0; k < tokens.count; k++) {
        if (!this.anchorStarts.has(tokens.hashes[k]) || covered(k)) continue;
        const anchor = ANCHORS.find((a) => a.words.every((w, j) => k + j < tokens.count && tokens.foldsTo(k + j, w)));
        if (!anchor) continue;
        const end = k + anchor.words.length - 1;
        const found = this.nameNear(field, fieldIndex, anchor, k, end, covered);
        if (found) out.push(found);
        k = end;
      }
    });
    return out;
  }

  private nameNear(
    field: FieldText,
    fieldIndex: number,
    anchor: Anchor,
    first: number,
    last: number,
    covered: (k: number) => boolean,
  ): FuzzyHit | undefined {
    const { tokens } = field;
    const names = this.byLevel.get(anchor.level) ?? [];
    let best: { name: Name; from: number; to: number } | undefined;
    let ties = 0;
    let key = '';
    for (let n = 1; n <= MAX_SYLLABLES; n++) {
      const from = anchor.before ? first - n : last + 1;
      const to = anchor.before ? first - 1 : last + n;
      const added = anchor.before ? from : to;
      if (from < 0 || to >= tokens.count || !tokens.isWord(added) || covered(added)) break;
      key = anchor.before
        ? `${tokens.tokenText(added)}${key ? ` ${key}` : ''}`
        : `${key ? `${key} ` : ''}${tokens.tokenText(added)}`;
      if (key.length + MAX_DISTANCE < this.shortest) continue;
      if (this.exact.has(key)) return undefined;
      let letters: Int8Array | undefined;
      for (const name of names) {
        if (Math.abs(name.key.length - key.length) > MAX_DISTANCE || name.key.charCodeAt(0) !== key.charCodeAt(0))
          continue;
        letters ??= letterCounts(key);
        if (!withinOneEditByCounts(letters, name.letters)) continue;
        if (DamerauLevenshteinDistance(key, name.key) > MAX_DISTANCE) continue;
        if (best && best.name.code !== name.code) ties++;
        else best = { name, from, to };
      }
    }
    if (best) {
      const written = sourceText(field, best.from, best.to);
      const asName = isUnaccented(written) || written.split(' ').every((w) => isTitleCase(w) || isAllCaps(w));
      if (!asName) return undefined;
    }
    if (!best || ties > 0) return undefined;
    const hitFirst = Math.min(first, best.from);
    const hitLast = Math.max(last, best.to);
    const entries: GazetteerEntry[] = [{ kind: 'unit', code: best.name.code, strength: 'medium' }];
    const unit = this.gazetteer.units.get(best.name.code);
    return {
      code: best.name.code,
      hit: { fieldIndex, first: hitFirst, last: hitLast, entries },
      written: sourceText(field, best.from, best.to),
      intended: unit?.core ?? best.name.key,
    };
  }
}
