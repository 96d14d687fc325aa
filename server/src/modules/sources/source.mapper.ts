import type {
  FeedItemDto,
  ParsedItemContract,
  PollOutcomeDto,
  SourceDto,
  SourceErrorCode,
  SourceHealthStatus,
  SourceKind,
  SourceSettings,
} from '@mw/shared';
import type { ParsedItem } from './parse/parsed-item';
import type { PollOutcome } from './source-poller.service';

/** A source row joined with its health figures, as the list query returns it. */
export interface SourceHealthRow {
  id: string;
  name: string;
  outlet: string;
  url: string;
  kind: SourceKind;
  interval_minutes: number;
  reach_weight: number;
  enabled: boolean;
  unit_code: string | null;
  settings: SourceSettings | null;
  next_poll_at: Date | null;
  last_polled_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_code: SourceErrorCode | null;
  last_error_at: Date | null;
  consecutive_failures: number;
  created_at: Date;
  updated_at: Date;
  items_last_24h: number;
  last_item_at: Date | null;
  median_gap_seconds: number | null;
  went_silent: boolean;
}

export interface FeedItemRow {
  id: string;
  source_id: string;
  title: string;
  url: string;
  canonical_url: string;
  summary: string;
  content_text: string | null;
  outlet: string;
  published_at: Date | null;
  fetched_at: Date;
  http_status: number | null;
  content_hash: string;
  analysis_state: 'pending' | 'done' | 'failed';
  created_at: Date;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function healthOf(row: SourceHealthRow): SourceHealthStatus {
  if (!row.enabled) return 'disabled';
  if (!row.last_polled_at) return 'pending';
  if (row.consecutive_failures > 0) return 'failing';
  if (row.went_silent) return 'silent';
  return 'ok';
}

export function toSourceDto(row: SourceHealthRow): SourceDto {
  return {
    id: row.id,
    name: row.name,
    outlet: row.outlet,
    url: row.url,
    kind: row.kind,
    intervalMinutes: row.interval_minutes,
    reachWeight: Number(row.reach_weight),
    enabled: row.enabled,
    unitCode: row.unit_code,
    settings: row.settings ?? {},
    health: healthOf(row),
    lastPolledAt: iso(row.last_polled_at),
    lastSuccessAt: iso(row.last_success_at),
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
    lastErrorAt: iso(row.last_error_at),
    consecutiveFailures: row.consecutive_failures,
    nextPollAt: row.enabled ? iso(row.next_poll_at) : null,
    itemsLast24h: Number(row.items_last_24h),
    wentSilent: row.went_silent,
    medianGapMinutes: row.median_gap_seconds === null ? null : Math.round(Number(row.median_gap_seconds) / 6) / 10,
    lastItemAt: iso(row.last_item_at),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function toFeedItemDto(row: FeedItemRow): FeedItemDto {
  return {
    id: row.id,
    sourceId: row.source_id,
    title: row.title,
    url: row.url,
    canonicalUrl: row.canonical_url,
    summary: row.summary,
    contentText: row.content_text,
    outlet: row.outlet,
    publishedAt: iso(row.published_at),
    fetchedAt: new Date(row.fetched_at).toISOString(),
    httpStatus: row.http_status,
    contentHash: row.content_hash,
    analysisState: row.analysis_state,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function toParsedItemContract(item: ParsedItem): ParsedItemContract {
  return {
    title: item.title,
    url: item.url,
    publishedAt: item.publishedAt ?? null,
    summary: item.summary,
    outlet: item.outlet ?? null,
  };
}

export function toPollOutcomeDto(outcome: PollOutcome): PollOutcomeDto {
  return {
    sourceId: outcome.sourceId,
    ok: outcome.ok,
    notModified: outcome.notModified,
    itemsRead: outcome.itemsRead,
    itemsStored: outcome.itemsStored,
    error: outcome.error,
    nextPollAt: outcome.nextPollAt.toISOString(),
  };
}
