/**
 * The dashboard as a spokesperson meets it: the built web app (web/dist) served by the real compiled server on a
 * fresh database, driven by headless Chromium. Incidents are opened through the API the way a spokesperson opens
 * one by hand, so the list, the detail, acknowledgement, scoping and live updates are all the server's own.
 */
import { ADMIN, startWebApp, type UnitRef, type WebApp } from './support/web-app';

const PRINCIPAL = { email: 'hieutruong.a@govap.test', password: 'Principal-pass-2026!' };

describe('web dashboard in a real browser', () => {
  let app: WebApp;
  let schoolA: UnitRef;
  let schoolB: UnitRef;

  async function openIncident(title: string, unit: UnitRef): Promise<{ id: string }> {
    return app.api<{ id: string }>('POST', '/api/incidents', {
      title,
      unitCodes: [unit.code],
      category: 'violence_bullying',
      description: 'Phụ huynh phản ánh trên nhóm Zalo lớp.',
    });
  }

  beforeAll(async () => {
    app = await startWebApp({ database: 'mw_web' });
    const units = await app.api<UnitRef[]>('GET', '/api/units');
    const schools = units.filter((u) => u.level === 'THCS');
    [schoolA, schoolB] = [schools[0] as UnitRef, schools[1] as UnitRef];
    await app.createPerson({ name: 'Hiệu trưởng trường A', ...PRINCIPAL }, [
      { role: 'principal', unitCode: schoolA.code },
    ]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('shows the login page in Vietnamese and switches to English', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.baseUrl}/incidents`);
    // Not signed in: the protected route sends the visitor to the login page, in Vietnamese.
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(page.url()).toMatch(/\/login$/);
    expect(await page.getByRole('button', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByLabel('Password').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.close();
  });

  it('refuses a wrong password with a Vietnamese message', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email hoặc mật khẩu không đúng.' }).waitFor();
    await page.close();
  });

  it('lets the admin triage: a new incident is listed, its detail shows severity and reasons, acknowledging changes its status', async () => {
    const incident = await openIncident('Học sinh bị đánh trong giờ ra chơi', schoolA);
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, ADMIN);
    const row = page.locator(`tr[data-incident-id="${incident.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(schoolA.name);
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('new');
    await page.screenshot({ path: '/tmp/mw-web-incidents.png', fullPage: true });

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Học sinh bị đánh trong giờ ra chơi' }).waitFor();
    expect(await page.locator('.incident-detail [data-severity]').first().getAttribute('data-severity')).toMatch(
      /^S[1-4]$/,
    );
    await page.getByRole('heading', { name: 'Mức độ và lý do' }).waitFor();
    expect(await page.locator('[data-testid="severity-reasons"] li').count()).toBeGreaterThan(0);
    // Times are written dd/MM/yyyy HH:mm.
    expect(await page.locator('time').first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    await page.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.locator('.incident-detail header [data-status="acknowledged"]').waitFor();
    await page.screenshot({ path: '/tmp/mw-web-incident-detail.png', fullPage: true });
    const stored = await app.api<{ status: string; acknowledgedAt: string | null }>(
      'GET',
      `/api/incidents/${incident.id}`,
    );
    expect(stored.status).toBe('acknowledged');
    expect(stored.acknowledgedAt).not.toBeNull();
    await page.close();
  });

  it("shows a principal of school A their school's incident but not school B's", async () => {
    const ours = await openIncident('Phản ánh về bữa ăn bán trú trường A', schoolA);
    const theirs = await openIncident('Phản ánh về bữa ăn bán trú trường B', schoolB);
    const page = await app.browser.newPage();
    await app.signIn(page, PRINCIPAL);
    await page.locator(`tr[data-incident-id="${ours.id}"]`).waitFor();
    expect(await page.locator(`tr[data-incident-id="${theirs.id}"]`).count()).toBe(0);
    expect(await page.getByText('Phản ánh về bữa ăn bán trú trường B').count()).toBe(0);
    // Opening the other school's ticket by its address shows a refusal, not the ticket.
    await page.goto(`${app.baseUrl}/incidents/${theirs.id}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('heading', { name: 'Phản ánh về bữa ăn bán trú trường B' }).count()).toBe(0);
    await page.close();
  });

  it('shows an incident opened while the page is open without a reload', async () => {
    const page = await app.browser.newPage();
    await app.signIn(page, ADMIN);
    await page.locator('.realtime-live').waitFor();
    const marker = await page.evaluate(() => {
      (window as unknown as { __mwMarker: number }).__mwMarker = 42;
      return 42;
    });
    const fresh = await openIncident('Tin đồn sai sự thật về trường A', schoolA);
    await page.locator(`tr[data-incident-id="${fresh.id}"]`).waitFor({ timeout: 15_000 });
    // The same document: nothing reloaded the page.
    expect(await page.evaluate(() => (window as unknown as { __mwMarker?: number }).__mwMarker)).toBe(marker);
    await page.close();
  });

  it('lets the admin add a source with errors shown by field, and see the units network and gaps report', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, ADMIN);
    await page.getByRole('link', { name: 'Nguồn tin' }).click();
    await page.getByRole('heading', { name: 'Nguồn tin', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Thêm nguồn tin' }).click();
    await page.getByLabel('Tên nguồn').fill('Báo thử nghiệm');
    await page.getByLabel('Địa chỉ URL').fill('không phải địa chỉ');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('[data-field-error="url"]').waitFor();
    expect(await page.getByLabel('Địa chỉ URL').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-field-error="name"]').count()).toBe(0);

    await page.getByRole('link', { name: 'Đơn vị' }).click();
    await page.getByRole('heading', { name: 'Đơn vị chưa đủ mạng lưới' }).waitFor();
    await page.getByRole('link', { name: schoolA.name, exact: true }).first().click();
    await page.getByRole('heading', { name: schoolA.name, level: 3 }).waitFor();
    // The principal created above is school A's principal in its network.
    await page.locator('.network').getByText('Hiệu trưởng trường A').waitFor();
    await page.screenshot({ path: '/tmp/mw-web-units.png', fullPage: false });
    await page.close();
  });
});
