import { TIMELINE_KIND_OF, TimelineCode, TimelineKind, timelineKindOf } from './incidents';

describe('timeline kind of a code', () => {
  it('gives every code a new entry can carry a kind, and only those', () => {
    const written = Object.values(TimelineCode).filter((c) => c !== TimelineCode.Text);
    expect(Object.keys(TIMELINE_KIND_OF).sort()).toEqual([...written].sort());
    expect(Object.keys(TIMELINE_KIND_OF)).not.toContain(TimelineCode.Text);
    const kinds = new Set<string>(Object.values(TimelineKind));
    for (const code of written) expect(kinds).toContain(timelineKindOf(code));
  });

  it('reaches every kind, so no kind is left without a code that writes it', () => {
    expect(new Set(Object.values(TIMELINE_KIND_OF))).toEqual(new Set(Object.values(TimelineKind)));
  });

  // The kinds the writers passed beside each code before the kind was derived; stored rows must not change.
  it.each([
    ['opened_detected', 'opened'],
    ['opened_manual', 'opened'],
    ['opened_split', 'opened'],
    ['mention_attached', 'mention_attached'],
    ['severity_raised', 'severity_changed'],
    ['status_changed', 'status_changed'],
    ['status_changed_reason', 'status_changed'],
    ['status_changed_via', 'status_changed'],
    ['assigned_default', 'assigned'],
    ['assigned', 'assigned'],
    ['unassigned', 'unassigned'],
    ['comment', 'comment'],
    ['task_added', 'task_added'],
    ['task_done', 'task_done'],
    ['response_drafted', 'response_drafted'],
    ['response_submitted', 'response_submitted'],
    ['response_approved', 'response_approved'],
    ['response_sent_back', 'response_sent_back'],
    ['response_published', 'response_published'],
    ['notified', 'notified'],
    ['reminder', 'reminder'],
    ['response_overdue', 'response_overdue'],
    ['escalated', 'escalated'],
    ['unreachable', 'unreachable'],
    ['merged_into', 'merged'],
    ['merged_from', 'merged'],
    ['split_out', 'split'],
    ['false_match', 'correction'],
  ] as const)('stores %s under kind %s', (code, kind) => {
    expect(timelineKindOf(code)).toBe(kind);
  });
});
