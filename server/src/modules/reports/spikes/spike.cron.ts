import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SpikeDetector } from './spike-detector.service';

/** Every 15 minutes: a surge is told the same morning, not at the next weekly report. */
export const SPIKE_CRON = '0 */15 * * * *';
export const SPIKE_JOB = 'reports.spikes';

/** Active only where the schedule module runs (MW_SCHEDULER_ENABLED); safe on several instances (see SpikeDetector). */
@Injectable()
export class SpikeCron {
  private readonly logger = new Logger('spikes');

  constructor(private readonly detector: SpikeDetector) {}

  @Cron(SPIKE_CRON, { name: SPIKE_JOB, timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    try {
      await this.detector.detect();
    } catch (err) {
      this.logger.error(`spike detection failed: ${String(err)}`);
    }
  }
}
