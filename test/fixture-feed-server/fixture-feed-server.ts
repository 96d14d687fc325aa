/**
 * A feed server for tests, on 127.0.0.1 with a random port. It serves the feeds in test/fixtures/feeds/ under
 * /feeds/<file> (windows-1258, windows-1252 and NFD variants are re-encoded on the fly from UTF-8/NFC sources so
 * the files stay editable), and misbehaves on demand under /misbehave/*: slow trickle, 500, 429/503 with
 * Retry-After, conditional GET, oversized bodies, compression bombs generated while streaming (never stored),
 * hostile XML, a wrong charset header and bad redirects. Redirects that point at private addresses must be refused
 * by the fetcher before any connection is attempted; nothing here ever talks to such an address.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

import * as iconv from 'iconv-lite';

export const FIXTURE_FEEDS_DIR = join(__dirname, '..', 'fixtures', 'feeds');

/** Paths of the misbehaving endpoints, so tests do not spell them out. */
export const MISBEHAVIOUR = {
  slow: '/misbehave/slow',
  serverError: '/misbehave/500',
  tooManyRequests: '/misbehave/429',
  unavailableUntilDate: '/misbehave/503-date',
  etag: '/misbehave/etag',
  huge: '/misbehave/huge',
  gzipBomb: '/misbehave/gzip-bomb',
  brotliBomb: '/misbehave/br-bomb',
  deflateBomb: '/misbehave/deflate-bomb',
  corruptGzip: '/misbehave/corrupt-gzip',
  malformed: '/misbehave/malformed',
  billionLaughs: '/misbehave/billion-laughs',
  xxe: '/misbehave/xxe',
  nested: '/misbehave/nested',
  wrongCharset: '/misbehave/wrong-charset',
  redirectLoop: '/misbehave/redirect-loop',
  redirectPrivate: '/misbehave/redirect-private',
  redirectMetadata: '/misbehave/redirect-metadata',
  redirectChain: (hops: number) => `/misbehave/redirect-chain/${hops}`,
  emptyListing: '/misbehave/empty-listing',
} as const;

export const FIXTURE_ETAG = '"mw-fixture-v1"';
export const FIXTURE_LAST_MODIFIED = 'Tue, 09 Sep 2025 13:45:46 GMT';
/** Bytes the /misbehave/huge endpoint streams and the zero bytes behind each bomb. */
export const HUGE_BODY_BYTES = 32 * 1024 * 1024;
export const BOMB_EXPANDED_BYTES = 1024 * 1024 * 1024;
export const NESTED_DEPTH = 200_000;

export interface FixtureFeedServer {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  /** How many requests reached this path (query string ignored). */
  hits(path: string): number;
  /** Request headers of the latest request to this path. */
  lastHeaders(path: string): IncomingHttpHeaders | undefined;
  /** Serves `body` at `path` from now on, overriding any fixture or misbehaviour there. */
  setFeed(path: string, body: string | Buffer, headers?: OutgoingHttpHeaders): void;
}

type Encoding = 'windows-1258' | 'windows-1252' | 'nfd';

const ENCODED_FIXTURES: Record<string, Encoding> = {
  'legacy-windows-1258.rss': 'windows-1258',
  'windows-1252-entities.rss': 'windows-1252',
  'nfd.rss': 'nfd',
};

function contentTypeFor(file: string, encoding: Encoding | undefined): string {
  const charset = encoding === 'windows-1258' || encoding === 'windows-1252' ? encoding : 'utf-8';
  if (file.endsWith('.html')) return `text/html; charset=${charset}`;
  if (file.endsWith('.atom')) return `application/atom+xml; charset=${charset}`;
  if (file.endsWith('.rdf')) return `application/rdf+xml; charset=${charset}`;
  if (file.endsWith('.rss')) return `application/rss+xml; charset=${charset}`;
  return `application/xml; charset=${charset}`;
}

/**
 * Windows-1258 has the Vietnamese base letters (â, ê, ô, ơ, ư, ă, đ) but writes tones as combining marks, so each
 * precomposed letter is split into the longest prefix the code page has plus the remaining marks.
 */
export function encodeWindows1258(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = iconv.encode(ch, 'windows-1258');
    if (direct.length === 1 && (direct[0] !== 0x3f || ch === '?')) {
      parts.push(direct);
      continue;
    }
    const marks = [...ch.normalize('NFD')];
    let base = marks.shift() ?? '';
    // NFD puts a dot below before a circumflex ("ậ" = a + U+0323 + U+0302), so try every mark, not just the first.
    for (let i = 0; i < marks.length;) {
      const combined = (base + marks[i]).normalize('NFC');
      const encoded = iconv.encode(combined, 'windows-1258');
      if (combined.length === 1 && encoded.length === 1 && encoded[0] !== 0x3f) {
        base = combined;
        marks.splice(i, 1);
      } else i++;
    }
    parts.push(iconv.encode(base + marks.join(''), 'windows-1258'));
  }
  return Buffer.concat(parts);
}

/** The bytes the server sends for a fixture file (after re-encoding), for tests that parse without HTTP. */
export function fixtureBody(file: string): Buffer {
  const raw = readFileSync(join(FIXTURE_FEEDS_DIR, file));
  const encoding = ENCODED_FIXTURES[file];
  if (!encoding) return raw;
  const text = raw.toString('utf8');
  if (encoding === 'nfd') return Buffer.from(text.normalize('NFD'), 'utf8');
  if (encoding === 'windows-1258') return encodeWindows1258(text);
  return iconv.encode(text, 'windows-1252');
}

export function fixtureContentType(file: string): string {
  return contentTypeFor(file, ENCODED_FIXTURES[file]);
}

/** 200,000 nested elements inside an RSS channel, built once per process. */
let nestedCache: string | undefined;
export function nestedXml(depth = NESTED_DEPTH): string {
  if (depth === NESTED_DEPTH && nestedCache) return nestedCache;
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</channel></rss>`;
  if (depth === NESTED_DEPTH) nestedCache = xml;
  return xml;
}

/** Zero bytes produced on demand (with back-pressure), so a bomb never sits in memory. */
function zeros(total: number): Readable {
  const chunk = Buffer.alloc(64 * 1024);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const size = Math.min(chunk.length, total - sent);
      sent += size;
      this.push(size === chunk.length ? chunk : chunk.subarray(0, size));
    },
  });
}

function streamBomb(req: IncomingMessage, res: ServerResponse, encoding: 'gzip' | 'br' | 'deflate'): void {
  const compressor =
    encoding === 'gzip'
      ? zlib.createGzip({ level: 9 })
      : encoding === 'deflate'
        ? zlib.createDeflate({ level: 9 })
        : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
  const source = zeros(BOMB_EXPANDED_BYTES);
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': encoding });
  const stop = (): void => {
    source.destroy();
    compressor.destroy();
  };
  req.on('close', stop);
  res.on('close', stop);
  source.pipe(compressor).pipe(res);
}

function trickle(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
  let sent = 0;
  // Bounded: stops on its own after 30 s even if the client never hangs up.
  const timer = setInterval(() => {
    sent++;
    if (sent > 150) {
      clearInterval(timer);
      res.end('</channel></rss>');
      return;
    }
    res.write(' ');
  }, 200);
  req.on('close', () => clearInterval(timer));
  res.on('close', () => clearInterval(timer));
}

function streamHuge(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  const filler = Buffer.from(`<!-- ${'Trường THCS Gò Vấp '.repeat(200)} -->\n`);
  let sent = 0;
  const body = new Readable({
    read() {
      if (sent >= HUGE_BODY_BYTES) {
        this.push(null);
        return;
      }
      sent += filler.length;
      this.push(filler);
    },
  });
  req.on('close', () => body.destroy());
  body.pipe(res);
}

function redirect(res: ServerResponse, location: string, status = 302): void {
  res.writeHead(status, { location, 'content-type': 'text/plain' });
  res.end(`moved to ${location}`);
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: OutgoingHttpHeaders = {}): void {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'content-length': buffer.length, ...headers });
  res.end(buffer);
}

function serveFixture(res: ServerResponse, file: string, extra: OutgoingHttpHeaders = {}): void {
  send(res, 200, fixtureBody(file), { 'content-type': fixtureContentType(file), ...extra });
}

export async function startFixtureFeedServer(): Promise<FixtureFeedServer> {
  const files = new Set(readdirSync(FIXTURE_FEEDS_DIR));
  const hitCounts = new Map<string, number>();
  const headersByPath = new Map<string, IncomingHttpHeaders>();
  const overrides = new Map<string, { body: Buffer; headers: OutgoingHttpHeaders }>();
  let origin = '';

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://fixture.invalid').pathname;
    hitCounts.set(path, (hitCounts.get(path) ?? 0) + 1);
    headersByPath.set(path, req.headers);

    const override = overrides.get(path);
    if (override) {
      send(res, 200, override.body, { 'content-type': 'application/rss+xml; charset=utf-8', ...override.headers });
      return;
    }
    if (path.startsWith('/feeds/')) {
      const file = decodeURIComponent(path.slice('/feeds/'.length));
      if (files.has(file) && !file.includes('/')) serveFixture(res, file);
      else send(res, 404, 'not found', { 'content-type': 'text/plain' });
      return;
    }
    const chain = /^\/misbehave\/redirect-chain\/(\d+)$/.exec(path);
    if (chain) {
      const left = Number(chain[1]);
      redirect(res, left > 0 ? MISBEHAVIOUR.redirectChain(left - 1) : '/feeds/vnexpress-2025.rss', 301);
      return;
    }
    switch (path) {
      case MISBEHAVIOUR.slow:
        return trickle(req, res);
      case MISBEHAVIOUR.serverError:
        return send(res, 500, 'Internal Server Error', { 'content-type': 'text/plain' });
      case MISBEHAVIOUR.tooManyRequests:
        return send(res, 429, 'slow down', { 'retry-after': '120', 'content-type': 'text/plain' });
      case MISBEHAVIOUR.unavailableUntilDate:
        return send(res, 503, 'maintenance', {
          'retry-after': new Date(Date.now() + 10 * 60_000).toUTCString(),
          'content-type': 'text/plain',
        });
      case MISBEHAVIOUR.etag: {
        const validators = { etag: FIXTURE_ETAG, 'last-modified': FIXTURE_LAST_MODIFIED };
        const ifNoneMatch = req.headers['if-none-match'];
        const ifModifiedSince = req.headers['if-modified-since'];
        if (ifNoneMatch ? ifNoneMatch === FIXTURE_ETAG : ifModifiedSince === FIXTURE_LAST_MODIFIED) {
          res.writeHead(304, validators);
          res.end();
          return;
        }
        return serveFixture(res, 'vnexpress-2025.rss', validators);
      }
      case MISBEHAVIOUR.huge:
        return streamHuge(req, res);
      case MISBEHAVIOUR.gzipBomb:
        return streamBomb(req, res, 'gzip');
      case MISBEHAVIOUR.brotliBomb:
        return streamBomb(req, res, 'br');
      case MISBEHAVIOUR.deflateBomb:
        return streamBomb(req, res, 'deflate');
      case MISBEHAVIOUR.corruptGzip:
        return send(res, 200, Buffer.from('this is not gzip at all, just text'), {
          'content-encoding': 'gzip',
          'content-type': 'application/rss+xml',
        });
      case MISBEHAVIOUR.malformed:
        return serveFixture(res, 'malformed.xml');
      case MISBEHAVIOUR.billionLaughs:
        return serveFixture(res, 'billion-laughs.xml');
      case MISBEHAVIOUR.xxe:
        return serveFixture(res, 'xxe.xml');
      case MISBEHAVIOUR.nested:
        return send(res, 200, nestedXml(), { 'content-type': 'application/rss+xml; charset=utf-8' });
      case MISBEHAVIOUR.wrongCharset:
        return send(res, 200, fixtureBody('tuoitre.rss'), {
          'content-type': 'application/rss+xml; charset=iso-8859-1',
        });
      case MISBEHAVIOUR.redirectLoop:
        return redirect(res, `${MISBEHAVIOUR.redirectLoop}-b`);
      case `${MISBEHAVIOUR.redirectLoop}-b`:
        return redirect(res, `${origin}${MISBEHAVIOUR.redirectLoop}`);
      case MISBEHAVIOUR.redirectPrivate:
        return redirect(res, 'http://10.0.0.1/feed.rss');
      case MISBEHAVIOUR.redirectMetadata:
        return redirect(res, 'http://169.254.169.254/latest/meta-data/');
      case MISBEHAVIOUR.emptyListing:
        return serveFixture(res, 'empty-listing.html');
      default:
        return send(res, 404, 'not found', { 'content-type': 'text/plain' });
    }
  }

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    hits: (path) => hitCounts.get(new URL(path, origin).pathname) ?? 0,
    lastHeaders: (path) => headersByPath.get(new URL(path, origin).pathname),
    setFeed: (path, body, headers = {}) => {
      overrides.set(new URL(path, origin).pathname, {
        body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
        headers,
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
