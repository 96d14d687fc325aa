/// <reference types="jest" />
import type { MentionView } from '@mw/shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { I18nProvider } from '../../i18n/i18n';
import { MentionItem } from './components/MentionItem';

const base: MentionView = {
  id: 'm1',
  itemId: 'i1',
  title: 'Mảng trần phòng học của một trường ở quận Tân Bình rơi xuống',
  summary: '',
  url: 'https://news.example.vn/1',
  outlet: 'Thanh Niên',
  publishedAt: '2026-03-10T02:00:00.000Z',
  units: [],
  unitCodes: [],
  sentiment: { score: -0.5, label: 'negative', terms: [] },
  category: 'facilities_safety',
  incident: false,
  severity: null,
  severityReasons: [],
  storyId: 's1',
  reachWeight: 1,
  analysedAt: '2026-03-10T02:00:00.000Z',
};

function render(mention: MentionView): string {
  const store = new Map<string, string>([['mw.language', 'vi']]);
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
  const html = renderToStaticMarkup(
    <MemoryRouter>
      <I18nProvider>
        <MentionItem mention={mention} />
      </I18nProvider>
    </MemoryRouter>,
  );
  delete (globalThis as { localStorage?: unknown }).localStorage;
  return html.replace(/<[^>]+>/g, '');
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
