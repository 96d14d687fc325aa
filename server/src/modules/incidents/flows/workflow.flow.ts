/**
 * Status changes asked for by people: acknowledging a ticket (in the dashboard, or through a message the
 * notifications module authenticated, on its transaction) and moving it through the workflow. The transition
 * itself, with its clocks and timeline, is IncidentWorkflow's; this adds the scope, the audit record and the live
 * update.
 */
import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { ErrorCode, IncidentStatus, TimelineCode, type AcknowledgeVia, type IncidentDetail } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type Actor, type AuthUser } from '../../../common/auth/auth-user';
import { mayActOn } from '../../../common/auth/scope';
import { Clock } from '../../../common/clock/clock';
import { AuditService } from '../../organisation';
import { IncidentNotifier } from '../incident-notifier';
import { INCIDENT_HANDLERS } from '../incident-permissions';
import { IncidentQueries } from '../incident-queries.service';
import { IncidentRecipients } from '../incident-recipients';
import { nextStatus } from '../incident-status';
import { appendTimeline } from '../store/incident-timeline';
import { IncidentStore, type IncidentContext } from '../store/incident.store';
import { IncidentChanges } from './incident-changes';
import { IncidentWorkflow } from './incident-workflow';

@Injectable()
export class WorkflowFlow {
  constructor(
    private readonly audit: AuditService,
    private readonly store: IncidentStore,
    private readonly changes: IncidentChanges,
    private readonly workflow: IncidentWorkflow,
    private readonly notifier: IncidentNotifier,
    private readonly queries: IncidentQueries,
    private readonly recipients: IncidentRecipients,
    private readonly clock: Clock,
  ) {}

  async acknowledge(actor: Actor, user: AuthUser, id: string): Promise<IncidentDetail> {
    await this.changes.change(user, id, async (m, row) => {
      if (row.acknowledged_at) return;
      await this.workflow.applyTransition(m, row, IncidentStatus.Acknowledged, user.id, null);
      await this.audit.record(actor, { action: 'incident.acknowledge', entityType: 'incident', entityId: id }, m);
    });
    return this.queries.detail(id, user);
  }

  /**
   * Acknowledgement through a message (a link in an e-mail or a Zalo message, the in-app button) on the
   * notifications module's transaction, for the message's recipient it authenticated: they must hold a handling role
   * at one of the incident's units (a steering member's copy, or a school's copy read by someone who has since left
   * it, acknowledges nothing). An incident already acknowledged, or no longer new, is left as it is.
   */
  async acknowledgeFromMessage(
    m: EntityManager,
    id: string,
    person: AuthUser,
    via: AcknowledgeVia,
  ): Promise<{ changed: boolean; announce(): void }> {
    const row = await this.store.lock(m, id);
    if (!mayActOn(person, INCIDENT_HANDLERS, await this.store.unitCodes(m, id))) {
      throw new ForbiddenException({
        code: ErrorCode.Forbidden,
        message: 'Your roles at the schools of this incident do not let you acknowledge it',
      });
    }
    const unchanged = { changed: false, announce: () => undefined };
    if (row.acknowledged_at || row.status !== IncidentStatus.New) return unchanged;
    await this.workflow.applyTransition(m, row, IncidentStatus.Acknowledged, person.id, `via ${via}`, via);
    // The person was authenticated by the message, not by a session: recorded as the system on their behalf.
    await this.audit.record(
      SYSTEM_ACTOR,
      { action: 'incident.acknowledge', entityType: 'incident', entityId: id, after: { personId: person.id, via } },
      m,
    );
    return { changed: true, announce: () => this.notifier.publishChange(id, 'incident.updated') };
  }

  async transition(
    actor: Actor,
    user: AuthUser,
    id: string,
    to: IncidentStatus,
    reason?: string,
  ): Promise<IncidentDetail> {
    await this.changes.change(user, id, async (m, row) => {
      if (to === IncidentStatus.Responded) {
        await this.workflow.assertMayPublish(m, user, row.id);
      }
      if (to === IncidentStatus.Dismissed) await this.workflow.assertMayDismiss(m, user, row);
      const before = row.status;
      await this.workflow.applyTransition(m, row, to, user.id, reason ?? null);
      await this.audit.record(
        actor,
        {
          action: 'incident.transition',
          entityType: 'incident',
          entityId: id,
          before: { status: before },
          after: { status: to, reason },
        },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  /**
   * A unit's handler asks the office to dismiss a serious ticket they may not dismiss themselves: the reason goes on
   * the timeline and to the office spokespersons and leadership, who decide (and dismiss it, or not).
   */
  async proposeDismissal(actor: Actor, user: AuthUser, id: string, reason: string): Promise<IncidentDetail> {
    await this.changes.change(user, id, async (m, row) => {
      const rights = await this.workflow.transitionRights(m, user, id, row.severity);
      if (!rights.mayTransition || rights.mayDismiss || !nextStatus(row.status, IncidentStatus.Dismissed).ok) {
        throw new ConflictException({
          code: ErrorCode.Conflict,
          message: rights.mayDismiss
            ? 'You may dismiss this incident yourself'
            : 'This incident cannot be proposed for dismissal now',
        });
      }
      const text = reason.normalize('NFC').trim();
      const now = this.clock.now();
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.DismissalProposed, params: { reason: text.slice(0, 300) } },
        data: { reason: text },
      });
      const ctx = (await this.store.context(m, id)) as IncidentContext;
      const office = [
        ...new Set([...(await this.recipients.officeSpokespersons()), ...(await this.recipients.leaders())]),
      ];
      await this.notifier.notify(m, {
        incidentId: id,
        event: `incident.dismissal_proposed.${now.getTime()}`,
        level: 0,
        recipientIds: office.filter((p) => p !== user.id),
        severity: row.severity,
        template: 'incident.dismissal_proposed',
        params: { ...this.notifier.templateParams(ctx), by: user.name || user.email, reason: text },
      });
      await this.audit.record(
        actor,
        { action: 'incident.dismissal_propose', entityType: 'incident', entityId: id, after: { reason: text } },
        m,
      );
    });
    return this.queries.detail(id, user);
  }
}
