import { SeverityReasonCode, TimelineCode } from '@mw/shared';
import {
  readSeverityReason,
  renderSeverityReason,
  renderTimeline,
  timelineMessageOf,
  withText,
} from './incident-messages';

describe('incident messages', () => {
  it('renders every severity reason code as non-empty Vietnamese without a missing param', () => {
    const params = { severity: 'S2', outlet: 'Tuổi Trẻ', text: 'Có học sinh bị thương', category: 'food_safety' };
    for (const code of Object.values(SeverityReasonCode)) {
      const text = renderSeverityReason({ code, params: { ...params, mean: -0.85, from: 'A', to: 'B', count: 3 } });
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/undefined|\{/);
    }
    expect(renderSeverityReason({ code: 'category_floor', params: { category: 'food_safety', severity: 'S2' } })).toBe(
      'Lĩnh vực “an toàn thực phẩm” tối thiểu ở mức S2',
    );
    expect(renderSeverityReason({ code: 'reach', params: { reach: 5.5 } })).toBe(
      'Tổng mức ảnh hưởng của các nguồn: 5,5',
    );
  });

  it('renders status changes with Vietnamese status names, a reason or the channel', () => {
    expect(renderTimeline({ code: 'status_changed', params: { from: 'new', to: 'acknowledged' } })).toBe(
      'Mới → Đã tiếp nhận',
    );
    expect(
      renderTimeline({ code: 'status_changed_reason', params: { from: 'new', to: 'dismissed', reason: 'Trùng tên' } }),
    ).toBe('Mới → Bỏ qua (nhận diện sai): Trùng tên');
    expect(
      renderTimeline({ code: 'status_changed_via', params: { from: 'new', to: 'acknowledged', via: 'zalo' } }),
    ).toBe('Mới → Đã tiếp nhận (qua Zalo)');
    for (const code of Object.values(TimelineCode)) {
      expect(renderTimeline({ code, params: {} })).not.toMatch(/undefined/);
    }
  });

  it('stores a reason with its text and reads it back, rendering known codes afresh', () => {
    const stored = JSON.parse(JSON.stringify(withText({ code: 'outlets', params: { count: 4 } }))) as unknown;
    expect(stored).toEqual({ code: 'outlets', params: { count: 4 }, text: '4 nguồn tin cùng đưa tin' });
    expect(readSeverityReason({ code: 'outlets', params: { count: 5 }, text: 'cũ' }).text).toBe(
      '5 nguồn tin cùng đưa tin',
    );
  });

  it('keeps the code and stored text of a reason it cannot render', () => {
    expect(readSeverityReason({ code: 'from_a_newer_server', params: { n: 1 }, text: 'Lý do mới' })).toEqual({
      code: 'from_a_newer_server',
      params: { n: 1 },
      text: 'Lý do mới',
    });
    expect(Object.values(SeverityReasonCode)).not.toContain('text');
  });

  it('reads a timeline entry without a stored message as plain text', () => {
    expect(timelineMessageOf({ message: { code: 'notified', params: { count: 2 } } }, 'Thông báo 2 người')).toEqual({
      code: 'notified',
      params: { count: 2 },
      text: 'Thông báo 2 người',
    });
    expect(timelineMessageOf({}, 'cũ')).toEqual({ code: 'text', params: { text: 'cũ' }, text: 'cũ' });
  });
});
