/**
 * The analysis stage of the data path: pending feed items become mentions.
 *
 * A batch is claimed with FOR UPDATE SKIP LOCKED in its own transaction, so instances (and the batches one instance
 * runs at once) share the pending items and never analyse the same one; the row locks are the lease: they end with
 * the transaction, whether it commits or its instance dies. Each batch then runs in two steps:
 *  1. the analysis itself (units, tone, topic), the costly part, with no lock beyond the batch's rows, so instances
 *     analyse side by side;
 *  2. under the story lock, a short turn: stories assigned in publication order (a severity counts the outlets of
 *     the stored story, so the few incident items are analysed again with their story), then the batch's stories
 *     and mentions written in a handful of statements (the item states are written just before the turn).
 * Everything commits together, so a crash loses no mention and the unique `mention.item_id` makes a duplicate
 * impossible. An item whose analysis throws is marked failed (and logged) in that transaction: it is not retried
 * forever. When the batch's transaction itself fails, the items are retried one by one, and an item that still
 * cannot be stored is marked failed on its own. `mention.stored` is emitted after the commit, for the incidents stage.
 */
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OFFICE_ROOM, RealtimeEvent, roomForUnit, type AnalyzeTextRequest, type AnalyzeTextResult } from '@mw/shared';
import type { Counter } from 'prom-client';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { DomainEventBus } from '../../common/events/domain-events';
import { Metrics } from '../../common/metrics/metrics';
import { RealtimeService, type Publication } from '../realtime';
import { PendingItems, type PendingItem } from '../sources';
import { MentionStories } from './mention-stories';
import { createAnalyzer, type AnalyzeInput, type AnalyzeOutput, type Analyzer } from './pipeline/analyze-item';
import { StoryAwareAnalyzer, type ProvisionalResult } from './pipeline/story-aware-analyzer';
import type { StoryFeatures, StoryItem } from './stories/story-clusterer';
import { MentionBatchStore } from './store/mention-batch.store';
import { errorText, mentionRow, seenAtOf, storyChanges } from './store/mention-rows';
import { AnalysisPool } from './threads/analysis-pool';
import { UnitsGazetteerService, type VersionedGazetteer } from './units-gazetteer.service';

/**
 * Items claimed per transaction: the story turn costs a few statements and a commit per batch whatever its size, so
 * batches are large; each still commits within a fraction of a second. Year replay on 2 cores: 250 → 46.8-47.6 s,
 * 500 → 42.5-44.8 s, 1,000 → 42.5-44.0 s (no better, longer transactions).
 */
export const ANALYSIS_BATCH_SIZE = 500;
/** Items analysed (or their story features computed) between two returns to the event loop. */
const ANALYSE_SLICE = 16;
/**
 * Batches one instance runs at once, at least: one is analysed while the other's writes are in PostgreSQL. With
 * analysis threads, one more than the threads, so every thread has a batch while one batch writes.
 */
export const ANALYSIS_CONCURRENCY = 2;

export interface AnalysePendingOptions {
  batchSize?: number;
  /** Stop after this many items (default: until none are pending). */
  limit?: number;
  /** Batches run at once (default: ANALYSIS_CONCURRENCY, or one more than the analysis threads). */
  concurrency?: number;
}

export interface AnalysePendingSummary {
  batches: number;
  analysed: number;
  failed: number;
  storiesCreated: number;
}

type ClaimedItem = PendingItem;

/** The analyzer of step 2 (and of step 1 when the pool has no threads), with the units it was built from. */
interface WorkerAnalyzer {
  analyzer: StoryAwareAnalyzer;
  gazetteer: VersionedGazetteer;
}

/** An item after step 1: its analysis with a provisional story, and what story grouping will read of it. */
interface Analysed {
  item: ClaimedItem;
  input: AnalyzeInput;
  out: AnalyzeOutput;
  storyItem: StoryItem;
  /** What story grouping compares, computed in step 1 (on the thread) so the story turn only searches and joins. */
  storyFeatures: StoryFeatures;
  /** The outlets the provisional story counted (the severity read them). */
  provisionalOutlets: number;
}

interface StoredMention {
  mentionId: string;
  /** For the live announcement only; not part of 'mention.stored'. */
  title: string;
  storyId: string;
  incident: boolean;
  unitCodes: string[];
}

interface BatchResult {
  claimed: number;
  analysed: number;
  failed: number;
  storiesCreated: number;
  stored: StoredMention[];
}

const NO_BATCH: BatchResult = { claimed: 0, analysed: 0, failed: 0, storiesCreated: 0, stored: [] };

@Injectable()
export class AnalysisService {
  private readonly logger = new Logger('analysis');
  private readonly stories = new MentionStories();
  /** Step 2's analyzer (and step 1's when the pool has no threads). */
  private worker: WorkerAnalyzer | undefined;
  private preview: { analyzer: Analyzer; version: string } | undefined;
  /** The story turns of this instance's concurrent batches, one after another (see `storyTurn`). */
  private turns: Promise<unknown> = Promise.resolve();
  private readonly analysed: Counter<'result'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gazetteers: UnitsGazetteerService,
    private readonly events: DomainEventBus,
    private readonly clock: Clock,
    private readonly pending: PendingItems,
    private readonly store: MentionBatchStore,
    private readonly pool: AnalysisPool,
    metrics: Metrics,
    @Optional() private readonly realtime?: RealtimeService,
  ) {
    this.analysed = metrics.counter({
      name: 'mw_items_analysed_total',
      help: 'Feed items analysed by this instance, by result: analysed (stored as a mention) or failed.',
      labelNames: ['result'],
    });
  }

  /**
   * Analyses pending items in batches until none is left (or `limit` is reached), `concurrency` batches at a time.
   * Safe on several instances.
   */
  async analysePending(options: AnalysePendingOptions = {}): Promise<AnalysePendingSummary> {
    const batchSize = options.batchSize ?? ANALYSIS_BATCH_SIZE;
    const summary: AnalysePendingSummary = { batches: 0, analysed: 0, failed: 0, storiesCreated: 0 };
    let reserved = 0;
    let drained = false;
    const lane = async (): Promise<void> => {
      while (!drained) {
        const room = options.limit === undefined ? batchSize : Math.min(batchSize, options.limit - reserved);
        if (room <= 0) return;
        reserved += room;
        const result = await this.runBatch(room);
        reserved -= room - result.claimed;
        if (result.claimed === 0) {
          drained = true;
          return;
        }
        summary.batches++;
        if (result.analysed > 0) this.analysed.inc({ result: 'analysed' }, result.analysed);
        if (result.failed > 0) this.analysed.inc({ result: 'failed' }, result.failed);
        summary.analysed += result.analysed;
        summary.failed += result.failed;
        summary.storiesCreated += result.storiesCreated;
      }
    };
    const lanes = options.concurrency ?? Math.max(ANALYSIS_CONCURRENCY, this.pool.threads + 1);
    await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
    return summary;
  }

  /** Analyses posted text with the current units, saving nothing (the dashboard's "try it" box). */
  async analyzeText(req: AnalyzeTextRequest): Promise<AnalyzeTextResult> {
    const { gazetteer, version } = await this.gazetteers.current();
    if (this.preview?.version !== version) this.preview = { analyzer: createAnalyzer({ gazetteer }), version };
    const out = this.preview.analyzer.analyze({
      id: 'preview',
      title: req.title,
      summary: req.summary,
      content: req.content,
      outlet: req.outlet,
      publishedAt: req.publishedAt,
    });
    return {
      units: out.units.map((u) => ({ ...u, spans: [...u.spans] })),
      sentiment: out.sentiment,
      category: out.category,
      incident: out.incident,
      severity: out.severity,
      severityReasons: out.severityReasons,
    };
  }

  private async workerAnalyzer(): Promise<WorkerAnalyzer> {
    const gazetteer = await this.gazetteers.current();
    if (this.worker?.gazetteer.version !== gazetteer.version) {
      this.worker = { analyzer: new StoryAwareAnalyzer(gazetteer.gazetteer), gazetteer };
    }
    return this.worker;
  }

  private async runBatch(size: number): Promise<BatchResult> {
    const worker = await this.workerAnalyzer();
    let claimedIds: string[] = [];
    try {
      const result = await this.inBatchTransaction(worker, size, undefined, (ids) => {
        claimedIds = ids;
      });
      this.emitStored(result.stored);
      return result;
    } catch (err) {
      if (claimedIds.length <= 1) {
        if (claimedIds.length === 0) throw err;
        return this.markFailed(claimedIds[0] as string, err);
      }
      this.logger.warn(`batch of ${claimedIds.length} items failed (${errorText(err)}); retrying them one by one`);
      const total: BatchResult = { claimed: 0, analysed: 0, failed: 0, storiesCreated: 0, stored: [] };
      total.claimed = claimedIds.length;
      for (const id of claimedIds) {
        const one = await this.runOne(worker, id);
        total.analysed += one.analysed;
        total.failed += one.failed;
        total.storiesCreated += one.storiesCreated;
      }
      return total;
    }
  }

  private async runOne(worker: WorkerAnalyzer, id: string): Promise<BatchResult> {
    try {
      const result = await this.inBatchTransaction(worker, 1, id);
      this.emitStored(result.stored);
      return result;
    } catch (err) {
      return this.markFailed(id, err);
    }
  }

  /**
   * One batch in one transaction: claim, analyse (step 1), then the story turn (step 2) up to and including the
   * commit, so a failed commit also resets the clusterer before this instance's next turn uses it.
   */
  private async inBatchTransaction(
    worker: WorkerAnalyzer,
    size: number,
    onlyId: string | undefined,
    onClaimed?: (ids: string[]) => void,
  ): Promise<BatchResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        const items = await this.pending.claim(runner.manager, size, onlyId);
        onClaimed?.(items.map((i) => i.id));
        if (items.length === 0) {
          await runner.commitTransaction();
          return NO_BATCH;
        }
        const { analysed, failedIds } = await this.analyseAll(worker, items);
        // The items' states need no lock but their own rows' (the claim holds them): written before the story turn,
        // they keep it short.
        const now = this.clock.now();
        await this.markItems(
          runner.manager,
          'done',
          analysed.map((a) => a.item.id),
          now,
        );
        await this.markItems(runner.manager, 'failed', failedIds, now);
        if (analysed.length === 0) {
          await runner.commitTransaction();
          return { claimed: items.length, analysed: 0, failed: failedIds.length, storiesCreated: 0, stored: [] };
        }
        return await this.storyTurn(async () => {
          try {
            const result = await this.storeBatch(
              runner.manager,
              worker.analyzer,
              items.length,
              analysed,
              failedIds,
              now,
            );
            await runner.commitTransaction();
            return result;
          } catch (err) {
            // Reset while the lock is still held, so no other batch builds on a rolled-back batch.
            this.stories.reset();
            throw err;
          }
        });
      } catch (err) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Step 1: every item analysed with a provisional story, in publication order (the order stories will see), on the
   * pool's threads when it has any. On the event loop, the loop is given back every ANALYSE_SLICE items: another
   * batch's story turn, the one part of the data path that runs in series, waits on each of its statements' answers,
   * and a batch analysed in one go held each of them back by its whole length (tens of milliseconds). The features
   * story grouping compares are computed with the analysis (on the thread), so the story turn only searches and
   * joins.
   */
  private async analyseAll(
    worker: WorkerAnalyzer,
    items: ClaimedItem[],
  ): Promise<{ analysed: Analysed[]; failedIds: string[] }> {
    const ordered = [...items].sort((a, b) => seenAtOf(a).getTime() - seenAtOf(b).getTime() || (a.id < b.id ? -1 : 1));
    const inputs = ordered.map((item): AnalyzeInput => ({
      id: item.id,
      title: item.title,
      summary: item.summary,
      content: item.content_text ?? undefined,
      outlet: item.outlet,
      publishedAt: seenAtOf(item).toISOString(),
      sourceUnitCode: item.unit_code ?? undefined,
    }));
    const results = await this.provisional(worker, inputs);
    const analysed: Analysed[] = [];
    const failedIds: string[] = [];
    for (const [k, item] of ordered.entries()) {
      if (k > 0 && k % ANALYSE_SLICE === 0) await yieldToEventLoop();
      const result = results[k] as ProvisionalResult;
      if (!result.ok) {
        this.logger.error(`analysis of item ${item.id} failed: ${result.message}`);
        failedIds.push(item.id);
        continue;
      }
      analysed.push({
        item,
        input: inputs[k] as AnalyzeInput,
        out: result.out,
        storyItem: result.storyItem,
        storyFeatures: result.storyFeatures,
        provisionalOutlets: result.provisionalOutlets,
      });
    }
    return { analysed, failedIds };
  }

  private async provisional(worker: WorkerAnalyzer, inputs: AnalyzeInput[]): Promise<ProvisionalResult[]> {
    if (this.pool.threads > 0) {
      const { version, units } = worker.gazetteer;
      return this.pool.analyse({ version, units, inputs });
    }
    const results: ProvisionalResult[] = [];
    for (const [k, input] of inputs.entries()) {
      if (k > 0 && k % ANALYSE_SLICE === 0) await yieldToEventLoop();
      results.push(worker.analyzer.tryProvisional(input));
    }
    return results;
  }

  /**
   * Runs `work` (which takes the story lock in its transaction) after this instance's earlier story turns have
   * ended: the clusterer in memory is this instance's, so one batch at a time may use it, and a turn that fails
   * resets it before the next begins.
   */
  private storyTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.turns.then(work, work);
    this.turns = turn.catch(() => undefined);
    return turn;
  }

  /** Step 2, under the story lock: stories, then the batch's story and mention rows in a few statements. */
  private async storeBatch(
    m: EntityManager,
    analyzer: StoryAwareAnalyzer,
    claimed: number,
    analysed: Analysed[],
    failedIds: string[],
    now: Date,
  ): Promise<BatchResult> {
    const result: BatchResult = { claimed, analysed: 0, failed: failedIds.length, storiesCreated: 0, stored: [] };
    await this.stories.lock(m);
    await this.stories.catchUp(m);
    const outs = analysed.map((a) => this.withStory(analyzer, a));
    const choices = await this.stories.chooseAll(
      m,
      analysed.map((a, i) => ({ itemId: a.item.id, storyKey: (outs[i] as AnalyzeOutput).storyId })),
    );
    const rows = analysed.map((a, i) => mentionRow(a.item, outs[i] as AnalyzeOutput));
    const changes = storyChanges(rows, choices);
    const created = await this.store.createStories(
      m,
      [...changes.values()].filter((c) => c.id === null),
    );
    result.storiesCreated = created.size;
    const storyIds = choices.map((c) => c.storyId ?? (created.get(c.key) as string));
    const inserted = await this.store.insertMentions(m, rows, storyIds, now);
    for (const [i, row] of rows.entries()) {
      const storyId = storyIds[i] as string;
      const mention = inserted[i] as { id: string; seq: string };
      this.stories.stored(row.itemId, storyId, mention.seq);
      result.stored.push({
        mentionId: mention.id,
        title: row.title,
        storyId,
        incident: row.incident,
        unitCodes: row.unitCodes,
      });
    }
    await this.store.updateStories(
      m,
      [...changes.values()].filter((c) => c.id !== null),
    );
    result.analysed = rows.length;
    return result;
  }

  /**
   * The item's story from the stored stories. Only an incident's severity reads the story (its outlets), so an
   * incident whose story counts other outlets than the provisional one is analysed again with it.
   */
  private withStory(analyzer: StoryAwareAnalyzer, a: Analysed): AnalyzeOutput {
    const assignment = this.stories.assign(a.storyItem, a.storyFeatures);
    if (!a.out.incident || assignment.outlets === a.provisionalOutlets)
      return { ...a.out, storyId: assignment.storyId };
    return analyzer.withAssignment(a.input, assignment);
  }

  private async markItems(m: EntityManager, state: 'done' | 'failed', ids: string[], now: Date): Promise<void> {
    await this.pending.markAnalysed(m, ids, state, now);
  }

  /**
   * Marks an item failed unless it is no longer pending (once its batch rolled back, another batch may have claimed
   * it and stored or failed it meanwhile); returns the outcome to count.
   */
  private async markFailed(id: string, err: unknown): Promise<BatchResult> {
    const marked = await this.pending.markFailedIfPending(id, this.clock.now());
    if (marked) {
      this.logger.error(`item ${id} could not be stored as a mention, marked failed: ${errorText(err)}`);
    }
    return { claimed: 1, analysed: 0, failed: marked ? 1 : 0, storiesCreated: 0, stored: [] };
  }

  /**
   * After commit: the incidents stage hears of each new mention, and dashboards see them live in the office's room
   * and the rooms of the units they name (the mentions, stories and good-news lists of those readers refetch). A
   * mention about a unit is announced on its own; the many that name none only make the office's lists stale, so a
   * batch announces the newest of them once, and the whole batch's events are stored in one statement.
   */
  private emitStored(stored: StoredMention[]): void {
    const announced: Publication[] = [];
    let newestOther: StoredMention | undefined;
    for (const mention of stored) {
      const { mentionId, storyId, incident, unitCodes } = mention;
      this.events.emit('mention.stored', { mentionId, storyId, incident, unitCodes });
      if (unitCodes.length === 0) {
        newestOther = mention;
        continue;
      }
      announced.push(mentionCreated(mention, [OFFICE_ROOM, ...unitCodes.map(roomForUnit)]));
    }
    if (newestOther) announced.push(mentionCreated(newestOther, [OFFICE_ROOM]));
    this.realtime?.publishMany(announced);
  }
}

/** The live announcement of a mention; tickets are opened later by the incidents stage, which announces them. */
function mentionCreated(mention: StoredMention, rooms: string[]): Publication {
  return {
    rooms,
    event: RealtimeEvent.MentionCreated,
    payload: { mentionId: mention.mentionId, unitCodes: mention.unitCodes, incidentId: null, title: mention.title },
  };
}
