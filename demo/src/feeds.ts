/**
 * The outlets' own formats, so the product reads the demo exactly as it reads the real press (see
 * ../shared/reference/feeds and test/fixtures/feeds): VnExpress's 2025 RSS (CDATA description with an image link
 * and a stray </br> before the summary, +0700 dates, an enclosure whose URL keeps a raw &), Tuổi Trẻ's RSS (CDATA
 * everywhere, dates ending in the non-standard "GMT+7"), Thanh Niên's RSS (tracking parameters on links, dc:creator),
 * a Facebook page read through RSS-Bridge, a local news site without a feed (an HTML section page), and a Google News
 * search feed whose links go through news.google.com and name the publisher in <source>. Links point at the demo's
 * feed server, so article pages are read from 127.0.0.1 too.
 */
import type { DemoItem, DemoOutlet } from './script';

const VN_OFFSET_MS = 7 * 3600_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "Tue, 09 Sep 2025 20:30:48" in Vietnam's time, without the zone. */
function rfc822Local(at: Date): string {
  const l = new Date(at.getTime() + VN_OFFSET_MS);
  return (
    `${DAYS[l.getUTCDay()]}, ${pad(l.getUTCDate())} ${MONTHS[l.getUTCMonth()]} ${l.getUTCFullYear()} ` +
    `${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}:${pad(l.getUTCSeconds())}`
  );
}

/** 2026-12-05T09:20:00+07:00 and 05/12/2026 09:20, as Vietnamese news sites print them. */
function isoLocal(at: Date): { iso: string; shown: string } {
  const l = new Date(at.getTime() + VN_OFFSET_MS);
  const date = `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}`;
  const time = `${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`;
  return {
    iso: `${date}T${time}:${pad(l.getUTCSeconds())}+07:00`,
    shown: `${pad(l.getUTCDate())}/${pad(l.getUTCMonth() + 1)}/${l.getUTCFullYear()} ${time}`,
  };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A published item with its date. */
export interface Published {
  item: DemoItem;
  publishedAt: Date;
}

/** Where an item's article page (or post) lives on the feed server, by outlet. */
export function itemPath(item: DemoItem): string {
  switch (item.outlet) {
    case 'vnexpress':
      return `/vnexpress/${item.slug}-${item.serial}.html`;
    case 'tuoitre':
      return `/tuoitre/${item.slug}-${tuoitreId(item)}.htm`;
    case 'thanhnien':
      return `/thanhnien/${item.slug}-${thanhnienId(item)}.htm`;
    case 'facebook':
      return `/facebook/thcsphantayho/posts/pfbid02mwDemo${pad(item.serial, 4)}`;
    case 'tingovap':
      return `/tingovap/giao-duc/${item.slug}-post${item.serial}.html`;
    case 'gnews':
      return `/gnews/rss/articles/${Buffer.from(`mw-demo:${item.serial}:${item.slug}`).toString('base64url')}`;
  }
}

const tuoitreId = (item: DemoItem) => `2026${pad(item.serial, 12)}`;
const thanhnienId = (item: DemoItem) => `18526${pad(item.serial, 13)}`;

/** The feed (or listing page) of an outlet with the items published so far, newest first. */
export function renderFeed(outlet: DemoOutlet, base: string, items: Published[], now: Date): string {
  const newest = [...items].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  switch (outlet.key) {
    case 'vnexpress':
      return vnexpress(base, newest, now);
    case 'tuoitre':
      return tuoitre(base, newest, now);
    case 'thanhnien':
      return thanhnien(base, newest);
    case 'facebook':
      return facebook(base, newest);
    case 'tingovap':
      return tingovapListing(newest);
    case 'gnews':
      return googleNews(base, newest, now);
  }
}

export function contentTypeOf(outlet: DemoOutlet): string {
  return outlet.kind === 'html' ? 'text/html; charset=utf-8' : 'application/rss+xml; charset=utf-8';
}

function vnexpress(base: string, items: Published[], now: Date): string {
  const entries = items.map(({ item, publishedAt }) => {
    const link = base + itemPath(item);
    const image = `https://i1-vnexpress.vnecdn.net/2026/12/05/${item.slug.slice(0, 24)}-${item.serial}.jpg?w=1200&h=0&q=100&dpr=1&fit=crop&s=mwDemo${item.serial}`;
    return `<item>
<title>${escapeXml(item.title)}</title>
<description>
<![CDATA[ <a href="${link}"><img src="${image}"></a></br>${item.summary} ]]>
</description>
<pubDate>${rfc822Local(publishedAt)} +0700</pubDate>
<link>${link}</link>
<guid>${link}</guid>
<enclosure type="image/jpeg" length="1200" url="${image}"/>
</item>`;
  });
  return `<rss version="2.0">
<channel>
<title>Giáo dục - VnExpress RSS</title>
<description>VnExpress RSS</description>
<image>
<url>https://s.vnecdn.net/vnexpress/i/v20/logos/vne_logo_rss.png</url>
<title>Tin nhanh VnExpress - Đọc báo, tin tức online 24h</title>
<link>https://vnexpress.net</link>
</image>
<pubDate>${rfc822Local(now)} +0700</pubDate>
<generator>VnExpress</generator>
<link>https://vnexpress.net/rss/giao-duc.rss</link>
${entries.join('\n')}
</channel>
</rss>`;
}

function tuoitre(base: string, items: Published[], now: Date): string {
  const entries = items.map(({ item, publishedAt }) => {
    const link = base + itemPath(item);
    return `<item>
<title><![CDATA[${item.title}]]></title>
<link><![CDATA[${link}]]></link>
<guid isPermaLink="false"><![CDATA[${tuoitreId(item)}]]></guid>
<description><![CDATA[<a href="${link}"><img src="https://cdn.tuoitre.vn/thumb_w/480/2026/12/5/${item.slug.slice(0, 20)}.jpg" /></a>${item.summary}]]></description>
<pubDate>${rfc822Local(publishedAt)} GMT+7</pubDate>
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title><![CDATA[Giáo dục - Tuổi Trẻ Online]]></title>
<description><![CDATA[Tin giáo dục, tuyển sinh, du học - Tuổi Trẻ Online]]></description>
<link>https://tuoitre.vn/giao-duc.htm</link>
<atom:link href="https://tuoitre.vn/rss/giao-duc.rss" rel="self" type="application/rss+xml"/>
<language>vi-VN</language>
<pubDate>${rfc822Local(now)} GMT+7</pubDate>
${entries.join('\n')}
</channel>
</rss>`;
}

const THANHNIEN_AUTHORS = ['Ngọc Long', 'Bích Thanh', 'Mỹ Quyên'];

function thanhnien(base: string, items: Published[]): string {
  const entries = items.map(({ item, publishedAt }) => {
    const permalink = base + itemPath(item);
    return `<item>
<title>${escapeXml(item.title)}</title>
<link>${escapeXml(`${permalink}?utm_source=rss&utm_medium=feed&ref=home`)}</link>
<guid isPermaLink="true">${escapeXml(permalink)}</guid>
<description><![CDATA[<p><a href="${permalink}"><img src="https://images2.thanhnien.vn/528068263637045248/2026/12/5/${item.slug.slice(0, 20)}.jpg" alt="" /></a></p><p>${item.summary}</p>]]></description>
<pubDate>${rfc822Local(publishedAt)} +0700</pubDate>
<dc:creator>${THANHNIEN_AUTHORS[item.serial % THANHNIEN_AUTHORS.length]}</dc:creator>
</item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Thanh Niên - Giáo dục</title>
<link>https://thanhnien.vn/giao-duc.htm</link>
<description>Báo Thanh Niên - Tin tức giáo dục</description>
<language>vi</language>
${entries.join('\n')}
</channel>
</rss>`;
}

function facebook(base: string, items: Published[]): string {
  const entries = items.map(({ item, publishedAt }) => {
    const link = base + itemPath(item);
    const html = `<p>${escapeXml(item.summary)}</p>`;
    return `<item>
<title>${escapeXml(item.title)}</title>
<link>${escapeXml(link)}</link>
<guid isPermaLink="true">${escapeXml(link)}</guid>
<pubDate>${rfc822Local(publishedAt)} +0700</pubDate>
<description>${escapeXml(html)}</description>
<author>${escapeXml(item.author ?? 'Trường THCS Phan Tây Hồ')}</author>
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Trường THCS Phan Tây Hồ - Facebook</title>
<link>https://www.facebook.com/thcsphantayho</link>
<description>Trường THCS Phan Tây Hồ - Facebook via RSS-Bridge</description>
<atom:link rel="self" href="http://rss-bridge.local/?action=display&amp;bridge=FacebookBridge&amp;u=thcsphantayho&amp;format=Mrss"/>
${entries.join('\n')}
</channel>
</rss>`;
}

/** The CSS selectors that read the Tin Gò Vấp section page (stored on the source). */
export const TINGOVAP_SELECTORS = {
  item: 'article.story',
  link: 'h3.story__heading a',
  title: 'h3.story__heading a',
  date: 'time.story__time',
  summary: '.story__summary',
};

function tingovapListing(items: Published[]): string {
  const stories = items.map(({ item, publishedAt }) => {
    const when = isoLocal(publishedAt);
    return ` <article class="story">
  <h3 class="story__heading"><a class="cms-link" href="${itemPath(item)}?utm_source=home" title="${escapeXml(item.title)}">${escapeXml(item.title)}</a></h3>
  <time class="story__time" datetime="${when.iso}">${when.shown}</time>
  <div class="story__summary">${escapeXml(item.summary)}</div>
 </article>`;
  });
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Giáo dục - Tin Gò Vấp</title>
</head>
<body>
<nav class="menu"><a href="/tingovap/">Trang chủ</a> <a href="/tingovap/giao-duc/">Giáo dục</a> <a href="/tingovap/doi-song/">Đời sống</a></nav>
<main class="category-list">
${stories.join('\n')}
</main>
<footer>Tin Gò Vấp - Thông tin địa phương</footer>
</body>
</html>`;
}

function googleNews(base: string, items: Published[], now: Date): string {
  const entries = items.map(({ item, publishedAt }) => {
    const link = `${base}${itemPath(item)}?oc=5`;
    const publisher = item.publisher ?? { name: 'Báo Mới', url: 'https://baomoi.com' };
    const guid = itemPath(item).split('/').pop() ?? '';
    const description = `<a href="${link}" target="_blank">${escapeXml(item.title)}</a>&nbsp;&nbsp;<font color="#6f6f6f">${escapeXml(publisher.name)}</font>`;
    return `<item><title>${escapeXml(`${item.title} - ${publisher.name}`)}</title><link>${escapeXml(link)}</link><guid isPermaLink="false">${guid}</guid><pubDate>${publishedAt.toUTCString()}</pubDate><description>${escapeXml(description)}</description><source url="${publisher.url}">${escapeXml(publisher.name)}</source></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss xmlns:media="http://search.yahoo.com/mrss/" version="2.0"><channel><generator>NFE/5.0</generator><title>"Gò Vấp" trường - Google Tin tức</title><link>https://news.google.com/search?q=%22G%C3%B2+V%E1%BA%A5p%22+tr%C6%B0%E1%BB%9Dng&amp;hl=vi&amp;gl=VN&amp;ceid=VN:vi</link><language>vi</language><webMaster>news-webmaster@google.com</webMaster><copyright>2026 Google LLC</copyright><lastBuildDate>${now.toUTCString()}</lastBuildDate><description>Google Tin tức</description>${entries.join('')}</channel></rss>`;
}

/** The article page of a press item, in its outlet's markup; Facebook posts and Google News links have none here. */
export function renderArticle(item: DemoItem, publishedAt: Date): string | null {
  const paragraphs = item.body.map((p) => `<p class="Normal">${escapeXml(p)}</p>`).join('\n');
  const when = isoLocal(publishedAt);
  const page = (site: string, articleClass: string, contentClass: string) => `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeXml(item.title)} - ${site}</title>
<meta property="og:title" content="${escapeXml(item.title)}">
<meta property="article:published_time" content="${when.iso}">
</head>
<body>
<header><nav><a href="/">Trang chủ</a> <a href="/giao-duc">Giáo dục</a></nav></header>
<article class="${articleClass}">
<h1 class="title-detail">${escapeXml(item.title)}</h1>
<span class="date">${when.shown}</span>
<h2 class="sapo">${escapeXml(item.summary)}</h2>
<div class="${contentClass}">
${paragraphs}
</div>
</article>
<aside class="box-related"><h3>Tin liên quan</h3></aside>
<footer>Bản quyền thuộc về ${site}.</footer>
</body></html>`;
  switch (item.outlet) {
    case 'vnexpress':
      return page('VnExpress', 'fck_detail', 'fck_detail_content');
    case 'tuoitre':
      return page('Tuổi Trẻ Online', 'detail-cmain', 'detail-content afcbc-body');
    case 'thanhnien':
      return page('Thanh Niên', 'detail', 'detail-content afcbc-body');
    case 'tingovap':
      return page('Tin Gò Vấp', 'article', 'article-body');
    case 'facebook':
    case 'gnews':
      return null;
  }
}
