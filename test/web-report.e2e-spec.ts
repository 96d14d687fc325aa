/**
 * The weekly report as a leader meets it: the built dashboard served by the real compiled server on a fresh
 * database, in headless Chromium. An incident is opened through the API this week, and the page for this week
 * must show the same count the API gives; the operator CLI prints the same report as one JSON object on stdout.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { isoWeekOf, lastCompleteIsoWeek, type WeeklyReportResponse } from '@mw/shared';
import { launchBrowser, type TestBrowser } from './support/browser';
import { startTestPostgres, type TestPostgres } from './support/postgres';
import { ROOT, startServer, type ServerProcess } from './support/server-process';

const ADMIN = { email: 'admin@govap.test', password: 'Admin-pass-2026!' };
const LEADER = { email: 'lanhdao@govap.test', password: 'Leader-pass-2026!' };
const UNIT_SPOKES = { email: 'phatngon.a@govap.test', password: 'Spokes-pass-2026!' };

interface UnitRef {
  code: string;
  name: string;
  level: string;
}

describe('weekly report page in a real browser', () => {
  let pg: TestPostgres;
  let databaseUrl: string;
  let server: ServerProcess;
  let chromium: TestBrowser;
  let browser: Browser;
  let adminToken: string;

  async function apiCall<T>(method: string, url: string, body?: unknown, token = adminToken): Promise<T> {
    const res = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Mật khẩu').fill(who.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Sự vụ truyền thông' }).waitFor();
  }

  beforeAll(async () => {
    pg = await startTestPostgres();
    databaseUrl = await pg.createDatabase('mw_web_report');
    server = await startServer({
      DATABASE_URL: databaseUrl,
      MW_WEB_DIST: path.join(ROOT, 'web', 'dist'),
      MW_ADMIN_EMAIL: ADMIN.email,
      MW_ADMIN_PASSWORD: ADMIN.password,
      MW_SEED_SOURCES: 'false',
    });
    await server.waitHealthy();
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    adminToken = ((await login.json()) as { accessToken: string }).accessToken;
    const units = await apiCall<UnitRef[]>('GET', '/api/units');
    const school = units.find((u) => u.level === 'THCS') as UnitRef;
    await apiCall('POST', '/api/people', {
      name: 'Lãnh đạo Phòng',
      email: LEADER.email,
      password: LEADER.password,
      roles: [{ role: 'leader', unitCode: 'GV-OFFICE' }],
    });
    await apiCall('POST', '/api/people', {
      name: 'Người phát ngôn trường A',
      email: UNIT_SPOKES.email,
      password: UNIT_SPOKES.password,
      roles: [{ role: 'unit_spokesperson', unitCode: school.code }],
    });
    for (const title of ['Học sinh bị đánh trong giờ ra chơi', 'Phụ huynh phản ánh thu tiền sai quy định']) {
      await apiCall('POST', '/api/incidents', {
        title,
        unitCodes: [school.code],
        category: 'violence_bullying',
        severity: 'S2',
      });
    }
    chromium = await launchBrowser();
    browser = chromium.browser;
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await pg?.stop();
  });

  it("shows a leader this week's figures as the API computes them, and moves between weeks", async () => {
    const week = isoWeekOf(new Date());
    const leaderLogin = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(LEADER),
    });
    const leaderToken = ((await leaderLogin.json()) as { accessToken: string }).accessToken;
    const fromApi = await apiCall<WeeklyReportResponse>(
      'GET',
      `/api/reports/weekly?week=${week}`,
      undefined,
      leaderToken,
    );
    expect(fromApi.figures.incidentsOpened).toBe(2);
    expect(fromApi.figures.incidentsBySeverity.S2).toBe(2);

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, LEADER);
    await page.getByRole('link', { name: 'Báo cáo tuần' }).click();
    await page.getByRole('heading', { name: 'Báo cáo tuần', level: 2 }).waitFor();
    // By default the last complete week.
    await page.locator('[data-testid="report-week"]', { hasText: lastCompleteIsoWeek(new Date()) }).waitFor();
    await page.getByRole('button', { name: 'Tuần sau →' }).click();
    await page.locator('[data-testid="report-week"]', { hasText: week }).waitFor();
    await page.getByText('Tuần chưa kết thúc: số liệu còn thay đổi.').waitFor();
    const incidents = page.locator('[data-figure="incidents"] [data-value="current"]');
    expect((await incidents.textContent())?.trim()).toBe(String(fromApi.figures.incidentsOpened));
    expect((await page.locator('[data-figure="severity-S2"] [data-value="current"]').textContent())?.trim()).toBe(
      String(fromApi.figures.incidentsBySeverity.S2),
    );
    // Dates in the period line are dd/MM/yyyy.
    expect(await page.locator('.report-period').textContent()).toMatch(
      new RegExp(`^Tuần ${week}: từ \\d{2}/\\d{2}/\\d{4} đến \\d{2}/\\d{2}/\\d{4}$`),
    );
    await page.getByRole('heading', { name: 'Sự cố theo đơn vị' }).waitFor();
    await page.screenshot({ path: '/tmp/mw-web-weekly-report.png', fullPage: true });
    // The week after this one has not begun: no way forward.
    expect(await page.getByRole('button', { name: 'Tuần sau →' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('shows no report entry to a unit spokesperson, and refuses the page', async () => {
    const page = await browser.newPage();
    await signIn(page, UNIT_SPOKES);
    expect(await page.getByRole('link', { name: 'Báo cáo tuần' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/reports/weekly`);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('[data-figure]').count()).toBe(0);
    await page.close();
  });

  it('prints the same report as one JSON object from the CLI', async () => {
    const week = isoWeekOf(new Date());
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'server', 'dist', 'cli', 'main.js'), 'report', 'weekly', '--week', week],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' } },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stdout: out }));
    });
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] as string) as WeeklyReportResponse;
    expect(report).toMatchObject({ week, stored: false, complete: false });
    expect(report.figures.incidentsOpened).toBe(2);
  });
});
