import { startFeedServer, type FeedServer } from './feed-server';
import { itemPath } from './feeds';
import { ITEMS, OUTLETS } from './script';

describe('the demo outlets', () => {
  let now = new Date('2026-12-05T09:00:00+07:00');
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer(() => now);
  });
  afterAll(async () => {
    await feeds.close();
  });
  const text = async (path: string) => {
    const res = await fetch(feeds.url + path);
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
  };

  it('serves only the week before until the timeline starts, dated before the start', async () => {
    const backdrop = ITEMS.filter((i) => i.ageMinutes !== undefined);
    expect(feeds.published().map((p) => p.item)).toEqual(backdrop);
    for (const p of feeds.published()) expect(p.publishedAt.getTime()).toBeLessThan(now.getTime());
    // Every outlet has something from the start: an empty section page would read as a broken layout.
    for (const outlet of OUTLETS) expect(backdrop.some((i) => i.outlet === outlet.key)).toBe(true);
  });

  it('lets each item appear at its time, in its outlet’s feed and with its article page', async () => {
    const t0 = now;
    feeds.start(t0);
    const crisis = ITEMS.find((i) => i.outlet === 'tingovap' && i.ageMinutes === undefined)!;
    const listing = OUTLETS.find((o) => o.key === 'tingovap')!;
    expect((await text(listing.path)).body).not.toContain(crisis.title);
    expect((await text(itemPath(crisis))).status).toBe(404);

    now = new Date(t0.getTime() + crisis.at * 1000);
    const page = await text(listing.path);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain(crisis.title);
    const article = await text(itemPath(crisis));
    expect(article.status).toBe(200);
    expect(article.body).toContain(crisis.body[0]);
    expect(feeds.published().find((p) => p.item === crisis)?.publishedAt).toEqual(now);
  });

  it('writes each outlet in its own format', async () => {
    now = new Date(now.getTime() + 3600_000);
    const body = async (key: string) => (await text(OUTLETS.find((o) => o.key === key)!.path)).body;
    expect(await body('tuoitre')).toMatch(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT\+7<\/pubDate>/);
    expect(await body('vnexpress')).toMatch(/<!\[CDATA\[ <a href="[^"]+"><img src="[^"]+"><\/a><\/br>/);
    expect(await body('gnews')).toMatch(/<source url="https:\/\/plo\.vn">Pháp Luật TP\.HCM<\/source>/);
    expect(await body('facebook')).toContain('<author>');
  });
});
