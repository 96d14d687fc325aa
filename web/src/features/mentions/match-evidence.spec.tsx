/// <reference types="jest" />
import type { MentionView } from '@mw/shared';
import { renderInLanguage } from '../../i18n/render-static.testing';
import { MatchEvidence } from './components/MatchEvidence';
import { mentionView } from './mention-view.testing';

const base = mentionView();

function render(mention: MentionView, language: 'vi' | 'en' = 'vi'): string {
  return renderInLanguage(language, <MatchEvidence mention={mention} />);
}

describe('MatchEvidence ("why matched")', () => {
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
