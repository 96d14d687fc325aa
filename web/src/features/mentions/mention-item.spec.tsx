/// <reference types="jest" />
import type { MentionView } from '@mw/shared';
import { MemoryRouter } from 'react-router-dom';
import { renderInLanguage } from '../../i18n/render-static.testing';
import { MentionItem } from './components/MentionItem';
import { mentionView } from './mention-view.testing';

const base = mentionView({
  title: 'Mảng trần phòng học của một trường ở quận Tân Bình rơi xuống',
  outlet: 'Thanh Niên',
  publishedAt: '2026-03-10T02:00:00.000Z',
  category: 'facilities_safety',
});

/** The item's text, tags removed. */
function render(mention: MentionView): string {
  return renderInLanguage(
    'vi',
    <MemoryRouter>
      <MentionItem mention={mention} />
    </MemoryRouter>,
  ).replace(/<[^>]+>/g, '');
}

describe('MentionItem', () => {
  it('names the units an item is about between its category and its story', () => {
    const text = render({
      ...base,
      units: [{ code: '79000724', name: 'THPT Gò Vấp', confidence: 1, spans: [] }] as unknown as MentionView['units'],
      unitCodes: ['79000724'],
    });
    expect(text).toMatch(/Cơ sở vật chất, an toàn · THPT Gò Vấp · Câu chuyện/);
  });

  it('leaves no empty place between separators when the item names no unit', () => {
    const text = render(base);
    expect(text).toMatch(/Cơ sở vật chất, an toàn · Câu chuyện/);
    expect(text).not.toMatch(/·\s*·/);
  });
});
