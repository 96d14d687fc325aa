/// <reference types="jest" />
import type { PipelineHealth } from '@mw/shared';
import { translate } from '../../i18n/i18n';
import { collectionMessage } from './components/CollectionBanner';

const pipeline = (over: Partial<PipelineHealth>): PipelineHealth => ({
  collecting: true,
  problem: null,
  sources: { enabled: 16, ok: 16, failing: 0, pending: 0 },
  lastItemStoredAt: '2026-12-05T03:00:00.000Z',
  quietLimitMinutes: 360,
  itemsAwaitingAnalysis: 0,
  notifications: { due: 0, dead: 0 },
  ...over,
});
const vi = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('vi', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('en', key, params);
const at = (iso: string) => `at ${iso}`;

describe('the collection banner', () => {
  it('stays away while news comes in, and before the health is known', () => {
    expect(collectionMessage(pipeline({}), vi, at)).toBeNull();
    expect(collectionMessage(undefined, vi, at)).toBeNull();
    expect(collectionMessage(null, vi, at)).toBeNull();
  });

  it('says how many sources fail when all of them do', () => {
    const failing = pipeline({
      collecting: false,
      problem: 'all_sources_failing',
      sources: { enabled: 16, ok: 0, failing: 16, pending: 0 },
    });
    expect(collectionMessage(failing, vi, at)).toBe('Không thu thập được tin: 16/16 nguồn đang lỗi');
    expect(collectionMessage(failing, en, at)).toBe('No news collected: 16/16 sources failing');
  });

  it('says since when nothing came, or that nothing ever came, or that no source is on', () => {
    expect(collectionMessage(pipeline({ collecting: false, problem: 'nothing_stored' }), vi, at)).toBe(
      'Không thu thập được tin: không có tin mới từ at 2026-12-05T03:00:00.000Z',
    );
    expect(
      collectionMessage(pipeline({ collecting: false, problem: 'nothing_stored', lastItemStoredAt: null }), vi, at),
    ).toBe('Không thu thập được tin: chưa lưu được tin nào');
    expect(collectionMessage(pipeline({ collecting: false, problem: 'no_sources' }), vi, at)).toMatch(/chưa bật/);
  });
});
