import { FetchError } from './fetch/fetch-error';
import type { FetchOptions, FetchResult, SafeFetcher } from './fetch/safe-fetcher';
import { readSource, ReadFailure, sentence, toReadFailure } from './source-reader';
import { ParseError } from './parse/parse-error';

const RSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Giáo dục</title>
<item><title>Trường THCS Gò Vấp khai giảng</title><link>https://tuoitre.vn/a.htm?utm_source=rss</link><guid>a-1</guid>
<description><![CDATA[<p>Tóm <b>tắt</b></p>]]></description><pubDate>Mon, 08 Sep 2025 07:30:00 +0700</pubDate></item>
</channel></rss>`;

function fakeFetcher(answer: (url: string, options: FetchOptions) => Partial<FetchResult> | Error): SafeFetcher & {
  calls: { url: string; options: FetchOptions }[];
} {
  const calls: { url: string; options: FetchOptions }[] = [];
  return {
    calls,
    notBefore: () => undefined,
    async fetch(url, options = {}) {
      calls.push({ url, options });
      const result = answer(url, options);
      if (result instanceof Error) throw result;
      return {
        status: 200,
        url,
        headers: {},
        body: Buffer.alloc(0),
        notModified: false,
        fetchedAt: new Date('2025-09-08T01:00:00Z'),
        ...result,
      };
    },
  };
}

describe('readSource', () => {
  it('parses a feed and keeps the new validators', async () => {
    const fetcher = fakeFetcher(() => ({
      body: Buffer.from(RSS),
      headers: {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v2"',
        'last-modified': 'Mon, 08 Sep 2025 01:00:00 GMT',
      },
    }));
    const read = await readSource(fetcher, {
      url: 'https://tuoitre.vn/rss/giao-duc.rss',
      kind: 'rss',
      settings: {},
      etag: '"v1"',
    });
    expect(fetcher.calls[0]!.options.etag).toBe('"v1"');
    expect(read).toMatchObject({
      notModified: false,
      status: 200,
      etag: '"v2"',
      lastModified: 'Mon, 08 Sep 2025 01:00:00 GMT',
    });
    expect(read.items).toHaveLength(1);
    expect(read.items[0]).toMatchObject({ guid: 'a-1', canonicalUrl: 'https://tuoitre.vn/a.htm', summary: 'Tóm tắt' });
  });

  it('returns no items and the old validators on 304', async () => {
    const fetcher = fakeFetcher(() => ({ status: 304, notModified: true }));
    const read = await readSource(fetcher, {
      url: 'https://x.vn/rss',
      kind: 'rss',
      settings: {},
      etag: '"v1"',
      lastModified: 'Mon, 08 Sep 2025 01:00:00 GMT',
    });
    expect(read).toMatchObject({
      notModified: true,
      items: [],
      etag: '"v1"',
      lastModified: 'Mon, 08 Sep 2025 01:00:00 GMT',
    });
  });

  it('fails an html source whose selectors match nothing, naming the selector', async () => {
    const fetcher = fakeFetcher(() => ({ body: Buffer.from('<html><body><p>Không có bài</p></body></html>') }));
    await expect(
      readSource(fetcher, {
        url: 'https://x.vn/',
        kind: 'html',
        settings: { selectors: { item: '.story', link: 'a' } },
      }),
    ).rejects.toMatchObject({ code: 'NO_ITEMS', message: expect.stringContaining('".story"') });
  });

  it('keeps the retry time of a RETRY_LATER failure', async () => {
    const retryAt = new Date('2025-09-08T02:00:00Z');
    const fetcher = fakeFetcher(() => new FetchError('RETRY_LATER', 'x.vn answered HTTP 429', { retryAt }));
    await expect(readSource(fetcher, { url: 'https://x.vn/rss', kind: 'rss', settings: {} })).rejects.toMatchObject({
      code: 'RETRY_LATER',
      retryAt,
      message: 'X.vn answered HTTP 429.',
    });
  });
});

describe('failure sentences', () => {
  it('turns any error into one capitalised line ending with a full stop', () => {
    expect(sentence('could not resolve vnexpress.net (ENOTFOUND)')).toBe(
      'Could not resolve vnexpress.net (ENOTFOUND).',
    );
    expect(sentence('first line\nsecond line')).toBe('First line.');
    expect(sentence('Done already.')).toBe('Done already.');
    expect(toReadFailure(new ParseError('XML_MALFORMED', 'malformed XML'))).toMatchObject({ code: 'XML_MALFORMED' });
    const unexpected = toReadFailure(new TypeError('boom'));
    expect(unexpected).toBeInstanceOf(ReadFailure);
    expect(unexpected.code).toBe('UNEXPECTED');
  });
});
