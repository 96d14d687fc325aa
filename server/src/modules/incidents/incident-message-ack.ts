import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import type { AcknowledgeVia } from '@mw/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { mayActOn } from '../../common/auth/scope';
import { type IncidentAcknowledger, NotificationAckService } from '../notifications';
import { WorkflowFlow } from './flows/workflow.flow';
import { INCIDENT_HANDLERS } from './incident-permissions';
import { IncidentStore } from './store/incident.store';

/**
 * Acknowledgements that arrive through a message (a signed link in an e-mail or Zalo message, or the in-app button):
 * the notifications module authenticates the link and calls this on its own transaction, so the message and the
 * incident are acknowledged together. Registered with NotificationAckService at start-up, since notifications may
 * not depend on incidents.
 */
@Injectable()
export class IncidentMessageAck implements IncidentAcknowledger, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: IncidentStore,
    private readonly workflow: WorkflowFlow,
    @Optional() private readonly ack?: NotificationAckService,
  ) {}

  onModuleInit(): void {
    this.ack?.useAcknowledger(this);
  }

  async acknowledgeable(
    person: AuthUser,
    incidentIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    const units = await this.store.unitsOf(manager, incidentIds);
    return new Set([...units].filter(([, codes]) => mayActOn(person, INCIDENT_HANDLERS, codes)).map(([id]) => id));
  }

  acknowledge(
    manager: EntityManager,
    request: { incidentId: string; person: AuthUser; via: AcknowledgeVia },
  ): Promise<{ changed: boolean; announce(): void }> {
    return this.workflow.acknowledgeFromMessage(manager, request.incidentId, request.person, request.via);
  }
}
