/**
 * Whether a text is English rather than Vietnamese (accented or not): English function words that no Vietnamese
 * syllable folds onto ("the" is "thế", "in" is "in", "on" is "ổn", so they are not among them). Two such words, at
 * least one syllable in twelve, and more of them than syllables written with Vietnamese diacritics make the text
 * English: a Vietnamese text quoting an English name ("giải Best School of the Year") stays Vietnamese, and an
 * English text that spells "Gò Vấp" with its accents stays English.
 */
import type { Syllables } from './syllables';

const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  'of',
  'and',
  'was',
  'were',
  'is',
  'are',
  'with',
  'for',
  'from',
  'has',
  'have',
  'had',
  'after',
  'by',
  'their',
  'his',
  'her',
  'been',
  'will',
  'this',
  'students',
  'student',
  'school',
  'schools',
  'teacher',
  'teachers',
  'pupils',
  'children',
  'parents',
]);

const MIN_WORDS = 2;
const MIN_SHARE = 1 / 12;

/** English function words, and the same minus syllables written with Vietnamese diacritics. */
function englishCounts(text: Syllables): [words: number, balance: number] {
  let words = 0;
  let accented = 0;
  const { folded, lower } = text;
  for (let i = 0; i < folded.length; i++) {
    if (ENGLISH_WORDS.has(folded[i])) words++;
    else if (text.accented && lower[i] !== folded[i]) accented++;
  }
  return [words, words - accented];
}

/** Whether the texts, read together, are English. */
export function isEnglish(texts: readonly Syllables[]): boolean {
  let words = 0;
  let balance = 0;
  let syllables = 0;
  for (const t of texts) {
    const [w, b] = englishCounts(t);
    words += w;
    balance += b;
    syllables += t.folded.length;
  }
  return words >= MIN_WORDS && words >= syllables * MIN_SHARE && balance > 0;
}
