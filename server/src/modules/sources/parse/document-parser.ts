/**
 * Turning a fetched body into what the poller stores: a feed or listing page into items, an article page into its
 * text. Decoding the charset and parsing are the costly, CPU-bound part of a poll (a 10 MB feed or a page of 100,000
 * elements takes seconds), so the server runs them on worker threads (`ParserPool`) and the event loop stays free;
 * the CLI and one-off reads run them here on the calling thread (`inlineDocumentParser`). Both run the same
 * functions below, and errors keep their codes across the thread boundary.
 */
import type { SourceKind, SourceSettings } from '@mw/shared';
import { extractArticleText, type ArticleText } from '../extract/article-text';
import { decodeBody } from '../fetch/charset';
import { parseFeed } from './feed-parser';
import { parseHtmlListing } from './html-listing-parser';
import { ParseError } from './parse-error';
import type { ParsedItem } from './parsed-item';

/** What a body is read as. */
export interface DocumentTarget {
  kind: SourceKind;
  settings: SourceSettings;
  /** The URL the body came from (after redirects): resolves relative links, names the outlet as a last resort. */
  finalUrl: string;
  /** The outlet as the source names it: an HTML section page of a site we do not know is named by it. */
  outlet?: string;
}

export interface DocumentParser {
  /** A feed (rss, search, social) or an HTML listing page (html) as items; a listing may yield none. */
  parseDocument(body: Uint8Array, contentType: string | undefined, target: DocumentTarget): Promise<ParsedItem[]>;
  /** An article page's text (empty when it has none). */
  extractArticle(body: Uint8Array, contentType: string | undefined, url: string): Promise<ArticleText>;
}

const asBuffer = (body: Uint8Array): Buffer =>
  Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);

export async function parseDocumentNow(
  body: Uint8Array,
  contentType: string | undefined,
  target: DocumentTarget,
): Promise<ParsedItem[]> {
  const text = decodeBody(asBuffer(body), contentType);
  if (target.kind !== 'html') return parseFeed(text, { kind: target.kind, baseUrl: target.finalUrl });
  const selectors = target.settings.selectors;
  if (!selectors) throw new ParseError('BAD_SELECTORS', 'this HTML source has no selectors in its settings');
  return parseHtmlListing(text, { baseUrl: target.finalUrl, selectors, outlet: target.outlet });
}

export function extractArticleNow(body: Uint8Array, contentType: string | undefined, url: string): ArticleText {
  return extractArticleText(decodeBody(asBuffer(body), contentType), url);
}

/** Parses on the calling thread: for the CLI and reads that are not part of the server's polling. */
export const inlineDocumentParser: DocumentParser = {
  parseDocument: parseDocumentNow,
  extractArticle: async (body, contentType, url) => extractArticleNow(body, contentType, url),
};
