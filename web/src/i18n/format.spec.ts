/// <reference types="jest" />
import { expandPlurals, formatDateTime, formatRelative, translate } from './i18n';

describe('formatDateTime', () => {
  it('writes dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh whatever the machine zone', () => {
    expect(formatDateTime(new Date('2026-11-27T17:05:00Z'))).toBe('28/11/2026 00:05');
    expect(formatDateTime(new Date('2026-01-02T03:04:00Z'))).toBe('02/01/2026 10:04');
  });
});

describe('plurals', () => {
  it('chooses the English form by Intl.PluralRules and keeps one Vietnamese form', () => {
    expect(translate('en', 'incidents.coverageCount', { mentions: 1, outlets: 1 })).toBe('1 mention, 1 outlet');
    expect(translate('en', 'incidents.coverageCount', { mentions: 3, outlets: 2 })).toBe('3 mentions, 2 outlets');
    expect(translate('vi', 'incidents.coverageCount', { mentions: 1, outlets: 1 })).toBe('1 tin, 1 nguồn');
    expect(translate('en', 'inbox.unreadCount', { n: 0 })).toBe('No unread notifications');
    expect(translate('en', 'inbox.unreadCount', { n: 1 })).toBe('1 unread notification');
    expect(translate('vi', 'inbox.unreadCount', { n: 12 })).toBe('12 thông báo chưa đọc');
  });

  it('reads a count the caller already formatted, and leaves other placeholders to fill', () => {
    expect(translate('en', 'mentions.total', { n: '1,250' })).toBe('1,250 mentions');
    expect(expandPlurals('en', 'x {a, plural, one {# y {b}} other {# ys {b}}} z', { a: 1 })).toBe('x 1 y {b} z');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-27T03:00:00Z');
  it('says how long ago or how soon, in the reader language', () => {
    expect(formatRelative('vi', new Date(now - 5 * 60_000), now)).toBe('5 phút trước');
    expect(formatRelative('en', new Date(now - 5 * 60_000), now)).toBe('5 minutes ago');
    expect(formatRelative('en', new Date(now + 2 * 3_600_000), now)).toBe('in 2 hours');
    expect(formatRelative('vi', new Date(now - 20_000), now)).toBe('bây giờ');
  });
});
