/**
 * The only way Media Watch reads the outside web. It resolves DNS itself, refuses private, loopback, link-local,
 * CGNAT, unique-local and metadata addresses (unless allow-listed), then connects to exactly the address it checked
 * (a pinned `lookup`, so a second DNS answer cannot swap in 127.0.0.1) while keeping the Host header and TLS SNI.
 * Every redirect hop goes through the same check. Bodies are capped after decompression and the stream is torn
 * down the moment the cap is passed, so a gzip bomb costs a few kilobytes of input and one 16 KiB zlib chunk.
 * Hosts that answered 429/503 with Retry-After are remembered, and every later request to that host fails fast
 * with RETRY_LATER until the time has passed. At most `maxPerHost` requests run against one host at once.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingHttpHeaders, IncomingMessage, ClientRequest } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

import { classifyAddress, createAllowList } from './address-policy';
import { FetchError } from './fetch-error';
import { HostLimiter } from './host-limiter';
import { parseRetryAfter } from './retry-after';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has; tests pass a fake one. */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetcherOptions {
  userAgent?: string;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Hostnames, IP addresses or CIDRs (e.g. '127.0.0.1', '10.0.0.0/8', 'localhost') exempt from the SSRF rule. */
  allowPrivateHosts?: readonly string[];
  lookup?: HostLookup;
  maxPerHost?: number;
  /** Used for Retry-After arithmetic and fetchedAt; injectable so tests can move time. */
  now?: () => Date;
  /** Delay asked for by a 429 that carries no Retry-After. */
  defaultRetryAfterMs?: number;
  /** Upper bound on how far a Retry-After may push a host back. */
  maxRetryAfterMs?: number;
}

export interface FetchOptions {
  etag?: string;
  lastModified?: string;
  accept?: string;
  /**
   * Stops the fetch where it is (waiting for its turn at the host, connecting or reading): it rejects with the
   * signal's reason and its socket is destroyed. A poll whose lease is lost aborts its article fetches this way.
   */
  signal?: AbortSignal;
}

export interface FetchResult {
  status: number;
  /** Final URL after redirects. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  notModified: boolean;
  fetchedAt: Date;
}

export interface SafeFetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchResult>;
  /** When the host asked to be left alone until, if that moment is still ahead. */
  notBefore(host: string): Date | undefined;
}

export const DEFAULT_USER_AGENT = 'MediaWatch/0.1 (+Go Vap education office media monitor)';
const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const defaultLookup: HostLookup = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function parseHttpUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new FetchError('BAD_URL', `refused: "${raw.slice(0, 200)}" is not a valid URL`, { url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('BAD_URL', `refused: only http and https are fetched, not ${url.protocol.replace(':', '')}`, {
      url: url.href,
    });
  }
  if (url.username || url.password) {
    throw new FetchError('BAD_URL', 'refused: URLs with embedded credentials are not fetched', { url: url.href });
  }
  return url;
}

function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function describeNetworkError(error: unknown, url: URL): FetchError {
  if (error instanceof FetchError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') {
    return new FetchError('CONNECT', `connection to ${url.host} was refused`, { url: url.href, cause: error });
  }
  if (code === 'ETIMEDOUT') {
    return new FetchError('TIMEOUT', `connection to ${url.host} timed out`, { url: url.href, cause: error });
  }
  return new FetchError('NETWORK', `network error talking to ${url.host}: ${detail}`, { url: url.href, cause: error });
}

/** A lookup for http.request that answers with the one address we already checked, never asking DNS again. */
function pinnedLookup(target: ResolvedAddress) {
  return (
    _hostname: string,
    options: { all?: boolean },
    callback: (err: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void,
  ): void => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

/** Everything an in-flight fetch may need to tear down when the total deadline passes or it is aborted. */
interface Phase {
  reject(error: Error): void;
  destroy(): void;
}

/** The reason an aborted signal carries, as an Error. */
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the fetch was aborted');
}

export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetcher {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const lookup = options.lookup ?? defaultLookup;
  const now = options.now ?? (() => new Date());
  const defaultRetryAfterMs = options.defaultRetryAfterMs ?? 60_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 24 * 3600_000;
  const allowList = createAllowList(options.allowPrivateHosts ?? []);
  const limiter = new HostLimiter(options.maxPerHost ?? 2);
  const notBeforeByHost = new Map<string, Date>();

  function notBefore(host: string): Date | undefined {
    const key = host.toLowerCase();
    const at = notBeforeByHost.get(key);
    if (at && at.getTime() <= now().getTime()) {
      notBeforeByHost.delete(key);
      return undefined;
    }
    return at;
  }

  async function resolveTarget(url: URL): Promise<ResolvedAddress> {
    const hostname = bareHostname(url);
    const hostAllowed = allowList.allowsHost(hostname);
    const literal = isIP(hostname);
    if (literal !== 0) {
      const reason = classifyAddress(hostname);
      if (reason && !hostAllowed && !allowList.allowsAddress(hostname)) {
        throw new FetchError('SSRF_BLOCKED', `refused: ${hostname} is ${reason}`, { url: url.href });
      }
      return { address: hostname, family: literal === 6 ? 6 : 4 };
    }
    let answers: ResolvedAddress[];
    try {
      answers = await lookup(hostname);
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
      throw new FetchError('DNS', `could not resolve ${hostname} (${code})`, { url: url.href, cause: error });
    }
    if (answers.length === 0)
      throw new FetchError('DNS', `could not resolve ${hostname} (no addresses)`, { url: url.href });
    const usable = answers.find(
      (a) => hostAllowed || allowList.allowsAddress(a.address) || classifyAddress(a.address) === undefined,
    );
    if (!usable) {
      const first = answers[0];
      throw new FetchError(
        'SSRF_BLOCKED',
        `refused: ${hostname} resolves to ${first.address}, which is ${classifyAddress(first.address)}`,
        { url: url.href },
      );
    }
    return usable;
  }

  function retryLater(url: URL, status: number, header: string | undefined): FetchError {
    const at = now();
    let retryAt = parseRetryAfter(header, at);
    if (!retryAt && status === 429) retryAt = new Date(at.getTime() + defaultRetryAfterMs);
    if (!retryAt) {
      return new FetchError('HTTP_STATUS', `${url.host} answered HTTP ${status}`, { url: url.href, status });
    }
    if (retryAt.getTime() - at.getTime() > maxRetryAfterMs) retryAt = new Date(at.getTime() + maxRetryAfterMs);
    notBeforeByHost.set(bareHostname(url), retryAt);
    return new FetchError(
      'RETRY_LATER',
      `${url.host} answered HTTP ${status} and asked to retry after ${retryAt.toISOString()}`,
      { url: url.href, status, retryAt },
    );
  }

  async function fetchOnce(startUrl: URL, fetchOptions: FetchOptions): Promise<FetchResult> {
    let phase: Phase | undefined;
    /** Why the fetch was stopped (total timeout, or its signal), the first reason winning. */
    let stopped: Error | undefined;
    const stop = (error: Error): void => {
      stopped ??= error;
      // Reject before tearing down: destroying the socket fires its own 'aborted'/'error', which must not win.
      phase?.reject(stopped);
      phase?.destroy();
    };
    const timer = setTimeout(
      () =>
        stop(
          new FetchError('TIMEOUT', `gave up on ${startUrl.host} after ${totalTimeoutMs} ms (total timeout)`, {
            url: startUrl.href,
          }),
        ),
      totalTimeoutMs,
    );
    const signal = fetchOptions.signal;
    const onAbort = (): void => stop(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });

    function inPhase<T>(
      start: (resolve: (value: T) => void, reject: (e: FetchError) => void) => () => void,
    ): Promise<T> {
      if (stopped) return Promise.reject(stopped);
      return new Promise<T>((resolve, reject) => {
        let settled = false;
        const settleResolve = (value: T): void => {
          if (!settled) {
            settled = true;
            resolve(value);
          }
        };
        const settleReject = (error: Error): void => {
          if (!settled) {
            settled = true;
            reject(error);
          }
        };
        const destroy = start(settleResolve, settleReject);
        phase = { reject: settleReject, destroy };
      });
    }

    try {
      let url = startUrl;
      for (let hop = 0; ; hop++) {
        if (hop > 0) throwIfHeldBack(url);
        const target = await inPhase<ResolvedAddress>((resolve, reject) => {
          resolveTarget(url).then(resolve, (e: unknown) => reject(describeNetworkError(e, url)));
          return () => undefined;
        });
        const { req, res } = await sendRequest(url, target, fetchOptions);

        if (REDIRECT_STATUSES.has(res.statusCode ?? 0) && res.headers.location) {
          res.resume();
          req.destroy();
          if (hop >= maxRedirects) {
            throw new FetchError(
              'TOO_MANY_REDIRECTS',
              `stopped after ${maxRedirects} redirects (last at ${url.href})`,
              {
                url: url.href,
              },
            );
          }
          url = parseHttpUrl(res.headers.location, url);
          continue;
        }
        const status = res.statusCode ?? 0;
        if (status === 304) {
          res.resume();
          req.destroy();
          return {
            status,
            url: url.href,
            headers: flattenHeaders(res.headers),
            body: Buffer.alloc(0),
            notModified: true,
            fetchedAt: now(),
          };
        }
        if (status === 429 || status === 503) {
          res.resume();
          req.destroy();
          throw retryLater(url, status, res.headers['retry-after']);
        }
        if (status < 200 || status >= 300) {
          res.resume();
          req.destroy();
          throw new FetchError('HTTP_STATUS', `${url.host} answered HTTP ${status} for ${url.pathname}`, {
            url: url.href,
            status,
          });
        }
        const body = await readBody(url, req, res);
        return {
          status,
          url: url.href,
          headers: flattenHeaders(res.headers),
          body,
          notModified: false,
          fetchedAt: now(),
        };
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }

    function sendRequest(url: URL, target: ResolvedAddress, fetchOpts: FetchOptions) {
      return inPhase<{ req: ClientRequest; res: IncomingMessage }>((resolve, reject) => {
        const headers: Record<string, string> = {
          host: url.host,
          'user-agent': userAgent,
          accept: fetchOpts.accept ?? DEFAULT_ACCEPT,
          'accept-encoding': 'gzip, deflate, br',
          'accept-language': 'vi,en;q=0.5',
        };
        if (fetchOpts.etag) headers['if-none-match'] = fetchOpts.etag;
        if (fetchOpts.lastModified) headers['if-modified-since'] = fetchOpts.lastModified;
        const hostname = bareHostname(url);
        const transport = url.protocol === 'https:' ? https : http;
        const req = transport.request({
          protocol: url.protocol,
          hostname,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers,
          agent: false,
          lookup: pinnedLookup(target) as unknown as http.RequestOptions['lookup'],
          servername: isIP(hostname) === 0 ? hostname : undefined,
        });
        let connectTimer: NodeJS.Timeout | undefined;
        req.on('socket', (socket) => {
          if (!socket.connecting) return;
          connectTimer = setTimeout(() => {
            const error = new FetchError('TIMEOUT', `could not connect to ${url.host} within ${connectTimeoutMs} ms`, {
              url: url.href,
            });
            reject(error);
            req.destroy(error);
          }, connectTimeoutMs);
          socket.once('connect', () => clearTimeout(connectTimer));
        });
        req.on('error', (error) => {
          clearTimeout(connectTimer);
          reject(describeNetworkError(error, url));
        });
        req.on('response', (res) => {
          clearTimeout(connectTimer);
          resolve({ req, res });
        });
        req.end();
        return () => {
          clearTimeout(connectTimer);
          req.destroy();
        };
      });
    }

    function readBody(url: URL, req: ClientRequest, res: IncomingMessage): Promise<Buffer> {
      return inPhase<Buffer>((resolve, reject) => {
        const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
        const declared = Number(res.headers['content-length']);
        let decoder: zlib.Gunzip | zlib.Unzip | zlib.BrotliDecompress | undefined;
        if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
        else if (encoding === 'deflate') decoder = zlib.createUnzip();
        else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
        else if (encoding !== 'identity' && encoding !== '') {
          req.destroy();
          reject(
            new FetchError('DECOMPRESSION', `unsupported content-encoding "${encoding}" from ${url.host}`, {
              url: url.href,
            }),
          );
          return () => undefined;
        }
        const tearDown = (): void => {
          decoder?.destroy();
          res.destroy();
          req.destroy();
        };
        if (!decoder && Number.isFinite(declared) && declared > maxBodyBytes) {
          reject(
            new FetchError('TOO_LARGE', `${url.host} announced ${declared} bytes, over the ${maxBodyBytes}-byte cap`, {
              url: url.href,
            }),
          );
          tearDown();
          return tearDown;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const stream: Readable = decoder ? res.pipe(decoder) : res;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            const what = decoder ? 'decompressed body' : 'body';
            reject(
              new FetchError('TOO_LARGE', `${what} from ${url.host} passed the ${maxBodyBytes}-byte cap`, {
                url: url.href,
              }),
            );
            chunks.length = 0;
            tearDown();
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => resolve(Buffer.concat(chunks, size)));
        stream.on('error', (error: Error) => {
          if (decoder && stream === decoder) {
            reject(
              new FetchError('DECOMPRESSION', `could not decode ${encoding} body from ${url.host}: ${error.message}`, {
                url: url.href,
                cause: error,
              }),
            );
          } else reject(describeNetworkError(error, url));
          tearDown();
        });
        res.on('aborted', () =>
          reject(new FetchError('NETWORK', `${url.host} closed the connection mid-body`, { url: url.href })),
        );
        if (decoder) res.on('error', (error) => reject(describeNetworkError(error, url)));
        return tearDown;
      });
    }
  }

  function throwIfHeldBack(url: URL): void {
    const host = bareHostname(url);
    const waitUntil = notBefore(host);
    if (waitUntil) {
      throw new FetchError('RETRY_LATER', `${host} asked to be left alone until ${waitUntil.toISOString()}`, {
        url: url.href,
        retryAt: waitUntil,
      });
    }
  }

  async function fetch(rawUrl: string, fetchOptions: FetchOptions = {}): Promise<FetchResult> {
    const url = parseHttpUrl(rawUrl);
    throwIfHeldBack(url);
    const { signal } = fetchOptions;
    if (signal?.aborted) throw abortReason(signal);
    return limiter.run(bareHostname(url), () =>
      signal?.aborted ? Promise.reject(abortReason(signal)) : fetchOnce(url, fetchOptions),
    );
  }

  return { fetch, notBefore };
}
