import { toItemText } from '../pipeline/analysis-model';
import { isEnglish } from './english';
import { scoreTone } from './tone-scorer';

const texts = (title: string, summary = '') => {
  const t = toItemText(title, summary);
  return [t.title, t.summary];
};

describe('isEnglish', () => {
  it('tells English from Vietnamese, with or without diacritics', () => {
    expect(isEnglish(texts('Students injured in fight at a secondary school', 'Two of the students were hurt.'))).toBe(
      true,
    );
    expect(isEnglish(texts('Học sinh bị đánh ở trường THCS', 'Hai em bị thương.'))).toBe(false);
    expect(isEnglish(texts('Hoc sinh bi danh o truong THCS', 'Hai em bi thuong, phu huynh buc xuc.'))).toBe(false);
    expect(isEnglish(texts('Trường THCS Nguyễn Du đạt giải Best School of the Year'))).toBe(false);
  });
});

describe('scoreTone in English', () => {
  const tone = (s: string) => scoreTone(toItemText(s).title, 1, true).raw;

  it('reads English bad and good news words, and leaves Vietnamese alone', () => {
    expect(tone('Two students injured in a fight')).toBeLessThan(0);
    expect(tone('Pupils win first prize at the city contest')).toBeGreaterThan(0);
    expect(tone('School announces the new semester schedule')).toBe(0);
    // "dam" is a dam in English and "đâm" (stab) in Vietnamese: the English lexicon does not read Vietnamese words.
    expect(tone('The dam was closed')).toBe(0);
  });

  it('turns a negated injury into weak relief', () => {
    expect(tone('no students were injured')).toBeGreaterThan(0);
    expect(tone('no students were injured')).toBeLessThan(-tone('students were injured'));
  });
});
