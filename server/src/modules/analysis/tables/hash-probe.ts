/**
 * A set of 32-bit hashes for counting what other sets share with it: one item is compared with some twenty story
 * members, and probing its set with each member's elements costs less than merging two sorted arrays, whose
 * unpredictable three-way branch dominated the comparison. Cleared by a stamp, so it is loaded without allocating.
 */
export class HashProbe {
  private mask = 0;
  private keys = new Uint32Array(0);
  private stamps = new Uint32Array(0);
  private stamp = 0;

  /** Replaces the set with `values` (distinct); the table grows to stay at most a quarter full. */
  load(values: Uint32Array): void {
    if (values.length * 4 > this.keys.length) {
      let size = 64;
      while (size < values.length * 4) size *= 2;
      this.mask = size - 1;
      this.keys = new Uint32Array(size);
      this.stamps = new Uint32Array(size);
      this.stamp = 0;
    }
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      const slot = this.slotOf(v, stamp);
      this.stamps[slot] = stamp;
      this.keys[slot] = v;
    }
  }

  /** How many of `values` (distinct) are in the set. */
  count(values: Uint32Array): number {
    const stamp = this.stamp;
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      if (this.stamps[this.slotOf(values[i] as number, stamp)] === stamp) n++;
    }
    return n;
  }

  /** The slot holding `v`, or the free slot where it would go (linear probing from its hash). */
  private slotOf(v: number, stamp: number): number {
    let slot = Math.imul(v, 0x9e3779b1) >>> 16;
    for (;;) {
      slot &= this.mask;
      if (this.stamps[slot] !== stamp || this.keys[slot] === v) return slot;
      slot++;
    }
  }
}
