/**
 * Syllable view of a text shared by tone, topic and story grouping. Every analyser works on folded syllables
 * (lowercase, no diacritics, đ→d) so that unaccented social-media text matches the same lexicon, but the
 * lowercase accented syllable is kept beside it: when the writer did use diacritics, an entry may insist on
 * its accented form, which tells "đánh" (hit) from "danh" (name) or "sập" (collapse) from "sắp" (about to).
 * The text is tokenised once per item and the result handed to each stage.
 */
import { foldCharacter as sharedFoldCharacter, toNfc as sharedToNfc } from '@mw/shared';

// Bound once: a barrel re-export is a property getter, and these run for every character of every item.
const foldCharacter = sharedFoldCharacter;
const toNfc = sharedToNfc;

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
  const lower: string[] = [];
  const folded: string[] = [];
  const clause: number[] = [];
  let clauseIndex = 0;
  let lastWasBreak = true;
  let word = '';
  let foldedWord = '';
  let marked = 0;
  const flush = (): void => {
    if (word === '') return;
    lower.push(word);
    folded.push(foldedWord);
    clause.push(clauseIndex);
    if (word !== foldedWord) marked++;
    word = '';
    foldedWord = '';
    lastWasBreak = false;
  };
  for (const ch of source) {
    const kind = kindOf(ch);
    if (kind === 1) {
      word += ch;
      foldedWord += ch.charCodeAt(0) < 128 ? ch : foldCharacter(ch);
      continue;
    }
    flush();
    if (kind === 2) {
      if (!lastWasBreak) clauseIndex++;
      lastWasBreak = true;
    }
  }
  flush();
  // Ordinary Vietnamese prose carries diacritics on well over half its syllables; a few marked ones in an
  // otherwise bare text (a name typed with accents) do not make the rest trustworthy.
  const accented = lower.length > 0 && marked / lower.length >= 0.2;
  return { folded, lower, clause, accented };
}

/** Folded unigrams and bigrams, the features of the classifiers and of story shingles. */
export function syllableGrams(folded: readonly string[], out: string[] = []): string[] {
  for (let i = 0; i < folded.length; i++) {
    out.push(folded[i]);
    if (i + 1 < folded.length) out.push(folded[i] + ' ' + folded[i + 1]);
  }
  return out;
}
