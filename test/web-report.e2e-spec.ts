/**
 * The weekly report as a leader meets it: the built dashboard served by the real compiled server on a fresh
 * database, in headless Chromium. An incident is opened through the API this week, and the page for this week
 * must show the same count the API gives; the operator CLI prints the same report as one JSON object on stdout.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { isoWeekOf, lastCompleteIsoWeek, weekNumberLabel, type ReportResponse } from '@mw/shared';
import { query } from './support/db';
import { ROOT } from './support/server-process';
import { startWebApp, type UnitRef, type WebApp } from './support/web-app';

const LEADER = { email: 'lanhdao@govap.test', password: 'Leader-pass-2026!' };
const UNIT_SPOKES = { email: 'phatngon.a@govap.test', password: 'Spokes-pass-2026!' };

describe('weekly report page in a real browser', () => {
  let app: WebApp;

  beforeAll(async () => {
    app = await startWebApp({ database: 'mw_web_report' });
    const units = await app.api<UnitRef[]>('GET', '/api/units');
    const school = units.find((u) => u.level === 'THCS') as UnitRef;
    await app.createPerson({ name: 'Lãnh đạo Phòng', ...LEADER }, [{ role: 'leader', unitCode: 'GV-OFFICE' }]);
    await app.createPerson({ name: 'Người phát ngôn trường A', ...UNIT_SPOKES }, [
      { role: 'unit_spokesperson', unitCode: school.code },
    ]);
    for (const title of ['Học sinh bị đánh trong giờ ra chơi', 'Phụ huynh phản ánh thu tiền sai quy định']) {
      await app.api('POST', '/api/incidents', {
        title,
        unitCodes: [school.code],
        category: 'violence_bullying',
        severity: 'S2',
      });
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("shows a leader this week's figures as the API computes them, and moves between weeks", async () => {
    const week = isoWeekOf(new Date());
    const leaderToken = await app.login(LEADER);
    const fromApi = await app.api<ReportResponse>('GET', `/api/reports/weekly?week=${week}`, undefined, leaderToken);
    expect(fromApi.figures.incidentsOpened).toBe(2);
    expect(fromApi.figures.incidentsBySeverity.S2).toBe(2);

    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, LEADER);
    await page.getByRole('link', { name: 'Báo cáo tuần' }).click();
    await page.getByRole('heading', { name: 'Báo cáo tuần', level: 2 }).waitFor();
    // By default the last complete week.
    // Vietnamese readers see "tuần 47/2026"; the ISO name stays in the URL.
    await page.locator(`[data-testid="report-week"][data-week="${lastCompleteIsoWeek(new Date())}"]`).waitFor();
    await page.getByRole('button', { name: 'Tuần sau →' }).click();
    await page.locator('[data-testid="report-week"]', { hasText: `tuần ${weekNumberLabel(week)}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('week')).toBe(week);
    await page.getByText('Tuần chưa kết thúc: số liệu còn thay đổi.').waitFor();
    const incidents = page.locator('[data-figure="incidents"] [data-value="current"]');
    expect((await incidents.textContent())?.trim()).toBe(String(fromApi.figures.incidentsOpened));
    expect((await page.locator('[data-figure="severity-S2"] [data-value="current"]').textContent())?.trim()).toBe(
      String(fromApi.figures.incidentsBySeverity.S2),
    );
    // Dates in the period line are dd/MM/yyyy.
    expect(await page.locator('.report-period').textContent()).toMatch(
      new RegExp(`^Tuần ${weekNumberLabel(week)}: từ \\d{2}/\\d{2}/\\d{4} đến \\d{2}/\\d{2}/\\d{4}$`),
    );
    // The chart and the table of incidents by unit both carry the title.
    await page.getByRole('heading', { name: 'Sự vụ theo đơn vị' }).last().waitFor();
    expect(await page.locator('[data-figure="dismissed"] [data-value="current"]').textContent()).toBe(
      String(fromApi.figures.dismissed),
    );
    // The week after this one has not begun: no way forward.
    expect(await page.getByRole('button', { name: 'Tuần sau →' }).isDisabled()).toBe(true);
    // The charts are drawn (SVG by ECharts) and the summary is built from the same figures.
    await page.locator('[data-chart="days"] svg').first().waitFor();
    await page.locator('[data-chart="themes"] svg').first().waitFor();
    expect(await page.getByTestId('report-summary').textContent()).toContain(
      `${fromApi.figures.incidentsOpened} sự vụ mới`,
    );
    await page.screenshot({ path: '/tmp/mw-web-weekly-report.png', fullPage: true });
    // The overview page, for office roles, from the menu.
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('heading', { name: 'Tổng quan thông tin báo chí', level: 2 }).waitFor();
    await page.locator('[data-chart="severity"] svg').first().waitFor();
    await page.screenshot({ path: '/tmp/mw-web-overview.png', fullPage: true });
    await page.close();
  });

  it('lists the weeks stored and sent, and downloads the one sent as PDF', async () => {
    // Last week as the Monday schedule stores it: the report computed by the server, written with its week and scope.
    const week = lastCompleteIsoWeek(new Date());
    const leaderToken = await app.login(LEADER);
    const report = await app.api<ReportResponse>('GET', `/api/reports/weekly?week=${week}`, undefined, leaderToken);
    const { stored: _stored, complete: _complete, ...body } = report;
    await query(
      app.databaseUrl,
      `INSERT INTO weekly_report (week, scope, week_start, week_end, body, generated_at)
       VALUES ($1, '', $2, $3, $4, now())`,
      [week, report.period.start, report.period.end, JSON.stringify(body)],
    );
    const page = await app.browser.newPage({ viewport: { width: 390, height: 844 } });
    await app.signIn(page, LEADER);
    await page.goto(`${app.baseUrl}/reports/weekly?week=${isoWeekOf(new Date())}`);
    const list = page.getByTestId('stored-reports');
    await list.getByRole('heading', { name: 'Các báo cáo tuần đã gửi' }).waitFor();
    const row = list.locator(`tr[data-week="${week}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`Tuần ${weekNumberLabel(week)}`);
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`bao-cao-${week}.pdf`);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
    // The week opens on the report page, as stored.
    await row.getByRole('link').click();
    await page.getByText('Báo cáo đã lưu.').waitFor();
    expect(new URL(page.url()).searchParams.get('week')).toBe(week);
    await page.close();
  });

  it('shows no report entry to a unit spokesperson, and refuses the page', async () => {
    const page = await app.browser.newPage();
    await app.signIn(page, UNIT_SPOKES);
    expect(await page.getByRole('link', { name: 'Báo cáo tuần' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Tổng quan' }).count()).toBe(0);
    await page.goto(`${app.baseUrl}/reports/weekly`);
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
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'info' } },
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
    const report = JSON.parse(lines[0] as string) as ReportResponse;
    expect(report).toMatchObject({ period: { week }, stored: false, complete: false });
    expect(report.figures.incidentsOpened).toBe(2);
  });
});
