/// <reference types="jest" />
import type { MentionView } from '@mw/shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '../../i18n/i18n';
import { MatchEvidence } from './components/MatchEvidence';

const base: MentionView = {
  id: 'm1',
  itemId: 'i1',
  title: 'Xung đột vũ trang leo thang ở Trung Đông',
  summary: '',
  url: 'https://news.example.vn/1',
  outlet: 'Báo Quốc Tế',
  publishedAt: null,
  units: [],
  unitCodes: [],
  sentiment: { score: -0.5, label: 'negative', terms: [] },
  category: 'none',
  incident: false,
  severity: null,
  severityReasons: [],
  storyId: 's1',
  reachWeight: 1,
  analysedAt: '2026-03-10T02:00:00.000Z',
};

function render(mention: MentionView, language: 'vi' | 'en' = 'vi'): string {
  const store = new Map<string, string>([['mw.language', language]]);
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
  return renderToStaticMarkup(
    <I18nProvider>
      <MatchEvidence mention={mention} />
    </I18nProvider>,
  );
}

describe('MatchEvidence ("why matched")', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('says why an off-topic item is listed, and that it is outside education, in Vietnamese and English', () => {
    const vi = render(base);
    expect(vi).toContain('Vì sao tin này có trong danh sách');
    expect(vi).toContain('nguồn «Báo Quốc Tế» đang được theo dõi');
    expect(vi).toContain('Ngoài giáo dục');
    expect(vi).not.toContain('Đổi mới quản lý');
    const en = render(base, 'en');
    expect(en).toContain('Listed because the outlet «Báo Quốc Tế» is watched');
    expect(en).toContain('Not about education');
  });

  it('names the watched keywords when a search source listed the item', () => {
    const listedBy = { source: 'Google News: Gò Vấp', kind: 'search', queries: ['trường Gò Vấp', 'go vap school'] };
    expect(render({ ...base, listedBy })).toContain('khớp từ khóa theo dõi «trường Gò Vấp», «go vap school»');
    expect(render({ ...base, listedBy }, 'en')).toContain('watched keywords «trường Gò Vấp», «go vap school»');
  });

  it('names the matched phrase, the unit and the rule for a matched item', () => {
    const html = render({
      ...base,
      title: 'Học sinh đánh nhau ở một trường THCS tại Gò Vấp',
      category: 'violence_bullying',
      units: [
        {
          code: 'GV-OFFICE',
          name: 'Phòng Giáo dục và Đào tạo Gò Vấp',
          confidence: 0.6,
          evidence: ['tin cấp quận/phường, không nêu tên trường: "một trường THCS tại Gò Vấp"'],
          spans: [{ field: 'title', start: 20, end: 47, text: 'một trường THCS tại Gò Vấp' }],
        },
      ],
      unitCodes: ['GV-OFFICE'],
    });
    expect(html).toContain('Cụm «một trường THCS tại Gò Vấp» khớp với đơn vị Phòng Giáo dục và Đào tạo Gò Vấp');
    expect(html).toContain('tin cấp quận/phường, không nêu tên trường');
    expect(html).toContain('Lĩnh vực: Bạo lực');
  });
});
