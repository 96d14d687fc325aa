import { Writable } from 'node:stream';

import { runFetchCommand } from './fetch-command';
import type { FixtureFeedServer } from './fetch/fixture-feed-server.testing';
import { loadFixtureFeedServer } from './fetch/fixture-feed-server.testing';
import { createSafeFetcher } from './fetch/safe-fetcher';

const fixtures = loadFixtureFeedServer();
const { MISBEHAVIOUR } = fixtures;
let server: FixtureFeedServer;

beforeAll(async () => {
  server = await fixtures.startFixtureFeedServer();
});
afterAll(() => server.close());

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString('utf8');
    callback();
  }
}

async function run(args: string[], allowPrivateHosts = ['127.0.0.1']) {
  const out = new Capture();
  const err = new Capture();
  const code = await runFetchCommand(args, out, err, { allowPrivateHosts });
  const lines = out.text.split('\n').filter(Boolean);
  return {
    code,
    out: out.text,
    err: err.text,
    items: lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('runFetchCommand', () => {
  it('prints one JSON object per item with exactly the contract fields', async () => {
    const result = await run(['fetch', `${server.url}/feeds/vnexpress-2025.rss`]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.items).toHaveLength(3);
    for (const item of result.items) {
      expect(Object.keys(item)).toEqual(['title', 'url', 'publishedAt', 'summary', 'outlet']);
    }
    expect(result.items[1]).toEqual({
      title: 'Trường THCS Gò Vấp thu thêm tiền máy lạnh, phụ huynh thắc mắc',
      url: 'https://vnexpress.net/truong-thcs-go-vap-thu-them-tien-may-lanh-4937102.html',
      publishedAt: '2025-09-09T17:05:10+07:00',
      summary:
        'Một số phụ huynh Trường THCS Gò Vấp (phường Hạnh Thông) phản ánh khoản thu 250.000 đồng mỗi học kỳ cho tiền điện máy lạnh chưa được họp thống nhất.',
      outlet: 'VnExpress',
    });
  });

  it('names the real outlet for --kind search', async () => {
    const result = await run([`${server.url}/feeds/google-news-search.rss`, '--kind', 'search']);
    expect(result.items.map((i) => i.outlet)).toEqual(['Người Lao Động', 'Tuổi Trẻ Online']);
  });

  it('decodes windows-1258 feeds to NFC text', async () => {
    const result = await run(['fetch', `${server.url}/feeds/legacy-windows-1258.rss`]);
    expect(result.items[0].summary).toBe(
      'Nhà trường kính mời quý phụ huynh học sinh khối 6 đến dự buổi họp vào lúc 7 giờ 30 sáng chủ nhật.',
    );
    expect(result.items[0].outlet).toBe('Bản tin trường THCS Quang Trung');
  });

  it('reads an HTML listing with --selectors, and with the default selectors', async () => {
    const selectors = JSON.stringify({ item: 'article.story', link: 'h3 a', date: '.story__time' });
    const custom = await run(['fetch', `${server.url}/feeds/listing.html`, '--kind', 'html', '--selectors', selectors]);
    expect(custom.code).toBe(0);
    expect(custom.items).toHaveLength(3);
    expect(custom.items[0]).toMatchObject({
      url: `${server.url}/truong-thcs-ly-tu-trong-go-vap-to-chuc-ngay-hoi-stem-post812345.html?utm_source=home`,
      publishedAt: '2025-10-08T09:20:00+07:00',
      outlet: '127.0.0.1',
    });
    const defaults = await run(['fetch', `${server.url}/feeds/listing.html`, '--kind=html']);
    expect(defaults.items.map((i) => i.title)).toEqual(custom.items.map((i) => i.title));
  });

  it('warns on stderr and prints nothing for a page without items', async () => {
    const result = await run(['fetch', `${server.url}${MISBEHAVIOUR.emptyListing}`, '--kind', 'html']);
    expect(result).toMatchObject({ code: 0, out: '' });
    expect(result.err).toMatch(/^warning: .* has no items matching the selectors\n$/);
  });

  it.each([
    [MISBEHAVIOUR.redirectPrivate, 'error: refused: 10.0.0.1 is a private address\n'],
    [MISBEHAVIOUR.xxe, 'error: refused: the document declares an external XML entity (XXE)\n'],
    [MISBEHAVIOUR.nested, 'error: refused: elements are nested deeper than 200 levels\n'],
    [MISBEHAVIOUR.serverError, /^error: 127\.0\.0\.1:\d+ answered HTTP 500 for \/misbehave\/500\n$/],
    [MISBEHAVIOUR.gzipBomb, /^error: decompressed body from .* passed the 10485760-byte cap\n$/],
  ])(
    'fails with one stderr line and exit 1 for %s',
    async (path, expected) => {
      const result = await run(['fetch', `${server.url}${path}`]);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toMatch(expected);
    },
    30_000,
  ); // a child process and a bomb compressed on the fly: slow on a loaded machine, bounded by the cap

  it('applies the SSRF guard unless the env allow-list names the host', async () => {
    const refused = await run(['fetch', `${server.url}/feeds/tuoitre.rss`], []);
    expect(refused).toMatchObject({ code: 1, out: '', err: 'error: refused: 127.0.0.1 is a loopback address\n' });
  });

  it('accepts an injected fetcher (fake DNS) and rejects bad usage', async () => {
    const port = new URL(server.url).port;
    const fetcher = createSafeFetcher({
      allowPrivateHosts: ['vnexpress.fixture.test'],
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const out = new Capture();
    const err = new Capture();
    const code = await runFetchCommand(['fetch', `http://vnexpress.fixture.test:${port}/feeds/tuoitre.rss`], out, err, {
      allowPrivateHosts: [],
      fetcher,
    });
    expect(code).toBe(0);
    expect(out.text.trim().split('\n')).toHaveLength(3);

    for (const args of [
      ['fetch'],
      ['fetch', 'x', '--kind', 'tv'],
      ['fetch', 'x', '--selectors', '{'],
      ['fetch', 'x', '--bogus'],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err.split('\n')).toHaveLength(2);
      expect(result.err).toMatch(/^error: .*usage: fetch <url>/);
    }
  });
});
