/**
 * Prints report HTML to PDF with headless Chromium (the npm-provided build, or MW_CHROMIUM). Kept safe for a server:
 * - nothing is navigated to: the page is set from our own HTML string (`setContent`), JavaScript is off, the context
 *   is offline and every request it would make (an image, a font, a link prefetch) is aborted, so the renderer never
 *   touches the network whatever a headline contains;
 * - bounded: at most MW_PDF_CONCURRENCY pages at once, at most MAX_WAITING more waiting (then a 503), a timeout per
 *   page, HTML size capped, V8 heap of the renderer capped;
 * - one browser per instance, launched on first use, reused, and closed after IDLE_CLOSE_MS without work, when it
 *   crashes (the next render launches a new one) and when the application shuts down.
 */
import { Injectable, Logger, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { ErrorCode } from '@mw/shared';
import { chromium, type Browser } from 'playwright-core';
import { resolveChromium } from '../../../common/browser/chromium';
import { AppConfig } from '../../../config/app-config';

export const MAX_WAITING = 16;
export const RENDER_TIMEOUT_MS = 30_000;
export const IDLE_CLOSE_MS = 60_000;
export const MAX_HTML_BYTES = 8 * 1024 * 1024;

export interface PdfOptions {
  /** HTML of the footer printed on every page (Chromium fills `.pageNumber` and `.totalPages`). */
  footer: string;
}

@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger('pdf');
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(private readonly config: AppConfig) {}

  async render(html: string, options: PdfOptions): Promise<Buffer> {
    if (Buffer.byteLength(html) > MAX_HTML_BYTES) throw new Error('report HTML too large to print');
    await this.slot();
    try {
      const browser = await this.launched();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
      try {
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        page.setDefaultTimeout(RENDER_TIMEOUT_MS);
        await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
        return await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: options.footer,
          margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
        });
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      this.release();
    }
  }

  /** Waits for a free page slot; refuses with 503 when too many are already waiting. */
  private slot(): Promise<void> {
    if (this.closing) return Promise.reject(unavailable('the server is shutting down'));
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    if (this.active < this.config.env.MW_PDF_CONCURRENCY) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= MAX_WAITING) return Promise.reject(unavailable('too many PDFs are being printed'));
    return new Promise((resolve) => this.waiting.push(() => resolve()));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
      return;
    }
    this.active--;
    if (this.active === 0 && !this.closing) {
      this.idleTimer = setTimeout(() => void this.closeBrowser(), IDLE_CLOSE_MS);
      this.idleTimer.unref();
    }
  }

  private launched(): Promise<Browser> {
    this.browser ??= this.launch().catch((err: unknown) => {
      this.browser = null;
      throw err;
    });
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const launch = await resolveChromium(this.config.env.MW_CHROMIUM || undefined);
    const browser = await chromium.launch({
      executablePath: launch.executablePath,
      args: [
        ...launch.args,
        '--js-flags=--max-old-space-size=256',
        '--renderer-process-limit=2',
        '--disable-extensions',
      ],
      env: { ...process.env, ...launch.env },
      headless: true,
    });
    browser.on('disconnected', () => {
      this.browser = null;
    });
    this.logger.log('Chromium started for PDF rendering');
    return browser;
  }

  private async closeBrowser(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.closeBrowser();
  }
}

function unavailable(message: string): ServiceUnavailableException {
  return new ServiceUnavailableException({ code: ErrorCode.TooManyRequests, message });
}
