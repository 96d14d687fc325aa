import { Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { SourcePollerService } from './source-poller.service';

/** Name of the polling tick in the schedule registry. Its period is MW_POLL_TICK_SECONDS (default 15 s). */
export const SOURCE_POLL_TICK = 'sources.poll-due';

/**
 * The polling tick: every MW_POLL_TICK_SECONDS, poll whatever is due. Registered as an interval (not a fixed cron
 * expression) because tests and demos need ticks of a second. The registry exists only when the instance runs
 * schedules (MW_SCHEDULER_ENABLED), hence @Optional.
 */
@Injectable()
export class SourcePollCron implements OnApplicationBootstrap {
  private readonly logger = new Logger('sources');

  constructor(
    private readonly poller: SourcePollerService,
    private readonly config: AppConfig,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.registry || !this.config.env.MW_SCHEDULER_ENABLED) return;
    const timer = setInterval(() => {
      this.poller.pollDueSources().catch((error: unknown) => this.logger.error(`poll tick failed: ${String(error)}`));
    }, this.config.env.MW_POLL_TICK_SECONDS * 1000);
    this.registry.addInterval(SOURCE_POLL_TICK, timer);
    // The first tick runs at once, so sources due at boot (new catalogue, after a crash) do not wait a period.
    setImmediate(() => void this.poller.pollDueSources().catch(() => undefined));
  }
}
