/**
 * The browser comes from npm: @sparticuz/chromium's brotli files unpacked once per version. Two processes unpacking
 * into the same empty cache at once (parallel Jest workers on a fresh machine) must both end with one complete,
 * runnable browser, and a launch from it renders Vietnamese text.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { resolveChromium } from '../server/src/common/browser/chromium';
import { launchBrowser } from './support/browser';
import { ROOT } from './support/server-process';

const run = promisify(execFile);

describe('browser from npm', () => {
  let cache: string;
  beforeAll(() => {
    cache = mkdtempSync(path.join(os.tmpdir(), 'mw-chromium-cache-'));
  });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('unpacks once when two processes race, leaving one runnable browser and no half-written folder', async () => {
    // Each child is a fresh process with its own module state, as two Jest workers are.
    const child = (): Promise<{ stdout: string }> =>
      run(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(path.join(ROOT, 'server/dist/common/browser/chromium.js'))})` +
            `.unpackBundledChromium(${JSON.stringify(cache)}).then((d) => console.log(d))`,
        ],
        { cwd: ROOT },
      );
    const [a, b] = await Promise.all([child(), child()]);
    const dir = a.stdout.trim();
    expect(b.stdout.trim()).toBe(dir);
    expect(readdirSync(cache)).toEqual([path.basename(dir)]);
    expect(existsSync(path.join(dir, '.complete'))).toBe(true);
    const { stdout } = await run(path.join(dir, 'chromium'), ['--version']);
    expect(stdout).toMatch(/^Chromium \d+\./);
  });

  it('refuses an MW_CHROMIUM that names nothing, saying which setting is wrong', async () => {
    await expect(resolveChromium('/nonexistent/chromium')).rejects.toThrow(/MW_CHROMIUM/);
  });

  it('launches and lays out Vietnamese text with its diacritics', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.browser.newPage();
      await page.setContent('<p style="font-family: \'Open Sans\'">Trường THCS Phan Tây Hồ, phường Gò Vấp</p>');
      const width = await page.evaluate(() => document.querySelector('p')!.getBoundingClientRect().width);
      expect(width).toBeGreaterThan(100);
      expect(await page.textContent('p')).toBe('Trường THCS Phan Tây Hồ, phường Gò Vấp');
    } finally {
      await browser.close();
    }
  });
});
