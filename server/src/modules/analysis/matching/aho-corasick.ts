/**
 * Aho–Corasick automaton over syllable tokens. Every school name, alias and place word becomes one path of token ids,
 * so a single left-to-right pass over a text's tokens reports every pattern occurrence, whatever the number of
 * patterns. Working on whole tokens makes syllable boundaries free: "nguyen dung" never contains "nguyen du".
 * Tokens are looked up by the hash of their folded text (then checked), so scanning a text builds no strings.
 */
import { PairTable } from '../tables/pair-table';
import { hashToken } from '../text/vietnamese-tokenizer';

/** Tokens as the automaton reads them: a hash per token and a check that token k folds to a given word. */
export interface HashedTokens {
  readonly count: number;
  readonly hashes: readonly number[];
  foldsTo(k: number, word: string): boolean;
}

export interface AutomatonHit<P> {
  /** Index of the first and last token of the occurrence. */
  first: number;
  last: number;
  payloads: readonly P[];
}

export class TokenAutomaton<P> {
  private readonly vocabulary = new Map<string, number>();
  /**
   * Token hash → token id, so a scan over a text's ranges never slices token strings; COLLISION sends to `collisions`.
   */
  private readonly idByHash = new Map<number, number>();
  private readonly words: string[] = [];
  private readonly collisions = new Map<number, number[]>();
  private readonly transitions: Map<number, number>[] = [new Map()];
  private readonly outputs: P[][] = [[]];
  private depth: number[] = [0];
  /** The transitions of every node as one (node, token id) → child table, built by build() for scanning. */
  private next = new PairTable(0);
  private fail = new Int32Array(1);
  private outputLink = new Int32Array(1);
  private built = false;

  get size(): number {
    return this.transitions.length;
  }

  /** Adds a pattern given as folded tokens; an empty pattern is ignored. */
  add(tokens: readonly string[], payload: P): void {
    if (this.built) throw new Error('TokenAutomaton: add() after build()');
    if (tokens.length === 0) return;
    let node = 0;
    for (const token of tokens) {
      let id = this.vocabulary.get(token);
      if (id === undefined) {
        id = this.vocabulary.size;
        this.vocabulary.set(token, id);
        this.words.push(token);
        const hash = hashToken(token);
        const previous = this.idByHash.get(hash);
        if (previous === undefined) {
          this.idByHash.set(hash, id);
        } else {
          const bucket = this.collisions.get(hash) ?? (previous === COLLISION ? [] : [previous]);
          bucket.push(id);
          this.collisions.set(hash, bucket);
          this.idByHash.set(hash, COLLISION);
        }
      }
      let next = this.transitions[node].get(id);
      if (next === undefined) {
        next = this.transitions.length;
        this.transitions.push(new Map());
        this.outputs.push([]);
        this.depth.push(this.depth[node] + 1);
        this.transitions[node].set(id, next);
      }
      node = next;
    }
    this.outputs[node].push(payload);
  }

  /** Computes failure and output links (breadth first). */
  build(): this {
    const count = this.transitions.length;
    this.next = new PairTable(count);
    this.transitions.forEach((children, node) => {
      for (const [id, child] of children) this.next.set(node, id, child);
    });
    this.fail = new Int32Array(count);
    this.outputLink = new Int32Array(count);
    const queue: number[] = [];
    for (const child of this.transitions[0].values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      for (const [id, child] of this.transitions[node]) {
        let f = this.fail[node];
        while (f !== 0 && !this.transitions[f].has(id)) f = this.fail[f];
        const target = this.transitions[f].get(id);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const failNode = this.fail[child];
        this.outputLink[child] = this.outputs[failNode].length > 0 ? failNode : this.outputLink[failNode];
        queue.push(child);
      }
    }
    this.built = true;
    return this;
  }

  /** Reports every pattern occurrence in `tokens` (folded token texts), in order of their last token. */
  scan(tokens: readonly string[], onHit: (hit: AutomatonHit<P>) => void): void {
    this.scanTokens(
      { count: tokens.length, hashes: tokens.map((t) => hashToken(t)), foldsTo: (k, word) => tokens[k] === word },
      onHit,
    );
  }

  /** Same as scan, over a tokenizer's hashed tokens. */
  scanTokens(tokens: HashedTokens, onHit: (hit: AutomatonHit<P>) => void): void {
    this.run(tokens.count, (k) => this.idOf(tokens, k), onHit);
  }

  private idOf(tokens: HashedTokens, k: number): number {
    const id = this.idByHash.get(tokens.hashes[k]);
    if (id === undefined) return -1;
    if (id === COLLISION) {
      const bucket = this.collisions.get(tokens.hashes[k]) ?? [];
      return bucket.find((candidate) => tokens.foldsTo(k, this.words[candidate])) ?? -1;
    }
    return tokens.foldsTo(k, this.words[id]) ? id : -1;
  }

  private run(count: number, idAt: (k: number) => number, onHit: (hit: AutomatonHit<P>) => void): void {
    if (!this.built) throw new Error('TokenAutomaton: scan() before build()');
    let state = 0;
    for (let k = 0; k < count; k++) {
      const id = idAt(k);
      if (id < 0) {
        state = 0;
        continue;
      }
      let child = this.next.get(state, id);
      while (child < 0 && state !== 0) {
        state = this.fail[state];
        child = this.next.get(state, id);
      }
      state = child < 0 ? 0 : child;
      let node = this.outputs[state].length > 0 ? state : this.outputLink[state];
      while (node !== 0) {
        onHit({ first: k - this.depth[node] + 1, last: k, payloads: this.outputs[node] });
        node = this.outputLink[node];
      }
    }
  }
}

const COLLISION = -2;
