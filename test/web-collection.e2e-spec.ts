/**
 * An install that collects nothing says so, in a real browser against the real server: office roles see the banner on
 * every page, it comes and goes live (health.changed over the socket, long before the minute's refetch), it leads to
 * the sources, where failing sources come first with their errors in Vietnamese; a school's principal sees no banner;
 * the incidents page tells "no incident yet" from "no match for these filters"; Settings reports the pipeline.
 * Failing sources are real failures on 127.0.0.1: an HTTP 500 and a port nobody listens on.
 */
import * as net from 'node:net';
import type { Page } from 'playwright-core';
import { startFixtureFeedServer, MISBEHAVIOUR, type FixtureFeedServer } from './fixture-feed-server';
import { ADMIN, startWebApp, type WebApp } from './support/web-app';

const PRINCIPAL = { email: 'hieutruong.nguon@govap.test', password: 'Principal-pass-2026!' };
const SCHOOL = '79764507';

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('collection banner and empty states in a real browser', () => {
  let app: WebApp;
  let feeds: FixtureFeedServer;

  beforeAll(async () => {
    feeds = await startFixtureFeedServer();
    app = await startWebApp({
      database: 'mw_web_collection',
      env: {
        MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
        MW_POLL_TICK_SECONDS: '1',
        MW_FETCH_CONNECT_TIMEOUT_MS: '1000',
        MW_FETCH_TOTAL_TIMEOUT_MS: '3000',
      },
    });
    await app.createPerson({ name: 'Trần Thị Mai', ...PRINCIPAL }, [{ role: 'principal', unitCode: SCHOOL }]);
  });
  afterAll(async () => {
    await app?.stop();
    await feeds?.close();
  });

  const banner = (page: Page) => page.getByTestId('collection-banner');

  // First, while no source has brought anything in.
  it('tells "no incident yet" from "no incident matches these filters"', async () => {
    const page = await app.browser.newPage();
    await app.signIn(page, ADMIN);
    const empty = page.getByTestId('incidents-empty');
    await empty.waitFor();
    expect(await empty.getAttribute('data-reason')).toBe('none');
    expect(await empty.textContent()).toMatch(/^Chưa có sự vụ nào\./);

    await page.goto(`${app.baseUrl}/incidents?severity=S1`);
    await empty.and(page.locator('[data-reason="filtered"]')).waitFor();
    expect(await empty.textContent()).toContain('Không có sự vụ nào khớp bộ lọc.');
    await empty.getByRole('button', { name: 'Bỏ bộ lọc' }).click();
    await page.locator('[data-testid="incidents-empty"][data-reason="none"]').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });

  it('tells the office, live and on every page, that nothing is collected, and leads to the failing sources', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await app.signIn(page, ADMIN);
    await page.locator('.realtime-live').waitFor();
    // No source at all yet.
    await banner(page).filter({ hasText: 'Không thu thập được tin: chưa bật nguồn tin nào' }).waitFor();

    // Two sources that fail for real; the banner changes while the page stays open (the refetch is a minute away).
    const shownAt = Date.now();
    await app.api('POST', '/api/sources', {
      name: 'Báo Giáo dục (máy chủ lỗi)',
      url: `${feeds.url}${MISBEHAVIOUR.serverError}`,
      kind: 'rss',
    });
    await app.api('POST', '/api/sources', {
      name: 'Trang tin phường (không kết nối được)',
      url: `http://127.0.0.1:${await closedPort()}/rss/giao-duc.rss`,
      kind: 'rss',
    });
    await banner(page).filter({ hasText: 'Không thu thập được tin: 2/2 nguồn đang lỗi' }).waitFor({ timeout: 30_000 });
    expect(Date.now() - shownAt).toBeLessThan(45_000);

    // On every page, with a link to the sources.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('heading', { name: 'Cài đặt cá nhân' }).waitFor();
    expect(await banner(page).textContent()).toContain('2/2 nguồn đang lỗi');
    expect(await page.getByTestId('health-collection').textContent()).toBe(
      'Không thu thập được tin: mọi nguồn đang lỗi',
    );
    expect(await page.getByTestId('health-sources').textContent()).toBe(
      '2 nguồn: 0 bình thường, 2 đang lỗi, 0 chưa đọc',
    );
    await banner(page).getByRole('link', { name: 'Kiểm tra các nguồn' }).click();
    await page.getByRole('heading', { name: 'Nguồn tin', level: 2 }).waitFor();
    const errors = await page.getByTestId('source-error').allTextContents();
    expect(errors.sort()).toEqual(['Không kết nối được tới máy chủ của nguồn.', 'Máy chủ của nguồn trả lời lỗi.']);

    // A working source: the banner goes, and the failing ones stay listed first although their names sort later.
    await app.api('POST', '/api/sources', {
      name: 'A Tuổi Trẻ - Giáo dục',
      url: `${feeds.url}/feeds/tuoitre.rss`,
      kind: 'rss',
      settings: { fetchArticles: false },
    });
    await banner(page).waitFor({ state: 'detached', timeout: 30_000 });
    const table = page.getByTestId('sources-table');
    await table.locator('tbody tr').nth(2).filter({ hasText: 'A Tuổi Trẻ - Giáo dục' }).waitFor();
    const names = await table.locator('tbody tr td:first-child strong').allTextContents();
    expect(names).toEqual([
      'Báo Giáo dục (máy chủ lỗi)',
      'Trang tin phường (không kết nối được)',
      'A Tuổi Trẻ - Giáo dục',
    ]);
    await page.close();
  });

  it('shows no banner to a school’s principal, whatever the sources do', async () => {
    const sources = await app.api<{ id: string; name: string }[]>('GET', '/api/sources');
    const working = sources.find((s) => s.name.startsWith('A Tuổi Trẻ'));
    await app.api('PATCH', `/api/sources/${working!.id}`, { enabled: false });
    const office = await app.browser.newPage();
    await app.signIn(office, ADMIN);
    await banner(office).filter({ hasText: '2/2 nguồn đang lỗi' }).waitFor();
    const page = await app.browser.newPage();
    await app.signIn(page, PRINCIPAL);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByTestId('health-collection').waitFor();
    expect(await banner(page).count()).toBe(0);
    await Promise.all([office.close(), page.close()]);
  });
});
