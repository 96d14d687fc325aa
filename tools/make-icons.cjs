/**
 * Renders web/public/icons/icon.svg into the PNG icons the web app manifest names (192 and 512 px; the artwork keeps
 * its bell inside the maskable safe zone). Run after changing the SVG: `node tools/make-icons.cjs`. Uses the
 * Chromium from npm, like the browser tests.
 */
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

async function main() {
  const sparticuz = require('@sparticuz/chromium').default;
  const executablePath = process.env.MW_CHROMIUM || (await sparticuz.executablePath());
  // Not sparticuz.args: its --single-process allows only one page per launch.
  const args = ['--no-sandbox', '--no-zygote', '--disable-gpu', '--disable-dev-shm-usage'];
  const browser = await chromium.launch({ executablePath, args, headless: true });
  const dir = path.join(__dirname, '..', 'web', 'public', 'icons');
  const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
  try {
    for (const size of [192, 512]) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(
        `<html><body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      await page.screenshot({ path: path.join(dir, `icon-${size}.png`), omitBackground: false });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
