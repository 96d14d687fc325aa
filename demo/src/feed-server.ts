/**
 * The demo's outlets on 127.0.0.1: each feed (or section page) lists the script's items whose time has come, and
 * each press item has its article page. Nothing is pushed into the product: it polls these addresses like any
 * other source. The mailbox pages of the mail catcher are served here too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentTypeOf, itemPath, renderArticle, renderFeed, type Published } from './feeds';
import { ITEMS, OUTLETS, type DemoItem, type DemoOutlet } from './script';

export interface FeedServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The timeline's T0: items appear `at` seconds after it. Before start() only the backdrop is out. */
  start(t0: Date): void;
  /** Items out at `now`. */
  published(now?: Date): Published[];
  feedUrl(outlet: DemoOutlet): string;
  close(): Promise<void>;
}

export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

export async function startFeedServer(
  clock: () => Date = () => new Date(),
  extra?: ExtraRoute,
  /** A port to try first (the last run's, with --keep, so stored links stay valid); any free one otherwise. */
  preferredPort = 0,
): Promise<FeedServer> {
  let t0: Date | null = null;
  const demoStart = clock();

  // The week before is dated from the demo's start; live items from T0, the moment they appear.
  const publishedAt = (item: DemoItem): Date =>
    item.ageMinutes !== undefined
      ? new Date(demoStart.getTime() - item.ageMinutes * 60_000)
      : new Date((t0 ?? demoStart).getTime() + item.at * 1000);
  const published = (now = clock()): Published[] =>
    ITEMS.filter((item) =>
      item.ageMinutes !== undefined ? true : t0 !== null && now.getTime() >= t0.getTime() + item.at * 1000,
    ).map((item) => ({ item, publishedAt: publishedAt(item) }));

  const pages = new Map(ITEMS.map((item) => [itemPath(item), item]));
  let origin = '';

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    const buffer = Buffer.from(body, 'utf8');
    res.writeHead(status, { 'content-type': type, 'content-length': buffer.length, 'cache-control': 'no-cache' });
    res.end(buffer);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const path = url.pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    if (extra?.(req, res, path)) return;
    const now = clock();
    const outlet = OUTLETS.find((o) => new URL(o.path, 'http://demo.invalid').pathname === path);
    if (outlet) {
      const items = published(now).filter((p) => p.item.outlet === outlet.key);
      return send(res, 200, contentTypeOf(outlet), renderFeed(outlet, origin, items, now));
    }
    const item = pages.get(path);
    const out = item ? published(now).find((p) => p.item === item) : undefined;
    const page = out ? renderArticle(out.item, out.publishedAt) : null;
    if (page) return send(res, 200, 'text/html; charset=utf-8', page);
    send(res, 404, 'text/html; charset=utf-8', '<!DOCTYPE html><title>404</title><p>Không tìm thấy trang.</p>');
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await (preferredPort > 0 ? listen(preferredPort).catch(() => listen(0)) : listen(0));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    start(at) {
      t0 = at;
    },
    published,
    feedUrl: (outlet) => origin + outlet.path,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
