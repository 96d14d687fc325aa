/**
 * Reads the article page behind a new item so analysis sees the body, not only the headline. Same guards as the
 * feed (it goes through the same SafeFetcher, whose per-host limit bounds the concurrency). A failure never drops
 * the item: it keeps its summary, and the reason is kept beside it.
 */
import type { SafeFetcher } from './fetch/safe-fetcher';
import { sha256, type NewFeedItem } from './feed-item.store';
import { inlineDocumentParser, type DocumentParser } from './parse/document-parser';
import { toReadFailure } from './source-reader';
import { FetchError } from './fetch/fetch-error';

const ARTICLE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/**
 * `signal` stops the page's fetch (the poll's lease was lost): the item is then not stored by this poll, so the
 * abort's reason is thrown rather than kept beside the item.
 */
export async function enrichWithArticle(
  fetcher: SafeFetcher,
  row: NewFeedItem,
  parser: DocumentParser = inlineDocumentParser,
  signal?: AbortSignal,
): Promise<NewFeedItem> {
  try {
    const res = await fetcher.fetch(row.url, { accept: ARTICLE_ACCEPT, signal });
    const { text } = await parser.extractArticle(res.body, res.headers['content-type'], res.url);
    const contentText = text.trim() ? text : null;
    return {
      ...row,
      contentText,
      contentError: contentText ? null : 'The article page held no readable text.',
      httpStatus: res.status,
      fetchedAt: res.fetchedAt,
      contentHash: contentText ? sha256(contentText) : row.contentHash,
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    const failure = toReadFailure(error);
    return {
      ...row,
      contentError: `Article page not read: ${failure.message}`,
      httpStatus: error instanceof FetchError ? (error.status ?? null) : null,
    };
  }
}
