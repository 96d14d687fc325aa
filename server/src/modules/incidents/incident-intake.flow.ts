/**
 * From stored mentions to incidents and good news. The 'mention.stored' event only wakes the intake; the work is
 * a sweep over mentions after a durable cursor (mention.seq, which the analysis stage assigns in commit order), so
 * mentions stored while this instance was down, or whose event was lost in a crash, are picked up by the next
 * sweep. The cursor row is locked for the sweep, so with several instances one sweeps while the others skip.
 */
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEventBus } from '../../common/events/domain-events';
import { AppConfig } from '../../config/app-config';
import { MentionReader } from '../analysis/mention-reader.service';
import { IncidentStore } from './incident-store';
import { IncidentsService } from './incidents.service';

/** Name of the intake sweep in the schedule registry; it runs every INTAKE_SWEEP_MS as a safety net. */
export const INCIDENT_INTAKE_SWEEP = 'incidents.intake-sweep';
export const INTAKE_SWEEP_MS = 60_000;
const BATCH = 200;

export interface IntakeResult {
  processed: number;
  opened: string[];
  attached: number;
  goodNews: number;
}

@Injectable()
export class IncidentIntakeFlow implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('incidents');
  private unsubscribe: (() => void) | null = null;
  private running: Promise<IntakeResult> | null = null;
  private again = false;
  private closing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mentions: MentionReader,
    private readonly incidents: IncidentsService,
    private readonly store: IncidentStore,
    private readonly events: DomainEventBus,
    private readonly config: AppConfig,
    @Optional() private readonly registry?: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.events.on('mention.stored', () => {
      void this.wake();
    });
    if (!this.registry || !this.config.env.MW_SCHEDULER_ENABLED) return;
    const timer = setInterval(() => void this.wake(), INTAKE_SWEEP_MS);
    this.registry.addInterval(INCIDENT_INTAKE_SWEEP, timer);
    setImmediate(() => void this.wake());
  }

  /** Stops taking wake-ups and lets a running sweep commit before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.unsubscribe?.();
    await this.running?.catch(() => undefined);
  }

  /** Coalesces wake-ups: one sweep at a time per instance, and one more if woken meanwhile. */
  private async wake(): Promise<void> {
    if (this.closing) return;
    if (this.running) {
      this.again = true;
      return;
    }
    try {
      do {
        this.again = false;
        this.running = this.sweep();
        await this.running;
      } while (this.again && !this.closing);
    } catch (err) {
      this.logger.error(`intake sweep failed: ${String(err)}`);
    } finally {
      this.running = null;
    }
  }

  /** Processes every mention after the cursor, batch by batch; each batch commits with the cursor it advanced. */
  async sweep(): Promise<IntakeResult> {
    const total: IntakeResult = { processed: 0, opened: [], attached: 0, goodNews: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const cursor: { last_seq: string }[] = await m.query(
          `SELECT last_seq::text AS last_seq FROM incident_intake_cursor WHERE name = 'mentions' FOR UPDATE SKIP LOCKED`,
        );
        const from = cursor[0]?.last_seq;
        if (from === undefined) return null;
        const mentions = await this.mentions.aboutUnitsAfter(from, BATCH, m);
        const result: IntakeResult = { processed: 0, opened: [], attached: 0, goodNews: 0 };
        for (const mention of mentions) {
          const { outcome, incidentId } = await this.incidents.ingestMention(m, mention);
          result.processed++;
          if (outcome === 'opened' && incidentId) result.opened.push(incidentId);
          if (outcome === 'attached') result.attached++;
          if (outcome === 'good_news') result.goodNews++;
        }
        const last = mentions[mentions.length - 1];
        if (last) {
          await m.query(
            `UPDATE incident_intake_cursor SET last_seq = $1::bigint, updated_at = now() WHERE name = 'mentions'`,
            [last.seq],
          );
        }
        return { result, more: mentions.length === BATCH };
      });
      if (!batch) return total;
      total.processed += batch.result.processed;
      total.opened.push(...batch.result.opened);
      total.attached += batch.result.attached;
      total.goodNews += batch.result.goodNews;
      if (!batch.more) break;
    }
    for (const id of total.opened) this.store.publishChange(id, 'incident.opened');
    return total;
  }
}
