import type { SourceKind } from '@mw/shared';

/** One item read from a feed or listing page, already cleaned: plain NFC text, absolute URLs, dates with offset. */
export interface ParsedItem {
  guid?: string;
  title: string;
  /** Absolute link as published (for search feeds, the news.google.com redirect). */
  url: string;
  /** `url` without tracking parameters and fragment, host lowercased, parameters sorted. */
  canonicalUrl: string;
  /** ISO-8601 with offset, rendered in Vietnam time (+07:00). */
  publishedAt?: string;
  summary: string;
  /** The outlet that published the item (for search feeds, the real outlet named in <source>). */
  outlet?: string;
  /** Home page of that outlet when the feed names it (Google News <source url>). */
  outletUrl?: string;
  author?: string;
}

export interface ParseFeedOptions {
  kind: SourceKind;
  /** The URL the document was fetched from; resolves relative links and names the outlet as a last resort. */
  baseUrl: string;
  maxDepth?: number;
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  items: ParsedItem[];
}
