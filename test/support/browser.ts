import { chromium, type Browser } from 'playwright-core';
import { resolveChromium } from '../../server/src/common/browser/chromium';

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium from npm (`@sparticuz/chromium`, unpacked once per version), or the browser `MW_CHROMIUM` names.
 * Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir on launch), so no state leaks
 * between runs.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const launch = await resolveChromium(process.env.MW_CHROMIUM || undefined);
  const browser = await chromium.launch({
    executablePath: launch.executablePath,
    args: launch.args,
    env: { ...process.env, ...launch.env },
    headless: true,
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}
