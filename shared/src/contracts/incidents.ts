/**
 * Contracts of the incidents and escalation modules. `GET /api/incidents`, `GET /api/incidents/:id`,
 * `POST /api/incidents/:id/acknowledge` and `POST /api/incidents/:id/transition` are used by external checks: their
 * shapes only grow, never change.
 */
import type { Category, SentimentLabel, Severity } from '../enums/analysis';
import type {
  GoodNewsStatus,
  IncidentOrigin,
  IncidentStatus,
  ResponseStatus,
  ResponseTemplate,
  SeverityReasonCode,
  TimelineCode,
  TimelineKind,
} from '../enums/incidents';
import type { DeliveryView } from './notifications';

/** Error codes specific to incidents, sent next to the generic ones. */
export const IncidentErrorCode = {
  NotAssignee: 'INCIDENT_NOT_ASSIGNEE',
  ResponseNotApproved: 'RESPONSE_NOT_APPROVED',
  NothingToSplit: 'NOTHING_TO_SPLIT',
  /** Dismissing an S1 or S2 ticket is the office's decision; a unit role proposes it instead. */
  DismissalNeedsOffice: 'DISMISSAL_NEEDS_OFFICE',
} as const;
export type IncidentErrorCode = (typeof IncidentErrorCode)[keyof typeof IncidentErrorCode];

export interface IncidentUnitRef {
  code: string;
  name: string;
}

export interface IncidentListItem {
  id: string;
  /** Short human number, e.g. 42, shown as #42. */
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  category: Category | null;
  units: IncidentUnitRef[];
  openedAt: string;
  acknowledgedAt: string | null;
  ackDueAt: string | null;
  respondDueAt: string | null;
  /** The escalation chain's level (1 the handlers; it may pass levels with nobody in them). */
  escalationLevel: number;
  /**
   * The highest level above the handlers (2 to 4) that has actually been notified, as the server recorded the step;
   * null until then. The dashboard's "escalated" badge shows this, never a guess from the chain's level.
   */
  escalatedLevel: number | null;
  mentionCount: number;
  outletCount: number;
  /** Units with nobody reachable: the ticket went straight to the office. */
  unreachableUnits: string[];
}

/**
 * Query of GET /api/incidents. `q` searches titles and descriptions ignoring diacritics and case; `from`/`to` are
 * ISO times on the opening time; `page` from 1 (at most 10000), `pageSize` 1 to 200 (default 50).
 */
export interface IncidentListQuery {
  q?: string;
  status?: IncidentStatus;
  severity?: Severity;
  unit?: string;
  category?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface IncidentListResponse {
  items: IncidentListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface IncidentMentionView {
  mentionId: string;
  title: string;
  url: string | null;
  outlet: string;
  sourceKind: string | null;
  publishedAt: string | null;
  sentiment: number | null;
  sentimentLabel: SentimentLabel | null;
  reachWeight: number;
  attachedAt: string;
}

export interface IncidentAssigneeView {
  personId: string;
  name: string;
  reason: string;
  assignedAt: string;
  unassignedAt: string | null;
}

/** Values filled into a coded message's template. */
export type MessageParams = Record<string, string | number>;

/**
 * A human message as a stable code plus params, which the dashboard translates, and the server's own rendering in
 * Vietnamese (`text`), shown for a code the dashboard does not know.
 */
export interface CodedText<C extends string = string> {
  code: C;
  params: MessageParams;
  text: string;
}

export type SeverityReasonView = CodedText<SeverityReasonCode>;

export interface TimelineEntryView {
  id: string;
  at: string;
  kind: TimelineKind;
  actorId: string | null;
  actorName: string | null;
  /** The same as `text`: kept for clients written before codes. */
  summary: string;
  code: TimelineCode;
  params: MessageParams;
  /** Vietnamese rendering of code and params. */
  text: string;
  data: Record<string, unknown>;
}

export interface IncidentTaskView {
  id: string;
  title: string;
  ownerId: string;
  ownerName: string;
  dueAt: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface IncidentCommentView {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  at: string;
}

export interface IncidentResponseView {
  id: string;
  template: ResponseTemplate;
  title: string;
  body: string;
  status: ResponseStatus;
  authorId: string;
  approvedById: string | null;
  approvedAt: string | null;
  sentBackReason: string | null;
  publishedById: string | null;
  publishedAt: string | null;
  publishedUrl: string | null;
  createdAt: string;
}

export interface IncidentDetail extends IncidentListItem {
  origin: IncidentOrigin;
  description: string;
  sourceUrl: string | null;
  storyIds: string[];
  /** Vietnamese texts of `severityReasonDetails`, in the same order. */
  severityReasons: string[];
  severityReasonDetails: SeverityReasonView[];
  severityManual: boolean;
  outlets: string[];
  reach: number;
  mentions: IncidentMentionView[];
  assignees: IncidentAssigneeView[];
  assignmentHistory: IncidentAssigneeView[];
  timeline: TimelineEntryView[];
  tasks: IncidentTaskView[];
  comments: IncidentCommentView[];
  responses: IncidentResponseView[];
  /** Delivery state from the notifications module; empty while that module is absent. */
  deliveries: DeliveryView[];
  mergedInto: string | null;
  timestamps: Partial<Record<Exclude<IncidentStatus, 'new'>, string | null>>;
  /**
   * Statuses the caller may ask `POST /api/incidents/:id/transition` for now: the workflow's next statuses less
   * those the caller's roles may not take (`responded` needs leadership or the designated spokesperson).
   */
  allowedTransitions: IncidentStatus[];
  /**
   * The caller may propose a dismissal (POST /api/incidents/:id/dismissal-proposal): a serious ticket (S1, S2) that
   * the workflow would let go to `dismissed`, which only the office may dismiss, and the caller handles it at a unit.
   */
  mayProposeDismissal: boolean;
}

/** Body of POST /api/incidents/:id/dismissal-proposal. */
export interface DismissalProposalRequest {
  /** Why the ticket should be dismissed (a false match, not about the school…), for the office to weigh. */
  reason: string;
}

export interface CreateIncidentRequest {
  title: string;
  unitCodes: string[];
  description?: string;
  /** A link to the post, article or screenshot. */
  sourceUrl?: string;
  category?: Category;
  severity?: Severity;
}

export interface TransitionRequest {
  to: IncidentStatus;
  /** Why, e.g. the reason for a dismissal; written on the timeline and in the correction. */
  reason?: string;
}

export interface AssignRequest {
  personIds: string[];
  /** When true, current assignees not listed are unassigned (history kept). */
  replace?: boolean;
}

export interface CommentRequest {
  body: string;
}

export interface TaskRequest {
  title: string;
  ownerId: string;
  dueAt?: string;
}

export interface DraftResponseRequest {
  template: ResponseTemplate;
  /** Template parameters such as outlet, articleTitle, articleUrl, facts, contact. */
  params?: Record<string, string>;
  /** Replaces the generated text when given. */
  body?: string;
  title?: string;
  /** Submit for the leader's approval at once. */
  submit?: boolean;
}

export interface SendBackRequest {
  reason: string;
}

export interface PublishRequest {
  url: string;
}

export interface MergeRequest {
  /** Incidents folded into this one; they are closed as merged. */
  incidentIds: string[];
}

export interface SplitRequest {
  mentionIds: string[];
  title?: string;
}

export interface SeverityLevelView {
  code: Severity;
  nameVi: string;
  nameEn: string;
  colour: string;
  /** Minutes to acknowledge; null means by the end of the next working day. */
  ackMinutes: number | null;
  /** Minutes to a first answer to the press; null means no deadline. */
  respondMinutes: number | null;
  /** Minutes between escalation steps and reminders while unacknowledged. */
  escalateEveryMinutes: number;
  /** Deadlines and reminders move to working days and hours. */
  workingDaysOnly: boolean;
  ignoresQuietHours: boolean;
  order: number;
}

export type UpdateSeverityLevelRequest = Partial<Omit<SeverityLevelView, 'code' | 'order'>>;

export interface EscalationSettingsView {
  timezone: 'Asia/Ho_Chi_Minh';
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  workdayStart: string;
  workdayEnd: string;
  /** Non-S1 escalations wait while the office is in quiet hours; null disables. */
  quietHours: { start: string; end: string } | null;
}

export type UpdateEscalationSettingsRequest = Partial<Omit<EscalationSettingsView, 'timezone'>>;

export interface GoodNewsItem {
  id: string;
  mentionId: string;
  title: string;
  url: string | null;
  outlet: string;
  units: IncidentUnitRef[];
  category: Category | null;
  sentiment: number | null;
  publishedAt: string | null;
  status: GoodNewsStatus;
  actedById: string | null;
  actedAt: string | null;
  note: string | null;
  createdAt: string;
}

/** Query of GET /api/good-news: `page` from 1 (at most 10000), `pageSize` 1 to 200 (default 50). */
export interface GoodNewsListQuery {
  status?: GoodNewsStatus;
  page?: number;
  pageSize?: number;
}

export interface GoodNewsListResponse {
  items: GoodNewsItem[];
  total: number;
}

export interface GoodNewsActionRequest {
  note?: string;
}
