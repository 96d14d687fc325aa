/**
 * The official response on a ticket: drafted from a template (holding statement, correction request) or freely,
 * submitted to leadership, approved or sent back with a reason, then marked published with its link by the
 * designated spokesperson or leadership. The incident's status follows through the workflow function.
 */
import { ForbiddenException, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  IncidentErrorCode,
  IncidentStatus,
  TimelineCode,
  type DraftResponseRequest,
  type IncidentDetail,
} from '@mw/shared';
import type { EntityManager } from 'typeorm';
import type { Actor, AuthUser } from '../../../common/auth/auth-user';
import { isOfficeUser } from '../../../common/auth/scope';
import { Clock } from '../../../common/clock/clock';
import { AuditService } from '../../organisation';
import { invalidTransition } from '../incident-errors';
import { IncidentNotifier } from '../incident-notifier';
import { APPROVERS } from '../incident-permissions';
import { IncidentQueries } from '../incident-queries.service';
import { IncidentRecipients } from '../incident-recipients';
import { isClosed } from '../incident-status';
import { appendTimeline } from '../store/incident-timeline';
import { IncidentStore, type IncidentContext } from '../store/incident.store';
import { ResponseStore } from '../store/response.store';
import { IncidentChanges } from './incident-changes';
import { IncidentWorkflow } from './incident-workflow';
import { renderResponse } from '../response-templates';

@Injectable()
export class ResponsesFlow {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly store: IncidentStore,
    private readonly responses: ResponseStore,
    private readonly changes: IncidentChanges,
    private readonly workflow: IncidentWorkflow,
    private readonly queries: IncidentQueries,
    private readonly recipients: IncidentRecipients,
    private readonly notifier: IncidentNotifier,
  ) {}

  async draft(actor: Actor, user: AuthUser, id: string, req: DraftResponseRequest): Promise<IncidentDetail> {
    await this.changes.change(user, id, async (m, row) => {
      if (isClosed(row.status) || row.status === IncidentStatus.New) {
        throw invalidTransition(`A response cannot be drafted while the incident is ${row.status}`);
      }
      const now = this.clock.now();
      const ctx = await this.store.context(m, id);
      const rendered = renderResponse(req.template, {
        unitNames: ctx?.unitNames ?? [],
        incidentTitle: row.title,
        date: vietnamDate(now),
        params: req.params ?? {},
      });
      const title = (req.title ?? rendered.title).normalize('NFC').trim();
      const body = (req.body ?? rendered.body).normalize('NFC');
      const status = req.submit ? 'awaiting_approval' : 'draft';
      const responseId = await this.responses.insert(m, {
        incidentId: id,
        template: req.template,
        title,
        body,
        status,
        authorId: user.id,
        at: now,
      });
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.ResponseDrafted, params: { title } },
        data: { responseId, template: req.template },
      });
      await this.workflow.moveIfAllowed(m, row, IncidentStatus.ResponseDrafted, user.id);
      if (req.submit) await this.submitWithin(m, id, responseId, user.id, now);
      await this.audit.record(
        actor,
        {
          action: 'incident.response_draft',
          entityType: 'incident',
          entityId: id,
          after: { responseId, template: req.template, submit: !!req.submit },
        },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  async submit(actor: Actor, user: AuthUser, id: string, responseId: string): Promise<IncidentDetail> {
    await this.changes.change(user, id, async (m) => {
      const response = await this.responses.lock(m, id, responseId);
      if (response.status !== 'draft' && response.status !== 'sent_back') {
        throw invalidTransition(`A ${response.status} response cannot be submitted`);
      }
      const now = this.clock.now();
      await this.responses.submit(m, responseId, now);
      await this.submitWithin(m, id, responseId, user.id, now);
      await this.audit.record(
        actor,
        { action: 'incident.response_submit', entityType: 'incident', entityId: id, after: { responseId } },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  async approve(actor: Actor, user: AuthUser, id: string, responseId: string): Promise<IncidentDetail> {
    if (!isOfficeUser(user, APPROVERS)) {
      throw new ForbiddenException({ code: ErrorCode.Forbidden, message: 'Only leadership approves a response' });
    }
    await this.changes.change(user, id, async (m, row) => {
      const response = await this.responses.lock(m, id, responseId);
      if (response.status !== 'awaiting_approval') {
        throw invalidTransition(`A ${response.status} response cannot be approved`);
      }
      const now = this.clock.now();
      await this.responses.approve(m, responseId, user.id, now);
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.ResponseApproved, params: { title: response.title } },
        data: { responseId },
      });
      await this.workflow.notifyAssignees(m, row, `response.approved.${responseId}`, 'response.approved');
      await this.audit.record(
        actor,
        { action: 'incident.response_approve', entityType: 'incident', entityId: id, after: { responseId } },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  async sendBack(
    actor: Actor,
    user: AuthUser,
    id: string,
    responseId: string,
    reason: string,
  ): Promise<IncidentDetail> {
    if (!isOfficeUser(user, APPROVERS)) {
      throw new ForbiddenException({ code: ErrorCode.Forbidden, message: 'Only leadership sends a response back' });
    }
    await this.changes.change(user, id, async (m, row) => {
      const response = await this.responses.lock(m, id, responseId);
      if (response.status !== 'awaiting_approval') {
        throw invalidTransition(`A ${response.status} response cannot be sent back`);
      }
      const now = this.clock.now();
      const why = reason.normalize('NFC').trim();
      await this.responses.sendBack(m, responseId, user.id, now, why);
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.ResponseSentBack, params: { reason: why } },
        data: { responseId },
      });
      await this.workflow.moveIfAllowed(m, row, IncidentStatus.ResponseDrafted, user.id);
      await this.workflow.notifyAssignees(
        m,
        row,
        `response.sent_back.${responseId}.${now.getTime()}`,
        'response.sent_back',
      );
      await this.audit.record(
        actor,
        {
          action: 'incident.response_send_back',
          entityType: 'incident',
          entityId: id,
          after: { responseId, reason: why },
        },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  async publish(actor: Actor, user: AuthUser, id: string, responseId: string, url: string): Promise<IncidentDetail> {
    await this.changes.change(user, id, async (m, row) => {
      await this.workflow.assertMayPublish(m, user, id);
      const response = await this.responses.lock(m, id, responseId);
      if (response.status !== 'approved') {
        throw new ForbiddenException({
          code: IncidentErrorCode.ResponseNotApproved,
          message: 'Only an approved response can be published',
        });
      }
      const now = this.clock.now();
      await this.responses.publish(m, responseId, user.id, now, url);
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.ResponsePublished, params: { url } },
        data: { responseId, url },
      });
      if (row.status !== IncidentStatus.Responded) {
        if (row.status === IncidentStatus.ResponseDrafted) {
          await this.workflow.applyTransition(m, row, IncidentStatus.AwaitingApproval, user.id, null);
        }
        await this.workflow.applyTransition(m, row, IncidentStatus.Responded, user.id, null);
      }
      await this.audit.record(
        actor,
        { action: 'incident.response_publish', entityType: 'incident', entityId: id, after: { responseId, url } },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  private async submitWithin(
    m: EntityManager,
    id: string,
    responseId: string,
    actorId: string,
    now: Date,
  ): Promise<void> {
    const row = await this.store.lock(m, id);
    await appendTimeline(m, {
      incidentId: id,
      at: now,
      actorId,
      message: { code: TimelineCode.ResponseSubmitted, params: {} },
      data: { responseId },
    });
    await this.workflow.moveIfAllowed(m, row, IncidentStatus.ResponseDrafted, actorId);
    await this.workflow.moveIfAllowed(m, row, IncidentStatus.AwaitingApproval, actorId);
    const leaders = await this.recipients.leaders();
    const ctx = (await this.store.context(m, id)) as IncidentContext;
    await this.notifier.notify(m, {
      incidentId: id,
      event: `response.awaiting_approval.${responseId}.${now.getTime()}`,
      level: 4,
      recipientIds: leaders,
      severity: ctx.severity,
      template: 'response.awaiting_approval',
      params: this.notifier.templateParams(ctx),
    });
  }
}

function vietnamDate(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${local.getUTCFullYear()}`;
}
