/**
 * Workflow side effects shared by the incident flows: a status change through the one pure transition function
 * (with its timestamp, timeline entry, escalation clocks and, for a dismissal, the correction for the analysis
 * labels); a chain step recorded once with its notifications; who may mark a response published.
 */
import { ForbiddenException, Injectable } from '@nestjs/common';
import { IncidentErrorCode, IncidentStatus, TimelineCode, type Severity } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../../common/auth/auth-user';
import { mayActOn } from '../../../common/auth/scope';
import { Clock } from '../../../common/clock/clock';
import { EscalationClocks, type EscalationStepRecord } from '../../escalation';
import { invalidTransition, notAssignee } from '../incident-errors';
import type { WrittenTimelineMessage } from '../incident-messages';
import { IncidentNotifier } from '../incident-notifier';
import {
  INCIDENT_HANDLERS,
  PUBLISH_AUTHORITIES,
  SERIOUS_DISMISSAL_AUTHORITIES,
  SPOKESPERSON_ROLES,
} from '../incident-permissions';
import type { IncidentRow } from '../incident-rows';
import { isSerious, nextStatus, STATUS_TIMESTAMP_COLUMN, type TransitionRights } from '../incident-status';
import { AssignmentStore } from '../store/assignment.store';
import { CoverageStore } from '../store/coverage.store';
import { appendTimeline } from '../store/incident-timeline';
import { IncidentStore, type IncidentContext } from '../store/incident.store';

@Injectable()
export class IncidentWorkflow {
  constructor(
    private readonly clock: Clock,
    private readonly notifier: IncidentNotifier,
    private readonly store: IncidentStore,
    private readonly assignments: AssignmentStore,
    private readonly coverage: CoverageStore,
    private readonly clocks: EscalationClocks,
  ) {}

  async applyTransition(
    m: EntityManager,
    row: IncidentRow,
    to: IncidentStatus,
    actorId: string | null,
    reason: string | null,
    /** The channel of a message link the change came through (e-mail, Zalo, in-app). */
    via?: string,
  ): Promise<void> {
    const result = nextStatus(row.status, to);
    if (!result.ok) throw invalidTransition(result.reason);
    const now = this.clock.now();
    const column = STATUS_TIMESTAMP_COLUMN[to as Exclude<IncidentStatus, 'new'>];
    await this.store.setStatus(m, row.id, {
      status: to,
      column,
      at: now,
      ...(to === IncidentStatus.Acknowledged ? { acknowledgedBy: actorId } : {}),
    });
    const message: WrittenTimelineMessage = via
      ? { code: TimelineCode.StatusChangedVia, params: { from: row.status, to, via } }
      : reason
        ? { code: TimelineCode.StatusChangedReason, params: { from: row.status, to, reason } }
        : { code: TimelineCode.StatusChanged, params: { from: row.status, to } };
    await appendTimeline(m, {
      incidentId: row.id,
      at: now,
      actorId,
      message,
      data: { from: row.status, to, reason },
    });
    if (to === IncidentStatus.Acknowledged) await this.clocks.stopAckChain(m, row.id, now);
    if (to === IncidentStatus.Responded || to === IncidentStatus.Resolved || to === IncidentStatus.Dismissed) {
      await this.clocks.stopAll(m, row.id, now);
    }
    if (to === IncidentStatus.Dismissed) {
      const ids = await this.coverage.mentionIds(m, row.id);
      await this.coverage.recordFalseMatch(m, {
        incidentId: row.id,
        mentionIds: ids,
        reason: reason ?? 'false match',
        by: actorId,
        at: now,
      });
      await appendTimeline(m, {
        incidentId: row.id,
        at: now,
        actorId,
        message: { code: TimelineCode.FalseMatch, params: { count: ids.length } },
        data: { mentionIds: ids, reason },
      });
    }
    row.status = to;
  }

  async moveIfAllowed(m: EntityManager, row: IncidentRow, to: IncidentStatus, actorId: string): Promise<void> {
    if (nextStatus(row.status, to).ok) await this.applyTransition(m, row, to, actorId, null);
  }

  /** Records a chain step once and enqueues its notifications in the same transaction. */
  async step(
    m: EntityManager,
    record: EscalationStepRecord,
    severity: Severity,
    event: string,
    template: string,
    params: Record<string, string>,
    /** `urgent: false` holds even an S1 step in quiet hours (old coverage). */
    options: { urgent?: boolean } = {},
  ): Promise<boolean> {
    if (!(await this.clocks.recordStep(m, record))) return false;
    const sent = await this.notifier.notify(m, {
      incidentId: record.incidentId,
      event,
      level: record.level,
      recipientIds: record.recipientIds,
      severity,
      template,
      params,
      ...options,
    });
    await this.clocks.countStepNotifications(m, record, sent);
    const count = record.recipientIds.length;
    const message: WrittenTimelineMessage =
      record.kind === 'opened'
        ? { code: TimelineCode.Notified, params: { count } }
        : record.kind === 'reminder'
          ? { code: TimelineCode.Reminder, params: { round: record.round, level: record.level, count } }
          : record.kind === 'response_overdue'
            ? { code: TimelineCode.ResponseOverdue, params: { count } }
            : { code: TimelineCode.Escalated, params: { level: record.level, count } };
    await appendTimeline(m, {
      incidentId: record.incidentId,
      at: record.at,
      actorId: null,
      message,
      data: { level: record.level, round: record.round, recipientIds: record.recipientIds, notifications: sent, event },
    });
    return true;
  }

  async notifyAssignees(m: EntityManager, row: IncidentRow, event: string, template: string): Promise<void> {
    const ctx = (await this.store.context(m, row.id)) as IncidentContext;
    await this.notifier.notify(m, {
      incidentId: row.id,
      event,
      level: 1,
      recipientIds: ctx.assigneeIds,
      severity: row.severity,
      template,
      params: this.notifier.templateParams(ctx),
    });
  }

  /**
   * Leadership/admin, or the designated spokesperson: an assignee holding a spokesperson role at one of the
   * incident's units (or the office's). A spokesperson of another school who is assigned here in another role is not.
   */
  async mayPublish(m: EntityManager, user: AuthUser, id: string, unitCodes?: readonly string[]): Promise<boolean> {
    const units = unitCodes ?? (await this.store.unitCodes(m, id));
    if (mayActOn(user, PUBLISH_AUTHORITIES, units)) return true;
    if (!mayActOn(user, SPOKESPERSON_ROLES, units)) return false;
    return (await this.assignments.currentIds(m, id)).includes(user.id);
  }

  async assertMayPublish(m: EntityManager, user: AuthUser, id: string): Promise<void> {
    if (!(await this.mayPublish(m, user, id))) {
      throw notAssignee('Only the designated spokesperson or leadership can mark a response published');
    }
  }

  /** What the person's roles at this incident's units add to the workflow when they ask for a status change. */
  async transitionRights(m: EntityManager, user: AuthUser, id: string, severity: string): Promise<TransitionRights> {
    const units = await this.store.unitCodes(m, id);
    const mayTransition = mayActOn(user, INCIDENT_HANDLERS, units);
    return {
      mayTransition,
      mayPublish: await this.mayPublish(m, user, id, units),
      mayDismiss: mayTransition && (!isSerious(severity) || mayActOn(user, SERIOUS_DISMISSAL_AUTHORITIES, units)),
    };
  }

  /** Refuses dismissing a serious ticket to anyone but the office (403, DISMISSAL_NEEDS_OFFICE). */
  async assertMayDismiss(m: EntityManager, user: AuthUser, row: IncidentRow): Promise<void> {
    if ((await this.transitionRights(m, user, row.id, row.severity)).mayDismiss) return;
    throw new ForbiddenException({
      code: IncidentErrorCode.DismissalNeedsOffice,
      message: 'Dismissing an S1 or S2 incident is the office’s decision; propose it with a reason instead',
    });
  }
}
