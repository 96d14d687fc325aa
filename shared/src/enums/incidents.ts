/** Where an incident stands in its workflow; `dismissed` closes a false match. */
export const IncidentStatus = {
  New: 'new',
  Acknowledged: 'acknowledged',
  Investigating: 'investigating',
  ResponseDrafted: 'response_drafted',
  AwaitingApproval: 'awaiting_approval',
  Responded: 'responded',
  Resolved: 'resolved',
  Dismissed: 'dismissed',
} as const;
export type IncidentStatus = (typeof IncidentStatus)[keyof typeof IncidentStatus];
export const INCIDENT_STATUSES: readonly IncidentStatus[] = Object.values(IncidentStatus);

/** Statuses in which nobody needs to act any more. */
export const CLOSED_INCIDENT_STATUSES: readonly IncidentStatus[] = [IncidentStatus.Resolved, IncidentStatus.Dismissed];

/** What a timeline entry records. */
export const TimelineKind = {
  Opened: 'opened',
  MentionAttached: 'mention_attached',
  SeverityChanged: 'severity_changed',
  StatusChanged: 'status_changed',
  Assigned: 'assigned',
  Unassigned: 'unassigned',
  Comment: 'comment',
  TaskAdded: 'task_added',
  TaskDone: 'task_done',
  ResponseDrafted: 'response_drafted',
  ResponseSubmitted: 'response_submitted',
  ResponseApproved: 'response_approved',
  ResponseSentBack: 'response_sent_back',
  ResponsePublished: 'response_published',
  Escalated: 'escalated',
  Reminder: 'reminder',
  ResponseOverdue: 'response_overdue',
  Unreachable: 'unreachable',
  Notified: 'notified',
  Merged: 'merged',
  Split: 'split',
  Correction: 'correction',
} as const;
export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind];

/** Templates for the official response. */
export const ResponseTemplate = {
  HoldingStatement: 'holding_statement',
  CorrectionRequest: 'correction_request',
  Free: 'free',
} as const;
export type ResponseTemplate = (typeof ResponseTemplate)[keyof typeof ResponseTemplate];
export const RESPONSE_TEMPLATES: readonly ResponseTemplate[] = Object.values(ResponseTemplate);

export const ResponseStatus = {
  Draft: 'draft',
  AwaitingApproval: 'awaiting_approval',
  Approved: 'approved',
  SentBack: 'sent_back',
  Published: 'published',
} as const;
export type ResponseStatus = (typeof ResponseStatus)[keyof typeof ResponseStatus];

export const GoodNewsStatus = { New: 'new', Shared: 'shared', Proposed: 'proposed', Archived: 'archived' } as const;
export type GoodNewsStatus = (typeof GoodNewsStatus)[keyof typeof GoodNewsStatus];
export const GOOD_NEWS_STATUSES: readonly GoodNewsStatus[] = Object.values(GoodNewsStatus);

/** How an incident came in. */
export const IncidentOrigin = { Detected: 'detected', Manual: 'manual', Split: 'split' } as const;
export type IncidentOrigin = (typeof IncidentOrigin)[keyof typeof IncidentOrigin];

/**
 * Why an incident has its severity, as a stable code the dashboard translates; the server also sends a Vietnamese
 * text. `analysis` carries a reason written by the analysis stage (already Vietnamese) in its `text` param.
 */
export const SeverityReasonCode = {
  ManualNoCoverage: 'manual_no_coverage',
  ManualSet: 'manual_set',
  AnalysisProposed: 'analysis_proposed',
  Analysis: 'analysis',
  NoProposal: 'no_proposal',
  CategoryFloor: 'category_floor',
  NegativeTone: 'negative_tone',
  SocialJump: 'social_jump',
  Outlets: 'outlets',
  Reach: 'reach',
  FastSpread: 'fast_spread',
} as const;
export type SeverityReasonCode = (typeof SeverityReasonCode)[keyof typeof SeverityReasonCode];

/**
 * What a timeline entry says, as a stable code with params; finer than TimelineKind (an opening by hand or detected).
 */
export const TimelineCode = {
  OpenedDetected: 'opened_detected',
  OpenedManual: 'opened_manual',
  OpenedSplit: 'opened_split',
  MentionAttached: 'mention_attached',
  SeverityRaised: 'severity_raised',
  StatusChanged: 'status_changed',
  StatusChangedReason: 'status_changed_reason',
  StatusChangedVia: 'status_changed_via',
  AssignedDefault: 'assigned_default',
  Assigned: 'assigned',
  Unassigned: 'unassigned',
  Comment: 'comment',
  TaskAdded: 'task_added',
  TaskDone: 'task_done',
  ResponseDrafted: 'response_drafted',
  ResponseSubmitted: 'response_submitted',
  ResponseApproved: 'response_approved',
  ResponseSentBack: 'response_sent_back',
  ResponsePublished: 'response_published',
  Notified: 'notified',
  Reminder: 'reminder',
  ResponseOverdue: 'response_overdue',
  Escalated: 'escalated',
  Unreachable: 'unreachable',
  MergedInto: 'merged_into',
  MergedFrom: 'merged_from',
  SplitOut: 'split_out',
  FalseMatch: 'false_match',
  /** A unit role proposed dismissing a serious (S1/S2) ticket, which only the office decides. */
  DismissalProposed: 'dismissal_proposed',
  /** An entry written before codes existed: only its text is known. */
  Text: 'text',
} as const;
export type TimelineCode = (typeof TimelineCode)[keyof typeof TimelineCode];

/** The codes a new timeline entry can carry: `text` only stands for an entry read back from before codes existed. */
export type WrittenTimelineCode = Exclude<TimelineCode, typeof TimelineCode.Text>;

/**
 * The kind each code is stored under, so a writer names the code alone and the two cannot disagree. A `Record` over
 * the codes, so a new code without its kind does not compile.
 */
export const TIMELINE_KIND_OF: Readonly<Record<WrittenTimelineCode, TimelineKind>> = {
  opened_detected: TimelineKind.Opened,
  opened_manual: TimelineKind.Opened,
  opened_split: TimelineKind.Opened,
  mention_attached: TimelineKind.MentionAttached,
  severity_raised: TimelineKind.SeverityChanged,
  status_changed: TimelineKind.StatusChanged,
  status_changed_reason: TimelineKind.StatusChanged,
  status_changed_via: TimelineKind.StatusChanged,
  assigned_default: TimelineKind.Assigned,
  assigned: TimelineKind.Assigned,
  unassigned: TimelineKind.Unassigned,
  comment: TimelineKind.Comment,
  task_added: TimelineKind.TaskAdded,
  task_done: TimelineKind.TaskDone,
  response_drafted: TimelineKind.ResponseDrafted,
  response_submitted: TimelineKind.ResponseSubmitted,
  response_approved: TimelineKind.ResponseApproved,
  response_sent_back: TimelineKind.ResponseSentBack,
  response_published: TimelineKind.ResponsePublished,
  notified: TimelineKind.Notified,
  reminder: TimelineKind.Reminder,
  response_overdue: TimelineKind.ResponseOverdue,
  escalated: TimelineKind.Escalated,
  unreachable: TimelineKind.Unreachable,
  merged_into: TimelineKind.Merged,
  merged_from: TimelineKind.Merged,
  split_out: TimelineKind.Split,
  false_match: TimelineKind.Correction,
  dismissal_proposed: TimelineKind.Comment,
};

export function timelineKindOf(code: WrittenTimelineCode): TimelineKind {
  return TIMELINE_KIND_OF[code];
}
