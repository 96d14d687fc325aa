/**
 * `npm run demo:screenshots`: the README's pictures, taken from the demo itself. It runs the demo on a free port in a
 * temporary folder, waits until the crisis has spread (the ticket carries four outlets), signs in as the office
 * spokesperson in headless Chromium (the one npm installs, or MW_CHROMIUM) and saves the dashboard at 1440×900 and on
 * a 390×844 phone into docs/images/. Then it stops the demo.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveChromium } from '@mw/server/dist/common/browser/chromium';
import type { IncidentListResponse } from '@mw/shared';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ApiSession } from './api';
import { startDemo } from './demo';
import { DEFAULT_DEMO_PASSWORD } from './people';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'docs', 'images');
const out = (line: string) => void process.stdout.write(`${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('[data-incident-id]').first().waitFor({ timeout: 30_000 });
  // Live updates connected, fonts and the list settled.
  await page.locator('.realtime-live').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
}

async function shoot(browser: Browser, base: string, password: string): Promise<string[]> {
  const saved: string[] = [];
  const views = [
    { file: 'demo-dashboard-desktop.png', viewport: { width: 1440, height: 900 }, isMobile: false },
    { file: 'demo-dashboard-phone.png', viewport: { width: 390, height: 844 }, isMobile: true },
  ];
  for (const view of views) {
    const context = await browser.newContext({
      viewport: view.viewport,
      isMobile: view.isMobile,
      hasTouch: view.isMobile,
      deviceScaleFactor: view.isMobile ? 2 : 1,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const page = await context.newPage();
    await signIn(page, base, 'vanphong@demo.local', password);
    const file = path.join(OUT, view.file);
    await page.screenshot({ path: file });
    saved.push(file);
    if (!view.isMobile) {
      await page.locator('[data-incident-id] a').first().click();
      await page.locator('.incident-detail').waitFor();
      await page.waitForTimeout(1500);
      const detail = path.join(OUT, 'demo-incident-desktop.png');
      await page.screenshot({ path: detail });
      saved.push(detail);
    }
    await context.close();
  }
  return saved;
}

async function main(): Promise<number> {
  const password = process.env.MW_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-demo-shots-'));
  fs.mkdirSync(OUT, { recursive: true });
  const demo = await startDemo({
    root: ROOT,
    port: await freePort(),
    dataDir,
    keep: false,
    password,
    out: (line) => out(`  demo ${line}`),
  });
  let browser: Browser | undefined;
  try {
    const base = demo.dashboardUrl.replace('localhost', '127.0.0.1');
    const office = new ApiSession(base, 'vanphong@demo.local', password);
    const deadline = Date.now() + 6 * 60_000;
    for (;;) {
      const list = await office.get<IncidentListResponse>('/incidents');
      if (list.items.some((i) => i.outletCount >= 4 && i.escalationLevel >= 2)) break;
      if (Date.now() > deadline) throw new Error('the crisis did not spread within 6 minutes');
      await new Promise((r) => setTimeout(r, 2000));
    }
    const launch = await resolveChromium(process.env.MW_CHROMIUM || undefined);
    browser = await chromium.launch({
      executablePath: launch.executablePath,
      args: launch.args,
      env: { ...process.env, ...launch.env },
      headless: true,
    });
    for (const file of await shoot(browser, demo.dashboardUrl, password)) out(`saved ${path.relative(ROOT, file)}`);
    return 0;
  } finally {
    await browser?.close();
    await demo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
