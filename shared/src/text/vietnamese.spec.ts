import { fold, foldCharacter, foldWithOffsets, originalRange, toNfc } from './vietnamese';

describe('toNfc', () => {
  it('composes decomposed Vietnamese letters', () => {
    const nfd = 'Nguyễn Du'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan('Nguyễn Du'.length);
    expect(toNfc(nfd)).toBe('Nguyễn Du');
  });
});

describe('fold', () => {
  it('lowercases, strips tone and vowel marks and maps đ to d', () => {
    expect(fold('Trường THCS Nguyễn Du')).toBe('truong thcs nguyen du');
    expect(fold('ĐÀO TẠO Đồng')).toBe('dao tao dong');
    expect(fold('Ơn ươ ă â ê ô')).toBe('on uo a a e o');
  });

  it('gives the same result for NFC, NFD and old-style tone placement', () => {
    expect(fold('Hòa Bình'.normalize('NFD'))).toBe('hoa binh');
    expect(fold('Hoà Bình')).toBe('hoa binh');
    expect(fold('Hùynh Khương An')).toBe(fold('Huỳnh Khương An'));
  });

  it('collapses and trims whitespace, including no-break spaces and newlines', () => {
    expect(fold('  Gò\u00a0\u00a0Vấp\n\tTP.HCM  ')).toBe('go vap tp.hcm');
  });

  it('keeps punctuation and digits', () => {
    expect(fold('Q.Gò Vấp, P.12 (CL)')).toBe('q.go vap, p.12 (cl)');
  });

  it('drops stray doubled combining marks', () => {
    expect(fold('Thống Nhấ\u0301t')).toBe('thong nhat');
  });
});

describe('foldCharacter', () => {
  it('folds single characters', () => {
    expect(foldCharacter('Ữ')).toBe('u');
    expect(foldCharacter('đ')).toBe('d');
    expect(foldCharacter('\u2009')).toBe(' ');
    expect(foldCharacter('7')).toBe('7');
  });
});

describe('foldWithOffsets', () => {
  it('maps a span found in folded text back to the original text', () => {
    const source = 'Học sinh  Trường THCS Nguyễn Du (quận Gò Vấp)';
    const folded = foldWithOffsets(source);
    const at = folded.text.indexOf('thcs nguyen du');
    const range = originalRange(folded, at, at + 'thcs nguyen du'.length);
    expect(source.slice(range.start, range.end)).toBe('THCS Nguyễn Du');
    const gv = folded.text.indexOf('go vap');
    const gvRange = originalRange(folded, gv, gv + 6);
    expect(source.slice(gvRange.start, gvRange.end)).toBe('Gò Vấp');
  });

  it('maps spans of NFD input onto whole decomposed letters', () => {
    const source = 'Trường Tiểu học Kim Đồng'.normalize('NFD');
    const folded = foldWithOffsets(source);
    expect(folded.text).toBe('truong tieu hoc kim dong');
    const at = folded.text.indexOf('kim dong');
    const range = originalRange(folded, at, at + 8);
    expect(source.slice(range.start, range.end).normalize('NFC')).toBe('Kim Đồng');
  });

  it('has one offset pair per folded character', () => {
    const folded = foldWithOffsets('  Ánh  Dương ');
    expect(folded.text).toBe('anh duong');
    expect(folded.starts.length).toBe(folded.text.length);
    expect(folded.ends.length).toBe(folded.text.length);
    expect(folded.starts[0]).toBe(2);
  });

  it('handles characters outside the basic plane', () => {
    const folded = foldWithOffsets('A😀b');
    expect(folded.text).toBe('a😀b');
    const range = originalRange(folded, 3, 4);
    expect(range).toEqual({ start: 3, end: 4 });
  });
});
