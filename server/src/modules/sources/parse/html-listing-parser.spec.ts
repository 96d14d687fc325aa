import { loadFixtureFeedServer } from '../fetch/fixture-feed-server.testing';
import { parseHtmlListing } from './html-listing-parser';
import { ParseError } from './parse-error';

const fixtures = loadFixtureFeedServer();
const selectors = {
  item: 'article.story',
  link: 'h3 a',
  date: '.story__time',
  summary: '.story__summary',
};

describe('parseHtmlListing', () => {
  it('reads teasers with absolute links, dates and summaries, skipping javascript: links', () => {
    const html = fixtures.fixtureBody('listing.html').toString('utf8');
    const items = parseHtmlListing(html, { baseUrl: 'https://www.sggp.org.vn/giao-duc/', selectors });
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      title: 'Trường THCS Lý Tự Trọng (Gò Vấp) tổ chức ngày hội STEM',
      url: 'https://www.sggp.org.vn/truong-thcs-ly-tu-trong-go-vap-to-chuc-ngay-hoi-stem-post812345.html?utm_source=home',
      canonicalUrl: 'https://www.sggp.org.vn/truong-thcs-ly-tu-trong-go-vap-to-chuc-ngay-hoi-stem-post812345.html',
      publishedAt: '2025-10-08T09:20:00+07:00',
      summary: 'Hơn 40 mô hình robot và tên lửa nước do học sinh tự làm được trưng bày tại sân trường.',
      outlet: 'Sài Gòn Giải Phóng',
    });
    expect(items[1].publishedAt).toBe('2025-10-07T18:45:00+07:00');
    expect(items[2]).toMatchObject({
      url: 'https://www.sggp.org.vn/giao-duc/tuyen-dung-giao-vien-post812200.html',
      publishedAt: '2025-10-06T00:00:00+07:00',
      summary: '',
    });
  });

  it('uses a title selector when given and the item itself when it is the link', () => {
    const html =
      '<ul><li><a class="t" href="/a.html"><span class="h">Tiêu đề\n A</span><em>12/10/2025</em></a></li></ul>';
    const items = parseHtmlListing(html, {
      baseUrl: 'https://example.vn/',
      selectors: { item: 'a.t', link: 'a.t', title: '.h', date: 'em' },
    });
    expect(items).toEqual([
      expect.objectContaining({ title: 'Tiêu đề A', url: 'https://example.vn/a.html', outlet: 'example.vn' }),
    ]);
  });

  it('names an unknown site by the outlet its source gives, a known one by its own name', () => {
    const html = '<ul><li><a class="t" href="/a.html">Tin A</a></li></ul>';
    const read = (baseUrl: string, outlet?: string) =>
      parseHtmlListing(html, { baseUrl, outlet, selectors: { item: 'a.t', link: 'a.t' } })[0]?.outlet;
    expect(read('https://tingovap.example.vn/giao-duc/', 'Tin Gò Vấp')).toBe('Tin Gò Vấp');
    expect(read('https://tingovap.example.vn/giao-duc/', '  ')).toBe('tingovap.example.vn');
    expect(read('https://www.sggp.org.vn/giao-duc/', 'Báo SGGP')).toBe('Sài Gòn Giải Phóng');
  });

  it('returns an empty array for a page without items', () => {
    const html = fixtures.fixtureBody('empty-listing.html').toString('utf8');
    expect(parseHtmlListing(html, { baseUrl: 'https://www.sggp.org.vn/giao-duc/', selectors })).toEqual([]);
  });

  it('refuses missing or invalid selectors with BAD_SELECTORS', () => {
    expect(() => parseHtmlListing('<p></p>', { baseUrl: 'https://x.vn/', selectors: { item: '', link: 'a' } })).toThrow(
      ParseError,
    );
    try {
      parseHtmlListing('<p></p>', { baseUrl: 'https://x.vn/', selectors: { item: 'div[[', link: 'a' } });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_SELECTORS' });
    }
  });
});
