import type { SourceKind } from '../enums/sources';

/** CSS selectors that read an outlet's listing page (sources of kind `html`). */
export interface ListingSelectorsContract {
  item: string;
  link: string;
  title?: string;
  date?: string;
  summary?: string;
}

/**
 * Per-kind settings stored on a source. Unknown keys are kept as given, so an operator can add a setting
 * before the server knows it; the keys below are the ones the server reads.
 */
export interface SourceSettings {
  /** `html` sources: how to find the items on the page. */
  selectors?: ListingSelectorsContract;
  /** Fetch each new item's article page and keep its main text (default: true for rss/html, false otherwise). */
  fetchArticles?: boolean;
  /** Poll interval in seconds, overriding intervalMinutes (short intervals for tests and demos). */
  intervalSeconds?: number;
  /** `search` sources: the queries the feed URL was built from, for display. */
  queries?: string[];
  [key: string]: unknown;
}

/** How a source is doing, as shown in the sources list. */
export const SourceHealthStatus = {
  /** Never polled yet. */
  Pending: 'pending',
  Ok: 'ok',
  /** The last poll failed; `lastError` says why. */
  Failing: 'failing',
  /** Polls succeed, but a normally busy source has produced nothing for far longer than usual. */
  Silent: 'silent',
  Disabled: 'disabled',
} as const;
export type SourceHealthStatus = (typeof SourceHealthStatus)[keyof typeof SourceHealthStatus];

/**
 * Why the last read of a source failed, as stored on the source and answered by POST /api/sources/test: the
 * dashboard words each code in the reader's language.
 */
export const SourceErrorCode = {
  BadUrl: 'BAD_URL',
  SsrfBlocked: 'SSRF_BLOCKED',
  Dns: 'DNS',
  Connect: 'CONNECT',
  Timeout: 'TIMEOUT',
  TooLarge: 'TOO_LARGE',
  TooManyRedirects: 'TOO_MANY_REDIRECTS',
  HttpStatus: 'HTTP_STATUS',
  RetryLater: 'RETRY_LATER',
  Decompression: 'DECOMPRESSION',
  Network: 'NETWORK',
  XmlEntityDeclaration: 'XML_ENTITY_DECLARATION',
  XmlTooDeep: 'XML_TOO_DEEP',
  HtmlTooDeep: 'HTML_TOO_DEEP',
  HtmlTooLarge: 'HTML_TOO_LARGE',
  XmlMalformed: 'XML_MALFORMED',
  FeedUnrecognised: 'FEED_UNRECOGNISED',
  EmptyDocument: 'EMPTY_DOCUMENT',
  BadSelectors: 'BAD_SELECTORS',
  NoItems: 'NO_ITEMS',
  Unexpected: 'UNEXPECTED',
} as const;
export type SourceErrorCode = (typeof SourceErrorCode)[keyof typeof SourceErrorCode];
export const SOURCE_ERROR_CODES: readonly SourceErrorCode[] = Object.values(SourceErrorCode);

/** A source as the API returns it: registry fields plus health. */
export interface SourceDto {
  id: string;
  name: string;
  outlet: string;
  url: string;
  kind: SourceKind;
  intervalMinutes: number;
  reachWeight: number;
  enabled: boolean;
  unitCode: string | null;
  settings: SourceSettings;
  health: SourceHealthStatus;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  /** One human sentence, e.g. "could not resolve vnexpress.net (ENOTFOUND)". */
  lastError: string | null;
  /** The code of the last error (null before any error was recorded with a code). */
  lastErrorCode: SourceErrorCode | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  itemsLast24h: number;
  /** A normally busy source has produced nothing for more than 4 times its median gap (and more than 24 h). */
  wentSilent: boolean;
  /** Median time between items over the two weeks before its last item; null with too few items. */
  medianGapMinutes: number | null;
  lastItemAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Body of POST /api/sources and POST /api/sources/test. */
export interface CreateSourceRequest {
  name: string;
  outlet?: string;
  url: string;
  kind: SourceKind;
  intervalMinutes?: number;
  reachWeight?: number;
  unitCode?: string | null;
  settings?: SourceSettings;
}

/** Body of PATCH /api/sources/:id: any subset of the fields, plus enabling or disabling. */
export interface UpdateSourceRequest extends Partial<CreateSourceRequest> {
  enabled?: boolean;
  /**
   * Merged into the stored settings, not replacing them: each given top-level key replaces the stored one, a key
   * given as null is removed, keys not given stay. The merged settings must be valid for the (new or stored) kind.
   */
  settings?: SourceSettings;
}

/** One item read from a feed, as POST /api/sources/test and the CLI `fetch` show it. */
export interface ParsedItemContract {
  title: string;
  url: string;
  publishedAt: string | null;
  summary: string;
  outlet: string | null;
}

/** Answer of POST /api/sources/test: what a poll would read, nothing saved. */
export type SourceTestResult =
  | { ok: true; status: number; finalUrl: string; itemCount: number; items: ParsedItemContract[] }
  | { ok: false; error: { code: string; message: string } };

/** Answer of POST /api/sources/:id/poll. */
export interface PollOutcomeDto {
  sourceId: string;
  ok: boolean;
  /** HTTP 304: nothing changed since the last poll. */
  notModified: boolean;
  itemsRead: number;
  itemsStored: number;
  error: { code: string; message: string } | null;
  nextPollAt: string;
}

/** A stored feed item (GET /api/sources/:id/items). */
export interface FeedItemDto {
  id: string;
  sourceId: string;
  title: string;
  url: string;
  canonicalUrl: string;
  summary: string;
  /** Main text of the article page, when it could be fetched. */
  contentText: string | null;
  outlet: string;
  publishedAt: string | null;
  fetchedAt: string;
  httpStatus: number | null;
  contentHash: string;
  analysisState: 'pending' | 'done' | 'failed';
  createdAt: string;
}
