/**
 * Main text of a news article page. Known outlets' article containers are tried first (VnExpress, Tuổi Trẻ,
 * Thanh Niên, Dân trí, ...); otherwise the element whose direct paragraphs hold the most text wins, which is the
 * classic density heuristic and is good enough for Vietnamese news templates. Navigation, related-story boxes,
 * comments and scripts are removed before either step. Output is NFC, paragraphs separated by blank lines, capped.
 *
 * Pages are hostile input. A page nested deeper than MAX_ARTICLE_DEPTH or holding more than MAX_ARTICLE_ELEMENTS
 * elements is refused by a linear pre-scan (`checkHtmlBounds`) before any tree is built, and checked again on the tree;
 * each later step visits every node a bounded number of times (no "does this block hold another block?" query per
 * block, which was quadratic on nested quotes and lists, and no cheerio `.contents()` over every element, whose
 * concatenation is quadratic in the element count).
 */
import { load } from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import { isComment, isTag, type AnyNode, type Document, type Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

import { ParseError } from '../parse/parse-error';
import { checkHtmlBounds } from './html-bounds';

export interface ArticleText {
  text: string;
  title?: string;
}

export interface ExtractOptions {
  maxChars?: number;
}

export const DEFAULT_ARTICLE_MAX_CHARS = 20_000;
/** Real article pages nest 20 to 60 elements deep; far deeper is a trap for recursive walks. */
export const MAX_ARTICLE_DEPTH = 256;
/** Real article pages hold 1,000 to 10,000 elements. */
export const MAX_ARTICLE_ELEMENTS = 100_000;

const OUTLET_CONTAINERS: ReadonlyArray<[RegExp, string[]]> = [
  [/(^|\.)vnexpress\.net$/, ['article.fck_detail', '.fck_detail']],
  [/(^|\.)tuoitre\.vn$/, ['div.detail-content', '#main-detail-body', '.detail-cmain']],
  [/(^|\.)thanhnien\.vn$/, ['div.detail-content', '.detail-cmain', '#abody']],
  [/(^|\.)dantri\.com\.vn$/, ['.singular-content', '.dt-news__content']],
  [/(^|\.)nld\.com\.vn$/, ['.detail-content', '.content-news-detail']],
  [/(^|\.)sggp\.org\.vn$/, ['.article__body', '.detail-content']],
  [/(^|\.)vietnamnet\.vn$/, ['.maincontent', '#maincontent', '.content-detail']],
  [/(^|\.)(znews|zingnews)\.vn$/, ['.the-article-body']],
  [/(^|\.)plo\.vn$/, ['.article__body']],
  [/(^|\.)giaoducthoidai\.vn$/, ['.article__body', '.detail-content']],
];

const GENERIC_CONTAINERS = [
  'article.fck_detail',
  '.singular-content',
  'div.detail-content',
  '.detail-cmain',
  '.article__body',
  '[itemprop="articleBody"]',
  '.article-body',
  '.entry-content',
  '.post-content',
];

const NOISE = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'form',
  'nav',
  'header',
  'footer',
  'aside',
  'button',
  '[role="navigation"]',
  '.comment',
  '.comments',
  '#comments',
  '.box-comment',
  '.related',
  '.related-news',
  '.box-tinlienquan',
  '.social',
  '.share',
  '.banner',
  '.advertisement',
  '.ads',
  '.breadcrumb',
  '.tags',
];

const BLOCK_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'li', 'blockquote', 'figcaption', 'td']);

function clean(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

function hostname(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Parses the page and refuses it when it is deeper or larger than the bounds; one iterative pass. */
function boundedDocument(html: string): Document {
  checkHtmlBounds(html, { maxDepth: MAX_ARTICLE_DEPTH, maxElements: MAX_ARTICLE_ELEMENTS });
  const document = parseDocument(html);
  let elements = 0;
  const stack: [AnyNode, number][] = [[document, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (isTag(node)) {
      elements++;
      if (elements > MAX_ARTICLE_ELEMENTS) {
        throw new ParseError('HTML_TOO_LARGE', `refused: the page holds more than ${MAX_ARTICLE_ELEMENTS} elements`);
      }
      if (depth > MAX_ARTICLE_DEPTH) {
        throw new ParseError('HTML_TOO_DEEP', `refused: the page is nested deeper than ${MAX_ARTICLE_DEPTH} levels`);
      }
    }
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return document;
}

/** The elements below `root` in document order (root excluded); iterative. */
function elementsBelow(root: AnyNode): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = 'children' in root ? [...root.children].reverse() : [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isTag(node)) continue;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  return out;
}

/** Those of `elements` (document order, closed under descendants) that have a descendant for which `matches` holds. */
function holdersOf(elements: Element[], matches: (el: Element) => boolean): Set<Element> {
  const holders = new Set<Element>();
  const inside = new Set<AnyNode>(elements);
  // Children come after their parents in document order, so walking backwards settles every child first.
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i] as Element;
    const parent = el.parent;
    if (parent && inside.has(parent) && (matches(el) || holders.has(el))) holders.add(parent as Element);
  }
  return holders;
}

const isBlock = (el: Element): boolean => BLOCK_TAGS.has(el.name);

/** Paragraph texts of a container, or its whole text when it has no block children. */
function blocksOf($: CheerioAPI, container: Cheerio<AnyNode>): string[] {
  const root = container.get(0);
  const blocks: string[] = [];
  if (root) {
    const below = elementsBelow(root);
    const holders = holdersOf(below, isBlock);
    // Nested blocks (a <p> inside an <li>) are read once, from the innermost; innermost blocks never overlap.
    for (const el of below) {
      if (!isBlock(el) || holders.has(el)) continue;
      const text = clean($(el).text());
      if (text) blocks.push(text);
    }
  }
  if (blocks.length === 0) {
    const text = clean(container.text());
    if (text) blocks.push(text);
  }
  return blocks;
}

/** Text of the links in `el`, each outermost link read once. */
function linkTextLength($: CheerioAPI, el: Element): number {
  let length = 0;
  const stack: AnyNode[] = [...el.children];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isTag(node)) continue;
    if (node.name === 'a') length += clean($(node).text()).length;
    else stack.push(...node.children);
  }
  return length;
}

function densestContainer($: CheerioAPI): Cheerio<Element> | undefined {
  let best: Element | undefined;
  let bestScore = 0;
  const scores = new Map<Element, number>();
  const root = $.root().get(0);
  if (!root) return undefined;
  const all = elementsBelow(root);
  const isParagraph = (el: Element): boolean => el.name === 'p';
  // A <p> holding another <p> (invalid HTML, but htmlparser2 keeps it) is scored by its inner ones only.
  const holders = holdersOf(all, isParagraph);
  for (const p of all) {
    if (!isParagraph(p) || holders.has(p)) continue;
    const parent = p.parent;
    if (!parent || !isTag(parent)) continue;
    const text = clean($(p).text());
    if (text.length < 25) continue;
    const score = text.length - linkTextLength($, p) + (/[.!?…:"”]$/.test(text) ? 20 : 0);
    const total = (scores.get(parent) ?? 0) + score;
    scores.set(parent, total);
    if (total > bestScore) {
      bestScore = total;
      best = parent;
    }
  }
  return best ? $(best) : undefined;
}

function titleOf($: CheerioAPI): string | undefined {
  const candidates = [
    $('meta[property="og:title"]').attr('content'),
    $('h1').first().text(),
    $('title').first().text(),
  ];
  for (const candidate of candidates) {
    const title = candidate ? clean(candidate) : '';
    if (title) return title.normalize('NFC');
  }
  return undefined;
}

export function extractArticleText(html: string, url: string, options: ExtractOptions = {}): ArticleText {
  const maxChars = options.maxChars ?? DEFAULT_ARTICLE_MAX_CHARS;
  const $ = load(boundedDocument(html));
  const title = titleOf($);
  $(NOISE.join(', ')).remove();
  const root = $.root().get(0);
  const comments = root ? [root, ...elementsBelow(root)].flatMap((el) => el.children.filter(isComment)) : [];
  $(comments).remove();

  const host = hostname(url);
  const outletSelectors = OUTLET_CONTAINERS.filter(([pattern]) => pattern.test(host)).flatMap(([, list]) => list);
  let container: Cheerio<AnyNode> | undefined;
  for (const selector of [...outletSelectors, ...GENERIC_CONTAINERS]) {
    const found = $(selector).first();
    if (found.length && clean(found.text()).length > 0) {
      container = found;
      break;
    }
  }
  container ??= densestContainer($);
  container ??= $('body').length ? $('body') : $.root();

  let text = blocksOf($, container).join('\n\n').normalize('NFC');
  if (text.length > maxChars) {
    const cut = text.lastIndexOf(' ', maxChars);
    text = `${text.slice(0, cut > maxChars * 0.8 ? cut : maxChars)}…`;
  }
  return { text, title };
}
