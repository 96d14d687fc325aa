import { KeyIndex } from './key-index';

describe('KeyIndex', () => {
  it('agrees with a Map over random insertions, lookups and deletions, through growth', () => {
    let x = 7;
    const next = (): number => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
    const index = new KeyIndex<number>(4);
    const map = new Map<number, number>();
    for (let step = 0; step < 60_000; step++) {
      // A small key range makes probe runs collide and wrap; the sign bit is exercised too.
      const key = ((next() % 3000) - 1500 + (step % 7 === 0 ? 0x7fffff00 : 0)) | 0;
      const op = next() % 10;
      if (op < 5) {
        index.set(key, step);
        map.set(key, step);
      } else if (op < 8) {
        index.delete(key);
        map.delete(key);
      }
      expect(index.get(key)).toBe(map.get(key));
      if (step % 5000 === 0) {
        expect(index.size).toBe(map.size);
        for (const [k, v] of map) expect(index.get(k)).toBe(v);
      }
    }
  });
});
