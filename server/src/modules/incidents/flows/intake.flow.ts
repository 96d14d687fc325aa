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
import {
  BadRequestException,
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, IncidentStatus, type CreateIncidentRequest, type IncidentDetail } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, AuthUser } from '../../../common/auth/auth-user';
import { ScopeService } from '../../../common/auth/scope';
import { Clock } from '../../../common/clock/clock';
import { DomainEventBus } from '../../../common/events/domain-events';
import { WakeLoop } from '../../../common/work/wake-loop';
import { AppConfig } from '../../../config/app-config';
import { MentionReader, type MentionFacts } from '../../analysis';
import { isOldCoverage } from '../../escalation';
import { AuditService, UnitsService } from '../../organisation';
import { IncidentNotifier } from '../incident-notifier';
import { IncidentQueries } from '../incident-queries.service';
import { unique } from '../incident-recipients';
import { CoverageStore } from '../store/coverage.store';
import { GoodNewsStore } from '../store/good-news.store';
import { IncidentStore } from '../store/incident.store';
import { IntakeCursorStore, type CursorRow } from '../store/intake-cursor.store';
import { ticketUnits } from '../ticket-units';
import { IncidentCoverage } from './coverage';
import { IncidentOpening } from './opening';

/** Name of the intake sweep in the schedule registry; it runs every INTAKE_SWEEP_MS as a safety net. */
export const INCIDENT_INTAKE_SWEEP = 'incidents.intake-sweep';
export const INTAKE_SWEEP_MS = 60_000;
const BATCH = 200;
const HOUR_MS = 3_600_000;

/** Mentions up to `untilSeq` seen before `seenBefore` are skipped (see the file comment). */
interface Backlog {
  untilSeq: bigint;
  seenBefore: Date | null;
}

export interface IngestOutcome {
  outcome: 'opened' | 'attached' | 'good_news' | 'ignored';
  /** The incident opened or attached to. */
  incidentId: string | null;
}

const IGNORED: IngestOutcome = { outcome: 'ignored', incidentId: null };

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
  /** One sweep at a time per instance, and one more if woken meanwhile. */
  private readonly loop = new WakeLoop({
    pass: async () => {
      await this.sweep();
      return false;
    },
    onError: (err) => this.logger.error(`intake sweep failed: ${String(err)}`),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mentions: MentionReader,
    private readonly cursor: IntakeCursorStore,
    private readonly store: IncidentStore,
    private readonly coverageStore: CoverageStore,
    private readonly goodNews: GoodNewsStore,
    private readonly opening: IncidentOpening,
    private readonly coverage: IncidentCoverage,
    private readonly notifier: IncidentNotifier,
    private readonly queries: IncidentQueries,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly units: UnitsService,
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
    this.unsubscribe?.();
    await this.loop.close();
  }

  private wake(): Promise<void> {
    return this.loop.wake();
  }

  /** Processes every mention after the cursor, batch by batch; each batch commits with the cursor it advanced. */
  async sweep(): Promise<IntakeResult> {
    const total: IntakeResult = { processed: 0, opened: [], attached: 0, goodNews: 0 };
    let skipped = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const row = await this.cursor.claim(m);
        if (row === null) return null;
        const from = row.last_seq;
        const backlog = await this.backlogOf(m, row);
        const { mentions, readTo } = await this.mentions.aboutUnitsAfter(from, BATCH, m);
        const result: IntakeResult = { processed: 0, opened: [], attached: 0, goodNews: 0 };
        let passedOver = 0;
        for (const mention of mentions) {
          if (backlog.seenBefore && BigInt(mention.seq) <= backlog.untilSeq && mention.seenAt < backlog.seenBefore) {
            passedOver++;
            continue;
          }
          const { outcome, incidentId } = await this.ingestMention(m, mention);
          result.processed++;
          if (outcome === 'opened' && incidentId) result.opened.push(incidentId);
          if (outcome === 'attached') result.attached++;
          if (outcome === 'good_news') result.goodNews++;
        }
        // Past the mentions that name no unit too, so the next sweep does not read them again.
        if (readTo !== from) await this.cursor.advance(m, readTo);
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
    for (const id of total.opened) this.notifier.publishChange(id, 'incident.opened');
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
    await this.cursor.fixBacklog(m, untilSeq, seenBefore);
    return { untilSeq: BigInt(untilSeq), seenBefore };
  }

  /**
   * Routes one analysed mention: an incident about units opens an incident or joins the open one of its story,
   * later coverage of a story with an incident attaches to it, positive coverage goes to the good-news queue.
   * Idempotent: a mention already attached or queued changes nothing.
   */
  async ingestMention(manager: EntityManager, m: MentionFacts): Promise<IngestOutcome> {
    if (m.unitCodes.length === 0) return IGNORED;
    if (await this.coverageStore.isAttached(manager, m.id)) return IGNORED;
    await this.store.lockStory(manager, m.storyId);
    const found = await this.store.forStory(manager, m.storyId);
    if (found) {
      if (found.status === IncidentStatus.Dismissed) return IGNORED;
      await this.coverage.attach(manager, found.id, [m], null);
      return { outcome: 'attached', incidentId: found.id };
    }
    if (m.incident && m.sentimentLabel !== 'positive') {
      const incidentId = await this.opening.open(manager, {
        title: m.title,
        description: '',
        origin: 'detected',
        unitCodes: ticketUnits(m.unitCodes),
        mentions: [m],
        sourceUrl: m.url || null,
        category: m.category,
        severity: null,
        actorId: null,
        // First seen (recorded) long after publication: recorded, ticketed, but never an urgent clock.
        oldCoverage: isOldCoverage(m.publishedAt, m.recordedAt),
      });
      return { outcome: 'opened', incidentId };
    }
    if (m.sentimentLabel === 'positive') {
      await this.goodNews.add(manager, m, this.clock.now());
      return { outcome: 'good_news', incidentId: null };
    }
    return IGNORED;
  }

  /** A ticket opened by a person, on units in their scope that exist. */
  async createManual(actor: Actor, user: AuthUser, req: CreateIncidentRequest): Promise<IncidentDetail> {
    const unitCodes = unique(req.unitCodes.map((c) => c.trim()));
    for (const code of unitCodes) this.scope.assertUnitAccess(user, code);
    const known = await this.units.existing(unitCodes);
    const missing = unitCodes.filter((c) => !known.includes(c));
    if (missing.length > 0) {
      throw new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field: 'unitCodes',
        message: `Unknown unit ${missing.join(', ')}`,
      });
    }
    const id = await this.dataSource.transaction(async (m) => {
      const opened = await this.opening.open(m, {
        title: req.title.normalize('NFC').trim(),
        description: (req.description ?? '').normalize('NFC').trim(),
        origin: 'manual',
        unitCodes,
        mentions: [],
        sourceUrl: req.sourceUrl ?? null,
        category: req.category ?? null,
        severity: req.severity ?? null,
        actorId: user.id,
      });
      await this.audit.record(
        actor,
        { action: 'incident.create', entityType: 'incident', entityId: opened, after: req },
        m,
      );
      return opened;
    });
    this.notifier.publishChange(id, 'incident.opened');
    return this.queries.detail(id, user);
  }
}
