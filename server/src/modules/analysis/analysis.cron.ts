import { Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { AnalysisWorker } from './analysis.worker';

/** Name of the analysis tick in the schedule registry. */
export const ANALYSIS_TICK = 'analysis.pending';
/** How often an instance looks for pending items without being woken (other instances' items, crash leftovers). */
export const ANALYSIS_TICK_MS = 30_000;

/** The analysis tick; the work is AnalysisWorker.wake (AnalysisService.analysePending underneath). */
@Injectable()
export class AnalysisCron implements OnApplicationBootstrap {
  constructor(
    private readonly worker: AnalysisWorker,
    private readonly config: AppConfig,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.registry || !this.config.env.MW_SCHEDULER_ENABLED) return;
    this.registry.addInterval(
      ANALYSIS_TICK,
      setInterval(() => void this.worker.wake(), ANALYSIS_TICK_MS),
    );
    // Items left pending before this start are picked up at once.
    setImmediate(() => void this.worker.wake());
  }
}
