/**
 * Syllable view of a text shared by tone, topic and story grouping. Every analyser works on folded syllables
 * (lowercase, no diacritics, đ→d) so that unaccented social-media text matches the same lexicon, but the
 * lowercase accented syllable is kept beside it: when the writer did use diacritics, an entry may insist on
 * its accented form, which tells "đánh" (hit) from "danh" (name) or "sập" (collapse) from "sắp" (about to).
 * The text is tokenised once per item and the result handed to each stage.
 */
import {
  FOLD_COMPLEX,
  FOLD_SPACE,
  foldCharacter as sharedFoldCharacter,
  foldCodeUnit as sharedFoldCodeUnit,
  toNfc as sharedToNfc,
} from '@mw/shared';

// Bound once: a barrel re-export is a property getter, and these run for every character of every item.
const foldCharacter = sharedFoldCharacter;
const toNfc = sharedToNfc;
const foldCodeUnit = sharedFoldCodeUnit;

export interface Syllables {
  /** Folded syllables: lowercase ASCII letters and digits. */
  readonly folded: readonly string[];
  /** The same syllables, lowercase NFC with diacritics. */
  readonly lower: readonly string[];
  /** Index of the clause each syllable belongs to; punctuation starts a new clause. */
  readonly clause: readonly number[];
  /** True when the writer used diacritics, so accented forms can be trusted. */
  readonly accented: boolean;
}

const BREAKS = new Set(['.', ',', ';', ':', '!', '?', '…', '(', ')', '[', ']', '"', '“', '”', '\n']);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Per character: 1 letter or digit, 2 clause break, 0 anything else. Texts use a few dozen distinct ones. */
const kinds = new Map<string, number>();
/** The same for single code units below KIND_TABLE_SIZE, -1 until first seen. */
const KIND_TABLE_SIZE = 0x3000;
const kindTable = new Int8Array(KIND_TABLE_SIZE).fill(-1);

function kindOfCode(code: number): number {
  let kind = kindTable[code];
  if (kind < 0) {
    kind = kindOf(String.fromCharCode(code));
    kindTable[code] = kind;
  }
  return kind;
}

function kindOf(ch: string): number {
  const code = ch.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return 1;
  if (code === 32) return 0;
  let kind = kinds.get(ch);
  if (kind === undefined) {
    kind = BREAKS.has(ch) ? 2 : LETTER_OR_DIGIT.test(ch) ? 1 : 0;
    kinds.set(ch, kind);
  }
  return kind;
}

/** One pass over the characters builds both spellings of every syllable and the clause numbers. */
export function toSyllables(text: string): Syllables {
  const source = toNfc(text).toLowerCase();
  const length = source.length;
  const lower: string[] = [];
  const folded: string[] = [];
  const clause: number[] = [];
  let clauseIndex = 0;
  let lastWasBreak = true;
  let marked = 0;
  // A syllable is a run of letters and digits, so it is sliced from the source; only a syllable holding a
  // non-ASCII character needs its folded spelling built piece by piece.
  let wordStart = -1;
  let plain = true;
  let i = 0;
  while (i <= length) {
    let kind = 0;
    let width = 1;
    if (i < length) {
      const code = source.charCodeAt(i);
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
        if (wordStart < 0) wordStart = i;
        i++;
        continue;
      }
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
        const next = source.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) width = 2;
      }
      kind = width === 1 && code < KIND_TABLE_SIZE ? kindOfCode(code) : kindOf(source.slice(i, i + width));
      if (kind === 1) {
        if (wordStart < 0) wordStart = i;
        plain = false;
        i += width;
        continue;
      }
    }
    if (wordStart >= 0) {
      const word = source.slice(wordStart, i);
      const foldedWord = plain ? word : foldWord(word);
      lower.push(word);
      folded.push(foldedWord);
      clause.push(clauseIndex);
      if (word !== foldedWord) marked++;
      wordStart = -1;
      plain = true;
      lastWasBreak = false;
    }
    if (kind === 2) {
      if (!lastWasBreak) clauseIndex++;
      lastWasBreak = true;
    }
    i += width;
  }
  // Ordinary Vietnamese prose carries diacritics on well over half its syllables; a few marked ones in an
  // otherwise bare text (a name typed with accents) do not make the rest trustworthy.
  const accented = lower.length > 0 && marked / lower.length >= 0.2;
  return { folded, lower, clause, accented };
}

/** Folded spelling of one syllable, character by character as foldCharacter would, via the fold table. */
function foldWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 128) {
      out += word[i];
      continue;
    }
    const f = foldCodeUnit(code);
    if (f >= 0) {
      out += String.fromCharCode(f);
    } else if (f === FOLD_COMPLEX) {
      const width = code >= 0xd800 && code <= 0xdbff && i + 1 < word.length ? 2 : 1;
      out += foldCharacter(word.slice(i, i + width));
      i += width - 1;
    } else if (f === FOLD_SPACE) {
      out += ' ';
    }
  }
  return out;
}

/** Folded unigrams and bigrams, the features of the classifiers and of story shingles. */
export function syllableGrams(folded: readonly string[], out: string[] = []): string[] {
  for (let i = 0; i < folded.length; i++) {
    out.push(folded[i]);
    if (i + 1 < folded.length) out.push(folded[i] + ' ' + folded[i + 1]);
  }
  return out;
}
