/**
 * `npm run -s cli -- fetch <url> [--kind rss|html|social|search] [--selectors <json>]`: reads one source with the
 * same guards as the server (safe fetcher, XML guard, charset handling) and prints one JSON object per item per
 * line on stdout: {"title","url","publishedAt","summary","outlet"}. On failure it prints one line naming the cause
 * on stderr and returns 1; nothing but items ever goes to stdout.
 */
import { SOURCE_KINDS } from '@mw/shared';
import type { SourceKind } from '@mw/shared';

import { decodeBody } from './fetch/charset';
import { FetchError } from './fetch/fetch-error';
import type { SafeFetcher } from './fetch/safe-fetcher';
import { createSafeFetcher } from './fetch/safe-fetcher';
import { parseFeed } from './parse/feed-parser';
import type { ListingSelectors } from './parse/html-listing-parser';
import { parseHtmlListing } from './parse/html-listing-parser';
import { ParseError } from './parse/parse-error';
import type { ParsedItem } from './parse/parsed-item';

export interface FetchCommandEnv {
  /** From MW_ALLOW_PRIVATE_HOSTS: hosts or CIDRs exempt from the private-address rule. */
  allowPrivateHosts: string[];
  /** Tests may pass a fetcher with a fake DNS; otherwise one is built with the command's limits. */
  fetcher?: SafeFetcher;
}

/** Selectors for --kind html without --selectors: common teaser markup of Vietnamese news sites. */
export const DEFAULT_LISTING_SELECTORS: ListingSelectors = {
  item: 'article, .story, .item-news, .box-category-item, .news-item',
  link: 'h1 a[href], h2 a[href], h3 a[href], h4 a[href], a[href]',
  title: 'h1, h2, h3, h4, a[href]',
  date: 'time, .time, .date, .story__time',
  summary: '.sapo, .summary, .description, .story__summary',
};

const USAGE = 'usage: fetch <url> [--kind rss|html|social|search] [--selectors <json>]';

class UsageError extends Error {}

interface FetchCommandArgs {
  url: string;
  kind: SourceKind;
  selectors?: ListingSelectors;
}

function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}

function parseSelectors(json: string): ListingSelectors {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UsageError('--selectors is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('--selectors must be a JSON object such as {"item":"article","link":"h3 a"}');
  }
  const record = value as Record<string, unknown>;
  const selectors: Partial<Record<keyof ListingSelectors, string>> = {};
  for (const key of ['item', 'link', 'title', 'date', 'summary'] as const) {
    const field = record[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') throw new UsageError(`--selectors.${key} must be a string`);
    selectors[key] = field;
  }
  if (!selectors.item || !selectors.link) throw new UsageError('--selectors needs at least "item" and "link"');
  return selectors as ListingSelectors;
}

function parseArgs(args: readonly string[]): FetchCommandArgs {
  const rest = args[0] === 'fetch' ? args.slice(1) : [...args];
  let url: string | undefined;
  let kind: SourceKind = 'rss';
  let selectors: ListingSelectors | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--kind') {
      const k = value();
      if (!isSourceKind(k)) throw new UsageError(`unknown kind "${k}" (expected rss, html, social or search)`);
      kind = k;
    } else if (flag === '--selectors') {
      selectors = parseSelectors(value());
    } else if (flag.startsWith('--')) {
      throw new UsageError(`unknown option ${flag}`);
    } else if (url === undefined) {
      url = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  if (!url) throw new UsageError('missing <url>');
  return { url, kind, selectors };
}

function toLine(item: ParsedItem): string {
  return JSON.stringify({
    title: item.title,
    url: item.url,
    publishedAt: item.publishedAt ?? null,
    summary: item.summary,
    outlet: item.outlet ?? null,
  });
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export async function runFetchCommand(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  env: FetchCommandEnv,
): Promise<number> {
  try {
    const { url, kind, selectors } = parseArgs(args);
    const fetcher =
      env.fetcher ??
      createSafeFetcher({
        connectTimeoutMs: 10_000,
        totalTimeoutMs: 30_000,
        maxBodyBytes: 10 * 1024 * 1024,
        maxRedirects: 5,
        allowPrivateHosts: env.allowPrivateHosts,
      });
    const response = await fetcher.fetch(url, kind === 'html' ? { accept: 'text/html, */*;q=0.5' } : {});
    const text = decodeBody(response.body, response.headers['content-type']);
    const items =
      kind === 'html'
        ? parseHtmlListing(text, { baseUrl: response.url, selectors: selectors ?? DEFAULT_LISTING_SELECTORS })
        : await parseFeed(text, { kind, baseUrl: response.url });
    if (items.length === 0) {
      await write(err, `warning: ${response.url} has no items${kind === 'html' ? ' matching the selectors' : ''}\n`);
      return 0;
    }
    await write(out, items.map((item) => `${toLine(item)}\n`).join(''));
    return 0;
  } catch (error) {
    let message: string;
    if (error instanceof UsageError) message = `${error.message} (${USAGE})`;
    else if (error instanceof FetchError || error instanceof ParseError) message = error.message;
    else message = `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
    await write(err, `error: ${oneLine(message)}\n`);
    return 1;
  }
}
