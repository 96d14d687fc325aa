/**
 * Reads RSS 2.0, RSS 1.0 (RDF) and Atom (YouTube channel feeds included) into ParsedItems. The XML first goes
 * through guardXml (entity, depth and quirk handling), then rss-parser; everything after that is our own cleanup
 * so every kind of source yields the same shape: plain NFC text, absolute canonical URLs, dates in +07:00.
 */
import Parser from 'rss-parser';

import { canonicaliseUrl, resolveHttpUrl } from './canonical-url';
import { normaliseFeedDate } from './feed-date';
import { cleanInline, htmlToText } from './html-text';
import { hostOf, knownOutletName } from './outlets';
import { ParseError } from './parse-error';
import type { ParseFeedOptions, ParsedFeed, ParsedItem } from './parsed-item';
import { guardXml } from './xml-guard';

/**
 * Items read from one document at most. Real feeds list 20 to 200; a document beyond this is hostile or an archive,
 * and its head (feeds put the newest first) is what a poll needs.
 */
export const MAX_FEED_ITEMS = 1_000;

type XmlValue = string | { _?: string; $?: Record<string, string> } | undefined;

interface MediaGroup {
  'media:title'?: XmlValue[];
  'media:description'?: XmlValue[];
}

interface FeedExtra {
  [key: string]: unknown;
}

interface ItemExtra {
  [key: string]: unknown;
  sourceElements?: XmlValue[];
  'media:group'?: MediaGroup;
  'yt:videoId'?: string;
  date?: string;
  id?: string;
  author?: XmlValue;
  creator?: XmlValue;
}

/**
 * rss-parser computes a `contentSnippet` of every description with `/<(?:.|\n)*?>/`, which rescans the rest of the
 * text for each unclosed "<" (quadratic: 40,000 of them in one summary took 14 s). We never read the snippet and
 * clean descriptions ourselves (`htmlToText`, linear), so its snippet maker is replaced by one that does nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rssParserUtils = require('rss-parser/lib/utils') as { getSnippet: (html: string) => string };
rssParserUtils.getSnippet = () => '';

const parser = new Parser<FeedExtra, ItemExtra>({
  // keepArray stops rss-parser from flattening <source url="...">Name</source> to its text and losing the url.
  customFields: { item: [['source', 'sourceElements', { keepArray: true }], 'media:group', 'yt:videoId'] },
});

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === 'object' && '_' in value) return textOf((value as { _: unknown })._);
  return '';
}

function attributeOf(value: unknown, name: string): string | undefined {
  if (value && typeof value === 'object' && '$' in value) {
    const attrs = (value as { $: unknown }).$;
    if (attrs && typeof attrs === 'object' && name in attrs) {
      const v = (attrs as Record<string, unknown>)[name];
      return typeof v === 'string' ? v : undefined;
    }
  }
  return undefined;
}

function describeXmlError(error: unknown): ParseError {
  if (error instanceof ParseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n').slice(0, 2).join(', ').replace(/\s+/g, ' ').trim();
  if (/not recognized as RSS/i.test(message)) {
    return new ParseError('FEED_UNRECOGNISED', 'the document is XML but not an RSS or Atom feed', error);
  }
  return new ParseError('XML_MALFORMED', `malformed XML: ${firstLine}`, error);
}

function feedOutlet(feedTitle: string | undefined, feedLink: string | undefined, baseUrl: string): string | undefined {
  return knownOutletName(feedLink) ?? knownOutletName(baseUrl) ?? (feedTitle || undefined) ?? hostOf(baseUrl);
}

/** Google News appends " - Outlet" to every title; the outlet is already in its own field. */
function stripOutletSuffix(title: string, outlet: string | undefined): string {
  if (!outlet) return title;
  const suffix = ` - ${outlet}`;
  return title.endsWith(suffix) && title.length > suffix.length ? title.slice(0, -suffix.length).trim() : title;
}

/**
 * Google News appends the outlet in a <font> element; it is cut out with indexOf passes, since a lazy regex rescans
 * the rest of the text for every unclosed "<font" and is quadratic on a hostile summary.
 */
function withoutFontElements(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let from = 0;
  for (;;) {
    let at = lower.indexOf('<font', from);
    while (at >= 0 && /[a-z0-9_]/.test(lower.charAt(at + 5))) at = lower.indexOf('<font', at + 5);
    if (at < 0) return out + html.slice(from);
    const end = lower.indexOf('</font>', at);
    // No closing tag after this opener: none after any later one either, so the rest is kept as it is.
    if (end < 0) return out + html.slice(from);
    out += `${html.slice(from, at)} `;
    from = end + '</font>'.length;
  }
}

function searchSummary(html: string, outlet: string | undefined): string {
  const text = htmlToText(withoutFontElements(html));
  return outlet && text.endsWith(outlet) ? text.slice(0, -outlet.length).trim() : text;
}

/**
 * rss-parser calls `new Date(published).toISOString()` on Atom entries without a guard, so one unreadable date
 * would sink the whole feed; such dates are emptied first (the item then simply has no publishedAt).
 */
function blankUnreadableAtomDates(xml: string): string {
  if (!/<feed[\s>]/.test(xml)) return xml;
  return xml.replace(/<(published|updated)>([^<]*)<\/\1>/g, (whole, tag: string, value: string) =>
    Number.isNaN(new Date(value.trim()).getTime()) ? `<${tag}></${tag}>` : whole,
  );
}

/** Parses the whole document: channel title and link plus items. */
export async function parseFeedDocument(xml: string, options: ParseFeedOptions): Promise<ParsedFeed> {
  const safe = blankUnreadableAtomDates(guardXml(xml, { maxDepth: options.maxDepth }));
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(safe);
  } catch (error) {
    throw describeXmlError(error);
  }
  const feedTitle = cleanInline(htmlToText(textOf(feed.title))) || undefined;
  const feedLink = resolveHttpUrl(textOf(feed.link), options.baseUrl);
  const defaultOutlet = feedOutlet(feedTitle, feedLink, options.baseUrl);
  const items: ParsedItem[] = [];
  const seen = new Set<string>();

  for (const raw of feed.items) {
    if (items.length >= MAX_FEED_ITEMS) break;
    const guid = cleanInline(textOf(raw.guid ?? raw.id)) || undefined;
    const link =
      resolveHttpUrl(textOf(raw.link), options.baseUrl) ??
      (guid && /^https?:\/\//i.test(guid) ? resolveHttpUrl(guid, options.baseUrl) : undefined);
    if (!link) continue;
    const canonicalUrl = canonicaliseUrl(link);
    if (seen.has(canonicalUrl)) continue;
    seen.add(canonicalUrl);

    let title = htmlToText(textOf(raw.title));
    const media = raw['media:group'];
    let summaryHtml = textOf(raw.content) || textOf(raw.summary) || textOf(raw['content:encoded']);
    if (!summaryHtml && media) summaryHtml = textOf(media['media:description']);
    if (!title && media) title = htmlToText(textOf(media['media:title']));

    let outlet = defaultOutlet;
    let outletUrl: string | undefined;
    let summary: string;
    const source = raw.sourceElements?.[0];
    if (options.kind === 'search' && source !== undefined) {
      outlet = cleanInline(textOf(source)) || outlet;
      outletUrl = resolveHttpUrl(attributeOf(source, 'url'));
      title = stripOutletSuffix(title, outlet);
      summary = searchSummary(summaryHtml, outlet);
    } else {
      summary = htmlToText(summaryHtml);
    }
    const author = cleanInline(htmlToText(textOf(raw.creator ?? raw.author))) || undefined;
    if (options.kind === 'social' && !defaultOutlet && author) outlet = author;

    items.push({
      guid,
      title: title || summary.slice(0, 160),
      url: link,
      canonicalUrl,
      publishedAt: normaliseFeedDate(textOf(raw.pubDate) || textOf(raw.date) || textOf(raw.isoDate)),
      summary,
      outlet,
      outletUrl,
      author,
    });
  }
  return { title: feedTitle, link: feedLink, items };
}

/** Parses an RSS 2.0 / RSS 1.0 / Atom document into cleaned items; throws ParseError when it cannot. */
export async function parseFeed(xml: string, options: ParseFeedOptions): Promise<ParsedItem[]> {
  return (await parseFeedDocument(xml, options)).items;
}
