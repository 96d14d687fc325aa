import type { Severity } from '@mw/shared';
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
    expect(result.reasons).toContain('someone was injured');
  });

  it('raises one level when a social post reaches a mainstream outlet', () => {
    const social = assessSeverity([mention()]);
    const jumped = assessSeverity([mention(), mention({ outlet: 'Tuổi Trẻ', sourceKind: 'rss', at: hours(30) })]);
    expect(social.severity).toBe('S3');
    expect(jumped.severity).toBe('S2');
    expect(jumped.reasons.some((r) => r.includes('jumped from social media'))).toBe(true);
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
    expect(result.reasons.filter((r) => /outlets carry|jumped|reach|spread fast/.test(r))).toHaveLength(2);
  });

  it('raises for overwhelmingly negative coverage', () => {
    expect(assessSeverity([mention({ sentiment: -0.9, sourceKind: 'rss' })]).severity).toBe('S2');
  });
});
