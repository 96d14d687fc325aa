import { Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { HealthMonitorService } from './health-monitor.service';

/** Name of the monitor's interval in the schedule registry. */
export const HEALTH_MONITOR_TICK = 'health.collection-state';
/** The "nothing stored" limit is an hour or more: a minute's delay in noticing it is fine. */
export const HEALTH_MONITOR_EVERY_MS = 60_000;

/** Looks at the pipeline every minute (and once at start) so a collection that stops is announced. */
@Injectable()
export class HealthMonitorCron implements OnApplicationBootstrap {
  private readonly logger = new Logger('health');

  constructor(
    private readonly monitor: HealthMonitorService,
    private readonly config: AppConfig,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.registry || !this.config.env.MW_SCHEDULER_ENABLED) return;
    const tick = () =>
      void this.monitor.evaluate().catch((error: unknown) => this.logger.warn(`health check failed: ${String(error)}`));
    this.registry.addInterval(HEALTH_MONITOR_TICK, setInterval(tick, HEALTH_MONITOR_EVERY_MS));
    setImmediate(tick);
  }
}
