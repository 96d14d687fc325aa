/**
 * Lexicon half of the sentiment: sums the weights of tone terms found in the title and summary, after
 * three adjustments a reader makes without thinking. A negator shortly before a term turns it around
 * ("không an toàn" is bad, "không có ai bị thương" is relief, weaker than the injury would have been); a degree
 * word beside it scales it ("rất", "nghiêm trọng"); and a contrast word ("nhưng", "tuy nhiên") makes the
 * clause after it count more than the one before, since that is where Vietnamese puts the point.
 */
import { CONTRASTS, INTENSIFIERS, NEGATORS, TONE_LEXICON, type ToneEntry } from './tone-lexicon';
import { ENGLISH_CONTRASTS, ENGLISH_INTENSIFIERS, ENGLISH_NEGATORS, ENGLISH_TONE_LEXICON } from './tone-lexicon-en';
import { PhraseIndex, type PhraseMatch } from './phrase-index';
import type { Syllables } from './syllables';

export interface ToneTerm {
  /** The words as written, negator or degree word included. */
  readonly text: string;
  readonly contribution: number;
}

export interface LexiconTone {
  /** Sum of contributions; unbounded. */
  readonly raw: number;
  readonly terms: ToneTerm[];
}

const NEGATION_REACH = 4;
const INTENSIFIER_REACH = 2;
/** A negated bad word reads as relief, but a weak one: "không ai tử vong" is still a story about danger. */
const NEGATED_NEGATIVE = -0.4;
const NEGATED_POSITIVE = -0.8;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
/** A strict word seen without diacritics ("danh" may be "đánh" or "danh") counts for less. */
const LOOSE = 0.5;

const terms = new PhraseIndex<ToneEntry>(TONE_LEXICON, { looseInUnaccented: true });
const negators = new PhraseIndex<ToneEntry>(NEGATORS);
const intensifiers = new PhraseIndex<ToneEntry>(INTENSIFIERS);
const contrasts = new PhraseIndex<ToneEntry>(CONTRASTS);

interface Lexicon {
  readonly terms: PhraseIndex<ToneEntry>;
  readonly negators: PhraseIndex<ToneEntry>;
  readonly intensifiers: PhraseIndex<ToneEntry>;
  readonly contrasts: PhraseIndex<ToneEntry>;
}

const VIETNAMESE: Lexicon = { terms, negators, intensifiers, contrasts };
const ENGLISH: Lexicon = {
  terms: new PhraseIndex<ToneEntry>(ENGLISH_TONE_LEXICON),
  negators: new PhraseIndex<ToneEntry>(ENGLISH_NEGATORS),
  intensifiers: new PhraseIndex<ToneEntry>(ENGLISH_INTENSIFIERS),
  contrasts: new PhraseIndex<ToneEntry>(ENGLISH_CONTRASTS),
};

/** `english`: read the text with the English lexicon (see english.ts) instead of the Vietnamese one. */
export function scoreTone(text: Syllables, fieldWeight = 1, english = false): LexiconTone {
  const { terms, negators, intensifiers, contrasts } = english ? ENGLISH : VIETNAMESE;
  const found = terms.findLongest(text);
  if (found.length === 0) return { raw: 0, terms: [] };
  const negs = negators.findLongest(text);
  const degs = intensifiers.findLongest(text);
  const turns = contrasts.findLongest(text);
  const lastTurn = turns.length > 0 ? turns[turns.length - 1].start : -1;
  let raw = 0;
  const out: ToneTerm[] = [];
  for (const m of found) {
    if (m.entry.weight === 0 || containedIn(m, negs) || containedIn(m, degs)) continue;
    let weight = m.loose ? m.entry.weight * LOOSE : m.entry.weight;
    let from = m.start;
    let to = m.end;
    const neg = nearestBefore(negs, m, NEGATION_REACH, text);
    if (neg) {
      weight *= weight < 0 ? NEGATED_NEGATIVE : NEGATED_POSITIVE;
      from = neg.start;
    }
    const pre = nearestBefore(degs, m, INTENSIFIER_REACH, text);
    if (pre) {
      weight *= pre.entry.weight;
      from = Math.min(from, pre.start);
    }
    const post = nearestAfter(degs, m, INTENSIFIER_REACH, text);
    if (post) {
      weight *= post.entry.weight;
      to = post.end;
    }
    if (lastTurn >= 0) weight *= m.start > lastTurn ? AFTER_CONTRAST : BEFORE_CONTRAST;
    weight *= fieldWeight;
    raw += weight;
    out.push({ text: text.lower.slice(from, to).join(' '), contribution: Math.round(weight * 100) / 100 });
  }
  return { raw, terms: out };
}

function containedIn(m: PhraseMatch<ToneEntry>, others: PhraseMatch<ToneEntry>[]): boolean {
  for (const o of others) if (o.start <= m.start && m.end <= o.end) return true;
  return false;
}

function nearestBefore(
  list: PhraseMatch<ToneEntry>[],
  m: PhraseMatch<ToneEntry>,
  reach: number,
  text: Syllables,
): PhraseMatch<ToneEntry> | undefined {
  let best: PhraseMatch<ToneEntry> | undefined;
  for (const o of list) {
    if (o.end <= m.start && m.start - o.end <= reach && text.clause[o.start] === text.clause[m.start]) best = o;
  }
  return best;
}

function nearestAfter(
  list: PhraseMatch<ToneEntry>[],
  m: PhraseMatch<ToneEntry>,
  reach: number,
  text: Syllables,
): PhraseMatch<ToneEntry> | undefined {
  for (const o of list) {
    if (o.start >= m.end && o.start - m.end < reach && text.clause[o.start] === text.clause[m.end - 1]) return o;
  }
  return undefined;
}
