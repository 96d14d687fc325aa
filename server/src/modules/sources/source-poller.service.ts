/**
 * Polls sources. Work is claimed with a row lease in PostgreSQL (`FOR UPDATE SKIP LOCKED`, then lease_owner /
 * lease_until set by the same statement), so any number of instances share the due sources and never read the
 * same one at once; a lease left by a crashed instance expires and the source is taken over.
 *
 * Order of a poll, chosen so a crash at any point loses and duplicates nothing:
 *   read the feed → drop items already stored → per batch: read article pages, INSERT … ON CONFLICT DO NOTHING
 *   RETURNING id (only new rows come back, and only those are announced) → finally advance the validators
 *   (ETag / Last-Modified) and next_poll_at. Until that last step nothing says "done", so a poll cut short is simply
 *   repeated and the unique key absorbs what was already inserted.
 *
 * The lease is renewed on a timer (every third of its length) for the whole poll, not between batches: one batch
 * of slow article pages can outlast it, and another instance would then poll the same source. When a renewal finds
 * the lease in other hands, the poll stops where it is and writes nothing more (LEASE_LOST).
 */
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { OFFICE_ROOM, RealtimeEvent, roomForUnit, type SourceKind, type SourceSettings } from '@mw/shared';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import {
  claimLeased,
  keepLease,
  LeaseLostError,
  releaseLease,
  type HeldLease,
  type Lease,
} from '../../common/database/row-lease';
import { DomainEventBus } from '../../common/events/domain-events';
import { AppConfig } from '../../config/app-config';
import { RealtimeService } from '../realtime';
import { enrichWithArticle } from './article-enricher';
import type { SafeFetcher } from './fetch/safe-fetcher';
import { storeNewItems, toNewFeedItem, type NewFeedItem } from './feed-item.store';
import { ParserPool } from './parse/parser-pool';
import { nextPollAfterFailure, pollIntervalMs } from './poll-schedule';
import { readSource, ReadFailure, toReadFailure, type StoredSourceErrorCode } from './source-reader';
import { SOURCE_FETCHER } from './source-fetcher.provider';
import { SourceMetrics } from './source-metrics';

/**
 * Items stored per transaction when their article pages are read first: bounds the work between two lease
 * renewals and what a crash can make us redo.
 */
export const STORE_BATCH_SIZE = 25;
/** Without article pages a batch is only an INSERT: larger batches are much faster and still quick to redo. */
export const STORE_BATCH_SIZE_WITHOUT_ARTICLES = 500;
/** Claim rounds per tick, so one tick cannot run for ever when many sources are due. */
const MAX_ROUNDS_PER_TICK = 20;

/** What the poller needs of a source row. */
export interface ClaimedSource {
  id: string;
  name: string;
  outlet: string;
  url: string;
  kind: SourceKind;
  intervalMinutes: number;
  settings: SourceSettings;
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
  unitCode: string | null;
  /** Never polled before: its first answer is news for the sources page too. */
  firstPoll: boolean;
}

export interface PollOutcome {
  sourceId: string;
  ok: boolean;
  notModified: boolean;
  itemsRead: number;
  itemsStored: number;
  error: { code: string; message: string } | null;
  nextPollAt: Date;
  /** The poll stopped early (shutdown); nothing was advanced, the source will be polled again. */
  interrupted?: boolean;
}

interface SourceRow {
  id: string;
  name: string;
  outlet: string;
  url: string;
  kind: SourceKind;
  interval_minutes: number;
  settings: SourceSettings | null;
  etag: string | null;
  last_modified: string | null;
  consecutive_failures: number;
  unit_code: string | null;
  first_poll: boolean;
}

const CLAIM_COLUMNS = `s.id, s.name, s.outlet, s.url, s.kind, s.interval_minutes, s.settings, s.etag, s.last_modified,
  s.consecutive_failures, s.unit_code, s.last_polled_at IS NULL AS first_poll`;

export class SourceBusyError extends Error {}
export class SourceMissingError extends Error {}

@Injectable()
export class SourcePollerService implements BeforeApplicationShutdown {
  /** Who holds a lease: host, process and this app instance (two apps in one test process differ). */
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly logger = new Logger('sources');
  private readonly inFlight = new Set<Promise<unknown>>();
  private ticking = false;
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly events: DomainEventBus,
    private readonly realtime: RealtimeService,
    @Inject(SOURCE_FETCHER) private readonly fetcher: SafeFetcher,
    private readonly parser: ParserPool,
    private readonly metrics: SourceMetrics,
  ) {}

  private get leaseMs(): number {
    return this.config.env.MW_SOURCE_LEASE_SECONDS * 1000;
  }

  /** The scheduled work: claim due sources and poll them, a few at a time, until none is due. Safe to overlap. */
  async pollDueSources(): Promise<PollOutcome[]> {
    if (this.ticking || this.closing) return [];
    this.ticking = true;
    const outcomes: PollOutcome[] = [];
    try {
      const limit = this.config.env.MW_POLL_CONCURRENCY;
      for (let round = 0; round < MAX_ROUNDS_PER_TICK && !this.closing; round++) {
        const claimed = await this.claimDue(limit);
        outcomes.push(...(await Promise.all(claimed.map((s) => this.track(this.poll(s))))));
        if (claimed.length < limit) break;
      }
    } finally {
      this.ticking = false;
    }
    return outcomes;
  }

  /** Polls one source now (POST /api/sources/:id/poll). Throws SourceBusyError when another poll holds it. */
  async pollNow(id: string): Promise<PollOutcome> {
    const source = await this.claimOne(id);
    return this.track(this.poll(source));
  }

  /** Polls a new or re-enabled source in the background, when this instance runs schedules; else the next tick will. */
  triggerPoll(id: string): void {
    if (!this.config.env.MW_SCHEDULER_ENABLED || this.closing) return;
    void this.pollNow(id).catch((error: unknown) => {
      if (!(error instanceof SourceBusyError)) this.logger.warn(`immediate poll of ${id} failed: ${String(error)}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const pending = [...this.inFlight];
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(pending), new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
    clearTimeout(timer);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private async claimDue(limit: number): Promise<ClaimedSource[]> {
    const rows = await claimLeased<SourceRow>(
      this.dataSource,
      {
        table: 'source',
        alias: 's',
        due: 'enabled AND next_poll_at <= $1',
        orderBy: 'next_poll_at',
        limit,
        returning: CLAIM_COLUMNS,
      },
      this.lease(),
    );
    return rows.map(toClaimed);
  }

  private async claimOne(id: string): Promise<ClaimedSource> {
    const rows = await claimLeased<SourceRow>(
      this.dataSource,
      { table: 'source', alias: 's', due: 'id = $5', orderBy: 'id', limit: 1, returning: CLAIM_COLUMNS, params: [id] },
      this.lease(),
    );
    const row = rows[0];
    if (row) return toClaimed(row);
    const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM source WHERE id = $1`, [id]);
    if (exists.length === 0) throw new SourceMissingError(`source ${id} does not exist`);
    throw new SourceBusyError(`source ${id} is being polled right now`);
  }

  /** This instance's lease, from now. */
  private lease(): Lease {
    const now = this.clock.now();
    return { owner: this.instanceId, now, until: new Date(now.getTime() + this.leaseMs) };
  }

  private async poll(source: ClaimedSource): Promise<PollOutcome> {
    const outcome = await this.pollClaimed(source);
    this.metrics.polled(source, outcome);
    return outcome;
  }

  private async pollClaimed(source: ClaimedSource): Promise<PollOutcome> {
    const intervalMs = pollIntervalMs(source.intervalMinutes, source.settings);
    const held = keepLease(
      this.dataSource,
      'source',
      source.id,
      () => this.lease(),
      Math.max(200, Math.floor(this.leaseMs / 3)),
      (error) => this.logger.warn(`renewing the lease on source ${source.id} failed: ${String(error)}`),
    );
    let itemsRead = 0;
    const progress = { stored: 0 };
    try {
      const read = await held.guard(readSource(this.fetcher, source, this.parser, held.signal));
      itemsRead = read.items.length;
      if (!read.notModified) {
        const result = await this.storeItems(
          source,
          read.items.map((item) => toNewFeedItem(source.id, item, source.outlet, read.fetchedAt, read.fetchedAt)),
          held,
          progress,
        );
        if (held.lost) return this.leaseLost(source, itemsRead, progress.stored);
        if (result.interrupted) return this.release(source, itemsRead, progress.stored);
      }
      held.stop();
      const now = this.clock.now();
      const next = new Date(now.getTime() + intervalMs);
      await this.dataSource.query(
        `UPDATE source SET etag = $2, last_modified = $3, last_polled_at = $4, last_success_at = $4,
           consecutive_failures = 0, next_poll_at = $5, lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $6`,
        [source.id, read.etag, read.lastModified, now, next, this.instanceId],
      );
      if (source.consecutiveFailures > 0 || source.firstPoll) this.announceHealth(source, null);
      this.logger.debug({
        msg: 'source polled',
        sourceId: source.id,
        instance: this.instanceId,
        notModified: read.notModified,
        itemsRead,
        itemsStored: progress.stored,
      });
      return {
        sourceId: source.id,
        ok: true,
        notModified: read.notModified,
        itemsRead,
        itemsStored: progress.stored,
        error: null,
        nextPollAt: next,
      };
    } catch (error) {
      if (error instanceof LeaseLostError) return this.leaseLost(source, itemsRead, progress.stored);
      held.stop();
      return this.recordFailure(source, intervalMs, toReadFailure(error));
    } finally {
      held.stop();
    }
  }

  /** Inserts new items batch by batch, reading their article pages first; announces each inserted item once. */
  private storeItems(
    source: ClaimedSource,
    rows: NewFeedItem[],
    held: HeldLease,
    progress: { stored: number },
  ): Promise<{ stored: number; interrupted: boolean }> {
    const fetchArticles = source.settings.fetchArticles ?? (source.kind === 'rss' || source.kind === 'html');
    return storeNewItems(this.dataSource, source.id, rows, {
      batchSize: fetchArticles ? STORE_BATCH_SIZE : STORE_BATCH_SIZE_WITHOUT_ARTICLES,
      now: () => this.clock.now(),
      prepare: fetchArticles
        ? (batch) =>
            held.guard(Promise.all(batch.map((row) => enrichWithArticle(this.fetcher, row, this.parser, held.signal))))
        : undefined,
      onInserted: (items) => {
        progress.stored += items.length;
        for (const item of items) this.events.emit('item.stored', { itemId: item.id, sourceId: source.id });
      },
      shouldStop: () => this.closing || held.lost,
    });
  }

  /**
   * Another instance holds the source now (this one paused longer than the lease): stop without touching the row,
   * which is the new holder's. Batches already inserted stay; the new holder's read skips them.
   */
  private leaseLost(source: ClaimedSource, itemsRead: number, stored: number): PollOutcome {
    this.logger.warn(`lease on source ${source.id} was lost during a poll; stopped it (${stored} items stored)`);
    return {
      sourceId: source.id,
      ok: false,
      notModified: false,
      itemsRead,
      itemsStored: stored,
      error: { code: 'LEASE_LOST', message: 'Another instance took the source over; this poll stopped.' },
      nextPollAt: this.clock.now(),
      interrupted: true,
    };
  }

  /** Gives the source back without marking it polled, so the next tick (here or elsewhere) repeats the poll. */
  private async release(source: ClaimedSource, itemsRead: number, stored: number): Promise<PollOutcome> {
    await releaseLease(this.dataSource, 'source', source.id, this.instanceId).catch(() => undefined);
    return {
      sourceId: source.id,
      ok: false,
      notModified: false,
      itemsRead,
      itemsStored: stored,
      error: { code: 'INTERRUPTED', message: 'The poll was interrupted by a shutdown and will be repeated.' },
      nextPollAt: this.clock.now(),
      interrupted: true,
    };
  }

  private async recordFailure(source: ClaimedSource, intervalMs: number, failure: ReadFailure): Promise<PollOutcome> {
    const now = this.clock.now();
    const failures = source.consecutiveFailures + 1;
    const next = nextPollAfterFailure(
      now,
      failures,
      intervalMs,
      this.config.env.MW_SOURCE_BACKOFF_MAX_MINUTES * 60_000,
      failure.retryAt,
    );
    await this.dataSource.query(
      `UPDATE source SET last_polled_at = $2, last_error = $3, last_error_code = $6, last_error_at = $2,
         consecutive_failures = consecutive_failures + 1, next_poll_at = $4, lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $5`,
      [source.id, now, failure.message, next, this.instanceId, failure.code],
    );
    if (source.consecutiveFailures === 0) this.announceHealth(source, failure.code);
    this.logger.warn(`source "${source.name}" failed (${failure.code}): ${failure.message}`);
    return {
      sourceId: source.id,
      ok: false,
      notModified: false,
      itemsRead: 0,
      itemsStored: 0,
      error: { code: failure.code, message: failure.message },
      nextPollAt: next,
    };
  }

  /**
   * A source went from working (or never read) to failing (`errorCode` set), or from failing (or never read) to
   * working: the office and the source's unit see it live, and the pipeline health is looked at again. Only these
   * changes are announced, not every poll.
   */
  private announceHealth(source: ClaimedSource, errorCode: StoredSourceErrorCode | null): void {
    const rooms = [OFFICE_ROOM, ...(source.unitCode ? [roomForUnit(source.unitCode)] : [])];
    this.realtime.publish(rooms, RealtimeEvent.SourceHealth, {
      sourceId: source.id,
      ok: errorCode === null,
      summary: source.name,
      errorCode,
    });
    this.events.emit('source.health_changed', { sourceId: source.id, ok: errorCode === null });
  }
}

function toClaimed(row: SourceRow): ClaimedSource {
  return {
    id: row.id,
    name: row.name,
    outlet: row.outlet,
    url: row.url,
    kind: row.kind,
    intervalMinutes: row.interval_minutes,
    settings: row.settings ?? {},
    etag: row.etag,
    lastModified: row.last_modified,
    consecutiveFailures: row.consecutive_failures,
    unitCode: row.unit_code,
    firstPoll: row.first_poll,
  };
}
