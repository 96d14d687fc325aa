import { loadSeedGazetteer } from '../matching/unit-matcher';
import type { StoryAssignment, StoryItem } from '../stories/story-clusterer';
import { createAnalyzer, type AnalyzeOutput } from './analyze-item';

const CONTRACT_KEYS = ['category', 'id', 'incident', 'sentiment', 'severity', 'storyId', 'units'];

describe('createAnalyzer (seed gazetteer, committed model)', () => {
  const gazetteer = loadSeedGazetteer();

  it('returns the CLI contract shape', () => {
    const out = createAnalyzer({ gazetteer }).analyze({ id: 'k1', title: 'Lịch khai giảng năm học mới' });
    for (const key of CONTRACT_KEYS) expect(out).toHaveProperty(key);
    expect(Object.keys(out.sentiment).sort()).toEqual(['label', 'score', 'terms']);
    expect(out.sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(out.sentiment.score).toBeLessThanOrEqual(1);
  });

  it('gives no education category to an item outside education, and keeps it for education news', () => {
    const analyzer = createAnalyzer({ gazetteer });
    const war = analyzer.analyze({
      id: 'w1',
      title: 'Giao tranh leo thang ở Trung Đông, hàng nghìn người sơ tán',
      summary: 'Các bên tiếp tục không kích, liên hợp quốc kêu gọi ngừng bắn và đổi mới cách điều phối viện trợ.',
    });
    expect(war).toMatchObject({ category: 'none', education: false, incident: false });
    const market = analyzer.analyze({ id: 'w2', title: 'Giá vàng hôm nay tăng mạnh', summary: 'Thị trường sôi động.' });
    expect(market.category).toBe('none');
    const reform = analyzer.analyze({
      id: 'e1',
      title: 'TP.HCM đổi mới quản lý trường học bằng hồ sơ số',
      summary: 'Các trường tiểu học, THCS chuyển sang sổ điểm điện tử từ năm học mới.',
    });
    expect(reform.education).toBe(true);
    expect(reform.category).not.toBe('none');
    const english = analyzer.analyze({ id: 'e2', title: 'Students in Ho Chi Minh City sit the grade-10 exam' });
    expect(english.education).toBe(true);
  });

  it('lets the learned gate veto a school word in passing, but not in unaccented text nor at a Gò Vấp school', () => {
    const analyzer = createAnalyzer({ gazetteer });
    const scam = {
      title: 'Công an bắt nhóm lừa đảo chiếm đoạt tiền cọc thuê trọ',
      summary:
        'Nhóm này đăng tin cho thuê phòng trọ giá rẻ gần các trường đại học để lừa tiền đặt cọc của nhiều người.',
    };
    // "đại học" is an education cue; the item is about a scam, and the gate says so.
    expect(analyzer.analyze({ id: 'g1', ...scam })).toMatchObject({ education: false, category: 'none' });
    // The same words without diacritics: the gate never learned such text, so the cue stands.
    const unaccented = analyzer.analyze({
      id: 'g2',
      title: 'Cong an bat nhom lua dao chiem doat tien coc thue tro',
      summary:
        'Nhom nay dang tin cho thue phong tro gia re gan cac truong dai hoc de lua tien dat coc cua nhieu nguoi.',
    });
    expect(unaccented.education).toBe(true);
    const school = analyzer.analyze({
      id: 'g3',
      title: 'Công an bắt nhóm lừa đảo chiếm đoạt tiền cọc của phụ huynh Trường THCS Phan Tây Hồ',
      summary: 'Nhóm này giả danh nhà trường ở phường Gò Vấp để thu tiền của phụ huynh.',
    });
    expect(school.units.map((u) => u.code)).toEqual(['79764507']);
    expect(school).toMatchObject({ education: true, incident: true });
  });

  it('flags bad news about a Gò Vấp school as an incident with a severity and reasons', () => {
    const out = createAnalyzer({ gazetteer }).analyze({
      id: 'n1',
      title: 'Học sinh Trường THCS Nguyễn Du (quận Gò Vấp) bị bạn đánh hội đồng phải nhập viện',
      summary: 'Nam sinh lớp 7 bị nhóm bạn đánh trong nhà vệ sinh, phụ huynh bức xúc.',
      publishedAt: '2025-10-15T10:20:00+07:00',
      outlet: 'VnExpress',
    });
    expect(out.units.length).toBeGreaterThan(0);
    expect(out.sentiment.label).toBe('negative');
    expect(out.category).toBe('violence_bullying');
    expect(out.incident).toBe(true);
    expect(out.severity).toBe('S1');
    expect(out.severityReasons.length).toBeGreaterThan(1);
  });

  it('does not open an incident for bad news that names no unit, nor for good news about one', () => {
    const analyzer = createAnalyzer({ gazetteer });
    const elsewhere = analyzer.analyze({ id: 'e1', title: 'Học sinh ở Hà Nội bị bạn đánh hội đồng phải nhập viện' });
    expect(elsewhere.units).toEqual([]);
    expect(elsewhere.incident).toBe(false);
    expect(elsewhere.severity).toBeNull();
    const good = analyzer.analyze({
      id: 'g1',
      title: 'Học sinh Trường THCS Nguyễn Du (quận Gò Vấp) đoạt huy chương vàng, được tuyên dương',
    });
    expect(good.sentiment.label).toBe('positive');
    expect(good.incident).toBe(false);
  });

  it('reads NFD and unaccented input like NFC input', () => {
    const title = 'Học sinh Trường THCS Nguyễn Du (quận Gò Vấp) bị bạn đánh hội đồng phải nhập viện';
    const nfc = createAnalyzer({ gazetteer }).analyze({ id: 'a', title });
    const nfd = createAnalyzer({ gazetteer }).analyze({ id: 'a', title: title.normalize('NFD') });
    expect(nfd).toEqual(nfc);
    const bare = createAnalyzer({ gazetteer }).analyze({
      id: 'b',
      title: 'hoc sinh thcs nguyen du go vap bi ban danh hoi dong phai nhap vien',
    });
    expect(bare.sentiment.label).toBe('negative');
  });

  it('groups the same event from several outlets into one story', () => {
    const analyzer = createAnalyzer({ gazetteer });
    const results: AnalyzeOutput[] = [
      [
        't1',
        'Tuổi Trẻ',
        '2025-10-03T08:15:00+07:00',
        'Hơn 40 học sinh Trường THCS Nguyễn Du (quận Gò Vấp) nhập viện nghi ngộ độc',
      ],
      [
        't2',
        'Thanh Niên',
        '2025-10-03T09:40:00+07:00',
        'Nghi ngộ độc sau bữa trưa, hơn 40 học sinh THCS Nguyễn Du Gò Vấp nhập viện',
      ],
      [
        't3',
        'VnExpress',
        '2025-10-03T11:05:00+07:00',
        '43 học sinh Trường THCS Nguyễn Du ở Gò Vấp nhập viện nghi ngộ độc thực phẩm',
      ],
    ].map(([id, outlet, publishedAt, title]) => analyzer.analyze({ id, outlet, publishedAt, title }));
    expect(results.map((r) => r.storyId)).toEqual(['t1', 't1', 't1']);
    expect(results[2].severity).toBe('S1');
  });

  it('keeps different events at the same school in different stories', () => {
    const analyzer = createAnalyzer({ gazetteer });
    const results = [
      ['s1', '2025-09-03T09:00:00+07:00', 'Nam sinh trường THPT Gò Vấp bị đánh'],
      ['s2', '2025-09-04T09:00:00+07:00', 'Trường THPT Gò Vấp khai giảng'],
      ['s3', '2025-09-05T09:00:00+07:00', 'Trường THPT Gò Vấp đạt giải nhất hội thao'],
    ].map(([id, publishedAt, title]) => analyzer.analyze({ id, publishedAt, title }));
    expect(results.every((r) => r.units.length > 0 && r.units[0]?.code === results[0]?.units[0]?.code)).toBe(true);
    expect(results.map((r) => r.storyId)).toEqual(['s1', 's2', 's3']);
  });

  it('takes the story, and the outlet count behind the severity, from an injected assignment', () => {
    const seen: StoryItem[] = [];
    const assignStory = (item: StoryItem): StoryAssignment => {
      seen.push(item);
      return { storyId: 'stored-7', firstOutlet: 'Tuổi Trẻ', firstSeenAt: null, size: 5, outlets: 4 };
    };
    const input = {
      id: 'i1',
      outlet: 'Zing',
      publishedAt: '2025-10-15T10:20:00+07:00',
      title: 'Phụ huynh Trường THCS Nguyễn Du (quận Gò Vấp) phản ánh bị lạm thu đầu năm',
      summary: 'Nhiều khoản thu ngoài quy định khiến phụ huynh bức xúc.',
    };
    const alone = createAnalyzer({ gazetteer }).analyze(input);
    const spread = createAnalyzer({ gazetteer, assignStory }).analyze(input);
    expect(spread.storyId).toBe('stored-7');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: 'i1', outlet: 'Zing', topic: spread.category, keys: ['79764502'] });
    expect(seen[0]?.names?.length).toBe(1);
    expect(spread.incident).toBe(true);
    expect(spread.severityReasons.length).toBeGreaterThan(alone.severityReasons.length);
    expect(spread.severity).not.toBe(alone.severity);
  });
});
