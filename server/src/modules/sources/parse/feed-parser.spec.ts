import Parser from 'rss-parser';

import { decodeBody } from '../fetch/charset';
import { loadFixtureFeedServer } from '../fetch/fixture-feed-server.testing';
import { MAX_FEED_ITEMS, parseFeed, parseFeedDocument } from './feed-parser';
import { ParseError } from './parse-error';
import type { ParseFeedOptions, ParsedItem } from './parsed-item';

const fixtures = loadFixtureFeedServer();
const BASE = 'http://127.0.0.1:8080/feeds/';

function read(file: string): string {
  return decodeBody(fixtures.fixtureBody(file), fixtures.fixtureContentType(file));
}

function parseFixture(file: string, kind: ParseFeedOptions['kind'] = 'rss'): Promise<ParsedItem[]> {
  return parseFeed(read(file), { kind, baseUrl: `${BASE}${file}` });
}

async function parseFailure(xml: string): Promise<ParseError> {
  try {
    await parseFeed(xml, { kind: 'rss', baseUrl: BASE });
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

function expectClean(items: ParsedItem[]): void {
  for (const item of items) {
    for (const text of [item.title, item.summary]) {
      expect(text).toBe(text.normalize('NFC'));
      expect(text).not.toMatch(/[<>]|&[a-z#0-9]+;|\s{2,}|^\s|\s$/i);
    }
    expect(item.publishedAt ?? '').toMatch(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00)?$/);
  }
}

describe('parseFeed on outlet-shaped fixtures', () => {
  it('reads the 2017 VnExpress shape: newlines in title/link/guid, CDATA with <a><img></a></br>', async () => {
    const items = await parseFixture('vnexpress-2017.rss');
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      guid: 'http://vnexpress.net/tin-tuc/giao-duc/truong-thcs-nguyen-du-quan-go-vap-khai-giang-3637101.html',
      title: 'Trường THCS Nguyễn Du (quận Gò Vấp) khai giảng trong ngôi trường mới sửa',
      url: 'http://vnexpress.net/tin-tuc/giao-duc/truong-thcs-nguyen-du-quan-go-vap-khai-giang-3637101.html',
      canonicalUrl: 'http://vnexpress.net/tin-tuc/giao-duc/truong-thcs-nguyen-du-quan-go-vap-khai-giang-3637101.html',
      publishedAt: '2017-09-06T17:41:14+07:00',
      summary:
        'Hơn 1.200 học sinh Trường THCS Nguyễn Du dự lễ khai giảng trong dãy phòng học vừa được sửa chữa suốt mùa hè.',
      outlet: 'VnExpress',
      outletUrl: undefined,
      author: undefined,
    });
    expectClean(items);
  });

  it('reads the 2025 VnExpress shape that rss-parser alone rejects (bare & in an attribute)', async () => {
    await expect(new Parser().parseString(read('vnexpress-2025.rss'))).rejects.toThrow();
    const items = await parseFixture('vnexpress-2025.rss');
    expect(items.map((i) => i.title)).toEqual([
      'Học sinh Trường Tiểu học Kim Đồng học bán trú trong phòng học tạm',
      'Trường THCS Gò Vấp thu thêm tiền máy lạnh, phụ huynh thắc mắc',
      'TP HCM công bố lịch thi thử lớp 10 cho học sinh lớp 9',
    ]);
    expect(items[1].summary).toMatch(/^Một số phụ huynh Trường THCS Gò Vấp \(phường Hạnh Thông\)/);
    expect(items[1].publishedAt).toBe('2025-09-09T17:05:10+07:00');
    expectClean(items);
  });

  it("reads Tuổi Trẻ's GMT+7 dates and decodes entities in titles", async () => {
    const items = await parseFixture('tuoitre.rss');
    expect(items).toHaveLength(3);
    expect(items[0].publishedAt).toBe('2025-09-15T08:42:00+07:00');
    expect(items[1].title).toBe('Trường Mầm non Hoa Lan tổ chức ngày hội "Bé vui đến trường"');
    expect(items[0].guid).toBe('2025091508123456');
    expect(items.every((i) => i.outlet === 'Tuổi Trẻ')).toBe(true);
    expectClean(items);
  });

  it('reads Thanh Niên items, strips tracking parameters from canonical URLs and keeps dc:creator', async () => {
    const items = await parseFixture('thanhnien.rss');
    expect(items[0].canonicalUrl).toBe(
      'https://thanhnien.vn/truong-th-le-van-tho-xin-loi-185250916101530123.htm?ref=home',
    );
    expect(items[0].url).toContain('utm_source=rss');
    expect(items[0].summary).toContain('chờ xe đưa đón hơn một giờ');
    expect(items[0].author).toBe('Ngọc Long');
    expect(items[1].canonicalUrl).toBe(
      'https://thanhnien.vn/hoc-sinh-thpt-nguyen-cong-tru-doat-giai-nhat-185250915201010456.htm',
    );
    expect(items[0].outlet).toBe('Thanh Niên');
    expectClean(items);
  });

  it('names the real outlet of Google News search items and drops the " - Outlet" title suffix', async () => {
    const items = await parseFixture('google-news-search.rss', 'search');
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      title: 'Trường THCS Nguyễn Văn Trỗi đón đoàn kiểm tra cơ sở vật chất',
      outlet: 'Người Lao Động',
      outletUrl: 'https://nld.com.vn/',
      publishedAt: '2025-09-17T06:40:00+07:00',
    });
    expect(items[0].url).toMatch(/^https:\/\/news\.google\.com\/rss\/articles\//);
    expect(items[1].outlet).toBe('Tuổi Trẻ Online');
    expect(items[1].summary).not.toContain('Tuổi Trẻ Online');
    expectClean(items);
  });

  it('reads a YouTube channel Atom feed with media:description as the summary', async () => {
    const items = await parseFixture('youtube-channel.atom', 'social');
    expect(items).toEqual([
      expect.objectContaining({
        guid: 'yt:video:Ab3dEfGh1Jk',
        url: 'https://www.youtube.com/watch?v=Ab3dEfGh1Jk',
        title: 'Clip học sinh đánh nhau trước cổng trường THCS ở Gò Vấp',
        publishedAt: '2025-09-17T18:30:05+07:00',
        outlet: 'Tin Tức Gò Vấp TV',
        summary:
          'Chiều 17/9, một nhóm học sinh xô xát ngay trước cổng trường trên đường Quang Trung. Nhà trường cho biết đã mời phụ huynh các em lên làm việc.',
      }),
    ]);
  });

  it('reads an RSS-bridge Facebook page feed', async () => {
    const items = await parseFixture('rssbridge-facebook.rss', 'social');
    expect(items).toHaveLength(2);
    expect(items[0].summary).toBe(
      'Có ai con học Trường Tiểu học Lê Văn Thọ thấy căn tin dạo này bán đồ ăn vặt không rõ nguồn gốc không ạ? Con em về kêu đau bụng hai hôm nay 😟',
    );
    expect(items[0].outlet).toBe('Hội Phụ Huynh Gò Vấp - Facebook');
    expect(items[1].canonicalUrl).toBe('https://www.facebook.com/hoiphuhuynhgovap/posts/pfbid02mwFixture002');
    expectClean(items);
  });

  it('reads an RSS 1.0 (RDF) feed with dc:date', async () => {
    const doc = await parseFeedDocument(read('rss1-rdf.rdf'), { kind: 'rss', baseUrl: BASE });
    expect(doc.title).toBe('Bản tin Giáo dục Gò Vấp');
    expect(doc.items.map((i) => i.publishedAt)).toEqual(['2025-10-02T14:00:00+07:00', '2025-09-30T08:30:00+07:00']);
    expect(doc.items[0].author).toBe('Tổ Tiểu học');
  });

  it('reads windows-1258, windows-1252-with-entities and NFD feeds into the same NFC text', async () => {
    const legacy = await parseFixture('legacy-windows-1258.rss');
    expect(legacy[0].title).toBe('Thông báo họp phụ huynh đầu năm học 2025-2026');
    expect(legacy[0].summary).toContain('sáng chủ nhật.');
    const entities = await parseFixture('windows-1252-entities.rss');
    expect(entities[0].title).toBe('Lễ khai giảng năm học mới – ôn lại truyền thống');
    expect(entities[0].summary).toBe(
      'Học sinh Trường Tiểu học Trần Quốc Toản đón năm học mới – cả trường hát Quốc ca.',
    );
    const nfd = await parseFixture('nfd.rss');
    expect(nfd[0].summary).toBe('Các bé lớp Lá ở Trường Mầm non Hoa Lan được tự tay nặn bánh dẻo, nhân đậu xanh.');
    expectClean([...legacy, ...entities, ...nfd]);
  });
});

describe('parseFeed refusals', () => {
  it('refuses the billion-laughs document', async () => {
    const error = await parseFailure(read('billion-laughs.xml'));
    expect(error.code).toBe('XML_ENTITY_DECLARATION');
    expect(error.message).toMatch(/declares XML entities/);
  });

  it('refuses an external entity pointing at /etc/passwd', async () => {
    const error = await parseFailure(read('xxe.xml'));
    expect(error.code).toBe('XML_ENTITY_DECLARATION');
    expect(error.message).toBe('refused: the document declares an external XML entity (XXE)');
  });

  it('refuses 200,000 nested elements without exhausting memory', async () => {
    const rssBefore = process.memoryUsage().rss;
    const error = await parseFailure(fixtures.nestedXml());
    expect(error.code).toBe('XML_TOO_DEEP');
    expect(error.message).toBe('refused: elements are nested deeper than 200 levels');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('counts depth from the first element on: stray end tags do not buy extra nesting', async () => {
    const xml = `${'</x>'.repeat(1_000)}<rss version="2.0"><channel>${'<x>'.repeat(300)}${'</x>'.repeat(300)}</channel></rss>`;
    const error = await parseFailure(xml);
    expect(error.code).toBe('XML_TOO_DEEP');
  });

  it(`reads at most ${MAX_FEED_ITEMS} items of one document`, async () => {
    const items = Array.from(
      { length: MAX_FEED_ITEMS + 500 },
      (_, i) => `<item><title>Tin số ${i}</title><link>https://example.vn/tin-${i}.html</link></item>`,
    ).join('');
    const parsed = await parseFeed(`<rss version="2.0"><channel><title>Báo X</title>${items}</channel></rss>`, {
      kind: 'rss',
      baseUrl: BASE,
    });
    expect(parsed).toHaveLength(MAX_FEED_ITEMS);
    // Feeds list the newest first: the cap keeps the head of the document.
    expect(parsed[0]?.title).toBe('Tin số 0');
  });

  it('strips Google News <font> source tags in one linear pass, even when none is closed', async () => {
    const summary = `Trường học an toàn ${'<font'.repeat(40_000)}`;
    const xml = `<rss version="2.0"><channel><title>Google News</title><item><title>Tin - Báo A</title>
      <link>https://news.google.com/a</link><source url="https://a.vn">Báo A</source>
      <description><![CDATA[${summary}]]></description></item></channel></rss>`;
    const started = Date.now();
    const [item] = await parseFeed(xml, { kind: 'search', baseUrl: BASE });
    expect(item?.summary).toMatch(/^Trường học an toàn/);
    expect(Date.now() - started).toBeLessThan(5_000);
    const closed = await parseFeed(xml.replace(summary, 'Bài <font color="#6f6f6f">Báo A</font> viết'), {
      kind: 'search',
      baseUrl: BASE,
    });
    expect(closed[0]?.summary).toBe('Bài viết');
  });

  it('reports malformed XML, non-feeds and empty bodies with their own codes', async () => {
    expect((await parseFailure(read('malformed.xml'))).code).toBe('XML_MALFORMED');
    expect((await parseFailure('<html><body>hi</body></html>')).code).toBe('FEED_UNRECOGNISED');
    expect((await parseFailure('  \n ')).code).toBe('EMPTY_DOCUMENT');
    expect((await parseFailure('<rss version="2.0"><channel><!-- never closed')).code).toBe('XML_MALFORMED');
  });

  it('allows a DOCTYPE without entity declarations (old RSS 0.91 feeds carry one)', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">' +
      '<rss version="2.0"><channel><title>T</title><item><title>Tin cũ</title><link>https://example.vn/a</link></item></channel></rss>';
    await expect(parseFeed(xml, { kind: 'rss', baseUrl: BASE })).resolves.toHaveLength(1);
  });
});

describe('parseFeed quirk repair', () => {
  const wrap = (item: string) => `<rss version="2.0"><channel><title>Báo X</title>${item}</channel></rss>`;

  it('decodes HTML entities, repairs bare & and < in text, drops control characters', async () => {
    const xml = wrap(
      '<item><title>Tr&#432;&#7901;ng THCS &amp; THPT &ocirc;ng &nbsp;B&agrave; 1 < 2 & Cty\u0001</title><link>https://example.vn/a?x=1&y=2</link></item>',
    );
    const [item] = await parseFeed(xml, { kind: 'rss', baseUrl: BASE });
    expect(item.title).toBe('Trường THCS & THPT ông Bà 1 < 2 & Cty');
    expect(item.url).toBe('https://example.vn/a?x=1&y=2');
  });

  it('repairs unquoted and valueless attributes outside CDATA', async () => {
    const xml = wrap(
      '<item><title>A</title><link>https://example.vn/b</link><enclosure length=130 url=x.jpg hidden /></item>',
    );
    await expect(parseFeed(xml, { kind: 'rss', baseUrl: BASE })).resolves.toHaveLength(1);
  });

  it('resolves relative links, skips items without one and keeps the first of duplicate URLs', async () => {
    const xml = wrap(
      '<item><title>Một</title><link>/tin/mot.html?utm_source=x</link></item>' +
        '<item><title>Hai</title></item>' +
        '<item><title>Một lần nữa</title><link>https://127.0.0.1:8080/tin/mot.html#top</link></item>' +
        '<item><title>Ba</title><link>http://127.0.0.1:8080/tin/mot.html</link></item>',
    );
    const items = await parseFeed(xml, { kind: 'rss', baseUrl: BASE });
    expect(items.map((i) => [i.title, i.canonicalUrl])).toEqual([
      ['Một', 'http://127.0.0.1:8080/tin/mot.html'],
      ['Một lần nữa', 'https://127.0.0.1:8080/tin/mot.html'],
    ]);
    expect(items[0].outlet).toBe('Báo X');
  });

  it('keeps Atom entries whose date is unreadable, without a publishedAt', async () => {
    const xml =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>Kênh</title>' +
      '<entry><title>A</title><link href="https://e.vn/a"/><published>hôm qua</published></entry>' +
      '<entry><title>B</title><link href="https://e.vn/b"/><published>2025-09-17T11:30:05+07:00</published></entry></feed>';
    const items = await parseFeed(xml, { kind: 'social', baseUrl: BASE });
    expect(items.map((i) => [i.title, i.publishedAt])).toEqual([
      ['A', undefined],
      ['B', '2025-09-17T11:30:05+07:00'],
    ]);
  });

  it('names the outlet by host when the feed has no title', async () => {
    const xml =
      '<rss version="2.0"><channel><item><title>A</title><link>https://example.vn/a</link></item></channel></rss>';
    const [item] = await parseFeed(xml, { kind: 'rss', baseUrl: 'https://news.example.vn/rss' });
    expect(item.outlet).toBe('news.example.vn');
  });
});
