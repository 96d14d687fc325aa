import type { Severity } from '@mw/shared';
import { renderSeverityReason } from './incident-messages';
import { assessSeverity, type SeverityEvidence } from './incident-severity';

const T0 = new Date('2026-03-02T02:00:00Z');

function mention(overrides: Partial<SeverityEvidence> = {}): SeverityEvidence {
  return {
    proposed: 'S3',
    reasons: ['category fees_finances starts at S3'],
    category: 'fees_finances',
    sentiment: -0.5,
    reachWeight: 1,
    outlet: 'Nhóm phụ huynh',
    sourceKind: 'social',
    at: T0,
    ...overrides,
  };
}

const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);

describe('assessSeverity', () => {
  it('starts from the most severe proposal and keeps its reasons', () => {
    const result = assessSeverity([
      mention(),
      mention({ proposed: 'S2', reasons: ['someone was injured'], at: hours(30) }),
    ]);
    expect(result.severity).toBe('S2');
    expect(result.reasons).toContainEqual({ code: 'analysis', params: { text: 'someone was injured' } });
  });

  it('raises one level when a social post reaches a mainstream outlet', () => {
    const social = assessSeverity([mention()]);
    const jumped = assessSeverity([mention(), mention({ outlet: 'Tuổi Trẻ', sourceKind: 'rss', at: hours(30) })]);
    expect(social.severity).toBe('S3');
    expect(jumped.severity).toBe('S2');
    expect(jumped.reasons).toContainEqual({ code: 'social_jump', params: { from: 'Nhóm phụ huynh', to: 'Tuổi Trẻ' } });
    expect(jumped.reasons.map(renderSeverityReason)).toContain(
      'Lan từ mạng xã hội (Nhóm phụ huynh) sang báo chính thống (Tuổi Trẻ)',
    );
  });

  it('does not count a jump when the press came first', () => {
    const result = assessSeverity([
      mention({ outlet: 'Tuổi Trẻ', sourceKind: 'rss' }),
      mention({ outlet: 'Nhóm phụ huynh', at: hours(30) }),
    ]);
    expect(result.severity).toBe('S3');
  });

  it('weighs abuse, violence and food poisoning by category', () => {
    expect(assessSeverity([mention({ proposed: 'S4', category: 'abuse_sexual_misconduct' })]).severity).toBe('S1');
    expect(assessSeverity([mention({ proposed: 'S4', category: 'food_safety' })]).severity).toBe('S2');
  });

  it('caps the raise from spread at two levels', () => {
    const outlets = ['A', 'B', 'C', 'D'].map((outlet, i) =>
      mention({
        proposed: 'S4',
        category: 'exams_admissions',
        outlet,
        sourceKind: i === 0 ? 'social' : 'rss',
        reachWeight: 3,
        at: hours(i),
      }),
    );
    const result = assessSeverity(outlets);
    expect(result.severity).toBe('S2' satisfies Severity);
    expect(
      result.reasons.filter((r) => ['outlets', 'social_jump', 'reach', 'fast_spread'].includes(r.code)),
    ).toHaveLength(2);
  });

  it('raises for overwhelmingly negative coverage', () => {
    const result = assessSeverity([mention({ sentiment: -0.9, sourceKind: 'rss' })]);
    expect(result.severity).toBe('S2');
    expect(result.reasons).toContainEqual({ code: 'negative_tone', params: { mean: -0.9 } });
    expect(result.reasons.map(renderSeverityReason)).toContain('Tin bài tiêu cực áp đảo (sắc thái trung bình -0,9)');
  });

  it('explains an incident opened by hand without coverage', () => {
    const result = assessSeverity([], 'S2');
    expect(result).toEqual({ severity: 'S2', reasons: [{ code: 'manual_no_coverage', params: {} }] });
    expect(result.reasons.map(renderSeverityReason)).toEqual(['Mở thủ công; chưa có tin bài kèm theo']);
  });
});
