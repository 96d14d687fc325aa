import { SentimentLabel } from '@mw/shared';
import { SentimentAnalyzer } from './sentiment-analyzer';
import { toSyllables } from './syllables';
import { scoreTone } from './tone-scorer';

const raw = (text: string): number => scoreTone(toSyllables(text)).raw;

describe('scoreTone', () => {
  it('scores domain words of bad and good school news', () => {
    expect(raw('Học sinh bị bạo lực, phụ huynh bức xúc')).toBeLessThan(-3);
    expect(raw('Em học sinh trả lại của rơi được tuyên dương')).toBeGreaterThan(3);
    expect(raw('Trường tổ chức họp phụ huynh đầu năm')).toBe(0);
  });

  it('matches unaccented text like accented text', () => {
    expect(raw('hoc sinh bi danh hoi dong phai nhap vien')).toBeCloseTo(
      raw('Học sinh bị đánh hội đồng phải nhập viện'),
      5,
    );
    expect(raw('co giao duoc khen thuong vi tan tam')).toBeGreaterThan(2);
  });

  it('does not take a harmless word for a strict one when diacritics disagree', () => {
    expect(raw('Danh sách học sinh sắp nhập học')).toBe(0);
    expect(raw('Học sinh chạy bộ quanh sân trường')).toBe(0);
    expect(raw('Đám cháy tại phòng thí nghiệm')).toBeLessThan(0);
  });

  it('counts a strict word in unaccented text at half weight, and ignores toneless longer phrases', () => {
    expect(raw('co giao danh tre')).toBeCloseTo(raw('cô giáo đánh trẻ') / 2, 5);
    expect(raw('Thi đánh giá năng lực')).toBe(0);
  });

  it('turns a negated term around, weaker for relief than for a lost praise', () => {
    expect(raw('Trường chưa được khen thưởng')).toBeLessThan(0);
    const relief = raw('Không có học sinh nào bị thương');
    expect(relief).toBeGreaterThan(0);
    expect(relief).toBeLessThan(-raw('Có học sinh bị thương'));
    expect(raw('Bếp ăn không an toàn')).toBeLessThan(0);
    expect(raw('khong co hoc sinh nao bi thuong')).toBeGreaterThan(0);
  });

  it('scales a term by degree words before or after it', () => {
    expect(raw('Cơ sở vật chất xuống cấp nghiêm trọng')).toBeLessThan(raw('Cơ sở vật chất xuống cấp'));
    expect(raw('Cô giáo rất tận tâm')).toBeGreaterThan(raw('Cô giáo tận tâm'));
  });

  it('lets the clause after "nhưng" outweigh the one before', () => {
    expect(raw('Giáo viên tận tâm nhưng cơ sở vật chất xuống cấp')).toBeLessThan(0);
    expect(raw('Cơ sở vật chất xuống cấp nhưng giáo viên tận tâm')).toBeGreaterThan(0);
    expect(raw('co so vat chat xuong cap nhung giao vien tan tam')).toBeGreaterThan(0);
  });

  it('reports the words that drove the score as written', () => {
    const { terms } = scoreTone(toSyllables('Phụ huynh rất bức xúc vì lạm thu'));
    expect(terms.map((t) => t.text)).toEqual(['rất bức xúc', 'lạm thu']);
  });
});

describe('SentimentAnalyzer without a trained model', () => {
  const analyzer = new SentimentAnalyzer(null, null);
  const analyze = (title: string, summary = '') => {
    const texts = { title: toSyllables(title), summary: toSyllables(summary), content: toSyllables('') };
    return analyzer.analyze(texts, [], { incident: 0, theme: 0, learnedIncident: 0 });
  };

  it('labels by the lexicon and keeps the score in [-1, 1]', () => {
    const bad = analyze('Học sinh tử vong sau tai nạn nghiêm trọng', 'Phụ huynh rất bức xúc');
    expect(bad.label).toBe(SentimentLabel.Negative);
    expect(bad.score).toBeGreaterThanOrEqual(-1);
    expect(analyze('Học sinh đạt giải nhất, được tuyên dương').label).toBe(SentimentLabel.Positive);
    expect(analyze('Lịch khai giảng năm học mới').label).toBe(SentimentLabel.Neutral);
    expect(bad.terms).toEqual(['tai nạn nghiêm trọng', 'tử vong', 'rất bức xúc']);
  });
});
