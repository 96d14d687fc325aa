/**
 * Finds lexicon phrases in a syllable sequence. Phrases are keyed by their folded form so unaccented text
 * matches; a `strict` phrase additionally needs diacritics that agree with its own (see syllables.ts).
 * Lookups grow the key one syllable at a time and stop as soon as no phrase starts that way, so the cost per
 * syllable is a few map probes whatever the lexicon size.
 */
import { fold, toNfc } from '@mw/shared';
import type { Syllables } from './syllables';

export interface PhraseEntry {
  readonly phrase: string;
  readonly strict?: boolean;
}

export interface PhraseMatch<T extends PhraseEntry> {
  readonly entry: T;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** A strict phrase found in unaccented text, where it may be the harmless word: callers weigh it less. */
  readonly loose: boolean;
}

export interface PhraseIndexOptions {
  /** Let strict phrases match unaccented text too, flagged `loose`. Off for grammar words such as negators. */
  readonly looseInUnaccented?: boolean;
}

/** A trie over folded syllables: the phrases whose key ends here, and the syllables that may follow. */
interface Node<T> {
  readonly hits: { entry: T; lower: string }[];
  readonly next: Map<string, Node<T>>;
}

export class PhraseIndex<T extends PhraseEntry> {
  private readonly root: Node<T> = { hits: [], next: new Map() };

  private readonly loose: boolean;

  constructor(entries: readonly T[], options: PhraseIndexOptions = {}) {
    this.loose = options.looseInUnaccented ?? false;
    for (const entry of entries) {
      const lower = toNfc(entry.phrase).toLowerCase().trim().split(/\s+/u).join(' ');
      let node = this.root;
      for (const part of fold(lower).split(' ')) {
        let child = node.next.get(part);
        if (!child) {
          child = { hits: [], next: new Map() };
          node.next.set(part, child);
        }
        node = child;
      }
      node.hits.push({ entry, lower });
    }
  }

  /** Every phrase occurrence, overlapping ones included, ordered by start then length. */
  findAll(text: Syllables): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const { folded } = text;
    for (let i = 0; i < folded.length; i++) {
      // Walking the trie syllable by syllable finds the same keys as joining syllables, without building strings.
      let node = this.root.next.get(folded[i]);
      for (let j = i + 1; node !== undefined; j++) {
        for (const hit of node.hits) {
          const verdict = this.accepts(hit.entry, hit.lower, text, i, j);
          if (verdict !== 'no') out.push({ entry: hit.entry, start: i, end: j, loose: verdict === 'loose' });
        }
        if (j >= folded.length) break;
        node = node.next.get(folded[j]);
      }
    }
    return out;
  }

  /** Longest matches first, without overlaps, in text order. */
  findLongest(text: Syllables): PhraseMatch<T>[] {
    const all = this.findAll(text);
    const out: PhraseMatch<T>[] = [];
    let covered = 0;
    for (let k = 0; k < all.length; k++) {
      const m = all[k];
      if (m.start < covered) continue;
      let best = m;
      while (k + 1 < all.length && all[k + 1].start === m.start) {
        k++;
        if (all[k].end > best.end) best = all[k];
      }
      out.push(best);
      covered = best.end;
    }
    return out;
  }

  private accepts(entry: T, lower: string, text: Syllables, start: number, end: number): 'yes' | 'loose' | 'no' {
    if (!entry.strict) return 'yes';
    if (!text.accented) return this.loose ? 'loose' : 'no';
    return text.lower.slice(start, end).join(' ') === lower ? 'yes' : 'no';
  }
}
