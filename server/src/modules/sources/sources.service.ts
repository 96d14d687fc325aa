import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  ErrorCode,
  type CreateSourceRequest,
  type FeedItemDto,
  type SourceDto,
  type SourceKind,
  type SourceSettings,
  type SourceTestResult,
  type UpdateSourceRequest,
} from '@mw/shared';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock/clock';
import { DomainEventBus } from '../../common/events/domain-events';
import { AuditService, UnitsService } from '../organisation';
import type { SafeFetcher } from './fetch/safe-fetcher';
import { knownOutletName } from './parse/outlets';
import { settingsProblem } from './source.dto';
import {
  toFeedItemDto,
  toParsedItemContract,
  toSourceDto,
  type FeedItemRow,
  type SourceHealthRow,
} from './source.mapper';
import { SOURCE_FETCHER } from './source-fetcher.provider';
import { SourcePollerService } from './source-poller.service';
import { ParserPool } from './parse/parser-pool';
import { readSource, toReadFailure } from './source-reader';

/** A source is "busy" enough to be watched for silence with at least this many items in its two-week window. */
export const SILENCE_MIN_ITEMS = 8;
/** Silent when nothing came for more than this many median gaps… */
export const SILENCE_GAP_FACTOR = 4;
/** …and for more than this long in any case. */
export const SILENCE_MIN_HOURS = 24;
/** Items shown by POST /api/sources/test. */
const TEST_ITEMS_SHOWN = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Health per source in one query. The item times are the published time (capped at when we stored the item, so a
 * future date cannot hide silence) or else the stored time. "Usual gap" is the median gap between items over the
 * two weeks before the source's last item, so a long silence does not empty its own baseline.
 */
const SOURCE_WITH_HEALTH = `
  SELECT s.id, s.name, s.outlet, s.url, s.kind, s.interval_minutes, s.reach_weight, s.enabled, s.unit_code, s.settings,
         s.next_poll_at, s.last_polled_at, s.last_success_at, s.last_error, s.last_error_code, s.last_error_at,
         s.consecutive_failures,
         s.created_at, s.updated_at,
         (SELECT count(*)::int FROM feed_item i WHERE i.source_id = s.id AND i.created_at > $1::timestamptz - interval '24 hours')
           AS items_last_24h,
         h.last_item_at,
         h.median_gap_seconds,
         (h.window_items >= ${SILENCE_MIN_ITEMS}
            AND h.median_gap_seconds IS NOT NULL
            AND $1::timestamptz - h.last_item_at > greatest(make_interval(secs => h.median_gap_seconds * ${SILENCE_GAP_FACTOR}),
                                                         interval '${SILENCE_MIN_HOURS} hours'))
           IS TRUE AS went_silent
  FROM source s
  LEFT JOIN LATERAL (
    SELECT w.last_item_at,
           count(*)::int AS window_items,
           extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY w.gap))::float8 AS median_gap_seconds
    FROM (
      SELECT t.at, t.last_item_at, t.at - lag(t.at) OVER (ORDER BY t.at) AS gap
      FROM (
        SELECT least(coalesce(i.published_at, i.created_at), i.created_at) AS at,
               max(least(coalesce(i.published_at, i.created_at), i.created_at)) OVER () AS last_item_at
        FROM feed_item i WHERE i.source_id = s.id
      ) t
      WHERE t.at > t.last_item_at - interval '14 days'
    ) w
    GROUP BY w.last_item_at
  ) h ON true`;

@Injectable()
export class SourcesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly poller: SourcePollerService,
    private readonly units: UnitsService,
    private readonly events: DomainEventBus,
    @Inject(SOURCE_FETCHER) private readonly fetcher: SafeFetcher,
    private readonly audit: AuditService,
    private readonly parser: ParserPool,
  ) {
    // The audit log names a source by its name and outlet.
    this.audit.useLabels('source', async (m, ids) => {
      const rows: { id: string; label: string }[] = await m.query(
        `SELECT id::text AS id, name || ' (' || outlet || ')' AS label FROM source WHERE id = ANY($1::uuid[])`,
        [ids.filter((id) => UUID.test(id))],
      );
      return new Map(rows.map((r) => [r.id, r.label]));
    });
  }

  /** Every source with its health; `unitCodes` limits the list to those units' own sources. */
  async list(unitCodes: 'all' | string[] = 'all'): Promise<SourceDto[]> {
    const rows: SourceHealthRow[] = await this.dataSource.query(
      `${SOURCE_WITH_HEALTH} WHERE ($2::text[] IS NULL OR s.unit_code = ANY($2::text[])) ORDER BY s.name, s.id`,
      [this.clock.now(), unitCodes === 'all' ? null : unitCodes],
    );
    return rows.map(toSourceDto);
  }

  async get(id: string, unitCodes: 'all' | string[] = 'all'): Promise<SourceDto> {
    if (!UUID.test(id)) throw notFound(id);
    const rows: SourceHealthRow[] = await this.dataSource.query(
      `${SOURCE_WITH_HEALTH} WHERE s.id = $2 AND ($3::text[] IS NULL OR s.unit_code = ANY($3::text[]))`,
      [this.clock.now(), id, unitCodes === 'all' ? null : unitCodes],
    );
    const row = rows[0];
    if (!row) throw notFound(id);
    return toSourceDto(row);
  }

  /**
   * Registers a source and polls it at once (or at the next tick, where this instance runs no schedules); the audit
   * entry commits with it.
   */
  async create(actor: Actor, body: CreateSourceRequest): Promise<SourceDto> {
    const settings = body.settings ?? {};
    await this.assertUnit(body.unitCode);
    assertSettings(body.kind, settings);
    const now = this.clock.now();
    let id: string;
    try {
      id = await this.dataSource.transaction(async (m) => {
        const rows: { id: string }[] = await m.query(
          `INSERT INTO source (name, outlet, url, kind, interval_minutes, reach_weight, unit_code, settings, next_poll_at,
                             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) RETURNING id`,
          [
            body.name.trim().normalize('NFC'),
            (body.outlet?.trim() || defaultOutlet(body.url, body.kind)).normalize('NFC'),
            body.url,
            body.kind,
            body.intervalMinutes ?? 15,
            body.reachWeight ?? 1,
            body.unitCode ?? null,
            settings,
            now,
          ],
        );
        const created = rows[0]!.id;
        await this.audit.record(
          actor,
          { action: 'source.create', entityType: 'source', entityId: created, after: { ...body, settings } },
          m,
        );
        return created;
      });
    } catch (error) {
      throw duplicateUrl(error) ?? error;
    }
    this.events.emit('source.registry_changed', { sourceId: id });
    this.poller.triggerPoll(id);
    return this.get(id);
  }

  /**
   * The stored settings are read under a row lock and merged and written in one transaction, so two admins patching
   * different settings keys at the same time both keep their change.
   */
  async update(actor: Actor, id: string, body: UpdateSourceRequest): Promise<SourceDto> {
    if (!UUID.test(id)) throw notFound(id);
    const now = this.clock.now();
    const readNow = await this.dataSource.transaction(async (m) => {
      const current: { kind: SourceKind; settings: SourceSettings; enabled: boolean; url: string }[] = await m.query(
        `SELECT kind, settings, enabled, url FROM source WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const before = current[0];
      if (!before) throw notFound(id);
      await this.assertUnit(body.unitCode);
      const kind = body.kind ?? before.kind;
      const settings = body.settings ? mergeSettings(before.settings ?? {}, body.settings) : (before.settings ?? {});
      assertSettings(kind, settings);

      const urlChanged = body.url !== undefined && body.url !== before.url;
      const reEnabled = body.enabled === true && !before.enabled;
      const read = urlChanged || reEnabled || (body.kind !== undefined && body.kind !== before.kind);
      try {
        await m.query(
          `UPDATE source SET
             name = coalesce($2, name), outlet = coalesce($3, outlet), url = coalesce($4, url), kind = $5,
             interval_minutes = coalesce($6, interval_minutes), reach_weight = coalesce($7, reach_weight),
             unit_code = CASE WHEN $8 THEN $9 ELSE unit_code END, settings = $10, enabled = coalesce($11, enabled),
             etag = CASE WHEN $12 THEN NULL ELSE etag END, last_modified = CASE WHEN $12 THEN NULL ELSE last_modified END,
             next_poll_at = CASE WHEN $13 THEN $14 ELSE next_poll_at END, updated_at = $14
           WHERE id = $1`,
          [
            id,
            body.name?.trim().normalize('NFC') ?? null,
            body.outlet?.trim().normalize('NFC') || null,
            body.url ?? null,
            kind,
            body.intervalMinutes ?? null,
            body.reachWeight ?? null,
            body.unitCode !== undefined,
            body.unitCode ?? null,
            settings,
            body.enabled ?? null,
            urlChanged,
            read,
            now,
          ],
        );
      } catch (error) {
        throw duplicateUrl(error) ?? error;
      }
      await this.audit.record(
        actor,
        { action: 'source.update', entityType: 'source', entityId: id, before, after: { ...body, settings } },
        m,
      );
      return read;
    });
    this.events.emit('source.registry_changed', { sourceId: id });
    if (readNow && body.enabled !== false) this.poller.triggerPoll(id);
    return this.get(id);
  }

  /** Reads a source as a poll would, saving nothing. */
  async test(body: CreateSourceRequest): Promise<SourceTestResult> {
    const settings = body.settings ?? {};
    assertSettings(body.kind, settings);
    try {
      const read = await readSource(
        this.fetcher,
        { url: body.url, kind: body.kind, settings, outlet: body.outlet },
        this.parser,
      );
      return {
        ok: true,
        status: read.status,
        finalUrl: read.finalUrl,
        itemCount: read.items.length,
        items: read.items.slice(0, TEST_ITEMS_SHOWN).map(toParsedItemContract),
      };
    } catch (error) {
      const failure = toReadFailure(error);
      return { ok: false, error: { code: failure.code, message: failure.message } };
    }
  }

  /** Latest items of a source, newest first. */
  async items(id: string, limit: number, unitCodes: 'all' | string[] = 'all'): Promise<FeedItemDto[]> {
    await this.get(id, unitCodes);
    const rows: FeedItemRow[] = await this.dataSource.query(
      `SELECT id, source_id, title, url, canonical_url, summary, content_text, outlet, published_at, fetched_at,
              http_status, content_hash, analysis_state, created_at
       FROM feed_item WHERE source_id = $1
       ORDER BY coalesce(published_at, created_at) DESC, id LIMIT $2`,
      [id, limit],
    );
    return rows.map(toFeedItemDto);
  }

  /** A source may belong to a unit only if the unit exists; null (no unit) and absent are always fine. */
  private async assertUnit(unitCode: string | null | undefined): Promise<void> {
    if (unitCode === undefined || unitCode === null) return;
    if (await this.units.findByCode(unitCode)) return;
    throw new BadRequestException({
      code: ErrorCode.ValidationFailed,
      field: 'unitCode',
      message: `unitCode ${unitCode} is not a known unit`,
    });
  }
}

/**
 * PATCH semantics of `settings`: the given top-level keys replace the stored ones, a key given as null is removed.
 * Built with fromEntries so that any key, `__proto__` included, stays a plain own property.
 */
function mergeSettings(stored: SourceSettings, patch: SourceSettings): SourceSettings {
  const kept = Object.entries(stored).filter(([key]) => !Object.hasOwn(patch, key));
  const given = Object.entries(patch).filter(([, value]) => value !== null);
  return Object.fromEntries([...kept, ...given]) as SourceSettings;
}

function assertSettings(kind: SourceKind, settings: SourceSettings): void {
  const problem = settingsProblem(kind, settings);
  if (problem) throw new BadRequestException({ code: ErrorCode.ValidationFailed, ...problem });
}

function defaultOutlet(url: string, kind: SourceKind): string {
  const known = knownOutletName(url);
  if (known) return known;
  if (kind === 'search') return 'Google News';
  return new URL(url).hostname.replace(/^www\./, '');
}

function notFound(id: string): NotFoundException {
  return new NotFoundException({ code: ErrorCode.NotFound, message: `Source ${id} does not exist` });
}

function duplicateUrl(error: unknown): ConflictException | undefined {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ??
    (error as { code?: unknown })?.code;
  if (code !== '23505') return undefined;
  return new ConflictException({
    code: ErrorCode.Conflict,
    field: 'url',
    message: 'A source with this url already exists',
  });
}
