/**
 * The largest documents the caps still let through to the parser, written here from our own phrases: what a hostile
 * or broken outlet can make the server parse. Used by `npm run bench -- stall` and by the test that the server keeps
 * answering while it parses them.
 * - an article page just under the element cap (MAX_ARTICLE_ELEMENTS) and the body cap, flat paragraphs;
 * - an article page of quotes nested just under the depth cap (MAX_ARTICLE_DEPTH), repeated;
 * - a feed at the body cap holding 1,000 items (the most a poll reads) of long descriptions.
 */
import { MAX_ARTICLE_DEPTH, MAX_ARTICLE_ELEMENTS } from '../extract/article-text';
import { MAX_FEED_ITEMS } from '../parse/feed-parser';

/** MW_FETCH_MAX_BODY_BYTES's default. */
export const BODY_CAP_BYTES = 10 * 1024 * 1024;

const SENTENCE = 'Học sinh trường THCS Nguyễn Du quận Gò Vấp tham gia ngày hội đọc sách cùng thầy cô. ';

/** Flat paragraphs: as many elements as allowed, as large as the body cap allows. */
export function widestArticle(bodyCap = BODY_CAP_BYTES): string {
  const head = '<html><head><title>Ngày hội đọc sách</title></head><body><div class="entry-content">';
  const tail = '</div></body></html>';
  const count = MAX_ARTICLE_ELEMENTS - 10;
  const room = bodyCap - Buffer.byteLength(head + tail);
  const perParagraph = Math.floor(room / count) - '<p></p>'.length;
  const text = SENTENCE.repeat(Math.ceil(perParagraph / SENTENCE.length) + 1);
  // Cut on UTF-16 units, then trim until the paragraph fits its share of bytes.
  let body = text.slice(0, perParagraph);
  while (Buffer.byteLength(body) > perParagraph) body = body.slice(0, -1);
  return `${head}${`<p>${body}</p>`.repeat(count)}${tail}`;
}

/** Quotes nested just under the depth cap, repeated up to the body cap. */
export function deepestArticle(bodyCap = BODY_CAP_BYTES): string {
  const depth = MAX_ARTICLE_DEPTH - 8;
  const quote = `${'<blockquote>'.repeat(depth)}${SENTENCE}${'</blockquote>'.repeat(depth)}`;
  const head = '<html><body><div class="entry-content">';
  const tail = '</div></body></html>';
  const times = Math.min(
    Math.floor((bodyCap - head.length - tail.length) / Buffer.byteLength(quote)),
    Math.floor((MAX_ARTICLE_ELEMENTS - 10) / depth),
  );
  return `${head}${quote.repeat(times)}${tail}`;
}

/** An RSS feed at the body cap: MAX_FEED_ITEMS items whose descriptions fill it. */
export function largestFeed(articleUrl: (i: number) => string, bodyCap = BODY_CAP_BYTES): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin giáo dục</title>';
  const tail = '</channel></rss>';
  const frame = (i: number, description: string) =>
    `<item><title>Tin giáo dục số ${i}</title><link>${articleUrl(i)}</link><guid>tin-${i}</guid>` +
    `<description><![CDATA[${description}]]></description><pubDate>Tue, 09 Sep 2025 10:00:00 +0700</pubDate></item>`;
  const per = Math.floor((bodyCap - head.length - tail.length) / MAX_FEED_ITEMS) - Buffer.byteLength(frame(999, ''));
  let description = SENTENCE.repeat(Math.ceil(per / SENTENCE.length) + 1).slice(0, per);
  while (Buffer.byteLength(description) > per) description = description.slice(0, -1);
  let items = '';
  for (let i = 0; i < MAX_FEED_ITEMS; i++) items += frame(i, description);
  return `${head}${items}${tail}`;
}
