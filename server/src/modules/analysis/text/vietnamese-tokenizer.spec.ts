import { hashToken, shingles, sourceRange, syllables, tokenize, tokenizeText } from './vietnamese-tokenizer';
import { isStopword, withoutStopwords } from './vietnamese-stopwords';

describe('tokenizeText', () => {
  it('splits syllables and keeps punctuation as separate tokens', () => {
    const list = tokenizeText('Trường THCS Nguyễn Du (Q.Gò Vấp), TP.HCM');
    expect(list.texts).toEqual([
      'truong',
      'thcs',
      'nguyen',
      'du',
      '(',
      'q',
      '.',
      'go',
      'vap',
      ')',
      ',',
      'tp',
      '.',
      'hcm',
    ]);
    const words = list.texts.map((_, k) => (list.isWord(k) ? 1 : 0));
    expect(words).toEqual([1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1]);
    // "." in "Q.Gò" is glued to the next syllable; "," is followed by a space
    expect(list.spaceAfter(6)).toBe(false);
    expect(list.spaceAfter(10)).toBe(true);
  });

  it('maps token ranges to the source text, NFD included', () => {
    const source = 'Học sinh Trường Mầm non Sơn Ca'.normalize('NFD');
    const list = tokenizeText(source);
    const range = sourceRange(list, 3, 6);
    expect(source.slice(range.start, range.end).normalize('NFC')).toBe('Mầm non Sơn Ca');
  });

  it('keeps numbers glued to letters as one token', () => {
    expect(tokenizeText('P12, Q1 và phường 12').texts).toEqual(['p12', ',', 'q1', 'va', 'phuong', '12']);
  });
});

describe('token hashes', () => {
  it('hash the folded token, so NFC, NFD and unaccented spellings agree', () => {
    const nfc = tokenizeText('Trường Nguyễn Du');
    const nfd = tokenizeText('Trường Nguyễn Du'.normalize('NFD'));
    const plain = tokenizeText('TRUONG nguyen du');
    expect(nfd.hashes).toEqual(nfc.hashes);
    expect(plain.hashes).toEqual(nfc.hashes);
    expect(nfc.hashes).toEqual(['truong', 'nguyen', 'du'].map((t) => hashToken(t)));
  });

  it('check a token against a folded word without building it', () => {
    const list = tokenizeText('Nguyễn Dung'.normalize('NFD'));
    expect(list.foldsTo(0, 'nguyen')).toBe(true);
    expect(list.foldsTo(1, 'du')).toBe(false);
    expect(list.foldsTo(1, 'dung')).toBe(true);
    expect(list.foldsTo(1, 'dungx')).toBe(false);
  });
});

describe('tokenize', () => {
  it('returns token objects with source offsets', () => {
    const tokens = tokenize('Gò Vấp.');
    expect(tokens).toEqual([
      { text: 'go', start: 0, end: 2, word: true },
      { text: 'vap', start: 3, end: 6, word: true },
      { text: '.', start: 6, end: 7, word: false },
    ]);
  });
});

describe('syllables and shingles', () => {
  it('returns folded syllables without punctuation', () => {
    expect(syllables('Phụ huynh "tố" nhà trường!')).toEqual(['phu', 'huynh', 'to', 'nha', 'truong']);
  });

  it('builds syllable n-grams', () => {
    expect(shingles(['phu', 'huynh', 'to'], 2)).toEqual(['phu huynh', 'huynh to']);
    expect(shingles(['a'], 2)).toEqual([]);
  });
});

describe('stopwords', () => {
  it('recognises stopwords with or without accents', () => {
    expect(isStopword('của')).toBe(true);
    expect(isStopword('cua')).toBe(true);
    expect(isStopword('Cho biết')).toBe(true);
    expect(isStopword('học sinh')).toBe(false);
  });

  it('drops two-syllable stopwords before single ones', () => {
    expect(withoutStopwords(['ong', 'cho', 'biet', 'hoc', 'sinh', 'bi', 'danh'])).toEqual(['hoc', 'sinh', 'danh']);
  });
});
