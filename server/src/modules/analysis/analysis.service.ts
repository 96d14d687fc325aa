/**
 * The analysis stage of the data path: pending feed items become mentions.
 *
 * A batch is claimed with FOR UPDATE SKIP LOCKED (instances never analyse the same item at once), then analysed
 * under the story lock (stories are the persisted ones, so the severity counts the stored story's outlets) and its
 * mentions and stories written and the items marked done in the same transaction, so a crash
 * loses no mention and the unique `mention.item_id` makes a duplicate impossible. An item whose analysis throws is
 * marked failed (and logged) in that transaction: it is not retried forever. When the batch's transaction itself
 * fails, the items are retried one by one, and an item that still cannot be stored is marked failed on its own.
 * `mention.stored` is emitted after the commit, for the incidents stage.
 */
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OFFICE_ROOM, RealtimeEvent, roomForUnit, type AnalyzeTextRequest, type AnalyzeTextResult } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { DomainEventBus } from '../../common/events/domain-events';
import { RealtimeService } from '../realtime';
import { MentionStories } from './mention-stories';
import { createAnalyzer, type AnalyzeOutput, type Analyzer } from './pipeline/analyze-item';
import { UnitsGazetteerService } from './units-gazetteer.service';

/** Items claimed per transaction: small enough to keep row locks short, large enough to amortise the lock. */
export const ANALYSIS_BATCH_SIZE = 50;

export interface AnalysePendingOptions {
  batchSize?: number;
  /** Stop after this many items (default: until none are pending). */
  limit?: number;
}

export interface AnalysePendingSummary {
  batches: number;
  analysed: number;
  failed: number;
  storiesCreated: number;
}

interface ClaimedItem {
  id: string;
  source_id: string;
  title: string;
  summary: string;
  content_text: string | null;
  url: string;
  outlet: string;
  published_at: Date | null;
  fetched_at: Date;
  reach_weight: number;
  unit_code: string | null;
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

@Injectable()
export class AnalysisService {
  private readonly logger = new Logger('analysis');
  private readonly stories = new MentionStories();
  private worker: { analyzer: Analyzer; version: string } | undefined;
  private preview: { analyzer: Analyzer; version: string } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gazetteers: UnitsGazetteerService,
    private readonly events: DomainEventBus,
    private readonly clock: Clock,
    @Optional() private readonly realtime?: RealtimeService,
  ) {}

  /** Analyses pending items in batches until none is left (or `limit` is reached). Safe on several instances. */
  async analysePending(options: AnalysePendingOptions = {}): Promise<AnalysePendingSummary> {
    const batchSize = options.batchSize ?? ANALYSIS_BATCH_SIZE;
    const summary: AnalysePendingSummary = { batches: 0, analysed: 0, failed: 0, storiesCreated: 0 };
    for (;;) {
      const room =
        options.limit === undefined
          ? batchSize
          : Math.min(batchSize, options.limit - summary.analysed - summary.failed);
      if (room <= 0) break;
      const result = await this.runBatch(room);
      if (result.claimed === 0) break;
      summary.batches++;
      summary.analysed += result.analysed;
      summary.failed += result.failed;
      summary.storiesCreated += result.storiesCreated;
    }
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

  private async workerAnalyzer(): Promise<Analyzer> {
    const { gazetteer, version } = await this.gazetteers.current();
    if (this.worker?.version !== version) {
      const analyzer = createAnalyzer({ gazetteer, assignStory: (item) => this.stories.assign(item) });
      this.worker = { analyzer, version };
    }
    return this.worker.analyzer;
  }

  private async runBatch(size: number): Promise<BatchResult> {
    const analyzer = await this.workerAnalyzer();
    let claimedIds: string[] = [];
    try {
      const result = await this.dataSource.transaction(async (m) => {
        const items = await this.claim(m, size);
        claimedIds = items.map((i) => i.id);
        return this.storeBatch(m, analyzer, items);
      });
      this.emitStored(result.stored);
      return result;
    } catch (err) {
      this.stories.reset();
      if (claimedIds.length <= 1) {
        if (claimedIds.length === 0) throw err;
        await this.markFailed(claimedIds[0] as string, err);
        return { claimed: 1, analysed: 0, failed: 1, storiesCreated: 0, stored: [] };
      }
      this.logger.warn(`batch of ${claimedIds.length} items failed (${errorText(err)}); retrying them one by one`);
      const total: BatchResult = { claimed: 0, analysed: 0, failed: 0, storiesCreated: 0, stored: [] };
      for (const id of claimedIds) {
        const one = await this.runOne(analyzer, id);
        total.claimed += one.claimed;
        total.analysed += one.analysed;
        total.failed += one.failed;
        total.storiesCreated += one.storiesCreated;
      }
      return total;
    }
  }

  private async runOne(analyzer: Analyzer, id: string): Promise<BatchResult> {
    try {
      const result = await this.dataSource.transaction(async (m) =>
        this.storeBatch(m, analyzer, await this.claim(m, 1, id)),
      );
      this.emitStored(result.stored);
      return result;
    } catch (err) {
      this.stories.reset();
      await this.markFailed(id, err);
      return { claimed: 1, analysed: 0, failed: 1, storiesCreated: 0, stored: [] };
    }
  }

  private async claim(m: EntityManager, size: number, onlyId?: string): Promise<ClaimedItem[]> {
    return m.query(
      `SELECT fi.id, fi.source_id, fi.title, fi.summary, fi.content_text, fi.url, fi.outlet, fi.published_at,
              fi.fetched_at, s.reach_weight, s.unit_code
       FROM feed_item fi JOIN source s ON s.id = fi.source_id
       WHERE fi.analysis_state = 'pending' ${onlyId ? 'AND fi.id = $2' : ''}
       ORDER BY fi.created_at
       LIMIT $1
       FOR UPDATE OF fi SKIP LOCKED`,
      onlyId ? [size, onlyId] : [size],
    );
  }

  private async storeBatch(m: EntityManager, analyzer: Analyzer, items: ClaimedItem[]): Promise<BatchResult> {
    const result: BatchResult = { claimed: items.length, analysed: 0, failed: 0, storiesCreated: 0, stored: [] };
    if (items.length === 0) return result;
    const now = this.clock.now();
    // Publication order, as the clusterer expects a feed to arrive.
    const ordered = [...items].sort((a, b) => seenAtOf(a).getTime() - seenAtOf(b).getTime() || (a.id < b.id ? -1 : 1));
    const doneIds: string[] = [];
    const failedIds: string[] = [];

    await this.stories.lock(m);
    try {
      await this.stories.catchUp(m);
      for (const item of ordered) {
        let out: AnalyzeOutput;
        try {
          out = analyzer.analyze({
            id: item.id,
            title: item.title,
            summary: item.summary,
            content: item.content_text ?? undefined,
            outlet: item.outlet,
            publishedAt: seenAtOf(item).toISOString(),
            sourceUnitCode: item.unit_code ?? undefined,
          });
        } catch (err) {
          this.logger.error(`analysis of item ${item.id} failed: ${errorText(err)}`);
          failedIds.push(item.id);
          await this.stories.discardUnstored(m);
          continue;
        }
        await this.storeMention(m, item, out, now, result);
        doneIds.push(item.id);
      }
      if (doneIds.length > 0) {
        await m.query(`UPDATE feed_item SET analysis_state = 'done', analysed_at = $2 WHERE id = ANY($1::uuid[])`, [
          doneIds,
          now,
        ]);
      }
      if (failedIds.length > 0) {
        await m.query(`UPDATE feed_item SET analysis_state = 'failed', analysed_at = $2 WHERE id = ANY($1::uuid[])`, [
          failedIds,
          now,
        ]);
        result.failed = failedIds.length;
      }
    } catch (err) {
      // Reset while the lock is still held, so no other batch of this instance builds on a rolled-back batch.
      this.stories.reset();
      throw err;
    }
    return result;
  }

  private async storeMention(
    m: EntityManager,
    item: ClaimedItem,
    out: AnalyzeOutput,
    now: Date,
    result: BatchResult,
  ): Promise<void> {
    const unitCodes = out.units.map((u) => u.code);
    const title = item.title.normalize('NFC');
    const summary = item.summary.normalize('NFC');
    const outlet = item.outlet.normalize('NFC');
    const seen = seenAtOf(item);
    const choice = await this.stories.choose(m, { itemId: item.id, storyKey: out.storyId });
    let storyId = choice.storyId;
    if (storyId === null) {
      const created: { id: string }[] = await m.query(
        `INSERT INTO story (key, title, first_outlet, first_seen_at, last_seen_at, mention_count, outlets, unit_codes)
         VALUES ($1, $2, $3, $4, $4, 0, '{}', '{}') RETURNING id`,
        [choice.key, title, outlet, seen],
      );
      storyId = (created[0] as { id: string }).id;
      result.storiesCreated++;
    }
    const inserted: { id: string; seq: string }[] = await m.query(
      `INSERT INTO mention (item_id, source_id, title, summary, url, outlet, published_at, seen_at, units, unit_codes,
         sentiment_score, sentiment_label, sentiment_terms, category, incident, severity, severity_reasons, story_id,
         reach_weight, analysed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (item_id) DO NOTHING
       RETURNING id, seq::text AS seq`,
      [
        item.id,
        item.source_id,
        title,
        summary,
        item.url,
        outlet,
        item.published_at,
        seen,
        JSON.stringify(out.units),
        unitCodes,
        Math.max(-1, Math.min(1, out.sentiment.score)),
        out.sentiment.label,
        out.sentiment.terms,
        out.category,
        out.incident,
        out.severity,
        out.severityReasons,
        storyId,
        item.reach_weight,
        now,
      ],
    );
    const mention = inserted[0];
    // The row lock makes a conflict impossible; if it ever happens, the clusterer has seen an item the database
    // did not take, so the transaction is abandoned and the state rebuilt.
    if (!mention) throw new Error(`item ${item.id} already has a mention`);
    this.stories.stored(item.id, storyId, mention.seq);
    await m.query(
      `UPDATE story SET
         mention_count = mention_count + 1,
         title = CASE WHEN $2 < first_seen_at THEN $5 ELSE title END,
         first_outlet = CASE WHEN $2 < first_seen_at THEN $3 ELSE first_outlet END,
         first_seen_at = LEAST(first_seen_at, $2),
         last_seen_at = GREATEST(last_seen_at, $2),
         outlets = CASE WHEN $3 = ANY(outlets) THEN outlets ELSE outlets || $3 END,
         unit_codes = ARRAY(SELECT DISTINCT c FROM unnest(unit_codes || $4::text[]) AS c ORDER BY c)
       WHERE id = $1`,
      [storyId, seen, outlet, unitCodes, title],
    );
    result.analysed++;
    result.stored.push({ mentionId: mention.id, title, storyId, incident: out.incident, unitCodes });
  }

  private async markFailed(id: string, err: unknown): Promise<void> {
    this.logger.error(`item ${id} could not be stored as a mention, marked failed: ${errorText(err)}`);
    await this.dataSource.query(
      `UPDATE feed_item SET analysis_state = 'failed', analysed_at = $2 WHERE id = $1 AND analysis_state = 'pending'`,
      [id, this.clock.now()],
    );
  }

  /**
   * After commit: the incidents stage hears of each new mention, and dashboards see it live in the office's room and
   * the rooms of the units it names (which the mentions and stories lists of those readers refetch).
   */
  private emitStored(stored: StoredMention[]): void {
    for (const { title, ...s } of stored) {
      this.events.emit('mention.stored', s);
      this.realtime?.publish(
        [OFFICE_ROOM, ...s.unitCodes.map(roomForUnit)],
        RealtimeEvent.MentionCreated,
        // Tickets are opened later by the incidents stage, which announces them itself.
        { mentionId: s.mentionId, unitCodes: s.unitCodes, incidentId: null, title },
      );
    }
  }
}

/** Publication time, or fetch time when the feed gave none. */
function seenAtOf(item: ClaimedItem): Date {
  return new Date(item.published_at ?? item.fetched_at);
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
