import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OFFICE_ROOM, RealtimeEvent } from '@mw/shared';
import { DataSource } from 'typeorm';
import { DomainEventBus } from '../../common/events/domain-events';
import { WakeLoop } from '../../common/work/wake-loop';
import { RealtimeService } from '../realtime';
import { HealthService } from './health.service';
import { swapSetting } from '../../common/database/app-settings';

/** Key in app_setting holding the last announced collection state, shared by every instance. */
export const COLLECTION_STATE_KEY = 'health.collection_state';

/**
 * Tells the office when the install starts or stops collecting news (`health.changed`), so the banner comes and goes
 * live. It looks again after a source's health flips or the sources change, and on a tick (the "nothing stored" rule depends on time alone).
 * Several instances may look at once: the state is swapped in app_setting with a compare-and-set, and only the
 * instance whose swap changed it publishes.
 */
@Injectable()
export class HealthMonitorService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('health');
  /** One look at a time per instance, and one more if a change came meanwhile; true when a look published. */
  private readonly loop = new WakeLoop<{ published: boolean }>({
    result: () => ({ published: false }),
    pass: async (r) => {
      r.published = (await this.run()) || r.published;
      return false;
    },
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthService,
    private readonly realtime: RealtimeService,
    private readonly events: DomainEventBus,
  ) {}

  onModuleInit(): void {
    this.events.on('source.health_changed', () => this.evaluate().then(() => undefined));
    this.events.on('source.registry_changed', () => this.evaluate().then(() => undefined));
  }

  /** No look starts once the app closes, and the one under way ends before the pool does. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.close();
  }

  /** Reads the pipeline and publishes when its collecting state changed; resolves true when it published. */
  evaluate(): Promise<boolean> {
    return this.loop.wake().then((r) => r.published);
  }

  private async run(): Promise<boolean> {
    const pipeline = await this.health.pipeline(true);
    const state = {
      collecting: pipeline.collecting,
      problem: pipeline.problem,
      sourcesEnabled: pipeline.sources.enabled,
      sourcesFailing: pipeline.sources.failing,
    };
    // What the banner shows: while news comes in, only that; otherwise the reason and the counts it quotes.
    const shown = state.collecting ? { collecting: true } : state;
    if (!(await swapSetting(this.dataSource, COLLECTION_STATE_KEY, shown))) return false;
    this.realtime.publish([OFFICE_ROOM], RealtimeEvent.HealthChanged, { db: 'up', ...state });
    this.logger.log({ msg: state.collecting ? 'collecting news' : 'not collecting news', ...state });
    return true;
  }
}
