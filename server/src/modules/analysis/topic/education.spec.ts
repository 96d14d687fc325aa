import { toSyllables } from '../tone/syllables';
import { EducationGate, gateMayVeto, isEducationItem } from './education';

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
    const gate = new EducationGate(model, 10, 0.6);
    expect(gate.probability(Int32Array.from([3]))).toBeCloseTo(1 / (1 + Math.exp(-4)));
    expect(gate.accepts(Int32Array.from([3]))).toBe(true);
    expect(gate.accepts(Int32Array.from([5]))).toBe(false);
    // Nothing known: one half, below the threshold.
    expect(gate.probability(Int32Array.from([7]))).toBeCloseTo(0.5);
    expect(gate.accepts(Int32Array.from([7]))).toBe(false);
  });
});
