/**
 * Test-only bridge to test/fixture-feed-server. The server's tsconfig has rootDir "server", so a spec cannot import
 * a file outside it without breaking the type check; this loads the module at run time (Jest compiles it) and
 * describes its API here. Keep in step with test/fixture-feed-server/fixture-feed-server.ts.
 */
import { join } from 'node:path';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export interface FixtureFeedServer {
  url: string;
  close(): Promise<void>;
  hits(path: string): number;
  lastHeaders(path: string): IncomingHttpHeaders | undefined;
  setFeed(path: string, body: string | Buffer, headers?: OutgoingHttpHeaders): void;
}

export interface FixtureFeedServerModule {
  startFixtureFeedServer(): Promise<FixtureFeedServer>;
  fixtureBody(file: string): Buffer;
  fixtureContentType(file: string): string;
  nestedXml(depth?: number): string;
  encodeWindows1258(text: string): Buffer;
  FIXTURE_ETAG: string;
  FIXTURE_LAST_MODIFIED: string;
  NESTED_DEPTH: number;
  MISBEHAVIOUR: {
    slow: string;
    serverError: string;
    tooManyRequests: string;
    unavailableUntilDate: string;
    etag: string;
    huge: string;
    gzipBomb: string;
    brotliBomb: string;
    deflateBomb: string;
    corruptGzip: string;
    malformed: string;
    billionLaughs: string;
    xxe: string;
    nested: string;
    wrongCharset: string;
    redirectLoop: string;
    redirectPrivate: string;
    redirectMetadata: string;
    redirectChain(hops: number): string;
    emptyListing: string;
  };
}

export const FIXTURE_FEED_SERVER_PATH = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixture-feed-server');

export function loadFixtureFeedServer(): FixtureFeedServerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(FIXTURE_FEED_SERVER_PATH) as FixtureFeedServerModule;
}
