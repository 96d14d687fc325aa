/**
 * The incident workflow as one pure function. Every status change, by a person or by the system, asks `nextStatus`
 * first; the service refuses anything it rejects with ErrorCode.InvalidTransition. Dismissal (a false match) is
 * open from every status that is not closed; a resolved incident can be reopened for investigation when the story
 * flares up again.
 */
import { INCIDENT_STATUSES, IncidentStatus } from '@mw/shared';

export type TransitionResult = { ok: true; to: IncidentStatus } | { ok: false; reason: string };

/** Column that records when the incident entered a status (`new` is `opened_at`). */
export const STATUS_TIMESTAMP_COLUMN: Readonly<Record<Exclude<IncidentStatus, 'new'>, string>> = {
  acknowledged: 'acknowledged_at',
  investigating: 'investigating_at',
  response_drafted: 'response_drafted_at',
  awaiting_approval: 'awaiting_approval_at',
  responded: 'responded_at',
  resolved: 'resolved_at',
  dismissed: 'dismissed_at',
};

function allowedFrom(from: IncidentStatus): readonly IncidentStatus[] {
  switch (from) {
    case IncidentStatus.New:
      return [IncidentStatus.Acknowledged, IncidentStatus.Dismissed];
    case IncidentStatus.Acknowledged:
      return [
        IncidentStatus.Investigating,
        IncidentStatus.ResponseDrafted,
        IncidentStatus.Resolved,
        IncidentStatus.Dismissed,
      ];
    case IncidentStatus.Investigating:
      return [IncidentStatus.ResponseDrafted, IncidentStatus.Resolved, IncidentStatus.Dismissed];
    case IncidentStatus.ResponseDrafted:
      return [IncidentStatus.AwaitingApproval, IncidentStatus.Investigating, IncidentStatus.Dismissed];
    case IncidentStatus.AwaitingApproval:
      // Approval leads to publication (responded); a send-back returns the draft to its author.
      return [IncidentStatus.Responded, IncidentStatus.ResponseDrafted, IncidentStatus.Dismissed];
    case IncidentStatus.Responded:
      return [IncidentStatus.Resolved, IncidentStatus.Investigating];
    case IncidentStatus.Resolved:
      return [IncidentStatus.Investigating];
    case IncidentStatus.Dismissed:
      return [];
    default:
      return assertUnreachable(from);
  }
}

export function nextStatus(from: IncidentStatus, to: IncidentStatus): TransitionResult {
  if (from === to) return { ok: false, reason: `the incident is already ${from}` };
  const allowed = allowedFrom(from);
  if (allowed.includes(to)) return { ok: true, to };
  if (allowed.length === 0) return { ok: false, reason: `a ${from} incident cannot change status` };
  return { ok: false, reason: `cannot go from ${from} to ${to}; allowed: ${allowed.join(', ')}` };
}

export function isClosed(status: IncidentStatus): boolean {
  return status === IncidentStatus.Resolved || status === IncidentStatus.Dismissed;
}

export function assertUnreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}

/** What the caller's roles allow besides the workflow itself. */
export interface TransitionRights {
  /** May call the transition endpoint at all (the incident handlers). */
  readonly mayTransition: boolean;
  /** May mark the incident responded: leadership, or the designated spokesperson. */
  readonly mayPublish: boolean;
  /** May dismiss it: anyone who may transition, except that a serious ticket (S1, S2) needs the office. */
  readonly mayDismiss: boolean;
}

/** Severities whose dismissal is the office's decision. */
export function isSerious(severity: string): boolean {
  return severity === 'S1' || severity === 'S2';
}

/** The statuses `nextStatus` accepts from `from`, less those the rights do not cover, in workflow order. */
export function allowedTransitions(from: IncidentStatus, rights: TransitionRights): IncidentStatus[] {
  if (!rights.mayTransition) return [];
  return INCIDENT_STATUSES.filter(
    (to) =>
      nextStatus(from, to).ok &&
      (to !== IncidentStatus.Responded || rights.mayPublish) &&
      (to !== IncidentStatus.Dismissed || rights.mayDismiss),
  );
}
