/**
 * Status changes asked for by people: acknowledging a ticket (in the dashboard, or through a message link the
 * notifications module authenticated) and moving it through the workflow. The transition itself, with its clocks
 * and timeline, is IncidentWorkflow's; this adds the scope, the audit record and the live update.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IncidentStatus, type IncidentDetail } from '@mw/shared';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, type Actor, type AuthUser } from '../../../common/auth/auth-user';
import { AuditService } from '../../organisation';
import { IncidentNotifier } from '../incident-notifier';
import { IncidentQueries } from '../incident-queries.service';
import { IncidentStore } from '../store/incident.store';
import { IncidentChanges } from './incident-changes';
import { IncidentWorkflow } from './incident-workflow';

@Injectable()
export class WorkflowFlow {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly store: IncidentStore,
    private readonly changes: IncidentChanges,
    private readonly workflow: IncidentWorkflow,
    private readonly notifier: IncidentNotifier,
    private readonly queries: IncidentQueries,
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
   * Acknowledgement recorded by another module (a link in an e-mail or a Zalo message) for a person it has
   * authenticated itself; no scope check beyond the incident existing.
   */
  async acknowledgeAsSystem(id: string, personId: string, via: string): Promise<boolean> {
    const changed = await this.dataSource.transaction(async (m) => {
      const row = await this.store.lock(m, id);
      if (row.acknowledged_at) return false;
      await this.workflow.applyTransition(m, row, IncidentStatus.Acknowledged, personId, `via ${via}`, via);
      // The person was authenticated by the message link, not by a session: recorded as the system on their behalf.
      await this.audit.record(
        SYSTEM_ACTOR,
        { action: 'incident.acknowledge', entityType: 'incident', entityId: id, after: { personId, via } },
        m,
      );
      return true;
    });
    if (changed) this.notifier.publishChange(id, 'incident.updated');
    return changed;
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
}
