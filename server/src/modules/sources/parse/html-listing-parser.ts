/**
 * Reads a section page of an outlet that has no feed, with CSS selectors stored on the source. A page where the
 * selectors match nothing returns an empty array: the caller decides whether that means "layout changed".
 */
import { load } from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';

import { canonicaliseUrl, resolveHttpUrl } from './canonical-url';
import { normaliseFeedDate } from './feed-date';
import { cleanInline } from './html-text';
import { hostOf, knownOutletName } from './outlets';
import { ParseError } from './parse-error';
import type { ParsedItem } from './parsed-item';

export interface ListingSelectors {
  /** One element per article teaser. */
  item: string;
  /** Within the item: the link to the article (the item itself when it is the <a>). */
  link: string;
  title?: string;
  /** Within the item: an element whose datetime/content/title attribute or text holds the date. */
  date?: string;
  summary?: string;
}

export interface ParseHtmlListingOptions {
  baseUrl: string;
  selectors: ListingSelectors;
  /** The outlet's name as the source names it, for a site not among the known outlets (else its host is used). */
  outlet?: string;
  maxItems?: number;
}

function within($: CheerioAPI, scope: Cheerio<AnyNode>, selector: string): Cheerio<AnyNode> {
  const found = scope.find(selector).first();
  return found.length ? found : scope.is(selector) ? scope : $([]);
}

function textOf(node: Cheerio<AnyNode>): string {
  const clone = node.clone();
  clone.find('script, style, noscript').remove();
  clone.find('br, p, div, li').after(' ');
  return cleanInline(clone.text());
}

function safeSelect($: CheerioAPI, selector: string): Cheerio<AnyNode> {
  try {
    return $(selector);
  } catch (error) {
    throw new ParseError('BAD_SELECTORS', `the item selector "${selector}" is not valid CSS`, error);
  }
}

/** Extracts teaser items from a listing page; [] when nothing matches. */
export function parseHtmlListing(html: string, options: ParseHtmlListingOptions): ParsedItem[] {
  const { selectors, baseUrl } = options;
  if (!selectors.item || !selectors.link) {
    throw new ParseError('BAD_SELECTORS', 'an HTML source needs at least the "item" and "link" selectors');
  }
  const $ = load(html);
  const baseHref = resolveHttpUrl($('base[href]').attr('href'), baseUrl) ?? baseUrl;
  const outlet = knownOutletName(baseUrl) ?? (options.outlet?.trim() || hostOf(baseUrl));
  const items: ParsedItem[] = [];
  const seen = new Set<string>();
  const maxItems = options.maxItems ?? 500;

  for (const element of safeSelect($, selectors.item).toArray()) {
    if (items.length >= maxItems) break;
    const scope = $(element);
    let linkNode: Cheerio<AnyNode>;
    try {
      linkNode = within($, scope, selectors.link);
    } catch (error) {
      throw new ParseError('BAD_SELECTORS', `the link selector "${selectors.link}" is not valid CSS`, error);
    }
    const url = resolveHttpUrl(linkNode.attr('href'), baseHref);
    if (!url) continue;
    const canonicalUrl = canonicaliseUrl(url);
    if (seen.has(canonicalUrl)) continue;

    const titleNode = selectors.title ? within($, scope, selectors.title) : linkNode;
    const title = textOf(titleNode) || cleanInline(linkNode.attr('title') ?? '');
    if (!title) continue;
    seen.add(canonicalUrl);

    let publishedAt: string | undefined;
    if (selectors.date) {
      const dateNode = within($, scope, selectors.date);
      const rawDate =
        dateNode.attr('datetime') ?? dateNode.attr('content') ?? dateNode.attr('title') ?? textOf(dateNode);
      publishedAt = normaliseFeedDate(rawDate);
    }
    const summary = selectors.summary ? textOf(within($, scope, selectors.summary)) : '';
    items.push({ title, url, canonicalUrl, publishedAt, summary, outlet });
  }
  return items;
}
