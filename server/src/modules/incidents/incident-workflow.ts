/**
 * Workflow side effects shared by the incident services: a status change through the one pure transition function
 * (with its timestamp, timeline entry, escalation clocks and, for a dismissal, the correction for the analysis
 * labels); a chain step recorded once with its notifications; who may mark a response published.
 */
import { Injectable } from '@nestjs/common';
import { IncidentStatus, Role, type Severity, type TimelineKind } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { hasRole } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { countStepNotifications, recordStep, stopAckChain, stopAllClocks } from '../escalation/escalation-state';
import { invalidTransition, notAssignee } from './incident-errors';
import { IncidentNotifier } from './incident-notifier';
import type { IncidentRow } from './incident-rows';
import { nextStatus, STATUS_TIMESTAMP_COLUMN } from './incident-status';
import { IncidentStore, type EscalationContext } from './incident-store';
import { appendTimeline } from './incident-timeline';

/** Roles allowed to mark a response published besides the designated spokesperson. */
const PUBLISH_AUTHORITIES: Role[] = [Role.Leader, Role.Admin];

@Injectable()
export class IncidentWorkflow {
  constructor(
    private readonly clock: Clock,
    private readonly notifier: IncidentNotifier,
    private readonly store: IncidentStore,
  ) {}

  async applyTransition(
    m: EntityManager,
    row: IncidentRow,
    to: IncidentStatus,
    actorId: string | null,
    reason: string | null,
  ): Promise<void> {
    const result = nextStatus(row.status, to);
    if (!result.ok) throw invalidTransition(result.reason);
    const now = this.clock.now();
    const column = STATUS_TIMESTAMP_COLUMN[to as Exclude<IncidentStatus, 'new'>];
    await m.query(
      `UPDATE incident SET status = $2, ${column} = $3, updated_at = $3${to === IncidentStatus.Acknowledged ? ', acknowledged_by = $4' : ''} WHERE id = $1`,
      to === IncidentStatus.Acknowledged ? [row.id, to, now, actorId] : [row.id, to, now],
    );
    await appendTimeline(m, {
      incidentId: row.id,
      at: now,
      kind: 'status_changed',
      actorId,
      summary: `${row.status} → ${to}${reason ? `: ${reason}` : ''}`,
      data: { from: row.status, to, reason },
    });
    if (to === IncidentStatus.Acknowledged) await stopAckChain(m, row.id, now);
    if (to === IncidentStatus.Responded || to === IncidentStatus.Resolved || to === IncidentStatus.Dismissed) {
      await stopAllClocks(m, row.id, now);
    }
    if (to === IncidentStatus.Dismissed) {
      const mentions: { mention_id: string }[] = await m.query(
        `SELECT mention_id FROM incident_mention WHERE incident_id = $1`,
        [row.id],
      );
      const ids = mentions.map((x) => x.mention_id);
      await m.query(
        `INSERT INTO analysis_correction (incident_id, mention_ids, kind, reason, corrected_by, at) VALUES ($1, $2, 'false_match', $3, $4, $5)`,
        [row.id, ids, reason ?? 'false match', actorId, now],
      );
      await appendTimeline(m, {
        incidentId: row.id,
        at: now,
        kind: 'correction',
        actorId,
        summary: `Ghi nhận nhận diện sai cho ${ids.length} bài`,
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
    record: Parameters<typeof recordStep>[1],
    severity: Severity,
    event: string,
    template: string,
    params: Record<string, string>,
  ): Promise<boolean> {
    if (!(await recordStep(m, record))) return false;
    const sent = await this.notifier.notify(m, {
      incidentId: record.incidentId,
      event,
      level: record.level,
      recipientIds: record.recipientIds,
      severity,
      template,
      params,
    });
    await countStepNotifications(m, record, sent);
    const kind: TimelineKind =
      record.kind === 'opened'
        ? 'notified'
        : record.kind === 'reminder'
          ? 'reminder'
          : record.kind === 'response_overdue'
            ? 'response_overdue'
            : 'escalated';
    const summary =
      record.kind === 'opened'
        ? `Thông báo ${record.recipientIds.length} người`
        : record.kind === 'reminder'
          ? `Nhắc lần ${record.round} (cấp ${record.level}), ${record.recipientIds.length} người`
          : record.kind === 'response_overdue'
            ? `Quá hạn trả lời báo chí: báo ${record.recipientIds.length} người`
            : `Chuyển cấp ${record.level}: báo ${record.recipientIds.length} người`;
    await appendTimeline(m, {
      incidentId: record.incidentId,
      at: record.at,
      kind,
      actorId: null,
      summary,
      data: { level: record.level, round: record.round, recipientIds: record.recipientIds, notifications: sent, event },
    });
    return true;
  }

  async notifyAssignees(m: EntityManager, row: IncidentRow, event: string, template: string): Promise<void> {
    const ctx = (await this.store.escalationContext(m, row.id)) as EscalationContext;
    await this.notifier.notify(m, {
      incidentId: row.id,
      event,
      level: 1,
      recipientIds: ctx.assigneeIds,
      severity: row.severity,
      template,
      params: this.store.templateParams(ctx),
    });
  }

  /** The designated spokesperson (an assignee holding a spokesperson role) or leadership/admin. */
  async assertMayPublish(m: EntityManager, user: AuthUser, id: string): Promise<void> {
    if (hasRole(user, ...PUBLISH_AUTHORITIES)) return;
    const isSpokesperson = user.roles.some(
      (r) => r.role === Role.OfficeSpokesperson || r.role === Role.UnitSpokesperson,
    );
    const assigned = (await this.store.assigneeIds(m, id)).includes(user.id);
    if (!isSpokesperson || !assigned) {
      throw notAssignee('Only the designated spokesperson or leadership can mark a response published');
    }
  }
}
