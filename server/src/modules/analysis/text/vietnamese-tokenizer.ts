/**
 * Syllable tokenizer for Vietnamese. Written syllables are separated by spaces, so a syllable is a run of letters and
 * digits of the folded text (see @mw/shared fold); every other visible character (".", ",", "(", "&", ...) is a token
 * of its own, so "Q.GV", "P.12" and "TP.HCM" keep their shape and a name never matches across punctuation.
 *
 * The matcher runs this on every feed item, so folding and tokenising happen in one pass over the source that builds
 * no strings: each token is a range of the source plus a hash of its folded text, which the matcher's automaton looks
 * up directly. Folded token strings, flags and the folded text itself are derived on demand. Dictionary word
 * segmentation is not attempted: callers who want word-like units use `shingles` over syllables.
 */
import * as sharedText from '@mw/shared';

// Bound once: a CommonJS re-export is a getter, far too slow to go through for every character of every item.
const foldCodeUnit: (code: number) => number = sharedText.foldCodeUnit;
const foldCharacter: (ch: string) => string = sharedText.foldCharacter;
const foldText: (s: string) => string = sharedText.foldText;
const { FOLD_COMPLEX, FOLD_DROP, FOLD_SPACE } = sharedText;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Cut to 30 bits so V8 keeps hashes as small integers. */
const HASH_MASK = 0x3fffffff;

/** Hash of a folded token: FNV-1a over its UTF-16 code units. */
export function hashToken(folded: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < folded.length; i++) h = Math.imul(h ^ folded.charCodeAt(i), FNV_PRIME);
  return h & HASH_MASK;
}

function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  // Folded text has no Vietnamese accents left; other scripts' letters still count as word characters.
  return c >= 0xc0 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f) && c !== 0xd7 && c !== 0xf7;
}

/** Tokens of one text: ranges of the source and hashes of their folded form. */
export class TokenList {
  private foldedTexts?: string[];

  constructor(
    readonly source: string,
    /** Start and end (exclusive) of each token in the source text. */
    readonly starts: number[],
    readonly ends: number[],
    readonly hashes: number[],
    /** 1 for a letter/digit run (a syllable or number), 0 for punctuation. */
    private readonly words: number[],
  ) {}

  get count(): number {
    return this.starts.length;
  }

  /** Folded text of token k. */
  tokenText(k: number): string {
    return this.foldedTexts ? this.foldedTexts[k] : foldText(this.source.slice(this.starts[k], this.ends[k]));
  }

  /** Folded texts of all tokens (built on first use). */
  get texts(): string[] {
    this.foldedTexts ??= this.starts.map((start, k) => foldText(this.source.slice(start, this.ends[k])));
    return this.foldedTexts;
  }

  /** True when the token is a letter/digit run (a syllable or number), false for punctuation. */
  isWord(k: number): boolean {
    return this.words[k] === 1;
  }

  /** True when whitespace (or the text's end) follows the token. */
  spaceAfter(k: number): boolean {
    const end = this.ends[k];
    return end >= this.source.length || foldCodeUnit(this.source.charCodeAt(end)) === FOLD_SPACE;
  }

  /** True when token k folds to exactly `word`; compares without building the token's string. */
  foldsTo(k: number, word: string): boolean {
    const { source } = this;
    const end = this.ends[k];
    let w = 0;
    for (let i = this.starts[k]; i < end; i++) {
      const folded = foldCodeUnit(source.charCodeAt(i));
      if (folded === FOLD_DROP) continue;
      if (folded < 0) return this.tokenText(k) === word;
      if (w >= word.length || word.charCodeAt(w) !== folded) return false;
      w++;
    }
    return w === word.length;
  }
}

/** Tokenizes `source`; ranges point into `source` as given (give NFC text for NFC ranges). */
export function tokenizeText(source: string): TokenList {
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  const words: number[] = [];
  const n = source.length;
  let inWord = false;
  let hash = 0;
  let i = 0;
  const closeWord = (): void => {
    if (!inWord) return;
    hashes.push(hash & HASH_MASK);
    inWord = false;
  };
  // One folded character `c` that came from source[a, b).
  const take = (c: number, a: number, b: number): void => {
    if (c === 32) {
      closeWord();
    } else if (isWordCode(c)) {
      if (!inWord) {
        starts.push(a);
        ends.push(b);
        words.push(1);
        hash = FNV_OFFSET;
        inWord = true;
      }
      hash = Math.imul(hash ^ c, FNV_PRIME);
      ends[ends.length - 1] = b;
    } else {
      closeWord();
      starts.push(a);
      ends.push(b);
      words.push(0);
      hashes.push(Math.imul(FNV_OFFSET ^ c, FNV_PRIME) & HASH_MASK);
    }
  };
  while (i < n) {
    const code = source.charCodeAt(i);
    const folded = foldCodeUnit(code);
    if (folded >= 0) {
      take(folded, i, i + 1);
      i++;
    } else if (folded === FOLD_SPACE) {
      closeWord();
      i++;
    } else if (folded === FOLD_DROP) {
      // A combining mark of NFD input belongs to the letter before it.
      if (inWord) ends[ends.length - 1] = i + 1;
      i++;
    } else if (folded === FOLD_COMPLEX) {
      const width = code >= 0xd800 && code <= 0xdbff && i + 1 < n ? 2 : 1;
      const piece = foldCharacter(source.slice(i, i + width));
      if (width === 2 && piece.length === 2 && !isWordCode(piece.charCodeAt(0))) {
        // A character outside the basic plane (emoji, symbol) is one punctuation token.
        closeWord();
        starts.push(i);
        ends.push(i + 2);
        words.push(0);
        hashes.push(hashToken(piece));
      } else {
        for (let k = 0; k < piece.length; k++) take(piece.charCodeAt(k), i, i + width);
      }
      i += width;
    }
  }
  closeWord();
  return new TokenList(source, starts, ends, hashes, words);
}

/** Range of tokens [first, last] in the source text. */
export function sourceRange(tokens: TokenList, first: number, last: number): { start: number; end: number } {
  return { start: tokens.starts[first], end: tokens.ends[last] };
}

export interface Token {
  text: string;
  start: number;
  end: number;
  word: boolean;
}

/** Tokens as objects, ranges in the source text. */
export function tokenize(source: string): Token[] {
  const list = tokenizeText(source);
  const out: Token[] = [];
  for (let k = 0; k < list.count; k++) {
    out.push({ text: list.tokenText(k), start: list.starts[k], end: list.ends[k], word: list.isWord(k) });
  }
  return out;
}

/** Folded syllables (letter/digit runs) of a text, punctuation dropped. */
export function syllables(source: string): string[] {
  const list = tokenizeText(source.normalize('NFC'));
  const out: string[] = [];
  for (let k = 0; k < list.count; k++) if (list.isWord(k)) out.push(list.tokenText(k));
  return out;
}

/** Runs of `size` consecutive syllables joined by a space: a dictionary-free stand-in for Vietnamese words. */
export function shingles(items: readonly string[], size: number): string[] {
  const out: string[] = [];
  for (let k = 0; k + size <= items.length; k++) out.push(items.slice(k, k + size).join(' '));
  return out;
}
