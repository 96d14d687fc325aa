import { loadFixtureFeedServer } from '../fetch/fixture-feed-server.testing';
import { extractArticleText, MAX_ARTICLE_ELEMENTS } from './article-text';

const fixtures = loadFixtureFeedServer();
const page = (file: string) => fixtures.fixtureBody(file).toString('utf8');

describe('extractArticleText', () => {
  it('reads the VnExpress article container and drops related boxes, scripts, comments and the page chrome', () => {
    const { text, title } = extractArticleText(
      page('article-vnexpress.html'),
      'https://vnexpress.net/truong-thcs-go-vap-thu-them-tien-may-lanh-4937102.html',
    );
    expect(title).toBe('Trường THCS Gò Vấp thu thêm tiền máy lạnh, phụ huynh thắc mắc');
    expect(text.split('\n\n')).toEqual([
      'Theo phản ánh, đầu tháng 9, giáo viên chủ nhiệm một số lớp khối 8 Trường THCS Gò Vấp thông báo thu 250.000 đồng mỗi học kỳ để trả tiền điện máy lạnh.',
      'Bà Lan, phụ huynh lớp 8A2, cho biết buổi họp phụ huynh đầu năm chưa bàn đến khoản này.',
      'Hiệu trưởng nhà trường cho biết sẽ tạm dừng thu và tổ chức lấy ý kiến phụ huynh trong tuần tới.',
      'Lệ Nguyễn',
    ]);
    expect(text).not.toMatch(/Tin liên quan|loadAds|Bình luận|quảng cáo/);
  });

  it('reads the Tuổi Trẻ detail-content container', () => {
    const { text, title } = extractArticleText(page('article-tuoitre.html'), 'https://tuoitre.vn/x.htm');
    expect(title).toBe('Giáo viên Trường THCS Phan Tây Hồ bị phản ánh phạt học sinh đứng ngoài nắng');
    expect(text).toMatch(/^Sáng 15-9, đại diện Trường THCS Phan Tây Hồ/);
    expect(text).toMatch(/họp hội đồng kỷ luật trong tuần\.$/);
    expect(text).not.toContain('Trang chủ');
  });

  it('falls back to the densest block of paragraphs on an unknown layout', () => {
    const { text } = extractArticleText(page('article-generic.html'), 'https://truong.example.vn/bai.html');
    expect(text.split('\n\n')).toHaveLength(3);
    expect(text).toMatch(/^Sáng thứ hai, đoàn kiểm tra liên ngành/);
    expect(text).not.toContain('Bài cũ hơn');
  });

  it('normalises to NFC and caps the length', () => {
    const paragraph = `<p>${'Trường học an toàn '.normalize('NFD').repeat(50)}</p>`;
    const html = `<html><body><article class="fck_detail">${paragraph.repeat(10)}</article></body></html>`;
    const { text } = extractArticleText(html, 'https://vnexpress.net/a.html', { maxChars: 1000 });
    expect(text).toBe(text.normalize('NFC'));
    expect(text.length).toBeLessThanOrEqual(1001);
    expect(text.endsWith('…')).toBe(true);
  });

  it('refuses a page nested 50,000 deep instead of walking it (the summary is kept by the caller)', () => {
    const html = `<html><body><article>${'<blockquote>'.repeat(50_000)}Trường học${'</blockquote>'.repeat(50_000)}</article></body></html>`;
    const started = Date.now();
    expect(() => extractArticleText(html, 'https://example.vn/a.html')).toThrow(
      expect.objectContaining({ code: 'HTML_TOO_DEEP' }),
    );
    // A "does not hang" bound, far above what the refusal takes.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it(`refuses a page of more than ${MAX_ARTICLE_ELEMENTS} elements`, () => {
    const html = `<html><body>${'<p><b>x</b></p>'.repeat(MAX_ARTICLE_ELEMENTS)}</body></html>`;
    expect(() => extractArticleText(html, 'https://example.vn/a.html')).toThrow(
      expect.objectContaining({ code: 'HTML_TOO_LARGE' }),
    );
  });

  it('reads quotes and lists nested as deep as allowed in one pass over the page', () => {
    // 300 quotes, each 180 levels deep: walking each block's subtree to ask "has it inner blocks?" visits
    // 300 × 180² / 2 ≈ 5 million nodes; one pass visits 54,000.
    const quote = `${'<blockquote>'.repeat(180)}Học sinh trường X đoạt giải.${'</blockquote>'.repeat(180)}`;
    const list = `<ul>${'<li><ul>'.repeat(100)}<li>Mục cuối</li>${'</ul></li>'.repeat(100)}</ul>`;
    const html = `<html><body><div class="entry-content">${quote.repeat(300)}${list}</div></body></html>`;
    const started = Date.now();
    const { text } = extractArticleText(html, 'https://example.vn/a.html', { maxChars: 1_000_000 });
    const blocks = text.split('\n\n');
    expect(blocks).toHaveLength(301);
    expect(blocks[0]).toBe('Học sinh trường X đoạt giải.');
    expect(blocks[300]).toBe('Mục cuối');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps block order and reads only the innermost of nested blocks', () => {
    const html =
      '<html><body><div class="entry-content"><p>Một</p><ul><li>Hai <p>Ba</p></li><li>Bốn</li></ul>' +
      '<blockquote><p>Năm</p></blockquote><table><tr><td>Sáu</td></tr></table></div></body></html>';
    expect(extractArticleText(html, 'https://example.vn/a.html').text.split('\n\n')).toEqual([
      'Một',
      'Ba',
      'Bốn',
      'Năm',
      'Sáu',
    ]);
  });

  it('returns empty text for a page without content', () => {
    expect(extractArticleText('<html><body></body></html>', 'https://example.vn/').text).toBe('');
  });
});
