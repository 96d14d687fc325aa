/// <reference types="jest" />
import { formatDateTime } from './i18n';

describe('formatDateTime', () => {
  it('writes dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh whatever the machine zone', () => {
    expect(formatDateTime(new Date('2026-11-27T17:05:00Z'))).toBe('28/11/2026 00:05');
    expect(formatDateTime(new Date('2026-01-02T03:04:00Z'))).toBe('02/01/2026 10:04');
  });
});
