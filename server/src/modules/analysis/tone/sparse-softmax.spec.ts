import { SparseSoftmax, trainSparseSoftmax } from './sparse-softmax';

const doc = (ids: number[], label: string) => ({ ids: Int32Array.from(ids), label });

describe('sparse softmax regression', () => {
  // Feature 0 and 1 mark the classes; 2 occurs everywhere; 3 never helps.
  const docs = [
    ...Array.from({ length: 20 }, () => doc([0, 2], 'positive')),
    ...Array.from({ length: 20 }, () => doc([1, 2], 'negative')),
    ...Array.from({ length: 5 }, () => doc([2, 3], 'neutral')),
  ];
  const labels = ['negative', 'neutral', 'positive'];

  it('learns which grams mark which class, the rare class included', () => {
    const model = new SparseSoftmax(trainSparseSoftmax(docs, labels), 4);
    const p = (ids: number[]) => model.probabilities(Int32Array.from(ids));
    expect(p([0, 2]).indexOf(Math.max(...p([0, 2])))).toBe(2);
    expect(p([1, 2]).indexOf(Math.max(...p([1, 2])))).toBe(0);
    expect(p([2, 3]).indexOf(Math.max(...p([2, 3])))).toBe(1);
    expect(p([0, 2]).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('counts a repeated gram once, as in training, and is the same on every call', () => {
    const model = new SparseSoftmax(trainSparseSoftmax(docs, labels), 4);
    const once = model.probabilities(Int32Array.from([0, 2]));
    expect(model.probabilities(Int32Array.from([0, 0, 2, 2, 0]))).toEqual(once);
    expect(model.probabilities(Int32Array.from([0, 2]))).toEqual(once);
  });

  it('trains deterministically and stores only weights that matter', () => {
    const a = trainSparseSoftmax(docs, labels);
    expect(trainSparseSoftmax(docs, labels)).toEqual(a);
    const stored = new Set(a.weights.filter((_, i) => i % 4 === 0));
    expect(stored.has(0)).toBe(true);
    expect(stored.has(1)).toBe(true);
  });

  it('reads an empty item as the prior', () => {
    const model = new SparseSoftmax(trainSparseSoftmax(docs, labels), 4);
    const p = model.probabilities(new Int32Array(0));
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1);
  });
});
