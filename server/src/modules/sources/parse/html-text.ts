/** Small text helpers shared by the feed, listing and article readers: HTML to plain text, whitespace, NFC. */
import { load } from 'cheerio';

/** Collapses every run of whitespace (including newlines and NBSP) to one space, trims, and normalises to NFC. */
export function cleanInline(text: string): string {
  return text
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim()
    .normalize('NFC');
}

// `[^<>]*` rather than `[^>]*`: a run of unterminated "<a<a<a" then fails fast instead of rescanning to the end.
const BLOCK_TAG =
  /<\/?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|figure|figcaption|header|footer)\b[^<>]*>/gi;
const ANY_TAG = /<\/?[A-Za-z][^<>]*>|<![^<>]*>/g;
const HIDDEN_OPENERS = ['<script', '<style', '<noscript', '<template', '<!--'];
/** Longest fragment we clean; feed summaries are a few hundred characters, this bounds a hostile one. */
export const MAX_FRAGMENT_CHARS = 200_000;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

/** Decodes numeric and named HTML character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (decimal !== undefined || hex !== undefined) {
        const cp = decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex ?? '', 16);
        return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
      }
      return decodeNamedEntity(name ?? '') ?? whole;
    },
  );
}

/**
 * Removes comments and script/style/noscript/template elements in one linear pass (no backtracking regex). The next
 * position of each opener is remembered and searched again only once the cut has passed it, so a text with many
 * scripts and one style at the end is not rescanned for the style after every script.
 */
function removeHidden(html: string): string {
  const lower = html.toLowerCase();
  const next = HIDDEN_OPENERS.map((opener) => lower.indexOf(opener));
  let out = '';
  let from = 0;
  for (;;) {
    let pick = -1;
    for (let k = 0; k < HIDDEN_OPENERS.length; k++) {
      if (next[k] >= 0 && next[k] < from) next[k] = lower.indexOf(HIDDEN_OPENERS[k], from);
      if (next[k] >= 0 && (pick < 0 || next[k] < next[pick])) pick = k;
    }
    if (pick < 0) return out + html.slice(from);
    const at = next[pick];
    const opener = HIDDEN_OPENERS[pick];
    out += `${html.slice(from, at)} `;
    const closer = opener === '<!--' ? '-->' : `</${opener.slice(1)}`;
    const end = lower.indexOf(closer, at + opener.length);
    if (end < 0) return out;
    const close = lower.indexOf('>', end + closer.length - 1);
    from = close < 0 ? html.length : close + 1;
  }
}

/**
 * Plain text of an HTML fragment from a feed: hidden elements and tags removed, block boundaries kept as spaces,
 * entities decoded. Tags go before entities, so an escaped "&lt;b&gt;" survives as the text "<b>". Regex and
 * indexOf passes rather than a DOM: feed summaries are short and flat, and this runs for every item of every poll.
 */
export function htmlToText(fragment: string): string {
  if (!fragment) return '';
  const bounded = fragment.length > MAX_FRAGMENT_CHARS ? fragment.slice(0, MAX_FRAGMENT_CHARS) : fragment;
  if (!/[<&]/.test(bounded)) return cleanInline(bounded);
  const text = removeHidden(bounded).replace(BLOCK_TAG, ' ').replace(ANY_TAG, '');
  return cleanInline(decodeEntities(text));
}

const entityCache = new Map<string, string | null>();

/** Decodes one HTML named entity ("ocirc" → "ô"); null when HTML has no such name. */
export function decodeNamedEntity(name: string): string | null {
  const cached = entityCache.get(name);
  if (cached !== undefined) return cached;
  const decoded = load(`&${name};`, null, false).root().text();
  const result = decoded === `&${name};` ? null : decoded;
  if (entityCache.size < 4096) entityCache.set(name, result);
  return result;
}
