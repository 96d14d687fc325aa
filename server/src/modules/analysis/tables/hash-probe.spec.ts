import { HashProbe } from './hash-probe';

/** Elements common to two ascending arrays: what HashProbe.count must agree with. */
function mergeCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

function randomSet(size: number, range: number, next: () => number): Uint32Array {
  const values = new Set<number>();
  const wanted = Math.min(size, Math.floor(range / 2));
  while (values.size < wanted) values.add(next() % range);
  return Uint32Array.from([...values]).sort();
}

describe('HashProbe', () => {
  it('counts the elements two distinct sets share, as a sorted merge does, across reloads and growth', () => {
    let x = 12345;
    const next = (): number => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
    const probe = new HashProbe();
    for (let round = 0; round < 300; round++) {
      const range = round % 3 === 0 ? 0xffffffff : 400;
      const a = randomSet(next() % (round < 200 ? 170 : 1200), range, next);
      probe.load(a);
      for (let k = 0; k < 5; k++) {
        const b = randomSet(next() % 170, range, next);
        expect(probe.count(b)).toBe(mergeCount(a, b));
      }
    }
  });

  it('finds nothing in an empty set', () => {
    const probe = new HashProbe();
    probe.load(new Uint32Array(0));
    expect(probe.count(Uint32Array.of(0, 1, 0xffffffff))).toBe(0);
  });
});
