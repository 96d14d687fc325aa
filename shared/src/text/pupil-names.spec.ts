import { maskPupilNames, nameInitials } from './pupil-names';

describe('maskPupilNames', () => {
  it.each([
    ['Em Nguyễn Văn An (lớp 7A) bị bạn đánh trong giờ ra chơi', 'Em N.V.A. (lớp 7A) bị bạn đánh trong giờ ra chơi'],
    ['Phụ huynh của em Lê Huỳnh Anh Đức cho biết', 'Phụ huynh của em L.H.A.Đ. cho biết'],
    ['học sinh Trần Thị Bích Ngọc đạt giải nhất', 'học sinh T.T.B.N. đạt giải nhất'],
    ['Học sinh Đặng Minh Khôi, lớp 9, nhập viện', 'Học sinh Đ.M.K., lớp 9, nhập viện'],
    ['cháu Phạm Gia Huy (5 tuổi) bị bỏ quên trên xe đưa đón', 'cháu P.G.H. (5 tuổi) bị bỏ quên trên xe đưa đón'],
    ['bé Võ Ngọc Bảo Anh được cứu kịp thời', 'bé V.N.B.A. được cứu kịp thời'],
    ['Bé An khóc suốt buổi', 'Bé A. khóc suốt buổi'],
    ['em Tú Sương kể lại', 'em T.S. kể lại'],
    ['nữ sinh Huỳnh Thị Mai bị cô lập', 'nữ sinh H.T.M. bị cô lập'],
    ['gia đình em Nguyễn Văn A. đã làm đơn', 'gia đình em N.V.A. đã làm đơn'],
    ['Ảnh: em Ngô Bảo Châu.', 'Ảnh: em N.B.C.'],
    ['em Anh Thư và em Đỗ Quang Vinh', 'em A.T. và em Đ.Q.V.'],
  ])('masks %s', (input, expected) => {
    expect(maskPupilNames(input)).toBe(expected);
  });

  it.each([
    'Học sinh Việt Nam giành 4 huy chương vàng',
    'học sinh Hà Nội nghỉ học vì bão',
    'nữ sinh Vĩnh Long bị đánh hội đồng',
    'em Quảng Nam vượt lũ đến trường',
    'học sinh Trường THCS Nguyễn Du phản ánh',
    'học sinh Trường Tiểu học Hanh Thông',
    'học sinh Mỹ và học sinh Nhật Bản',
    'em L. (lớp 8) cho biết',
    'cháu N.T.H. đã về nhà',
    'học sinh lớp 6 được miễn học phí',
    'Thầy Nguyễn Văn Bình, giáo viên chủ nhiệm',
    'cháu ngoan Bác Hồ',
    'Nhiều em học sinh THCS tham gia',
    'Đàn em Messi bất ngờ chia tay',
    'Hai anh em Nguyễn Minh Dương (SN 1993) bị bắt',
    'bữa sáng cho trẻ em Hòa Thịnh',
    'do chị Võ Thị Bé Hằng (33 tuổi) quản lý',
  ])('leaves %s as written', (input) => {
    expect(maskPupilNames(input)).toBe(input);
  });

  it('is idempotent and works on decomposed (NFD) text', () => {
    const once = maskPupilNames('Em Nguyễn Văn An bị thương'.normalize('NFD'));
    expect(once).toBe('Em N.V.A. bị thương');
    expect(maskPupilNames(once)).toBe(once);
  });

  it('does not treat a pupil word inside another word as one', () => {
    expect(maskPupilNames('Chem Nguyễn Văn Hải')).toBe('Chem Nguyễn Văn Hải');
  });

  it('writes initials with their Vietnamese capitals', () => {
    expect(nameInitials('Đặng Ánh Ơn')).toBe('Đ.Á.Ơ.');
  });
});
