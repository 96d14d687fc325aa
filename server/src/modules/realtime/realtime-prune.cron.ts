import { Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { RealtimeService } from './realtime.service';

/** Name of the pruning interval in the schedule registry. */
export const REALTIME_PRUNE_TICK = 'realtime.prune-events';
/** Every ten minutes: the replay window is hours long, so pruning needs no precision. */
export const REALTIME_PRUNE_EVERY_MS = 10 * 60_000;

/** Drops realtime events older than MW_REALTIME_REPLAY_HOURS. Several instances pruning at once is harmless. */
@Injectable()
export class RealtimePruneCron implements OnApplicationBootstrap {
  private readonly logger = new Logger('realtime');

  constructor(
    private readonly realtime: RealtimeService,
    private readonly config: AppConfig,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.registry || !this.config.env.MW_SCHEDULER_ENABLED) return;
    const timer = setInterval(() => {
      this.realtime
        .prune(this.config.env.MW_REALTIME_REPLAY_HOURS * 3600_000)
        .catch((error: unknown) => this.logger.warn(`pruning realtime events failed: ${String(error)}`));
    }, REALTIME_PRUNE_EVERY_MS);
    this.registry.addInterval(REALTIME_PRUNE_TICK, timer);
  }
}
