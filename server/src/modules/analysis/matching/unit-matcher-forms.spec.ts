import { loadSeedGazetteer, UnitMatcher, type MatchInput, type UnitMatch } from './unit-matcher';

const CODES = {
  nguyenDu: '79764502',
  phanTayHo: '79764507',
  leQuyDon: '79764421',
  thptGoVap: '79000724',
  nguyenCongTru: '79000725',
  office: 'GV-OFFICE',
};

const matcher = new UnitMatcher(loadSeedGazetteer());
const match = (title: string, extra: Partial<MatchInput> = {}): UnitMatch[] => matcher.match({ title, ...extra });
const codes = (title: string, extra: Partial<MatchInput> = {}): string[] => match(title, extra).map((m) => m.code);

describe('UnitMatcher: English and unaccented forms', () => {
  it('finds a school named with its English level after the name', () => {
    expect(codes('Student injured at Phan Tay Ho secondary school', { summary: 'It happened in Go Vap.' })).toEqual([
      CODES.phanTayHo,
    ]);
    const [m] = match('Nguyen Du Secondary School in Go Vap district bans phones');
    expect(m.code).toBe(CODES.nguyenDu);
    expect(m.spans[0].text).toBe('Nguyen Du Secondary School');
    expect(codes('Go Vap High School pupils win robotics prize')).toEqual([CODES.thptGoVap]);
    expect(codes('Nguyen Cong Tru high school in Go Vap District')).toEqual([CODES.nguyenCongTru]);
  });

  it('reads English district and ward forms as places', () => {
    expect(codes('Nguyen Du Secondary School, An Hoi Tay Ward, bans phones')).toEqual([CODES.nguyenDu]);
    expect(codes('Nguyen Du Secondary School (Ward 5, Go Vap District) bans phones')).toEqual([CODES.nguyenDu]);
  });

  it('still refuses a same-name school elsewhere written in English', () => {
    expect(codes('Nguyen Du Secondary School in District 1 bans phones')).toEqual([]);
    expect(codes('Nguyen Du primary school in Go Vap')).toEqual([]);
    expect(codes('truong thcs nguyen du quan 1 cho hs nghi hoc')).toEqual([]);
  });

  it('finds a misspelt name by string distance, only with Gò Vấp evidence', () => {
    const [m] = match('Học sinh Trường Tiểu học Lê Quí Đôn (quận Gò Vấp) bị đánh');
    expect(m.code).toBe(CODES.leQuyDon);
    expect(m.evidence[0]).toBe('tên trường viết gần đúng "Lê Quí Đôn" (≈ Lê Quý Đôn)');
    expect(codes('Phan Tay Hoo Secondary School pupils fight', { summary: 'in Go Vap district' })).toEqual([
      CODES.phanTayHo,
    ]);
    expect(codes('Phụ huynh Trường THCS Phan Tây Hổ phản ánh', { summary: 'ở quận Gò Vấp' })).toEqual([
      CODES.phanTayHo,
    ]);
    expect(codes('Học sinh Trường Tiểu học Lê Quí Đôn bị đánh', { summary: 'ở Quận 3' })).toEqual([]);
    // two letters off is another name
    expect(codes('Trường THCS Phan Tai Hoo ở quận Gò Vấp')).not.toContain(CODES.phanTayHo);
  });
});

describe('UnitMatcher: district-level news without a school named', () => {
  it('gives the office an education item placed in Gò Vấp or one of its wards', () => {
    const [m, ...rest] = match('Học sinh đánh nhau ở một trường THCS tại Gò Vấp');
    expect(rest).toEqual([]);
    expect(m.code).toBe(CODES.office);
    expect(m.evidence[0]).toMatch(/^tin cấp quận\/phường, không nêu tên trường/);
    expect(codes('A fight at a secondary school in Go Vap goes viral')).toEqual([CODES.office]);
    expect(codes('Phụ huynh ở phường An Hội Tây phản ánh việc thu tiền đầu năm')).toEqual([CODES.office]);
  });

  it('leaves news about other places, other matters and universities alone', () => {
    expect(codes('Cháy nhà dân ở quận Gò Vấp, không có thương vong')).toEqual([]);
    expect(codes('Học sinh đánh nhau ở một trường THCS tại Quận 3, gần Gò Vấp')).toEqual([]);
    expect(codes('Sinh viên một trường đại học ở Gò Vấp nhận học bổng')).toEqual([]);
    expect(
      codes('Tiếp sức ngoại ngữ cho sinh viên nghèo', { summary: 'Lớp học miễn phí ở phường An Hội Tây mỗi tối.' }),
    ).toEqual([]);
    expect(codes('Một trường THCS ở An Nhơn, Gia Lai bị phản ánh')).toEqual([]);
    // the letters of a ward inside ordinary words ("ban hành Thông tư" is not Hạnh Thông)
    expect(codes('Bộ GD-ĐT ban hành Thông tư mới về kỷ luật học sinh')).toEqual([]);
  });

  it('prefers a named school to the office', () => {
    expect(codes('Học sinh Trường THCS Phan Tây Hồ (Gò Vấp) đánh nhau')).toEqual([CODES.phanTayHo]);
  });
});

describe('UnitMatcher: schools named in passing', () => {
  it('does not tie a score table or an exam-venue list to the schools it lists', () => {
    expect(
      codes('Điểm chuẩn lớp 10 năm 2026 của TP.HCM', {
        summary:
          'Điểm chuẩn: THPT Gia Định 25; THPT Gò Vấp 22,5; THPT Nguyễn Công Trứ 23; THPT Trần Hưng Đạo 21; ' +
          'THPT Nguyễn Trung Trực 20.',
      }),
    ).toEqual([]);
    expect(
      codes('Các điểm thi lớp 10 ở Gò Vấp', {
        summary: 'Thí sinh thi tại THCS Nguyễn Du, THCS Phan Tây Hồ, THCS Gò Vấp và THCS Tân Sơn (quận Gò Vấp).',
      }),
    ).not.toContain(CODES.nguyenDu);
  });

  it('keeps a school the title names, and a short list of three', () => {
    expect(
      codes('THPT Nguyễn Công Trứ (Gò Vấp) có điểm chuẩn cao nhất quận', {
        summary:
          'THPT Gia Định 25; THPT Nguyễn Công Trứ 23; THPT Gò Vấp 22,5; THPT Trần Hưng Đạo 21; THPT Marie Curie 24.',
      }),
    ).toContain(CODES.nguyenCongTru);
    expect(codes('ba trường THPT Gò Vấp, Nguyễn Công Trứ và Trần Hưng Đạo tổ chức ngày hội')).toHaveLength(3);
  });
});
