import { NaiveBayes, trainNaiveBayes } from '../tone/naive-bayes';
import { toSyllables } from '../tone/syllables';
import { EducationGate, gatedEducation, gateMayVeto, isEducationItem } from './education';

const text = (title: string, summary = '') => ({ title: toSyllables(title), summary: toSyllables(summary) });

describe('the education decision', () => {
  it('takes an item by its cues, in the title or the summary', () => {
    expect(isEducationItem(text('Điểm chuẩn lớp 10 năm nay'), 0)).toBe(true);
    expect(isEducationItem(text('Giá vàng tăng', 'Nhiều sinh viên xếp hàng mua vàng.'), 0)).toBe(true);
    expect(isEducationItem(text('Giá vàng tăng', 'Nhà đầu tư xếp hàng mua vàng.'), 0)).toBe(false);
    expect(isEducationItem(text('Giá vàng tăng'), 1)).toBe(true);
  });

  it('lets the gate veto only accented text naming no Gò Vấp unit', () => {
    expect(gateMayVeto(text('Giá vàng tăng', 'Nhiều sinh viên xếp hàng.'), 0)).toBe(true);
    expect(gateMayVeto(text('Gia vang tang', 'Nhieu sinh vien xep hang.'), 0)).toBe(false);
    expect(gateMayVeto(text('Students queue for gold'), 0)).toBe(false);
    expect(gateMayVeto(text('Giá vàng tăng'), 1)).toBe(false);
  });

  it('accepts an item when the regression gives education at least the threshold', () => {
    // Feature 3 speaks for education, feature 5 against it; feature 7 was pruned (no weight).
    const model = { labels: ['no', 'yes'], bias: [0, 0], weights: [3, -2, 2, 5, 2, -2] };
    const encoder = new NaiveBayes(
      trainNaiveBayes(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((f) => ({ features: [f, f], label: 'x' }))),
    );
    const gate = new EducationGate(model, encoder, 10, 0.6);
    expect(gate.probability(Int32Array.from([3]))).toBeCloseTo(1 / (1 + Math.exp(-4)));
    expect(gate.accepts(Int32Array.from([3]))).toBe(true);
    expect(gate.accepts(Int32Array.from([5]))).toBe(false);
    // Nothing known: one half, below the threshold.
    expect(gate.probability(Int32Array.from([7]))).toBeCloseTo(0.5);
    expect(gate.accepts(Int32Array.from([7]))).toBe(false);
    // Gram strings are read through the encoder the gate was trained on.
    for (const grams of [['a'], ['d', 'f'], ['h', 'unknown']])
      expect(gate.probability(grams)).toBeCloseTo(gate.probability(encoder.encode(grams)));
  });

  it('decides with the gate only where it may veto, and asks it only then', () => {
    const asked: boolean[] = [];
    const accepts = (answer: boolean) => () => (asked.push(answer), answer);
    expect(gatedEducation(true, false, accepts(false))).toBe(true);
    expect(gatedEducation(false, true, accepts(true))).toBe(false);
    expect(asked).toEqual([]);
    expect(gatedEducation(true, true, accepts(false))).toBe(false);
    expect(gatedEducation(true, true, accepts(true))).toBe(true);
  });
});
