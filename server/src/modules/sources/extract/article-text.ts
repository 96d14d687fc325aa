/**
 * Main text of a news article page. Known outlets' article containers are tried first (VnExpress, Tuổi Trẻ,
 * Thanh Niên, Dân trí, ...); otherwise the element whose direct paragraphs hold the most text wins, which is the
 * classic density heuristic and is good enough for Vietnamese news templates. Navigation, related-story boxes,
 * comments and scripts are removed before either step. Output is NFC, paragraphs separated by blank lines, capped.
 */
import { load } from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export interface ArticleText {
  text: string;
  title?: string;
}

export interface ExtractOptions {
  maxChars?: number;
}

export const DEFAULT_ARTICLE_MAX_CHARS = 20_000;

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

const BLOCK_SELECTOR = 'p, h2, h3, h4, li, blockquote, figcaption, td';

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

/** Paragraph texts of a container, or its whole text when it has no block children. */
function blocksOf($: CheerioAPI, container: Cheerio<AnyNode>): string[] {
  const blocks: string[] = [];
  container.find(BLOCK_SELECTOR).each((_, el) => {
    const node = $(el);
    // Nested blocks (a <p> inside an <li>) are read once, from the innermost.
    if (node.find(BLOCK_SELECTOR).length > 0) return;
    const text = clean(node.text());
    if (text) blocks.push(text);
  });
  if (blocks.length === 0) {
    const text = clean(container.text());
    if (text) blocks.push(text);
  }
  return blocks;
}

function densestContainer($: CheerioAPI): Cheerio<Element> | undefined {
  let best: Element | undefined;
  let bestScore = 0;
  const scores = new Map<Element, number>();
  $('p').each((_, p) => {
    const parent = p.parent;
    if (!parent || parent.type !== 'tag') return;
    const node = $(p);
    const text = clean(node.text());
    if (text.length < 25) return;
    const linkText = clean(node.find('a').text()).length;
    const score = text.length - linkText + (/[.!?…:"”]$/.test(text) ? 20 : 0);
    const total = (scores.get(parent as Element) ?? 0) + score;
    scores.set(parent as Element, total);
    if (total > bestScore) {
      bestScore = total;
      best = parent as Element;
    }
  });
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
  const $ = load(html);
  const title = titleOf($);
  $(NOISE.join(', ')).remove();
  $('*')
    .contents()
    .filter((_, node) => node.type === 'comment')
    .remove();

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
  container ??= $('body');

  let text = blocksOf($, container).join('\n\n').normalize('NFC');
  if (text.length > maxChars) {
    const cut = text.lastIndexOf(' ', maxChars);
    text = `${text.slice(0, cut > maxChars * 0.8 ? cut : maxChars)}…`;
  }
  return { text, title };
}
