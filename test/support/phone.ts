import * as fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The phone the issue was tried on: 390 × 844 CSS pixels, touch, Vietnamese, Ho Chi Minh City time. */
export const PHONE = { width: 390, height: 844 } as const;

export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    screen: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // The dashboard's Content-Security-Policy refuses inline scripts; axe-core is injected as one.
    bypassCSP: true,
  });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical violations that axe-core (injected into the page) finds in the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How much wider than the viewport the document is (0 when nothing scrolls sideways), and what sticks out. */
export async function sidewaysOverflow(page: Page): Promise<{ excess: number; widest: string[] }> {
  return page.evaluate(() => {
    const excess = document.documentElement.scrollWidth - window.innerWidth;
    const widest: string[] = [];
    if (excess > 0) {
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const r = el.getBoundingClientRect();
        if (r.right > window.innerWidth + 1 && widest.length < 5) {
          widest.push(`${el.tagName.toLowerCase()}.${(el as HTMLElement).className} → ${Math.round(r.right)}px`);
        }
      }
    }
    return { excess, widest };
  });
}
