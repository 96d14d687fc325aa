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
 * Least time between two looks caused by events. A burst of flips (a new catalogue's first polls, an outage taking
 * every source down) would otherwise read the whole pipeline once per source, back to back: on the year's replay
 * (422 sources) that kept one of PostgreSQL's cores busy with health reads while items waited to be stored.
 */
export const EVENT_LOOK_SPACING_MS = 5_000;

/**
 * Tells the office when the install starts or stops collecting news (`health.changed`), so the banner comes and goes
 * live. It looks again after a source's health flips or the sources change, and on a tick (the "nothing stored" rule
 * depends on time alone). Several instances may look at once: the state is swapped in app_setting with a
 * compare-and-set, and only the instance whose swap changed it publishes. Looks caused by events are spaced by
 * EVENT_LOOK_SPACING_MS: a lone flip is looked at at once, a burst once per spacing, and the last flip of a burst
 * always gets a look after it.
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

  private lastLookAt = Number.NEGATIVE_INFINITY;
  private deferred: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthService,
    private readonly realtime: RealtimeService,
    private readonly events: DomainEventBus,
  ) {}

  onModuleInit(): void {
    this.events.on('source.health_changed', () => this.evaluateSoon());
    this.events.on('source.registry_changed', () => this.evaluateSoon());
  }

  /** No look starts once the app closes, and the one under way ends before the pool does. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.deferred);
    await this.loop.close();
  }

  /** A look for an event: now if none was taken within the spacing, else one (for all of them) when it has passed. */
  private evaluateSoon(): void {
    if (this.deferred || this.closed) return;
    const wait = Math.max(0, this.lastLookAt + EVENT_LOOK_SPACING_MS - Date.now());
    this.deferred = setTimeout(() => {
      this.deferred = undefined;
      if (!this.closed)
        void this.evaluate().catch((error: unknown) => this.logger.warn(`health look failed: ${String(error)}`));
    }, wait);
    this.deferred.unref();
  }

  /** Reads the pipeline and publishes when its collecting state changed; resolves true when it published. */
  evaluate(): Promise<boolean> {
    return this.loop.wake().then((r) => r.published);
  }

  private async run(): Promise<boolean> {
    this.lastLookAt = Date.now();
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
