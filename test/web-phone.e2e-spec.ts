/**
 * The dashboard on a phone, as issue 11 tried it: 390 × 844, touch, vi-VN, the built web app served by the real
 * compiled server on a fresh database, headless Chromium from npm. News arrives the way real news does, from an RSS
 * feed on the fixture feed server, polled, analysed and opened as an incident by the server, so the alert a
 * spokesperson receives is the real chain (intake → notification outbox → in-app delivery → socket). Then every
 * screen is opened on the phone: nothing may be wider than the screen, and axe-core (injected into the page) may
 * find no serious or critical accessibility violation.
 */
import { startFixtureFeedServer, type FixtureFeedServer } from './fixture-feed-server';
import { query } from './support/db';
import { FOOD_POISONING, publish } from './support/news-feed';
import { PHONE, phoneContext, seriousAxeViolations, sidewaysOverflow } from './support/phone';
import { runCli } from './support/server-process';
import { waitFor } from './support/wait';
import { ADMIN, startWebApp, type WebApp } from './support/web-app';

const PASSWORD = 'Mat-khau-thu-2026!';
// Units from server/src/database/seeds/govap-units.csv.
const HOA_SEN = { code: '79764314', name: 'Trường MN Hoa Sen' };
const SPOKESPERSON = { name: 'Lê Minh Tâm', email: 'phatngon.hoasen@govap.test', password: PASSWORD };
const PRINCIPAL = { name: 'Nguyễn Thị Thu Hà', email: 'hieutruong.hoasen@govap.test', password: PASSWORD };

interface IncidentRow {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
}

describe('the dashboard on a 390 px phone', () => {
  let app: WebApp;
  let feeds: FixtureFeedServer;
  let alerted: IncidentRow | undefined;

  beforeAll(async () => {
    feeds = await startFixtureFeedServer();
    app = await startWebApp({
      database: 'mw_web_phone',
      env: {
        MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
        MW_SCHEDULER_ENABLED: 'true',
        MW_POLL_TICK_SECONDS: '1',
        MW_NOTIFY_TICK_SECONDS: '1',
        MW_FETCH_TOTAL_TIMEOUT_MS: '5000',
      },
    });
    await app.createPerson({ ...SPOKESPERSON }, [{ role: 'unit_spokesperson', unitCode: HOA_SEN.code }]);
    await app.createPerson({ ...PRINCIPAL }, [{ role: 'principal', unitCode: HOA_SEN.code }]);
  });

  afterAll(async () => {
    await app?.stop();
    await feeds?.close();
  });

  it('alerts the spokesperson to a new serious incident and lets her acknowledge it in two taps', async () => {
    const context = await phoneContext(app.browser);
    // Counts the notes of the alert chime as the page plays them, and records the system notifications it asks for.
    // The headless shell has no notification centre and answers every permission request with 'denied', so this
    // stands in for a person who allowed notifications earlier.
    await context.addInitScript(() => {
      const seen = window as unknown as { __mwChimeNotes: number; __mwSystemNotifications: string[] };
      seen.__mwChimeNotes = 0;
      seen.__mwSystemNotifications = [];
      const original = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        seen.__mwChimeNotes++;
        return original.call(this);
      };
      // The headless shell has no notification centre and answers 'denied': this stands in for a person who
      // allowed notifications earlier, and records what the page asks to show.
      const Real = window.Notification;
      window.Notification = class extends Real {
        static override get permission(): NotificationPermission {
          return 'granted';
        }
      };
      ServiceWorkerRegistration.prototype.showNotification = async (title: string) => {
        seen.__mwSystemNotifications.push(title);
      };
    });
    const page = await context.newPage();
    await app.signIn(page, SPOKESPERSON);
    await page.locator('.realtime-live').waitFor({ state: 'attached' });
    expect(await page.getByTestId('bell').getAttribute('data-unread')).toBe('0');

    // The news breaks: the outlet's feed carries it, the server polls, analyses, opens a ticket and alerts.
    const feedPath = publish(feeds, 'tuoitre', 'Giáo dục - Tuổi Trẻ Online', [FOOD_POISONING]);
    await app.api('POST', '/api/sources', {
      name: 'Tuổi Trẻ - Giáo dục',
      outlet: 'Tuổi Trẻ',
      url: feeds.url + feedPath,
      kind: 'rss',
      settings: { intervalSeconds: 2 },
    });
    const toast = page.getByTestId('alert-toast');
    await toast.waitFor({ timeout: 60_000 });
    const rows = await query<IncidentRow>(
      app.databaseUrl,
      `SELECT id, number, title, severity, status FROM incident ORDER BY opened_at`,
    );
    expect(rows).toHaveLength(1);
    alerted = rows[0] as IncidentRow;
    expect(['S1', 'S2']).toContain(alerted.severity);
    await toast.getByText(alerted.title).waitFor();
    await toast.getByText(HOA_SEN.name).waitFor();
    await page.locator('[data-testid="bell"][data-unread="1"]').waitFor();
    expect(await page.title()).toBe('(1) Media Watch');
    expect(await page.evaluate(() => (window as unknown as { __mwChimeNotes: number }).__mwChimeNotes)).toBe(2);
    // The system notification, shown through the service worker.
    const shown = await page.evaluate(
      () => (window as unknown as { __mwSystemNotifications: string[] }).__mwSystemNotifications,
    );
    expect(shown.some((title) => title.includes(alerted?.title ?? '?'))).toBe(true);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/mw-phone-toast.png' });

    // Tap one: the toast opens the ticket.
    await toast.getByRole('link', { name: 'Mở sự vụ' }).tap();
    await page.getByRole('heading', { name: alerted.title }).waitFor();
    const acknowledge = page.getByRole('button', { name: 'Tiếp nhận' });
    // The action is on screen without scrolling.
    const box = await acknowledge.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    // Told at opening is not an escalation: no badge until the server records a level above hers as notified.
    expect(await page.getByTestId('escalated-badge').count()).toBe(0);
    await page.screenshot({ path: '/tmp/mw-phone-incident.png' });

    // Tap two: acknowledged.
    await acknowledge.tap();
    await page.locator('.incident-detail header [data-status="acknowledged"]').waitFor();
    const [stored] = await query<{ status: string; acknowledged_at: Date | null }>(
      app.databaseUrl,
      `SELECT status, acknowledged_at FROM incident WHERE id = $1`,
      [alerted.id],
    );
    expect(stored?.status).toBe('acknowledged');
    expect(stored?.acknowledged_at).not.toBeNull();
    // Opening from the toast read the alert: the bell and the title are back to none.
    await waitFor(
      async () => ((await page.getByTestId('bell').getAttribute('data-unread')) === '0' ? true : undefined),
      10_000,
      'bell at 0',
    );
    expect(await page.title()).toBe('Media Watch');
    await context.close();
  });

  it('lets the principal find the escalation in her inbox and acknowledge from it', async () => {
    const ticket = await app.api<IncidentRow>('POST', '/api/incidents', {
      title: 'Phụ huynh phản ánh cô giáo Trường Mầm non Hoa Sen đánh trẻ',
      unitCodes: [HOA_SEN.code],
      category: 'abuse_sexual_misconduct',
      // S1 ignores quiet hours, so the step runs whatever the hour of the test run.
      severity: 'S1',
    });
    // Nobody acknowledges: its deadline passes (moved by hand here) and the escalation step runs, as the cron would.
    await query(
      app.databaseUrl,
      `UPDATE escalation_state SET ack_due_at = now() - interval '1 minute', next_step_at = now() - interval '1 minute'
       WHERE incident_id = $1`,
      [ticket.id],
    );
    const run = await runCli(['incidents', 'escalate'], { DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'error' });
    expect(run.code).toBe(0);

    const context = await phoneContext(app.browser);
    const page = await context.newPage();
    await app.signIn(page, PRINCIPAL);
    const bell = page.getByTestId('bell');
    await waitFor(
      async () => (Number(await bell.getAttribute('data-unread')) >= 1 ? true : undefined),
      20_000,
      'principal alerted',
    );
    await bell.tap();
    await page.getByRole('heading', { name: 'Thông báo của tôi' }).waitFor();
    const item = page.locator('li.inbox-item', { hasText: 'Chuyển cấp 2' });
    await item.waitFor();
    expect(await item.getAttribute('data-unread')).toBe('true');
    expect(await item.textContent()).toContain(ticket.title);
    expect(await item.textContent()).toContain(HOA_SEN.name);
    expect(await item.locator('[data-severity="S1"]').count()).toBe(1);
    expect(await item.locator('.countdown[data-overdue="true"]').count()).toBe(1);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/mw-phone-inbox.png' });

    // The ticket, beside: escalated to her level (the server's record), its acknowledgement deadline missed.
    const detail = await context.newPage();
    await detail.goto(`${app.baseUrl}/incidents/${ticket.id}`);
    await detail.getByRole('heading', { name: ticket.title }).waitFor();
    expect(await detail.getByTestId('escalated-badge').textContent()).toBe('Đã chuyển cấp (mức 2)');
    await detail.locator('.incident-detail .countdown[data-overdue="true"]').first().waitFor();
    expect((await sidewaysOverflow(detail)).excess).toBeLessThanOrEqual(0);
    await detail.close();

    // Acknowledging from the alert goes through the incident's own route and checks.
    await item.getByRole('button', { name: 'Tiếp nhận' }).tap();
    await waitFor(
      async () => ((await item.getAttribute('data-unread')) === 'false' ? true : undefined),
      10_000,
      'alert read',
    );
    const [stored] = await query<{ status: string }>(app.databaseUrl, `SELECT status FROM incident WHERE id = $1`, [
      ticket.id,
    ]);
    expect(stored?.status).toBe('acknowledged');
    await context.close();
  });

  it('gives a principal of two schools the report of one of hers, and lets her pick the other', async () => {
    const other = { code: '79764507', name: 'THCS Phan Tây Hồ' };
    const twoSchools = { name: 'Trần Thị Bích', email: 'hieutruong.hai@govap.test', password: PASSWORD };
    await app.createPerson({ ...twoSchools }, [
      { role: 'principal', unitCode: HOA_SEN.code },
      { role: 'principal', unitCode: other.code },
    ]);
    const context = await phoneContext(app.browser);
    const page = await context.newPage();
    await app.signIn(page, twoSchools);
    await page.goto(`${app.baseUrl}/reports/weekly`);
    // Without a unit the server answers 400 to a principal of several schools: the page asks for the first of hers.
    const picker = page.getByLabel('Báo cáo của');
    await picker.waitFor();
    const offered = await picker
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered.sort()).toEqual([HOA_SEN.code, other.code].sort());
    const first = [HOA_SEN.code, other.code].sort()[0];
    await page.locator(`[data-testid="report-scope"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBeNull();
    expect(await picker.inputValue()).toBe(first);
    await picker.selectOption(HOA_SEN.code === first ? other.code : HOA_SEN.code);
    await waitFor(
      async () => (new URL(page.url()).searchParams.get('unit') !== null ? true : undefined),
      10_000,
      'unit in the URL',
    );
    await page
      .getByTestId('report-scope')
      .getByText(HOA_SEN.code === first ? 'Phan Tây Hồ' : 'Hoa Sen')
      .waitFor();
    expect(await page.locator('.error, [role="alert"]').count()).toBe(0);
    expect((await sidewaysOverflow(page)).excess).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('opens every screen without sideways scrolling or serious accessibility violations', async () => {
    const context = await phoneContext(app.browser);
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (name: string) => {
      const overflow = await sidewaysOverflow(page);
      if (overflow.excess > 0) problems.push(`${name}: ${overflow.excess}px too wide (${overflow.widest.join('; ')})`);
      for (const v of await seriousAxeViolations(page)) problems.push(`${name}: ${v}`);
    };
    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await check('login');
    await app.signIn(page, ADMIN);
    const incidentId = alerted?.id ?? '';
    const [person] = await query<{ id: string }>(app.databaseUrl, `SELECT id FROM person WHERE email = $1`, [
      PRINCIPAL.email,
    ]);
    const [story] = await query<{ id: string }>(app.databaseUrl, `SELECT id FROM story LIMIT 1`);
    const screens: [string, string, () => Promise<unknown>][] = [
      ['incidents', '/incidents', () => page.locator('[data-incident-id]').first().waitFor()],
      ['incident', `/incidents/${incidentId}`, () => page.getByRole('heading', { name: 'Mức độ và lý do' }).waitFor()],
      ['inbox', '/inbox', () => page.getByRole('heading', { name: 'Thông báo của tôi' }).waitFor()],
      ['mentions', '/mentions', () => page.locator('li.mention').first().waitFor()],
      ['stories', '/mentions?tab=stories', () => page.locator('tbody tr').first().waitFor()],
      ['story', `/stories/${story?.id ?? ''}`, () => page.locator('h2').first().waitFor()],
      ['good news', '/good-news', () => page.getByRole('tab').first().waitFor()],
      ['weekly report', '/reports/weekly', () => page.locator('[data-figure="incidents"]').waitFor()],
      [
        "a school's weekly report",
        `/reports/weekly?unit=${HOA_SEN.code}`,
        () => page.getByTestId('report-scope').getByText(HOA_SEN.name).waitFor(),
      ],
      ['sources', '/sources', () => page.getByTestId('sources-table').waitFor()],
      ['units', '/units', () => page.getByRole('heading', { name: 'Đơn vị chưa đủ mạng lưới' }).waitFor()],
      ['unit', `/units/${HOA_SEN.code}`, () => page.getByRole('heading', { name: HOA_SEN.name, level: 3 }).waitFor()],
      ['people', '/people', () => page.locator('h2').first().waitFor()],
      ['person', `/people/${person?.id ?? ''}`, () => page.getByTestId('active-roles').waitFor()],
      ['audit', '/audit', () => page.getByTestId('audit-table').waitFor()],
      ['escalation', '/escalation', () => page.locator('h2').first().waitFor()],
      ['settings', '/settings', () => page.locator('h2').first().waitFor()],
      ['not found', '/no-such-page', () => page.locator('h2').first().waitFor()],
    ];
    for (const [name, url, ready] of screens) {
      await page.goto(`${app.baseUrl}${url}`);
      await ready();
      await page.waitForLoadState('networkidle');
      await check(name);
      await page.screenshot({ path: `/tmp/mw-phone-screen-${name.replace(/\s/g, '-')}.png`, fullPage: true });
    }
    // The menu, opened.
    await page.goto(`${app.baseUrl}/incidents`);
    await page.getByRole('button', { name: 'Menu' }).tap();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nguồn tin' }).waitFor();
    await check('menu');
    await page.screenshot({ path: '/tmp/mw-phone-menu.png' });
    // The incident list: the first card starts above the fold, and the filters open from one button.
    await page.goto(`${app.baseUrl}/incidents`);
    const first = page.locator('[data-incident-id]').first();
    await first.waitFor();
    const card = await first.boundingBox();
    expect((card?.y ?? PHONE.height) + 40).toBeLessThan(PHONE.height);
    expect(await page.getByLabel('Trạng thái').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Bộ lọc' }).tap();
    expect(await page.getByLabel('Trạng thái').isVisible()).toBe(true);
    await check('filters');
    // Search ignores diacritics and lives in the address: a shared link opens the same results.
    await page.goto(`${app.baseUrl}/mentions?q=${encodeURIComponent('mam non hoa sen thuc pham')}`);
    await page.locator('li.mention', { hasText: FOOD_POISONING.title }).waitFor();
    // Folded on a phone, the filters say how many are set; opened, they show the shared words.
    await page.getByRole('button', { name: 'Bộ lọc (1)' }).tap();
    expect(await page.getByRole('searchbox').inputValue()).toBe('mam non hoa sen thuc pham');
    expect(await page.getByTestId('mention-total').textContent()).toBe('1 tin bài');
    await check('mention search');
    await page.goto(`${app.baseUrl}/incidents?q=${encodeURIComponent('THUC PHAM HET HAN')}`);
    await page.locator(`[data-incident-id="${incidentId}"]`).waitFor();
    expect(await page.locator('[data-incident-id]').count()).toBe(1);
    // Times read relative beside the absolute: "… · 5 phút trước".
    await page.goto(`${app.baseUrl}/mentions`);
    expect(await page.locator('li.mention .relative-time').first().textContent()).toMatch(/trước|bây giờ/);
    // The first item is in the first screen: the filters fold behind "Bộ lọc", as on the incidents page.
    const firstMention = await page.locator('li.mention').first().boundingBox();
    expect((firstMention?.y ?? PHONE.height) + 40).toBeLessThan(PHONE.height);
    expect(await page.getByLabel('Sắc thái').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/mw-phone-mentions-folded.png' });
    await page.getByRole('button', { name: 'Bộ lọc' }).tap();
    expect(await page.getByLabel('Sắc thái').isVisible()).toBe(true);
    await check('mention filters');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is an installable app that shows an offline page without network', async () => {
    const manifest = (await (await fetch(`${app.baseUrl}/manifest.webmanifest`)).json()) as {
      start_url: string;
      display: string;
      icons: { sizes: string; type: string }[];
    };
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const size of [192, 512]) {
      const icon = await fetch(`${app.baseUrl}/icons/icon-${size}.png`);
      expect(icon.headers.get('content-type')).toBe('image/png');
    }
    const context = await phoneContext(app.browser);
    const page = await context.newPage();
    await app.signIn(page, SPOKESPERSON);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(
      `${app.baseUrl}/sw.js`,
    );
    // Its cache is named after this build: the next build's worker drops it.
    const worker = await (await fetch(`${app.baseUrl}/sw.js`)).text();
    expect(worker).toMatch(/const SHELL_CACHE = 'mw-shell-[0-9a-f]{16}';/);
    expect(await page.evaluate(() => caches.keys())).toEqual([/'(mw-shell-[0-9a-f]{16})'/.exec(worker)?.[1]]);
    await context.setOffline(true);
    await page.goto(`${app.baseUrl}/incidents`);
    await page.getByRole('heading', { name: 'Không có kết nối mạng' }).waitFor();
    await page.screenshot({ path: '/tmp/mw-phone-offline.png' });
    await context.setOffline(false);
    await context.close();
  });
});
