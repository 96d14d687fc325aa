import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OFFICE_ROOM, RealtimeEvent } from '@mw/shared';
import { DataSource } from 'typeorm';
import { DomainEventBus } from '../../common/events/domain-events';
import { RealtimeService } from '../realtime';
import { HealthService } from './health.service';

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
  private running: Promise<boolean> | null = null;
  private again = false;
  private closing = false;

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
    this.closing = true;
    await this.running?.catch(() => undefined);
  }

  /** Reads the pipeline and publishes when its collecting state changed; resolves true when it published. */
  evaluate(): Promise<boolean> {
    if (this.closing) return Promise.resolve(false);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.evaluate().catch((error: unknown) => this.logger.warn(`health check failed: ${String(error)}`));
      }
    });
    return this.running;
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
    const changed: unknown[] = await this.dataSource.query(
      `INSERT INTO app_setting (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE app_setting.value IS DISTINCT FROM EXCLUDED.value
       RETURNING key`,
      [COLLECTION_STATE_KEY, JSON.stringify(shown)],
    );
    if (changed.length === 0) return false;
    this.realtime.publish([OFFICE_ROOM], RealtimeEvent.HealthChanged, { db: 'up', ...state });
    this.logger.log({ msg: state.collecting ? 'collecting news' : 'not collecting news', ...state });
    return true;
  }
}
