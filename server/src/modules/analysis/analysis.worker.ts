import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainEventBus } from '../../common/events/domain-events';
import { WakeLoop } from '../../common/work/wake-loop';
import { AppConfig } from '../../config/app-config';
import { AnalysisService } from './analysis.service';

/**
 * Items analysed between two checks for shutdown: several batches per lane, since the lanes wait for each other at
 * the end of a pass (with one batch per lane they claimed, analysed and wrote in step, leaving cores idle).
 */
const DRAIN_SLICE = 2_000;

/**
 * Drains pending items: woken by 'item.stored' (new items are analysed within moments) and by the analysis tick
 * (items stored by another instance, or left pending by a crash). One drain runs at a time per instance; a wake-up
 * during a drain schedules one more pass. Only instances that run schedules do background analysis.
 */
@Injectable()
export class AnalysisWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('analysis');
  private unsubscribe: (() => void) | undefined;
  /** In slices, so a shutdown waits for one slice, not for a whole backlog. */
  private readonly loop = new WakeLoop({
    pass: async () => {
      const summary = await this.analysis.analysePending({ limit: DRAIN_SLICE });
      const done = summary.analysed + summary.failed;
      if (done > 0) {
        this.logger.log(
          `analysed ${summary.analysed} items (${summary.failed} failed, ${summary.storiesCreated} new stories)`,
        );
      }
      return done >= DRAIN_SLICE;
    },
    onError: (err) => this.logger.error(`analysis pass failed: ${err instanceof Error ? err.message : String(err)}`),
  });

  constructor(
    private readonly analysis: AnalysisService,
    private readonly events: DomainEventBus,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.MW_SCHEDULER_ENABLED) return;
    this.unsubscribe = this.events.on('item.stored', () => {
      void this.wake();
    });
  }

  // Before the database pool closes, so a drain in progress finishes its transaction instead of failing.
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.close();
  }

  /** Starts a drain, or asks the running one for another pass. Resolves when the work it triggered is done. */
  wake(): Promise<void> {
    return this.loop.wake();
  }
}
