/** For specs: a mention as the API returns it, naming no unit, with the given fields changed. */
import type { MentionView } from '@mw/shared';

export function mentionView(overrides: Partial<MentionView> = {}): MentionView {
  return {
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
    ...overrides,
  };
}
