/**
 * A multinomial naive Bayes over folded syllable uni- and bigrams. Written here rather than taken from
 * `natural` because prediction sits on the hot path (thousands of items a second) and the model must round-trip
 * through a small committed JSON file. The stored form holds the raw counts, sparse (most features occur in one
 * or two labels), and the log-likelihoods are derived when the classifier is built.
 */
import { PairTable } from '../tables/pair-table';

export interface NaiveBayesModel {
  readonly labels: string[];
  /** Training documents per label. */
  readonly docCounts: number[];
  readonly vocab: string[];
  /** Per feature, flattened pairs [labelIndex, count, labelIndex, count, ...] for the labels it occurs in. */
  readonly counts: number[][];
  /** Laplace smoothing. */
  readonly alpha: number;
}

export interface TrainingDoc {
  readonly features: readonly string[];
  readonly label: string;
}

export interface NaiveBayesOptions {
  readonly alpha?: number;
  /** Features seen fewer times across all documents are dropped, which keeps the model small and less noisy. */
  readonly minCount?: number;
}

export function trainNaiveBayes(docs: readonly TrainingDoc[], options: NaiveBayesOptions = {}): NaiveBayesModel {
  const alpha = options.alpha ?? 0.5;
  const minCount = options.minCount ?? 2;
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  const total = new Map<string, number>();
  for (const d of docs) for (const f of d.features) total.set(f, (total.get(f) ?? 0) + 1);
  const vocab = [...total.entries()]
    .filter(([, n]) => n >= minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const perFeature = vocab.map(() => new Map<number, number>());
  const docCounts = labels.map(() => 0);
  for (const d of docs) {
    const li = labels.indexOf(d.label);
    docCounts[li]++;
    for (const f of d.features) {
      const fi = index.get(f);
      if (fi !== undefined) perFeature[fi].set(li, (perFeature[fi].get(li) ?? 0) + 1);
    }
  }
  const counts = perFeature.map((m) => [...m.entries()].sort((a, b) => a[0] - b[0]).flat());
  return { labels, docCounts, vocab, counts, alpha };
}

export class NaiveBayes {
  readonly labels: readonly string[];
  private readonly index: Map<string, number>;
  private readonly logPrior: number[];
  /** Feature-major log-likelihoods, so one lookup serves every label. */
  private readonly byFeature: Float64Array;
  /**
   * The vocabulary split into syllables, so encodeSyllableGrams can look bigrams up by a pair of syllable numbers
   * instead of building and hashing a "a b" string for every pair of syllables in the text.
   */
  private readonly syllableIds = new Map<string, number>();
  /** Feature id of the unigram per syllable number, -1 when the syllable is only part of bigrams. */
  private readonly unigramIds: number[] = [];
  /** Feature id per bigram, keyed by its two syllable numbers. */
  private readonly bigramIds: PairTable;

  constructor(model: NaiveBayesModel) {
    const k = model.labels.length;
    const v = model.vocab.length;
    this.labels = model.labels;
    this.index = new Map(model.vocab.map((f, i) => [f, i]));
    const docs = model.docCounts.reduce((a, b) => a + b, 0);
    this.logPrior = model.docCounts.map((n) => Math.log((n + 1) / (docs + k)));
    const totals = new Array<number>(k).fill(0);
    for (const pairs of model.counts) for (let p = 0; p < pairs.length; p += 2) totals[pairs[p]] += pairs[p + 1];
    const denom = totals.map((t) => Math.log(t + model.alpha * v));
    const unseen = denom.map((d) => Math.log(model.alpha) - d);
    this.byFeature = new Float64Array(v * k);
    for (let f = 0; f < v; f++) {
      for (let l = 0; l < k; l++) this.byFeature[f * k + l] = unseen[l];
      const pairs = model.counts[f];
      for (let p = 0; p < pairs.length; p += 2) {
        this.byFeature[f * k + pairs[p]] = Math.log(pairs[p + 1] + model.alpha) - denom[pairs[p]];
      }
    }
    const split = model.vocab.map((f) => f.split(' '));
    for (const parts of split) {
      if (parts.length > 2) continue;
      for (const part of parts) {
        if (!this.syllableIds.has(part)) {
          this.syllableIds.set(part, this.unigramIds.length);
          this.unigramIds.push(-1);
        }
      }
    }
    this.bigramIds = new PairTable(split.filter((parts) => parts.length === 2).length);
    // Later duplicates of a vocabulary entry win, as they do in `index`.
    split.forEach((parts, f) => {
      if (parts.length === 1) this.unigramIds[this.syllableIds.get(parts[0]) as number] = f;
      else if (parts.length === 2) {
        const a = this.syllableIds.get(parts[0]) as number;
        const b = this.syllableIds.get(parts[1]) as number;
        this.bigramIds.set(a, b, f);
      }
    });
  }

  /** True when `other` has the same vocabulary, so one encode() serves both. */
  sharesVocabulary(other: NaiveBayes): boolean {
    if (other.index.size !== this.index.size) return false;
    for (const [f, i] of this.index) if (other.index.get(f) !== i) return false;
    return true;
  }

  /** Feature ids of the known features; unknown ones are dropped. */
  encode(features: readonly string[]): Int32Array {
    const ids = new Int32Array(features.length);
    let n = 0;
    for (const f of features) {
      const fi = this.index.get(f);
      if (fi !== undefined) ids[n++] = fi;
    }
    return ids.subarray(0, n);
  }

  /**
   * The same ids as encode() of syllableGrams() of each sequence in turn (every syllable, then it and the next one
   * joined by a space), without building the gram strings.
   */
  encodeSyllableGrams(sequences: readonly (readonly string[])[]): Int32Array {
    let total = 0;
    for (const seq of sequences) total += 2 * seq.length;
    const ids = new Int32Array(total);
    let n = 0;
    let previous = 0;
    for (let q = 0; q < sequences.length; q++) {
      const seq = sequences[q];
      if (q > 0 && seq === sequences[q - 1]) {
        // The same sequence again (items give their title twice): its ids are the ones just written.
        ids.copyWithin(n, n - previous, n);
        n += previous;
        continue;
      }
      const start = n;
      let next = seq.length > 0 ? this.syllableIds.get(seq[0]) : undefined;
      for (let i = 0; i < seq.length; i++) {
        const current = next;
        next = i + 1 < seq.length ? this.syllableIds.get(seq[i + 1]) : undefined;
        if (current === undefined) continue;
        const uni = this.unigramIds[current];
        if (uni >= 0) ids[n++] = uni;
        if (next !== undefined) {
          const bi = this.bigramIds.get(current, next);
          if (bi >= 0) ids[n++] = bi;
        }
      }
      previous = n - start;
    }
    return ids.subarray(0, n);
  }

  /** Takes feature strings, or ids from encode() of a classifier with the same vocabulary. */
  posterior(features: readonly string[] | Int32Array, temperature = 1): number[] {
    return this.posteriorOf(features instanceof Int32Array ? features : this.encode(features), temperature);
  }

  /**
   * Posterior probabilities in the order of `labels`. A temperature above 1 flattens them: naive Bayes adds up
   * every feature as if independent, so on its own it is nearly always certain.
   */
  posteriorOf(ids: Int32Array, temperature = 1): number[] {
    const k = this.labels.length;
    const scores = this.logPrior.slice();
    for (let n = 0; n < ids.length; n++) {
      const base = ids[n] * k;
      for (let l = 0; l < k; l++) scores[l] += this.byFeature[base + l];
    }
    if (temperature !== 1) for (let l = 0; l < k; l++) scores[l] /= temperature;
    let max = -Infinity;
    for (const s of scores) if (s > max) max = s;
    let sum = 0;
    for (let l = 0; l < k; l++) {
      scores[l] = Math.exp(scores[l] - max);
      sum += scores[l];
    }
    return scores.map((s) => s / sum);
  }
}
