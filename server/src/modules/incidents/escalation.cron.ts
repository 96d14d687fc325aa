import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { EscalationFlow } from './flows/escalation.flow';

/** Every minute, at second 0. */
export const ESCALATION_CRON = '0 * * * * *';
export const ESCALATION_JOB = 'escalation.run-due';

/**
 * Takes the escalation steps that are due. Active only where the schedule module runs (MW_SCHEDULER_ENABLED);
 * safe on several instances at once (see EscalationFlow).
 */
@Injectable()
export class EscalationCron {
  private readonly logger = new Logger('escalation');

  constructor(private readonly escalation: EscalationFlow) {}

  @Cron(ESCALATION_CRON, { name: ESCALATION_JOB })
  async tick(): Promise<void> {
    try {
      await this.escalation.runDue();
    } catch (err) {
      this.logger.error(`escalation run failed: ${String(err)}`);
    }
  }
}
