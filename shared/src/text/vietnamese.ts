/**
 * Pure Vietnamese text helpers used by the server's matcher and by the dashboard's search box.
 *
 * Folding turns "Trường THCS Nguyễn Du (Q.Gò Vấp)" into "truong thcs nguyen du (q.go vap)": lowercase, no tone or
 * vowel marks, đ→d, one space between words. Feeds arrive in NFC, NFD or without accents at all, so folding is what
 * lets one dictionary match all three. `foldWithOffsets` also keeps, for every folded character, the range of the
 * original string it came from, so a name found in the folded text can be highlighted in the text a person reads.
 */

const COMBINING_MARK = /[\u0300-\u036f]/g;
const WHITESPACE = /\s/;

export function toNfc(s: string): string {
  return s.normalize('NFC');
}

function foldUncached(ch: string): string {
  if (WHITESPACE.test(ch)) return ' ';
  return ch.toLowerCase().normalize('NFD').replace(COMBINING_MARK, '').replace(/đ/g, 'd');
}

/** Folds one character (a full code point) to zero or more lowercase unaccented characters; whitespace → ' '. */
export function foldCharacter(ch: string): string {
  return foldUncached(ch);
}

/** A folded string plus, for each of its characters, the [start, end) range in the source string. */
export interface FoldedText {
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/**
 * Folds `source` (any normalisation form) and records where each folded character came from. Runs of whitespace
 * become one space; leading and trailing whitespace is dropped. Offsets refer to `source` as given, so callers that
 * want spans in NFC text pass NFC text. Plain arrays, not typed arrays: allocating small typed arrays per text costs
 * more than the folding itself.
 */
export function foldWithOffsets(source: string): FoldedText {
  const length = source.length;
  const codes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pendingSpace = -1;
  let i = 0;
  while (i < length) {
    const code = source.charCodeAt(i);
    let folded = foldCodeTable[code];
    if (folded === 0) folded = fillFoldCode(code);
    if (folded === SPACE) {
      if (codes.length > 0 && pendingSpace < 0) pendingSpace = i;
      i++;
      continue;
    }
    if (folded === DROP) {
      // A lone combining mark (NFD input): it belongs to the character before it.
      if (codes.length > 0 && pendingSpace < 0) ends[ends.length - 1] = i + 1;
      i++;
      continue;
    }
    let piece: string | undefined;
    let width = 1;
    if (folded === COMPLEX) {
      width = code >= 0xd800 && code <= 0xdbff && i + 1 < length ? 2 : 1;
      piece = foldUncached(source.slice(i, i + width));
      if (piece === ' ') {
        if (codes.length > 0 && pendingSpace < 0) pendingSpace = i;
        i += width;
        continue;
      }
    }
    if (pendingSpace >= 0) {
      codes.push(32);
      starts.push(pendingSpace);
      ends.push(pendingSpace + 1);
      pendingSpace = -1;
    }
    if (piece === undefined) {
      codes.push(folded);
      starts.push(i);
      ends.push(i + 1);
    } else {
      for (let k = 0; k < piece.length; k++) {
        codes.push(piece.charCodeAt(k));
        starts.push(i);
        ends.push(i + width);
      }
    }
    i += width;
  }
  return { text: codesToString(codes), starts, ends };
}

const CHUNK = 8192;

function codesToString(codes: number[]): string {
  if (codes.length <= CHUNK) return String.fromCharCode.apply(null, codes);
  let out = '';
  for (let k = 0; k < codes.length; k += CHUNK) out += String.fromCharCode.apply(null, codes.slice(k, k + CHUNK));
  return out;
}

/**
 * Folds without keeping offsets (the fast path the matcher runs on every item); same result as foldWithOffsets.
 * Characters that fold to themselves (lowercase ASCII, digits, punctuation) are copied in runs, not one by one.
 */
export function foldText(source: string): string {
  const length = source.length;
  let out = '';
  let pendingSpace = false;
  let runStart = -1;
  let i = 0;
  while (i < length) {
    const code = source.charCodeAt(i);
    let folded = foldCodeTable[code];
    if (folded === 0) folded = fillFoldCode(code);
    if (folded === code) {
      if (runStart < 0) {
        if (pendingSpace) {
          out += ' ';
          pendingSpace = false;
        }
        runStart = i;
      }
      i++;
      continue;
    }
    if (runStart >= 0) {
      out += source.slice(runStart, i);
      runStart = -1;
    }
    if (folded === DROP) {
      i++;
      continue;
    }
    let piece: string;
    if (folded === SPACE) {
      piece = ' ';
      i++;
    } else if (folded === COMPLEX) {
      const width = code >= 0xd800 && code <= 0xdbff && i + 1 < length ? 2 : 1;
      piece = foldUncached(source.slice(i, i + width));
      i += width;
    } else {
      piece = String.fromCharCode(folded);
      i++;
    }
    if (piece === ' ') {
      if (out.length > 0) pendingSpace = true;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += piece;
  }
  if (runStart >= 0) out += source.slice(runStart);
  return out;
}

/*
 * Per-code-unit fold table: 0 = not computed yet, SPACE = whitespace, DROP = combining mark, COMPLEX = folds to
 * several characters or is half of a surrogate pair, otherwise the folded code unit itself.
 */
const SPACE = -1;
const DROP = -2;
const COMPLEX = -3;
const foldCodeTable = new Int32Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  foldCodeTable[c] = c === 32 || (c >= 9 && c <= 13) ? SPACE : c >= 65 && c <= 90 ? c + 32 : c === 0 ? COMPLEX : c;
}

function fillFoldCode(code: number): number {
  let value: number;
  if (code >= 0xd800 && code <= 0xdfff) {
    value = COMPLEX;
  } else {
    const piece = foldUncached(String.fromCharCode(code));
    value = piece === ' ' ? SPACE : piece.length === 0 ? DROP : piece.length === 1 ? piece.charCodeAt(0) : COMPLEX;
  }
  foldCodeTable[code] = value;
  return value;
}

/** What `foldCodeUnit` returns for whitespace, for a combining mark, and for a unit needing `foldCharacter`. */
export const FOLD_SPACE = SPACE;
export const FOLD_DROP = DROP;
export const FOLD_COMPLEX = COMPLEX;

/**
 * Folded code unit of one UTF-16 code unit, or FOLD_SPACE / FOLD_DROP / FOLD_COMPLEX (several characters, or half of
 * a surrogate pair: fold the whole character with foldCharacter). For tight loops that fold and scan in one pass.
 */
export function foldCodeUnit(code: number): number {
  const folded = foldCodeTable[code];
  return folded === 0 ? fillFoldCode(code) : folded;
}

/** Folded form: NFC, lowercase, diacritics stripped, đ→d, whitespace collapsed and trimmed. */
export function fold(s: string): string {
  return foldText(toNfc(s));
}

/** Maps a [start, end) range of folded text back to the range of the source string it was folded from. */
export function originalRange(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  if (end <= start || start >= folded.starts.length) return { start: 0, end: 0 };
  return { start: folded.starts[start], end: folded.ends[Math.min(end, folded.ends.length) - 1] };
}
