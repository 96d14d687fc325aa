/**
 * Non-negative integer values by a pair of non-negative integers, in one open-addressing Int32Array of
 * [first, second, value] triples. The hot lookups of the analysis (a text's syllable pairs in the classifiers'
 * vocabulary, the matcher's automaton transitions) mostly miss, and a Map probe (bucket, then entry) touched more
 * memory per pair than this table's single slot run.
 */
export class PairTable {
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `count`: how many pairs will be set at most; the table stays at most half full. */
  constructor(count: number) {
    let size = 16;
    while (size < count * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 3).fill(-1);
  }

  set(a: number, b: number, value: number): void {
    let slot = this.slotOf(a, b);
    for (;;) {
      const at = slot * 3;
      if (this.slots[at] < 0 || (this.slots[at] === a && this.slots[at + 1] === b)) {
        this.slots[at] = a;
        this.slots[at + 1] = b;
        this.slots[at + 2] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The value of the pair, -1 when it was never set. */
  get(a: number, b: number): number {
    let slot = this.slotOf(a, b);
    for (;;) {
      const at = slot * 3;
      const first = this.slots[at];
      if (first < 0) return -1;
      if (first === a && this.slots[at + 1] === b) return this.slots[at + 2];
      slot = (slot + 1) & this.mask;
    }
  }

  private slotOf(a: number, b: number): number {
    const h = Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b);
    return (h ^ (h >>> 15)) & this.mask;
  }
}
