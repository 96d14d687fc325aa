import { PairTable } from './pair-table';

describe('PairTable', () => {
  it('agrees with a Map of pairs, later sets winning, misses as -1', () => {
    let x = 3;
    const next = (): number => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
    const table = new PairTable(2000);
    const map = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const a = next() % 300;
      const b = next() % 300;
      table.set(a, b, i);
      map.set(`${a} ${b}`, i);
    }
    for (let a = 0; a < 300; a++)
      for (let b = 0; b < 300; b++) expect(table.get(a, b)).toBe(map.get(`${a} ${b}`) ?? -1);
  });
});
