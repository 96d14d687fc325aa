/**
 * One read of a source: fetch with the safe fetcher (conditional GET when validators are known), then decode the
 * charset and parse by kind with the given DocumentParser (the server's runs on worker threads). Shared by the
 * poller, POST /api/sources/test and the bench, so what an operator tests is exactly what the scheduler will do.
 * Failures come back as a `ReadFailure`: a code to branch on and one human sentence for the source's status line.
 */
import type { SourceErrorCode, SourceKind, SourceSettings } from '@mw/shared';
import { FetchError } from './fetch/fetch-error';
import type { SafeFetcher } from './fetch/safe-fetcher';
import { inlineDocumentParser, type DocumentParser } from './parse/document-parser';
import { ParseError } from './parse/parse-error';
import type { ParsedItem } from './parse/parsed-item';

export interface ReadTarget {
  url: string;
  kind: SourceKind;
  settings: SourceSettings;
  /** The outlet as the source names it: an HTML section page of a site we do not know is named by it. */
  outlet?: string;
  etag?: string | null;
  lastModified?: string | null;
}

export interface ReadResult {
  notModified: boolean;
  status: number;
  finalUrl: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: Date;
  items: ParsedItem[];
}

export type ReadFailureCode = FetchError['code'] | ParseError['code'] | 'NO_ITEMS' | 'UNEXPECTED';

/** Every failure code is one the shared contract (and so the dashboard's wording) knows: a new one fails to compile. */
type Known<T extends SourceErrorCode> = T;
export type StoredSourceErrorCode = Known<ReadFailureCode>;

/** Why a read failed: `retryAt` is set when the host asked us to come back later. */
export class ReadFailure extends Error {
  constructor(
    readonly code: ReadFailureCode,
    message: string,
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'ReadFailure';
  }
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

export async function readSource(
  fetcher: SafeFetcher,
  target: ReadTarget,
  parser: DocumentParser = inlineDocumentParser,
  signal?: AbortSignal,
): Promise<ReadResult> {
  try {
    const res = await fetcher.fetch(target.url, {
      signal,
      etag: target.etag ?? undefined,
      lastModified: target.lastModified ?? undefined,
      accept: target.kind === 'html' ? HTML_ACCEPT : FEED_ACCEPT,
    });
    const base = {
      status: res.status,
      finalUrl: res.url,
      etag: res.headers.etag ?? target.etag ?? null,
      lastModified: res.headers['last-modified'] ?? target.lastModified ?? null,
      fetchedAt: res.fetchedAt,
    };
    if (res.notModified) return { ...base, notModified: true, items: [] };
    const items = await parser.parseDocument(res.body, res.headers['content-type'], {
      kind: target.kind,
      settings: target.settings,
      finalUrl: res.url,
      outlet: target.outlet,
    });
    if (target.kind === 'html' && items.length === 0) {
      throw new ReadFailure(
        'NO_ITEMS',
        `The page was read but the selector "${target.settings.selectors?.item ?? ''}" matched no items; the page layout may have changed.`,
      );
    }
    return { ...base, notModified: false, items };
  } catch (error) {
    throw toReadFailure(error);
  }
}

/** Any thrown value as a ReadFailure whose message is one sentence. */
export function toReadFailure(error: unknown): ReadFailure {
  if (error instanceof ReadFailure) return error;
  if (error instanceof FetchError) return new ReadFailure(error.code, sentence(error.message), error.retryAt);
  if (error instanceof ParseError) return new ReadFailure(error.code, sentence(error.message));
  const message = error instanceof Error ? error.message : String(error);
  return new ReadFailure('UNEXPECTED', sentence(`unexpected error while reading: ${message}`));
}

/** Capitalised, single line, ending with a full stop. */
export function sentence(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  if (!line) return 'Unknown error.';
  const capital = line.charAt(0).toUpperCase() + line.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
