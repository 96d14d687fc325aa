import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainEventBus } from '../../common/events/domain-events';
import { WorkflowFlow } from './flows/workflow.flow';

/**
 * Acknowledgements that arrive through a message (a signed link in an e-mail or Zalo message, or the in-app button):
 * the notifications module authenticates the person and raises 'incident.ack_requested'; this acknowledges the
 * incident for them, which stops the escalation chain. An incident already acknowledged stays as it is.
 */
@Injectable()
export class IncidentAckListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('incidents');
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly events: DomainEventBus,
    private readonly workflow: WorkflowFlow,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.events.on('incident.ack_requested', async ({ incidentId, personId, via }) => {
      const changed = await this.workflow.acknowledgeAsSystem(incidentId, personId, via);
      if (changed) this.logger.log({ msg: 'incident acknowledged from a message', incidentId, personId, via });
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }
}
