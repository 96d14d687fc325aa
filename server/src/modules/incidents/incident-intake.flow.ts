/**
 * From stored mentions to incidents and good news. The 'mention.stored' event only wakes the intake; the work is
 * a sweep over mentions after a durable cursor (mention.seq, which the analysis stage assigns in commit order), so
 * mentions stored while this instance was down, or whose event was lost in a crash, are picked up by the next
 * sweep. The cursor row is locked for the sweep, so with several instances one sweeps while the others skip.
 *
 * The cursor starts at mention 0, so the first sweep on a database that already holds mentions (the incidents stage
 * enabled on a running install) would open a ticket for every incident ever stored. That sweep therefore fixes the
 * backlog once, on the cursor row and in the transaction of its first batch: the mentions stored so far and the
 * oldest time (MW_INTAKE_MAX_AGE_HOURS before then) at which one of them was seen (published, else fetched).
 * Backlog mentions seen earlier are passed over with the cursor; a sweep resumed after a crash applies the same
 * decision, and every mention stored after the first sweep is taken whatever its age.
 */
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { DomainEventBus } from '../../common/events/domain-events';
import { AppConfig } from '../../config/app-config';
import { MentionReader } from '../analysis/mention-reader.service';
import { IncidentStore } from './incident-store';
import { IncidentsService } from './incidents.service';

/** Name of the intake sweep in the schedule registry; it runs every INTAKE_SWEEP_MS as a safety net. */
export const INCIDENT_INTAKE_SWEEP = 'incidents.intake-sweep';
export const INTAKE_SWEEP_MS = 60_000;
const BATCH = 200;
const HOUR_MS = 3_600_000;

interface CursorRow {
  last_seq: string;
  backlog_until_seq: string | null;
  backlog_seen_before: Date | null;
}

/** Mentions up to `untilSeq` seen before `seenBefore` are skipped (see the file comment). */
interface Backlog {
  untilSeq: bigint;
  seenBefore: Date | null;
}

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
    private readonly clock: Clock,
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
    let skipped = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const cursor: CursorRow[] = await m.query(
          `SELECT last_seq::text AS last_seq, backlog_until_seq::text AS backlog_until_seq, backlog_seen_before
           FROM incident_intake_cursor WHERE name = 'mentions' FOR UPDATE SKIP LOCKED`,
        );
        const row = cursor[0];
        if (row === undefined) return null;
        const from = row.last_seq;
        const backlog = await this.backlogOf(m, row);
        const mentions = await this.mentions.aboutUnitsAfter(from, BATCH, m);
        const result: IntakeResult = { processed: 0, opened: [], attached: 0, goodNews: 0 };
        let passedOver = 0;
        for (const mention of mentions) {
          if (backlog.seenBefore && BigInt(mention.seq) <= backlog.untilSeq && mention.seenAt < backlog.seenBefore) {
            passedOver++;
            continue;
          }
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
        return { result, passedOver, more: mentions.length === BATCH };
      });
      // Another instance holds the cursor: it sweeps on; what this one committed is still announced below.
      if (!batch) break;
      skipped += batch.passedOver;
      total.processed += batch.result.processed;
      total.opened.push(...batch.result.opened);
      total.attached += batch.result.attached;
      total.goodNews += batch.result.goodNews;
      if (!batch.more) break;
    }
    if (skipped > 0) {
      this.logger.log(
        `passed over ${skipped} mentions stored before the intake first ran and seen more than ` +
          `${this.config.env.MW_INTAKE_MAX_AGE_HOURS} h before it`,
      );
    }
    for (const id of total.opened) this.store.publishChange(id, 'incident.opened');
    return total;
  }

  /**
   * The backlog as fixed by the first sweep; on that sweep (cursor never moved, nothing fixed yet) fixes it now, in
   * the caller's transaction, so it commits together with the first batch or not at all.
   */
  private async backlogOf(m: EntityManager, row: CursorRow): Promise<Backlog> {
    if (row.backlog_until_seq !== null) {
      return { untilSeq: BigInt(row.backlog_until_seq), seenBefore: row.backlog_seen_before };
    }
    // A cursor that has already moved predates this rule: what it read was taken, what follows is no backlog.
    const fresh = row.last_seq === '0';
    const untilSeq = fresh ? await this.mentions.lastSeq(m) : row.last_seq;
    const seenBefore = fresh
      ? new Date(this.clock.now().getTime() - this.config.env.MW_INTAKE_MAX_AGE_HOURS * HOUR_MS)
      : null;
    await m.query(
      `UPDATE incident_intake_cursor SET backlog_until_seq = $1::bigint, backlog_seen_before = $2 WHERE name = 'mentions'`,
      [untilSeq, seenBefore],
    );
    return { untilSeq: BigInt(untilSeq), seenBefore };
  }
}
