/// <reference types="jest" />
/// <reference types="node" />
import type { Language, SeverityReasonView, TimelineEntryView } from '@mw/shared';
import { translate, type MessageKey } from '../../i18n/i18n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ANALYSIS_PHRASES,
  analysisReasonText,
  assigneeReasonText,
  deliveryEventText,
  severityReasonText,
  timelineText,
} from './coded-text';

const t = (language: Language) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(language, key, params);

function entry(code: string, params: TimelineEntryView['params'], text = 'văn bản máy chủ'): TimelineEntryView {
  return {
    id: '1',
    at: '',
    kind: 'status_changed',
    actorId: null,
    actorName: null,
    summary: text,
    data: {},
    text,
    params,
    code,
  } as TimelineEntryView;
}

describe('coded messages in the reader language', () => {
  it('translates a status change, its statuses and its channel', () => {
    const via = entry('status_changed_via', { from: 'new', to: 'acknowledged', via: 'email' });
    expect(timelineText(via, t('vi'), 'vi')).toBe('Mới → Đã tiếp nhận (xác nhận qua Email)');
    expect(timelineText(via, t('en'), 'en')).toMatch(/ → .* \(acknowledged via Email\)$/);
  });

  it('formats numbers per language and tells a catch-up reminder from a numbered one', () => {
    const reason: SeverityReasonView = { code: 'reach', params: { reach: 5.5 }, text: 'x' };
    expect(severityReasonText(reason, t('vi'), 'vi')).toBe('Tổng mức ảnh hưởng của các nguồn: 5,5');
    expect(severityReasonText(reason, t('en'), 'en')).toBe('Combined outlet reach: 5.5');
    expect(timelineText(entry('reminder', { round: 0, level: 3, count: 2 }), t('en'), 'en')).toBe(
      'Reminded those told earlier (level 3), 2 people',
    );
    expect(timelineText(entry('reminder', { round: 2, level: 4, count: 5 }), t('en'), 'en')).toBe(
      'Reminder 2 (level 4) to 5 people',
    );
  });

  it("falls back to the server's text for an unknown code and shows analysis reasons as written", () => {
    expect(timelineText(entry('from_a_newer_server', { n: 1 }, 'Điều mới'), t('en'), 'en')).toBe('Điều mới');
    const analysis: SeverityReasonView = {
      code: 'analysis',
      params: { text: 'Có học sinh nhập viện' },
      text: 'Có học sinh nhập viện',
    };
    expect(severityReasonText(analysis, t('en'), 'en')).toBe('Có học sinh nhập viện');
    expect(
      severityReasonText(
        { code: 'category_floor', params: { category: 'food_safety', severity: 'S2' }, text: '' },
        t('en'),
        'en',
      ),
    ).toBe('Category “Food safety” weighs at least S2');
  });

  it('names delivery events and assignment reasons, keeping what it does not know', () => {
    expect(deliveryEventText('incident.reminder.3', t('vi'))).toBe('Nhắc việc');
    expect(deliveryEventText('incident.severity_raised.S1', t('en'))).toBe('Severity raised to S1');
    expect(deliveryEventText('digest.weekly', t('en'))).toBe('digest.weekly');
    const units = [{ code: '79000724', name: 'Trường THCS Nguyễn Du' }];
    expect(assigneeReasonText('unit_spokesperson:79000724', units, t('vi'))).toBe(
      'Người phát ngôn của Trường THCS Nguyễn Du',
    );
    expect(assigneeReasonText('something_else', units, t('vi'))).toBe('something_else');
  });
});

describe("the analysis stage's severity reasons", () => {
  const severitySource = fs.readFileSync(
    path.resolve(__dirname, '../../../../server/src/modules/analysis/topic/severity.ts'),
    'utf8',
  );

  it('knows every fixed sentence the analysis stage writes', () => {
    const written = [...severitySource.matchAll(/(?:reasons\.push\(|: )\s*'([^'\n]+)'/g)].map((m) => m[1] as string);
    expect(written.length).toBeGreaterThanOrEqual(9);
    expect(written.filter((w) => !(w in ANALYSIS_PHRASES))).toEqual([]);
  });

  it('says them in English, categories through the dictionary, counts with plurals', () => {
    const en = t('en');
    expect(analysisReasonText('nhóm violence_bullying: mức khởi điểm S2', en)).toBe(
      'Category “Violence and bullying”: starts at S2',
    );
    expect(analysisReasonText('nhóm violence_bullying: mức khởi điểm S2', t('vi'))).not.toContain('violence_bullying');
    expect(analysisReasonText('ngộ độc thực phẩm 14 người', en)).toBe('Food poisoning: 14 people');
    expect(analysisReasonText('3 cơ quan báo chí cùng đưa tin', en)).toBe('3 outlets carry the story');
    expect(analysisReasonText('công an, cơ quan điều tra vào cuộc', en)).toBe('Police or investigators involved');
    expect(
      severityReasonText(
        { code: 'analysis', params: { text: 'có người tử vong' }, text: 'có người tử vong' },
        en,
        'en',
      ),
    ).toBe('Someone died');
    // A sentence from a newer server stays as written.
    expect(analysisReasonText('một lý do mới', en)).toBe('một lý do mới');
  });
});
