/**
 * What the unit matcher works on: the item's fields as token lists, the automaton's hits, and the small text tests
 * (capitalisation, sentences, the longest non-overlapping hits) that every judging step shares.
 */
import { fold } from '@mw/shared';

import type { AliasStrength, GazetteerEntry } from '../gazetteer/gazetteer';
import { sourceRange, type TokenList } from '../text/vietnamese-tokenizer';

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

export const SENTENCE_END = new Set(['.', '!', '?', ';', '|', '…']);

export interface FieldText {
  field: MatchField;
  text: string;
  tokens: TokenList;
  sentence?: number[];
}

export interface Hit {
  fieldIndex: number;
  first: number;
  last: number;
  entries: readonly GazetteerEntry[];
}

export interface UnitHit {
  hit: Hit;
  strength: AliasStrength;
  nearGoVap: number;
  nearElsewhere: number;
  /** How the evidence should call this name when not simply "tên trường" (a misspelt name). */
  label?: string;
}

export const STRENGTH_RANK: Record<AliasStrength, number> = { strong: 3, medium: 2, weak: 1 };

export function isTitleCase(word: string): boolean {
  const first = word[0];
  if (!first || first === first.toLowerCase()) return false;
  return word.length === 1 || word.slice(1) !== word.slice(1).toUpperCase();
}

export function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

export function sentenceIds(tokens: TokenList): number[] {
  const ids = new Array<number>(tokens.count);
  let id = 0;
  for (let k = 0; k < tokens.count; k++) {
    ids[k] = id;
    if (!tokens.isWord(k) && tokens.spaceAfter(k) && SENTENCE_END.has(tokens.tokenText(k))) id++;
  }
  return ids;
}

/** Longest-first choice of non-overlapping hits (ties: leftmost), not overlapping any `taken` hit. */
export function selectLongest(hits: Hit[], taken: readonly Hit[]): Hit[] {
  hits.sort((a, b) => b.last - b.first - (a.last - a.first) || a.fieldIndex - b.fieldIndex || a.first - b.first);
  const chosen: Hit[] = [];
  const overlaps = (a: Hit, b: Hit): boolean => a.fieldIndex === b.fieldIndex && a.first <= b.last && b.first <= a.last;
  for (const hit of hits) {
    if (taken.some((t) => overlaps(t, hit)) || chosen.some((c) => overlaps(c, hit))) continue;
    chosen.push(hit);
  }
  return chosen.sort((a, b) => a.fieldIndex - b.fieldIndex || a.first - b.first);
}

export function sourceText(field: FieldText, first: number, last: number): string {
  const range = sourceRange(field.tokens, first, last);
  return field.text.slice(range.start, range.end);
}

/** True when the folded and the written text are the same: the text was written without accents. */
export function isUnaccented(text: string): boolean {
  return fold(text) === text.toLowerCase();
}
