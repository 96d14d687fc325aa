import { loadLocalities } from '../../../database/seeds/seed-files';
import { loadSeedGazetteerData } from '../gazetteer/seed-gazetteer';
import { buildGazetteer, loadSeedGazetteer, UnitMatcher, type MatchInput, type UnitMatch } from './unit-matcher';

const CODES = {
  nguyenDu: '79764502',
  kimDong: '79764408',
  phanTayHo: '79764507',
  leHoan: '79764415',
  office: 'GV-OFFICE',
  saoViet: '79764W67',
  saoVietMy: '79764W92',
  thienThanNho2: '7976470',
  thienThanNho: '79764X33',
  thienThan: '79764W21',
  beTho: '79764103',
  hongHa: '79000810',
  leQuyDon: '79764421',
  deMen: '79764326',
  meoKitty: '79764W18',
  lanHuong: '79764WB3',
};

const matcher = new UnitMatcher(loadSeedGazetteer());
const match = (title: string, extra: Partial<MatchInput> = {}): UnitMatch[] => matcher.match({ title, ...extra });
const codes = (title: string, extra: Partial<MatchInput> = {}): string[] => match(title, extra).map((m) => m.code);

describe('UnitMatcher on the seed gazetteer', () => {
  it('matches an accented name with its district, with evidence and spans in the original text', () => {
    const title = 'Học sinh Trường THCS Nguyễn Du (quận Gò Vấp) bị đánh hội đồng';
    const [m, ...rest] = match(title);
    expect(rest).toHaveLength(0);
    expect(m.code).toBe(CODES.nguyenDu);
    expect(m.name).toBe('THCS Nguyễn Du');
    expect(m.confidence).toBeGreaterThanOrEqual(0.9);
    expect(m.evidence).toEqual(
      expect.arrayContaining(['tên trường "Trường THCS Nguyễn Du"', 'địa danh "quận Gò Vấp"']),
    );
    expect(m.spans).toEqual([{ field: 'title', start: 9, end: 30, text: 'Trường THCS Nguyễn Du' }]);
    expect(title.slice(m.spans[0].start, m.spans[0].end)).toBe(m.spans[0].text);
  });

  it('matches unaccented social-media text', () => {
    const [m] = match('truong thcs nguyen du go vap cho hs nghi hoc');
    expect(m.code).toBe(CODES.nguyenDu);
    expect(m.spans[0].text).toBe('truong thcs nguyen du');
  });

  it('matches NFD input and reports spans in its NFC form', () => {
    const title = 'Phụ huynh phản ánh Trường Tiểu học Kim Đồng, Q.Gò Vấp';
    const [m] = match(title.normalize('NFD'));
    expect(m.code).toBe(CODES.kimDong);
    expect(m.spans[0].text).toBe('Trường Tiểu học Kim Đồng');
    expect(title.slice(m.spans[0].start, m.spans[0].end)).toBe('Trường Tiểu học Kim Đồng');
  });

  it('finds names in the summary and content fields too', () => {
    const [m] = match('Lễ khai giảng năm học mới', {
      summary: 'Sáng nay, trường THCS Nguyễn Du ở phường An Hội Tây (quận Gò Vấp cũ) đón học sinh.',
    });
    expect(m.code).toBe(CODES.nguyenDu);
    expect(m.spans[0].field).toBe('summary');
  });

  it('respects syllable boundaries: Nguyễn Dung is not Nguyễn Du', () => {
    expect(codes('Trường THCS Nguyễn Dung, quận Gò Vấp')).not.toContain(CODES.nguyenDu);
    expect(codes('truong thcs nguyen dung go vap')).not.toContain(CODES.nguyenDu);
  });

  it('does not take a longer proper name for a school: Kim Đồng Tâm is not Kim Đồng', () => {
    expect(codes('Trường Tiểu học Kim Đồng Tâm ở quận Gò Vấp')).toEqual([]);
    expect(codes('Trường Tiểu học Kim Đồng ở quận Gò Vấp')).toEqual([CODES.kimDong]);
    // a place word right after the name is not a longer name
    expect(codes('Trường Tiểu học Kim Đồng Gò Vấp')).toEqual([CODES.kimDong]);
  });

  it('resolves overlapping names to the longest', () => {
    expect(codes('lop mg sao viet my o quan go vap')).toEqual([CODES.saoVietMy]);
    expect(codes('Lớp MG Thiên Thần Nhỏ 2, quận Gò Vấp')).toEqual([CODES.thienThanNho2]);
    expect(codes('Lớp MG Thiên Thần Nhỏ, quận Gò Vấp')).toEqual([CODES.thienThanNho]);
    expect(codes('Lớp MG Thiên Thần ở quận Gò Vấp')).toEqual([CODES.thienThan]);
  });

  it('rejects the same-name school of another district', () => {
    expect(match('Trường THCS Nguyễn Du (quận 1) tổ chức lễ khai giảng')).toEqual([]);
    expect(match('Trường THCS Nguyễn Du, Q.1, TP.HCM bị phản ánh thu tiền')).toEqual([]);
    // Gò Vấp named elsewhere in the item does not outweigh the district right next to the name
    expect(match('Giáo viên Gò Vấp dự giờ tại Trường THCS Nguyễn Du (quận 1)')).toEqual([]);
  });

  it('rejects a shared name without Gò Vấp evidence, and when another district is named', () => {
    expect(match('Học sinh Trường THCS Nguyễn Du giành huy chương vàng')).toEqual([]);
    expect(match('Học sinh Trường THCS Nguyễn Du (P.Xuân Hương - Đà Lạt) giành huy chương')).toEqual([]);
    expect(match('Trường THCS Nguyễn Du ở TP.HCM tổ chức hội trại')).toEqual([]);
  });

  it('accepts a post-2025 ward-only mention', () => {
    const [m] = match('Trường THCS Phan Tây Hồ, phường An Hội Tây, TP.HCM tổ chức ngày hội');
    expect(m.code).toBe(CODES.phanTayHo);
    expect(m.evidence).toContain('phường "phường An Hội Tây" (địa bàn Gò Vấp cũ)');
    // a shared name is accepted with the new ward as Gò Vấp evidence
    expect(codes('Trường Tiểu học Lê Quý Đôn (phường An Hội Tây, TP.HCM) khai giảng')).toEqual([CODES.leQuyDon]);
  });

  it('counts a numbered old ward only together with the district', () => {
    expect(match('Trường THCS Nguyễn Du, phường 12 tổ chức hội trại')).toEqual([]);
    const [m] = match('Trường THCS Nguyễn Du, phường 12, quận Gò Vấp tổ chức hội trại');
    expect(m.code).toBe(CODES.nguyenDu);
    expect(m.evidence).toContain('phường cũ "phường 12" cùng tên quận Gò Vấp');
  });

  it('accepts a name unique in the city on its own, with lower confidence', () => {
    const [m] = match('Trường tiểu học Lê Hoàn mở lớp dạy bơi miễn phí');
    expect(m.code).toBe(CODES.leHoan);
    expect(m.confidence).toBeGreaterThanOrEqual(0.5);
    expect(m.confidence).toBeLessThan(0.9);
    expect(match('Trường tiểu học Lê Hoàn ở Hà Nội mở lớp dạy bơi')).toEqual([]);
  });

  it('takes a foreign country next to the name as another school, but not an exchange abroad', () => {
    expect(match('Trường tiểu học Lê Hoàn tại Singapore tuyển giáo viên tiếng Việt')).toEqual([]);
    expect(codes('Trường tiểu học Lê Hoàn mở lớp dạy bơi miễn phí')).toEqual([CODES.leHoan]);
    // a country elsewhere in the item is a partner, not the school's place
    expect(codes('Học sinh Trường THCS Nguyễn Du (quận Gò Vấp) giao lưu trực tuyến với bạn bè Nhật Bản')).toEqual([
      CODES.nguyenDu,
    ]);
    expect(codes('Trường tiểu học Lê Hoàn đón đoàn giáo viên Phần Lan đến dự giờ')).toEqual([CODES.leHoan]);
  });

  it('does not read "Chủ tịch Hồ Chí Minh" or "Đội TNTP Hồ Chí Minh" as the city', () => {
    const evidenceOf = (title: string): string[] => match(title).flatMap((m) => m.evidence);
    expect(evidenceOf('Trường tiểu học Lê Hoàn ở TP Hồ Chí Minh dạy bơi').join(' ')).toContain('thành phố');
    expect(evidenceOf('Trường tiểu học Lê Hoàn học tập tấm gương Chủ tịch Hồ Chí Minh').join(' ')).not.toContain(
      'thành phố',
    );
    expect(evidenceOf('Liên đội Đội TNTP Hồ Chí Minh Trường tiểu học Lê Hoàn ra quân').join(' ')).not.toContain(
      'thành phố',
    );
  });

  it('does not take a street for the school', () => {
    expect(match('Tai nạn liên hoàn trên đường Nguyễn Du, quận Gò Vấp')).toEqual([]);
    expect(match('Cháy nhà ở số 12 Nguyễn Du, phường Gò Vấp')).toEqual([]);
  });

  it('finds nothing in Gò Vấp news that names no school', () => {
    expect(match('Gò Vấp ngập nặng sau mưa lớn, người dân phường An Nhơn khiêng xe')).toEqual([]);
    expect(match('Phường Thông Tây Hội xử lý lấn chiếm vỉa hè quanh chợ Hạnh Thông Tây')).toEqual([]);
  });

  it('needs the level word for kindergartens named with ordinary words', () => {
    expect(match('Sao Việt giành giải nhất cuộc thi ở Gò Vấp')).toEqual([]);
    expect(match('Bé Thỏ và những người bạn: vở kịch thiếu nhi ở quận Gò Vấp')).toEqual([]);
    expect(codes('Nhóm trẻ Bé Thỏ ở phường An Hội Đông bị phản ánh')).toEqual([CODES.beTho]);
    expect(codes('Phụ huynh tố nhóm trẻ Sao Việt (quận Gò Vấp) cho trẻ ăn không đủ')).toEqual([CODES.saoViet]);
    // level word but no place at all: too common a kindergarten name to claim
    expect(match('Nhóm trẻ Bé Thỏ tổ chức ngày hội')).toEqual([]);
  });

  it('does not read the family name Trương as "trường" when accents are present', () => {
    expect(match('Diễn viên Trương Ngọc Ánh bị bắt tại nhà riêng ở quận Gò Vấp')).toEqual([]);
    expect(codes('Phụ huynh trường Ngọc Ánh ở quận Gò Vấp phản ánh học phí')).toEqual(['79764W22']);
  });

  it('ignores "thị trường", "quảng trường" and school-system brands', () => {
    expect(match('Phim thu 128 triệu USD tại thị trường Bắc Mỹ')).toEqual([]);
    expect(match('Bắn pháo hoa tại quảng trường Lam Sơn')).toEqual([]);
    expect(codes('Hệ thống Trường Việt Mỹ khai giảng ở quận Gò Vấp')).toEqual([]);
  });

  it('matches the education office', () => {
    const [m] = match('Phòng GD&ĐT Gò Vấp chỉ đạo kiểm tra bữa ăn bán trú');
    expect(m.code).toBe(CODES.office);
    expect(m.evidence[0]).toBe('tên đơn vị "Phòng GD&ĐT Gò Vấp"');
    expect(codes('phong giao duc va dao tao quan go vap thong bao')).toEqual([CODES.office]);
  });

  it('matches combined lower and upper secondary schools under any spelling', () => {
    expect(codes('UBND phường Gò Vấp phối hợp với Trường THCS-THPT Hồng Hà')).toEqual([CODES.hongHa]);
    expect(codes('Trường THCS và THPT Hồng Hà, quận Gò Vấp')).toEqual([CODES.hongHa]);
  });

  it('uses the unit’s own page as evidence', () => {
    const [m] = match('Lễ khai giảng năm học 2026-2027', { sourceUnitCode: CODES.phanTayHo });
    expect(m.code).toBe(CODES.phanTayHo);
    expect(m.evidence).toContain('nguồn tin là trang của chính đơn vị');
    expect(codes('Trường THCS Nguyễn Du tổ chức hội trại', { sourceUnitCode: CODES.nguyenDu })).toEqual([
      CODES.nguyenDu,
    ]);
  });

  it('takes an outlet named after a unit for the unit’s own page', () => {
    const [m] = match('Thông báo lịch tựu trường', { outlet: 'Fanpage THCS Phan Tây Hồ' });
    expect(m.code).toBe(CODES.phanTayHo);
    expect(m.evidence).toContain('nguồn tin là trang của chính đơn vị ("Fanpage THCS Phan Tây Hồ")');
    // the longest name in the outlet decides, and a page naming another district is not ours
    expect(codes('Ngày hội gia đình', { outlet: 'Fanpage Lớp MG Thiên Thần Nhỏ 2' })).toEqual([CODES.thienThanNho2]);
    expect(match('Ngày hội gia đình', { outlet: 'Fanpage THCS Nguyễn Du Quận 1' })).toEqual([]);
    expect(match('Ngày hội gia đình', { outlet: 'Tuổi Trẻ' })).toEqual([]);
  });

  it('reads bare names listed after a level word as schools of that level', () => {
    const found = codes('Ba trường THPT Gò Vấp, Nguyễn Công Trứ và Trần Hưng Đạo tuyển 2.025 học sinh lớp 10');
    expect(found.sort()).toEqual(['79000724', '79000725', '79000764'].sort());
    // without the list, a bare name is nothing
    expect(codes('Học sinh Nguyễn Công Trứ đạt giải')).toEqual([]);
  });

  it('counts a Gò Vấp unit named in the item as Gò Vấp evidence for the others', () => {
    const [m] = match('Phòng GD-ĐT quận Gò Vấp cho biết học sinh Trường THCS Nguyễn Du vẫn đi học bình thường').filter(
      (x) => x.code === CODES.nguyenDu,
    );
    expect(m.evidence).toContain('đơn vị ở Gò Vấp "Phòng GD-ĐT quận Gò Vấp" được nêu cùng');
  });

  it('needs a "trường X" name to be written as a name', () => {
    expect(match('Ngôi trường hạnh phúc ở quận Gò Vấp')).toEqual([]);
    expect(codes('Phụ huynh Trường Hạnh Phúc ở quận Gò Vấp phản ánh')).toEqual(['79764334']);
  });

  it('uses the unit’s address as evidence', () => {
    const [m] = match('Trường THCS Nguyễn Du (119 Thống Nhất) tổ chức hội trại');
    expect(m.code).toBe(CODES.nguyenDu);
    expect(m.evidence).toContain('địa chỉ của trường "119 Thống Nhất"');
  });
});

describe('UnitMatcher: the education office written without its district', () => {
  const office = (title: string): UnitMatch | undefined => match(title).find((m) => m.code === CODES.office);

  it('reads "Phòng GD-ĐT quận" as the Gò Vấp office once the item is placed in Gò Vấp', () => {
    const title = 'Phụ huynh đòi học phí ở Trường MN Việt Mỹ (quận Gò Vấp); Phòng GD-ĐT quận đã mời chủ đầu tư';
    const m = office(title);
    expect(m?.confidence).toBe(0.85);
    expect(m?.evidence).toEqual([
      'tên đơn vị "Phòng GD-ĐT quận"',
      'địa danh "quận Gò Vấp"',
      'bài đã nêu địa bàn Gò Vấp, không nêu quận, tỉnh khác',
    ]);
    const start = title.indexOf('Phòng GD-ĐT quận');
    expect(m?.spans).toEqual([{ field: 'title', start, end: start + 16, text: 'Phòng GD-ĐT quận' }]);
  });

  it('accepts the other spellings, a new ward as evidence, and evidence in another field', () => {
    expect(office('Bảo mẫu ở quận Gò Vấp bị tố; Phòng GD&ĐT quận cử đoàn kiểm tra')).toBeDefined();
    expect(office('Lớp MG ở phường An Hội Tây bị phản ánh, Phòng Giáo dục quận vào cuộc')?.confidence).toBe(0.82);
    expect(office('bao mau o go vap bi to, phong gd-dt quan da cu doan kiem tra')).toBeDefined();
    expect(office('Trẻ bị bỏ đói ở quận Gò Vấp: Phòng GD-ĐT đã làm việc với chủ cơ sở')).toBeDefined();
    expect(office('Phụ huynh phản ánh bữa ăn bán trú; Phòng GD&ĐT Q.GV đã kiểm tra')).toBeDefined();
    // the words after "quận" are the sentence's verb, not part of the name
    expect(office('Ở quận Gò Vấp, Phòng GD-ĐT quận thường xuyên kiểm tra, thành lập đoàn')).toBeDefined();
    const m = matcher.match({
      title: 'Phòng GD-ĐT quận kiểm tra bếp ăn',
      summary: 'Sau phản ánh của phụ huynh Trường TH Lê Hoàn, quận Gò Vấp, đoàn kiểm tra đã làm việc.',
    });
    expect(m.map((x) => x.code).sort()).toEqual([CODES.leHoan, CODES.office].sort());
  });

  it('does not read another office, or an item without Gò Vấp evidence, as the Gò Vấp office', () => {
    const goVap = 'Trường MN Việt Mỹ (quận Gò Vấp) đóng cửa; ';
    expect(office(`${goVap}Phòng GD-ĐT quận 3 cũng vào cuộc`)).toBeUndefined();
    expect(office(`${goVap}Phòng GD-ĐT quận Bình Thạnh vào cuộc`)).toBeUndefined();
    expect(office(`${goVap}phong gd-dt quan binh thanh vao cuoc`)).toBeUndefined();
    expect(office(`${goVap}Phòng GD&ĐT TP Thủ Đức đã kiểm tra`)).toBeUndefined();
    expect(office(`${goVap}Sở GD-ĐT đã vào cuộc`)).toBeUndefined();
    expect(office(`${goVap}trưởng phòng giáo dục mầm non của Sở đến làm việc`)).toBeUndefined();
    expect(office(`${goVap}các phòng GD-ĐT quận, huyện được nhắc nhở`)).toBeUndefined();
    expect(office(`${goVap}phòng GD-ĐT quận, huyện được nhắc nhở`)).toBeUndefined();
    expect(office(`${goVap}phòng GD-ĐT cấp quận không còn từ tháng 7`)).toBeUndefined();
    expect(office(`${goVap}Phòng Giáo dục đã kiểm tra`)).toBeUndefined();
    // the item names another place, or no place at all
    expect(office('Trường MN Hoa Mai ở quận 7 đóng cửa; Phòng GD-ĐT quận đã vào cuộc')).toBeUndefined();
    expect(office(`${goVap}Phòng GD-ĐT quận phối hợp UBND quận Tân Bình`)).toBeUndefined();
    expect(office('Phụ huynh từ Nghệ An vào quận Gò Vấp tìm trường; Phòng GD-ĐT quận hướng dẫn')).toBeUndefined();
    expect(office('Phòng GD-ĐT quận đã kiểm tra bếp ăn bán trú')).toBeUndefined();
  });

  it('reports the office once when it is also named in full', () => {
    const found = match('Phòng GD-ĐT quận Gò Vấp họp báo; Phòng GD-ĐT quận cho biết sẽ kiểm tra');
    expect(found.filter((m) => m.code === CODES.office)).toHaveLength(1);
    expect(found[0].confidence).toBeGreaterThan(0.9);
  });
});

describe('UnitMatcher: kindergartens with a distinctive name', () => {
  const UNIQUE = 'tên trường duy nhất trong danh bạ thành phố';

  it('accepts a name unique in the city registry, written with its level word, without place evidence', () => {
    const [m, ...rest] = match('Lớp con mình ở Trường MN Dế Mèn vừa báo thu 500 nghìn/bé quà Tết');
    expect(rest).toEqual([]);
    expect(m.code).toBe(CODES.deMen);
    expect(m.confidence).toBe(0.6);
    expect(m.evidence).toEqual(['tên trường "Trường MN Dế Mèn"', UNIQUE]);
    expect(codes('cam on co giao mn meo kitty da cong be chay di cap cuu')).toEqual([CODES.meoKitty]);
    expect(codes('Mầm non Dế Mèn tổ chức ngày hội')).toEqual([CODES.deMen]);
    expect(codes('Lớp MG Lan Hương vui Trung thu')).toEqual([CODES.lanHuong]);
  });

  it('prefers place evidence when there is some', () => {
    const [m] = match('Trường MN Dế Mèn (quận Gò Vấp) tổ chức ngày hội');
    expect(m.confidence).toBeGreaterThan(0.9);
    expect(m.evidence).not.toContain(UNIQUE);
  });

  it('needs the name written as a school name', () => {
    expect(match('Dế Mèn phiêu lưu ký được dựng thành phim hoạt hình')).toEqual([]);
    expect(match('Học sinh trường Dế Mèn đi dã ngoại')).toEqual([]);
    expect(match('Cô giáo mầm non Dế Mèn kể chuyện cho bé')).toEqual([]);
    expect(match('mau giao de men to chuc trung thu')).toEqual([]);
    expect(match('MG Lan Hương ra mắt mẫu xe mới')).toEqual([]);
    expect(match('Trường MN Dế Mèn Phiêu Lưu khai giảng')).toEqual([]);
  });

  it('does not accept an everyday name, a shared name, or an item placed elsewhere', () => {
    expect(match('Trường MN Trăng Non tổ chức ngày hội')).toEqual([]);
    expect(match('Trường MN Mẹ Yêu tổ chức ngày hội')).toEqual([]);
    expect(match('Trường MN Hoa Mai tổ chức ngày hội')).toEqual([]);
    expect(match('Trường MN Dế Mèn ở Hà Nội tổ chức ngày hội')).toEqual([]);
    expect(match('Xe tải tông sập tường Trường MN Dế Mèn ở xã A Lưới 1')).toEqual([]);
    expect(match('Trường MN Dế Mèn và Trường MN Hoa Mai (quận 7) cùng tổ chức ngày hội')).toEqual([]);
    // "xã hội" is a word, not a commune
    expect(codes('Trường MN Dế Mèn góp sức vì xã hội')).toEqual([CODES.deMen]);
  });

  it('asks for place evidence again when the registry gives the name to another district', () => {
    const data = loadSeedGazetteerData();
    const shared = new UnitMatcher(
      buildGazetteer({
        ...data,
        otherSchools: [...data.otherSchools, { name: 'MN Dế Mèn', level: 'MN', district: 'Quận 3' }],
      }),
    );
    expect(shared.match({ title: 'Trường MN Dế Mèn tổ chức ngày hội' })).toEqual([]);
    expect(shared.match({ title: 'Trường MN Dế Mèn (quận Gò Vấp) tổ chức ngày hội' })[0]?.code).toBe(CODES.deMen);
  });
});

describe('UnitMatcher with unplacedSharedNames', () => {
  const local = new UnitMatcher(loadSeedGazetteer(), { unplacedSharedNames: true });

  it('returns a shared name at the lowest confidence when the item places nothing', () => {
    const [m] = local.match({ title: 'Học sinh Trường THCS Nguyễn Du giành huy chương vàng' });
    expect(m.code).toBe(CODES.nguyenDu);
    expect(m.confidence).toBe(0.5);
    expect(m.evidence).toContain('chưa rõ địa bàn: bài không nêu quận, phường');
    expect(local.match({ title: 'Nhóm trẻ Bé Thỏ tổ chức ngày hội' }).map((x) => x.code)).toEqual([CODES.beTho]);
  });

  it('still rejects a name placed elsewhere', () => {
    expect(local.match({ title: 'Trường THCS Nguyễn Du (quận 1) tổ chức lễ khai giảng' })).toEqual([]);
    expect(local.match({ title: 'Học sinh Trường THCS Nguyễn Du ở Hà Nội đoạt giải' })).toEqual([]);
  });
});

describe('UnitMatcher on an edited gazetteer', () => {
  const localities = loadLocalities();
  const gazetteer = buildGazetteer({
    units: [
      { code: 'U1', name: 'TH An Hội', level: 'TH', address: '2 Phạm Văn Chiêu', aliases: ['Tiểu học phường 12'] },
      { code: 'U2', name: 'Trường MN Hoa Lan (CL)', level: 'MN', address: '3 Lê Lợi' },
      { code: 'U3', name: 'Trường MN Phi Thuyền Apollo', level: 'MN', address: '17-19 An Nhơn' },
    ],
    otherSchools: [{ name: 'MN Hoa Lan', level: 'MN', district: 'Quận 3' }],
    localities,
  });
  const edited = new UnitMatcher(gazetteer);

  it('matches an editor-given alias', () => {
    expect(edited.match({ title: 'Trường Tiểu học phường 12 (quận Gò Vấp) khánh thành' }).map((m) => m.code)).toEqual([
      'U1',
    ]);
  });

  it('marks names shared with other districts and drops "(CL)"', () => {
    const hoaLan = gazetteer.units.get('U2');
    expect(hoaLan?.core).toBe('Hoa Lan');
    expect(hoaLan?.ambiguous).toBe(true);
    expect(hoaLan?.sharedDistricts).toEqual(['Quận 3']);
    expect(edited.match({ title: 'Trường Mầm non Hoa Lan (quận 3) tổ chức Trung thu' })).toEqual([]);
    expect(edited.match({ title: 'Trường Mầm non Hoa Lan, Gò Vấp tổ chức Trung thu' })[0]?.code).toBe('U2');
  });

  it('matches a distinctive bare name only in a school context with Gò Vấp evidence', () => {
    expect(edited.match({ title: 'Phi Thuyền Apollo bay vào vũ trụ' })).toEqual([]);
    const [m] = edited.match({ title: 'Học sinh ở Phi Thuyền Apollo, phường An Nhơn (quận Gò Vấp cũ) vui Trung thu' });
    expect(m?.code).toBe('U3');
    expect(m?.evidence[0]).toBe('tên riêng "Phi Thuyền Apollo"');
    expect(edited.match({ title: 'Phi Thuyền Apollo, phường An Nhơn (quận Gò Vấp cũ) mở cửa hàng' })).toEqual([]);
    // written as ordinary words, not as a name
    expect(edited.match({ title: 'Học sinh vẽ phi thuyền apollo ở quận Gò Vấp' })).toEqual([]);
  });
});
