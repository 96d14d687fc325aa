import { isOrdinaryName } from './ordinary-names';
import { loadSeedGazetteer } from './seed-gazetteer';
import { parseSchoolName } from './school-names';

describe('parseSchoolName', () => {
  it.each([
    ['Trường MN Hoàng  Yến (CL)', 'MN', ['MN'], 'truong', 'Hoàng Yến'],
    ['Lớp MG Thiên Thần Nhỏ 2', 'MN', ['MN'], 'lop', 'Thiên Thần Nhỏ 2'],
    ['Lớp Mẫu Giáo Thanh Ngọc', 'MN', ['MN'], 'lop', 'Thanh Ngọc'],
    ['Nhóm trẻ Bé Thỏ', 'MN', ['MN'], 'nhom', 'Bé Thỏ'],
    ['THCS Trường Sơn', 'THCS', ['THCS'], 'truong', 'Trường Sơn'],
    ['Tiểu học Phạm Ngũ Lão', 'TH', ['TH'], 'truong', 'Phạm Ngũ Lão'],
    ['THCS và THPT Hồng Hà', 'THPT', ['THCS', 'THPT'], 'truong', 'Hồng Hà'],
    ['TH - THCS - THPT Chu Văn An', 'TH', ['TH', 'THCS', 'THPT'], 'truong', 'Chu Văn An'],
    ['THCS Nguyễn Du Q1', 'THCS', ['THCS'], 'truong', 'Nguyễn Du'],
    ['Trường MN 1/6', 'MN', ['MN'], 'truong', '1/6'],
    ['Hoa Mai', 'MN', ['MN'], 'truong', 'Hoa Mai'],
  ])('reads %s', (name, fallback, levels, kind, core) => {
    const parsed = parseSchoolName(name, fallback);
    expect(parsed.levels.sort()).toEqual([...levels].sort());
    expect(parsed.kind).toBe(kind);
    expect(parsed.core).toBe(core);
  });
});

describe('seed gazetteer', () => {
  const gazetteer = loadSeedGazetteer();
  const byName = (name: string) => [...gazetteer.units.values()].find((u) => u.name === name);

  it('holds every unit and is cached', () => {
    expect(gazetteer.units.size).toBe(232);
    expect(loadSeedGazetteer()).toBe(gazetteer);
    expect(gazetteer.patternCount).toBeGreaterThan(5000);
  });

  it('writes strong aliases with level words and abbreviations, and a medium "trường" alias', () => {
    const unit = byName('THCS Nguyễn Du');
    const aliases = unit?.aliases.map((a) => `${a.strength}:${a.text}`);
    expect(aliases).toEqual(
      expect.arrayContaining([
        'strong:THCS Nguyễn Du',
        'strong:trung học cơ sở Nguyễn Du',
        'strong:trường THCS Nguyễn Du',
        'medium:trường Nguyễn Du',
      ]),
    );
    const kindergarten = byName('Trường MN Hoa Lan');
    expect(kindergarten?.aliases.map((a) => a.text)).toEqual(
      expect.arrayContaining(['mầm non Hoa Lan', 'MN Hoa Lan', 'mẫu giáo Hoa Lan', 'MG Hoa Lan']),
    );
  });

  it('gives no bare alias to weak names: short, person or street names, shared names', () => {
    for (const name of ['Trường MN Hoa Lan', 'THCS Nguyễn Du', 'TH Lê Thị Hồng Gấm', 'Nhóm trẻ Sao Việt']) {
      expect(byName(name)?.aliases.some((a) => a.strength === 'weak')).toBe(false);
    }
    expect(byName('Trường MN Phi Thuyền Apollo')?.aliases).toContainEqual({
      text: 'Phi Thuyền Apollo',
      strength: 'weak',
    });
  });

  it('marks names shared with other districts as ambiguous', () => {
    for (const name of [
      'THCS Nguyễn Du',
      'TH Lê Quý Đôn',
      'TH Kim Đồng',
      'TH Lương Thế Vinh',
      'THCS Quang Trung',
      'THCS Nguyễn Trãi',
    ]) {
      expect(byName(name)?.ambiguous).toBe(true);
    }
    expect(byName('THCS Nguyễn Du')?.sharedDistricts).toEqual(expect.arrayContaining(['Quận 1']));
    expect(byName('THCS Phan Tây Hồ')?.ambiguous).toBe(false);
  });

  it('calls a name distinctive only when it is unique, of two syllables or more, and not an everyday phrase', () => {
    for (const name of ['Trường MN Dế Mèn', 'Trường MN Mèo Kitty', 'Trường MN Phi Thuyền Apollo', 'Lớp MG Lan Hương']) {
      expect({ name, distinctive: byName(name)?.distinctiveName }).toEqual({ name, distinctive: true });
    }
    for (const name of [
      'Trường MN Hoa Mai', // shared with other districts
      'Nhóm trẻ Bé Thỏ',
      'Lớp MG Minh Tân', // shared with a Gò Vấp childminding group
      'Trường MN Trăng Non', // unique, but the new moon
      'Trường MN Mẹ Yêu',
      'Trường MN Bắc Mỹ',
      'Trường MN Bé Gấu 2', // an everyday phrase with a number
      'Trường MG SOS', // one syllable
      'Trường MN 1/6', // no syllable of letters
      'Trường MN An Nhơn', // a ward's name
      'Phòng Giáo dục và Đào tạo Gò Vấp',
    ]) {
      expect({ name, distinctive: byName(name)?.distinctiveName }).toEqual({ name, distinctive: false });
    }
  });
});

describe('isOrdinaryName', () => {
  it('knows everyday phrases in any spelling, with or without a trailing number', () => {
    expect(isOrdinaryName('Sao Việt')).toBe(true);
    expect(isOrdinaryName('ánh dương')).toBe(true);
    expect(isOrdinaryName('Hoa Mai 2')).toBe(true);
    expect(isOrdinaryName('Be Tho'.normalize('NFD'))).toBe(true);
    expect(isOrdinaryName('Dế Mèn')).toBe(false);
    expect(isOrdinaryName('Hoa Mai Vàng Anh')).toBe(false);
  });
});
