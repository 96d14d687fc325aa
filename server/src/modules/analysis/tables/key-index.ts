/**
 * A hash map from 32-bit integer keys to values, by open addressing with linear probing and backward-shift
 * deletion. The story clusterer's index takes some thirty keys per item and drops them again when the story
 * leaves the window; with a Map each of those insertions, lookups and deletions cost more than comparing the
 * item with its candidates. Here a key is an Int32Array slot and a value a parallel array entry.
 */
export class KeyIndex<V> {
  private keys: Int32Array;
  private values: (V | undefined)[];
  private used: Uint8Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.values = new Array<V | undefined>(size).fill(undefined);
    this.used = new Uint8Array(size);
  }

  get size(): number {
    return this.count;
  }

  get(key: number): V | undefined {
    for (let slot = this.home(key); this.used[slot] === 1; slot = (slot + 1) & this.mask) {
      if (this.keys[slot] === key) return this.values[slot];
    }
    return undefined;
  }

  set(key: number, value: V): void {
    let slot = this.home(key);
    while (this.used[slot] === 1) {
      if (this.keys[slot] === key) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    this.used[slot] = 1;
    this.keys[slot] = key;
    this.values[slot] = value;
    if (++this.count * 2 > this.mask + 1) this.grow();
  }

  delete(key: number): void {
    let slot = this.home(key);
    while (this.used[slot] === 1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    if (this.used[slot] === 0) return;
    this.count--;
    // Shift later entries of the probe run back so that no lookup meets an empty slot before its key.
    let hole = slot;
    for (let next = (hole + 1) & this.mask; this.used[next] === 1; next = (next + 1) & this.mask) {
      const home = this.home(this.keys[next]);
      const reachable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (reachable) {
        this.keys[hole] = this.keys[next];
        this.values[hole] = this.values[next];
        hole = next;
      }
    }
    this.used[hole] = 0;
    this.values[hole] = undefined;
  }

  private home(key: number): number {
    const h = Math.imul(key, 0x9e3779b1);
    return (h ^ (h >>> 16)) & this.mask;
  }

  private grow(): void {
    const { keys, values, used } = this;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.values = new Array<V | undefined>(size).fill(undefined);
    this.used = new Uint8Array(size);
    this.count = 0;
    for (let slot = 0; slot < used.length; slot++) if (used[slot] === 1) this.set(keys[slot], values[slot] as V);
  }
}
