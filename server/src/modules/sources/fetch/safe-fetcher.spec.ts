import { gzipSync } from 'node:zlib';

import { classifyAddress, createAllowList } from './address-policy';
import { FetchError } from './fetch-error';
import type { FixtureFeedServer } from './fixture-feed-server.testing';
import { loadFixtureFeedServer } from './fixture-feed-server.testing';
import { parseRetryAfter } from './retry-after';
import type { HostLookup, SafeFetcherOptions } from './safe-fetcher';
import { createSafeFetcher } from './safe-fetcher';

const fixtures = loadFixtureFeedServer();
const { MISBEHAVIOUR } = fixtures;

let server: FixtureFeedServer;
let port: string;

beforeAll(async () => {
  server = await fixtures.startFixtureFeedServer();
  port = new URL(server.url).port;
});
afterAll(() => server.close());

function fetcher(overrides: SafeFetcherOptions = {}) {
  return createSafeFetcher({
    connectTimeoutMs: 2000,
    totalTimeoutMs: 5000,
    maxBodyBytes: 2 * 1024 * 1024,
    maxRedirects: 5,
    allowPrivateHosts: ['127.0.0.1'],
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

/** Resolves every name to one address, as a hostile or misconfigured DNS would. */
function fakeDns(address: string): HostLookup & jest.Mock {
  return jest.fn(async () => [{ address, family: address.includes(':') ? 6 : 4 } as const]);
}

describe('address policy', () => {
  it.each([
    ['10.0.0.5', 'a private address'],
    ['172.20.1.1', 'a private address'],
    ['192.168.1.10', 'a private address'],
    ['127.0.0.1', 'a loopback address'],
    ['0.0.0.0', 'an unspecified ("this network") address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['169.254.10.1', 'a link-local address'],
    ['100.64.3.4', 'a carrier-grade NAT (CGNAT) address'],
    ['::1', 'a loopback address'],
    ['::', 'an unspecified address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['fe80::1', 'a link-local address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['64:ff9b::a9fe:a9fe', 'a cloud metadata address'],
    // Every form that carries an IPv4 address inside an IPv6 one is judged by the IPv4 address it carries.
    ['::7f00:1', 'a loopback address'], // IPv4-compatible, hex
    ['::127.0.0.1', 'a loopback address'], // IPv4-compatible, dotted
    ['0:0:0:0:0:ffff:127.0.0.1', 'a loopback address'], // IPv4-mapped, written in full
    ['::ffff:0:a00:1', 'a private address'], // IPv4-translated (RFC 2765)
    ['2002:7f00:1::', 'a loopback address'], // 6to4 of 127.0.0.1
    ['2002:a9fe:a9fe::1', 'a cloud metadata address'], // 6to4 of 169.254.169.254
    ['64:ff9b::10.0.0.1', 'a private address'], // NAT64 well-known prefix, dotted
    ['64:ff9b:1::a00:1', 'a local-use NAT64 address'], // RFC 8215: translated by local rules, never public
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'an IETF protocol address (Teredo and others)'], // Teredo to 127.0.0.1
    ['3fff::1', 'a documentation address'],
    ['fe80::1%eth0', 'a link-local address'],
  ])('refuses %s as %s', (address, label) => {
    expect(classifyAddress(address)).toBe(label);
  });

  it.each([
    '203.162.4.191',
    '8.8.8.8',
    '2001:4860:4860::8888',
    '2002:cba2:4bf::1',
    '64:ff9b::8.8.8.8',
    '::ffff:203.162.4.191',
  ])('accepts public %s', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it('allow-lists hosts, single addresses and CIDRs, including mapped IPv6 forms', () => {
    const allow = createAllowList(['LocalHost', '10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    expect(allow.allowsHost('localhost')).toBe(true);
    expect(allow.allowsHost('example.vn')).toBe(false);
    expect(allow.allowsAddress('10.200.1.1')).toBe(true);
    expect(allow.allowsAddress('::ffff:10.1.1.1')).toBe(true);
    expect(allow.allowsAddress('127.0.0.2')).toBe(false);
    expect(allow.allowsAddress('fd00::5')).toBe(true);
    expect(allow.allowsAddress('::a00:1')).toBe(true);
    expect(allow.allowsAddress('2002:a00:1::1')).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2025-09-10T00:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)?.toISOString()).toBe('2025-09-10T00:02:00.000Z');
    expect(parseRetryAfter('Wed, 10 Sep 2025 01:00:00 GMT', now)?.toISOString()).toBe('2025-09-10T01:00:00.000Z');
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('safe fetcher against the fixture server', () => {
  it('fetches a feed and reports status, final URL, headers and body', async () => {
    const result = await fetcher().fetch(`${server.url}/feeds/vnexpress-2025.rss`);
    expect(result.status).toBe(200);
    expect(result.notModified).toBe(false);
    expect(result.url).toBe(`${server.url}/feeds/vnexpress-2025.rss`);
    expect(result.headers['content-type']).toContain('application/rss+xml');
    expect(result.body.toString('utf8')).toContain('Trường Tiểu học Kim Đồng');
  });

  it('sends the Media Watch user agent and conditional headers, and maps 304 to notModified', async () => {
    const f = fetcher();
    const first = await f.fetch(`${server.url}${MISBEHAVIOUR.etag}`);
    const sent = server.lastHeaders(MISBEHAVIOUR.etag);
    expect(sent?.['user-agent']).toMatch(/^MediaWatch\/0\.1 \(/);
    expect(sent?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent?.['if-none-match']).toBeUndefined();
    expect(first.headers.etag).toBe(fixtures.FIXTURE_ETAG);

    const second = await f.fetch(`${server.url}${MISBEHAVIOUR.etag}`, { etag: first.headers.etag });
    expect(server.lastHeaders(MISBEHAVIOUR.etag)?.['if-none-match']).toBe(fixtures.FIXTURE_ETAG);
    expect(second).toMatchObject({ status: 304, notModified: true });
    expect(second.body.length).toBe(0);

    const third = await f.fetch(`${server.url}${MISBEHAVIOUR.etag}`, { lastModified: fixtures.FIXTURE_LAST_MODIFIED });
    expect(server.lastHeaders(MISBEHAVIOUR.etag)?.['if-modified-since']).toBe(fixtures.FIXTURE_LAST_MODIFIED);
    expect(third.notModified).toBe(true);
    const stale = await f.fetch(`${server.url}${MISBEHAVIOUR.etag}`, { etag: '"old"' });
    expect(stale.notModified).toBe(false);
  });

  it('keeps the original Host header when connecting to the pinned address', async () => {
    const dns = fakeDns('127.0.0.1');
    await fetcher({ allowPrivateHosts: ['127.0.0.1'], lookup: dns }).fetch(
      `http://feeds.example.test:${port}/feeds/nfd.rss`,
    );
    expect(server.lastHeaders('/feeds/nfd.rss')?.host).toBe(`feeds.example.test:${port}`);
  });

  it('gives up on a body that trickles past the total timeout', async () => {
    const error = await failure(fetcher({ totalTimeoutMs: 600 }).fetch(`${server.url}${MISBEHAVIOUR.slow}`));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/timeout/);
  });

  it('stops a fetch in flight and one waiting for its turn at the host when their signal aborts', async () => {
    const f = fetcher({ maxPerHost: 1, totalTimeoutMs: 20_000 });
    const before = server.hits(MISBEHAVIOUR.slow);
    const controller = new AbortController();
    const reason = new Error('lease lost');
    const startedAt = Date.now();
    const inFlight = f.fetch(`${server.url}${MISBEHAVIOUR.slow}`, { signal: controller.signal });
    const waiting = f.fetch(`${server.url}${MISBEHAVIOUR.slow}`, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 150);
    const settled = await Promise.allSettled([inFlight, waiting]);
    expect(settled.map((r) => (r.status === 'rejected' ? r.reason : r.value))).toEqual([reason, reason]);
    // Well before the trickle would end or the total timeout pass; the waiting one never reached the host.
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(server.hits(MISBEHAVIOUR.slow) - before).toBe(1);
    // The host's slot was given back: the next fetch runs (and is itself cut short by its own signal).
    const next = new AbortController();
    setTimeout(() => next.abort(reason), 50);
    await expect(f.fetch(`${server.url}${MISBEHAVIOUR.slow}`, { signal: next.signal })).rejects.toBe(reason);
    expect(server.hits(MISBEHAVIOUR.slow) - before).toBe(2);
    await expect(f.fetch(`${server.url}${MISBEHAVIOUR.slow}`, { signal: next.signal })).rejects.toBe(reason);
  });

  it('reports HTTP 500 as HTTP_STATUS with the status', async () => {
    const error = await failure(fetcher().fetch(`${server.url}${MISBEHAVIOUR.serverError}`));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 500 });
  });

  it('turns 429 + Retry-After into RETRY_LATER and holds back the whole host', async () => {
    let clock = new Date('2025-09-10T00:00:00Z');
    const f = fetcher({ now: () => clock });
    const error = await failure(f.fetch(`${server.url}${MISBEHAVIOUR.tooManyRequests}`));
    expect(error.code).toBe('RETRY_LATER');
    expect(error.retryAt?.toISOString()).toBe('2025-09-10T00:02:00.000Z');

    const before = server.hits('/feeds/tuoitre.rss');
    const held = await failure(f.fetch(`${server.url}/feeds/tuoitre.rss`));
    expect(held.code).toBe('RETRY_LATER');
    expect(held.retryAt?.toISOString()).toBe('2025-09-10T00:02:00.000Z');
    expect(server.hits('/feeds/tuoitre.rss')).toBe(before);
    expect(f.notBefore('127.0.0.1')?.toISOString()).toBe('2025-09-10T00:02:00.000Z');

    clock = new Date('2025-09-10T00:02:01Z');
    await expect(f.fetch(`${server.url}/feeds/tuoitre.rss`)).resolves.toMatchObject({ status: 200 });
  });

  it('reads a 503 Retry-After given as an HTTP date', async () => {
    const error = await failure(fetcher().fetch(`${server.url}${MISBEHAVIOUR.unavailableUntilDate}`));
    expect(error.code).toBe('RETRY_LATER');
    const waitMs = (error.retryAt?.getTime() ?? 0) - Date.now();
    expect(waitMs).toBeGreaterThan(8 * 60_000);
    expect(waitMs).toBeLessThan(11 * 60_000);
  });

  it('stops reading a plain body once it passes the cap', async () => {
    const error = await failure(fetcher().fetch(`${server.url}${MISBEHAVIOUR.huge}`));
    expect(error.code).toBe('TOO_LARGE');
  });

  it.each([
    ['gzip', MISBEHAVIOUR.gzipBomb],
    ['brotli', MISBEHAVIOUR.brotliBomb],
    ['deflate', MISBEHAVIOUR.deflateBomb],
  ])(
    'rejects a %s bomb by its decompressed size without growing memory',
    async (_name, path) => {
      const rssBefore = process.memoryUsage().rss;
      const error = await failure(fetcher().fetch(`${server.url}${path}`));
      expect(error.code).toBe('TOO_LARGE');
      expect(error.message).toMatch(/decompressed body .* passed the 2097152-byte cap/);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
      // The bound under test is the byte cap, not time: the fixture server compresses the bomb in this same process,
      // which on a loaded 2-core machine can take longer than Jest's default 5 s.
    },
    30_000,
  );

  it('decodes a well-formed gzip body', async () => {
    server.setFeed(
      '/probe/gzip',
      gzipSync(Buffer.from('<rss version="2.0"><channel><title>Gò Vấp</title></channel></rss>')),
      {
        'content-encoding': 'gzip',
      },
    );
    const result = await fetcher().fetch(`${server.url}/probe/gzip`);
    expect(result.body.toString('utf8')).toContain('Gò Vấp');
  });

  it('reports a corrupt gzip body as DECOMPRESSION', async () => {
    const error = await failure(fetcher().fetch(`${server.url}${MISBEHAVIOUR.corruptGzip}`));
    expect(error.code).toBe('DECOMPRESSION');
  });

  it('follows a chain of redirects within the cap and refuses a loop', async () => {
    const ok = await fetcher().fetch(`${server.url}${MISBEHAVIOUR.redirectChain(3)}`);
    expect(ok.url).toBe(`${server.url}/feeds/vnexpress-2025.rss`);
    const tooMany = await failure(fetcher().fetch(`${server.url}${MISBEHAVIOUR.redirectChain(6)}`));
    expect(tooMany.code).toBe('TOO_MANY_REDIRECTS');
    const loop = await failure(fetcher().fetch(`${server.url}${MISBEHAVIOUR.redirectLoop}`));
    expect(loop.code).toBe('TOO_MANY_REDIRECTS');
  });

  it('refuses a redirect to a private address before connecting to it', async () => {
    const error = await failure(fetcher().fetch(`${server.url}${MISBEHAVIOUR.redirectPrivate}`));
    expect(error.code).toBe('SSRF_BLOCKED');
    expect(error.message).toBe('refused: 10.0.0.1 is a private address');
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const error = await failure(fetcher().fetch(`${server.url}${MISBEHAVIOUR.redirectMetadata}`));
    expect(error.code).toBe('SSRF_BLOCKED');
    expect(error.message).toBe('refused: 169.254.169.254 is a cloud metadata address');
  });

  it('refuses a hostname that resolves to loopback unless it is allow-listed', async () => {
    const dns = fakeDns('127.0.0.1');
    const url = `http://feeds.example.test:${port}/feeds/tuoitre.rss`;
    const refused = await failure(fetcher({ allowPrivateHosts: [], lookup: dns }).fetch(url));
    expect(refused.code).toBe('SSRF_BLOCKED');
    expect(refused.message).toBe('refused: feeds.example.test resolves to 127.0.0.1, which is a loopback address');

    const byAddress = await fetcher({ allowPrivateHosts: ['127.0.0.0/8'], lookup: dns }).fetch(url);
    expect(byAddress.status).toBe(200);
    const byName = await fetcher({ allowPrivateHosts: ['feeds.example.test'], lookup: dns }).fetch(url);
    expect(byName.body.toString('utf8')).toContain('Phan Tây Hồ');
  });

  it('resolves once and connects to the address it checked (no second lookup for rebinding)', async () => {
    const dns = fakeDns('127.0.0.1');
    await fetcher({ allowPrivateHosts: ['127.0.0.1'], lookup: dns }).fetch(
      `http://rebind.example.test:${port}/feeds/nfd.rss`,
    );
    expect(dns).toHaveBeenCalledTimes(1);
  });

  it('refuses literal private addresses, odd schemes and credentials', async () => {
    const strict = fetcher({ allowPrivateHosts: [] });
    await expect(failure(strict.fetch(`${server.url}/feeds/tuoitre.rss`))).resolves.toMatchObject({
      code: 'SSRF_BLOCKED',
      message: 'refused: 127.0.0.1 is a loopback address',
    });
    await expect(failure(strict.fetch('http://[::1]/'))).resolves.toMatchObject({ code: 'SSRF_BLOCKED' });
    await expect(failure(strict.fetch('http://0.0.0.0/'))).resolves.toMatchObject({ code: 'SSRF_BLOCKED' });
    await expect(failure(strict.fetch('file:///etc/passwd'))).resolves.toMatchObject({ code: 'BAD_URL' });
    await expect(failure(strict.fetch('gopher://example.vn/'))).resolves.toMatchObject({ code: 'BAD_URL' });
    await expect(failure(strict.fetch('not a url'))).resolves.toMatchObject({ code: 'BAD_URL' });
    await expect(failure(strict.fetch('http://user:pw@example.vn/'))).resolves.toMatchObject({ code: 'BAD_URL' });
  });

  it('reports a DNS failure as DNS', async () => {
    const lookup: HostLookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const error = await failure(fetcher({ lookup }).fetch('http://no-such-host.example.test/'));
    expect(error).toMatchObject({ code: 'DNS', message: 'could not resolve no-such-host.example.test (ENOTFOUND)' });
  });

  it('runs at most maxPerHost requests against one host at a time', async () => {
    const f = fetcher({ maxPerHost: 2, totalTimeoutMs: 400 });
    const before = server.hits(MISBEHAVIOUR.slow);
    let finished = 0;
    let peak = 0;
    const watcher = setInterval(() => {
      peak = Math.max(peak, server.hits(MISBEHAVIOUR.slow) - before - finished);
    }, 10);
    const startedAt = Date.now();
    const runs = [0, 1, 2, 3].map(() =>
      failure(f.fetch(`${server.url}${MISBEHAVIOUR.slow}`)).finally(() => {
        finished++;
      }),
    );
    const errors = await Promise.all(runs);
    clearInterval(watcher);
    expect(errors.map((e) => e.code)).toEqual(['TIMEOUT', 'TIMEOUT', 'TIMEOUT', 'TIMEOUT']);
    expect(server.hits(MISBEHAVIOUR.slow) - before).toBe(4);
    expect(peak).toBe(2);
    // Two waves of two: the second pair only starts once the first pair has timed out.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(790);
  });
});
