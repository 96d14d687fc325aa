import { dedupKeyOf, sha256, toNewFeedItem } from './feed-item.store';
import { settingsProblem } from './source.dto';
import { healthOf, type SourceHealthRow } from './source.mapper';

describe('feed item identity', () => {
  it('uses the guid, else the canonical URL, and hashes keys too long for the index', () => {
    expect(dedupKeyOf({ guid: ' g-1 ', canonicalUrl: 'https://a.vn/x' })).toBe('g-1');
    expect(dedupKeyOf({ guid: '', canonicalUrl: 'https://a.vn/x' })).toBe('https://a.vn/x');
    expect(dedupKeyOf({ canonicalUrl: 'https://a.vn/x' })).toBe('https://a.vn/x');
    const long = `https://a.vn/${'x'.repeat(600)}`;
    expect(dedupKeyOf({ canonicalUrl: long })).toBe(`sha256:${sha256(long)}`);
  });

  it('keeps the real outlet of an item, else the source outlet, and drops unreadable dates', () => {
    const at = new Date('2025-09-08T00:00:00Z');
    const base = { title: 'T', url: 'https://a.vn/x', canonicalUrl: 'https://a.vn/x', summary: 'S' };
    expect(toNewFeedItem('s', { ...base, outlet: 'Tuổi Trẻ' }, 'Google News', at, at).outlet).toBe('Tuổi Trẻ');
    const row = toNewFeedItem('s', { ...base, publishedAt: 'not a date' }, 'Google News', at, at);
    expect(row).toMatchObject({ outlet: 'Google News', publishedAt: null, contentText: null, guid: null });
    expect(row.contentHash).toBe(sha256('T\nS'));
  });
});

describe('settings checks', () => {
  it('names the field an html source is missing', () => {
    expect(settingsProblem('html', {})?.field).toBe('settings.selectors');
    expect(settingsProblem('html', { selectors: { item: 'li', link: '' } })?.field).toBe('settings.selectors.link');
    expect(settingsProblem('html', { selectors: { item: 'li', link: 'a' } })).toBeUndefined();
    expect(settingsProblem('rss', {})).toBeUndefined();
    expect(settingsProblem('rss', { intervalSeconds: 0.5 })?.field).toBe('settings.intervalSeconds');
    expect(settingsProblem('rss', { fetchArticles: 'yes' as unknown as boolean })?.field).toBe(
      'settings.fetchArticles',
    );
    expect(settingsProblem('search', { queries: ['Gò Vấp', 3 as unknown as string] })?.field).toBe('settings.queries');
  });
});

describe('health', () => {
  const row = (over: Partial<SourceHealthRow>): SourceHealthRow =>
    ({
      enabled: true,
      last_polled_at: new Date(),
      consecutive_failures: 0,
      went_silent: false,
      ...over,
    }) as SourceHealthRow;
  it('orders disabled, pending, failing, silent, ok', () => {
    expect(healthOf(row({ enabled: false, consecutive_failures: 3 }))).toBe('disabled');
    expect(healthOf(row({ last_polled_at: null }))).toBe('pending');
    expect(healthOf(row({ consecutive_failures: 1, went_silent: true }))).toBe('failing');
    expect(healthOf(row({ went_silent: true }))).toBe('silent');
    expect(healthOf(row({}))).toBe('ok');
  });
});
