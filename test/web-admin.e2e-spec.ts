/**
 * The dashboard's admin screens in a real browser: people and their roles, the audit log, severity levels and the
 * escalation calendar. The built web app (web/dist) is served by the real compiled server on a fresh database and
 * driven by headless Chromium; what the screens claim is checked again through the API.
 */
import { ADMIN, startWebApp, type UnitRef, type WebApp } from './support/web-app';

const SPOKESPERSON = { email: 'phatngon.a@govap.test', password: 'Spokes-pass-2026!' };
const LEADER = { email: 'lanhdao@govap.test', password: 'Leader-pass-2026!' };
const FORBIDDEN = 'Bạn không có quyền xem hoặc thực hiện việc này.';

interface PersonDetail {
  id: string;
  name: string;
  email: string;
  roles: { id: string; role: string; unitCode: string; renouncedAt: string | null }[];
  roleHistory: { id: string; role: string; unitCode: string; renouncedAt: string | null }[];
}

/** Today as dd/MM/yyyy in Asia/Ho_Chi_Minh, the way a person types it into a date filter. */
function todayInHoChiMinh(): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());
}

describe('web admin screens in a real browser', () => {
  let app: WebApp;
  let schoolA: UnitRef;

  beforeAll(async () => {
    app = await startWebApp({ database: 'mw_web_admin' });
    const units = await app.api<UnitRef[]>('GET', '/api/units?level=THCS');
    schoolA = units[0] as UnitRef;
    await app.createPerson({ name: 'Người phát ngôn trường A', ...SPOKESPERSON }, [
      { role: 'unit_spokesperson', unitCode: schoolA.code },
    ]);
    await app.createPerson({ name: 'Lãnh đạo Phòng', ...LEADER }, [{ role: 'leader' }]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('lets the admin create a person, assign and renounce a role, and find both in the audit log', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, ADMIN);
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('heading', { name: 'Người dùng và vai trò' }).waitFor();

    // Create: the server's 400 about the e-mail appears under the e-mail field, nothing under the name. It is worded
    // in Vietnamese from the constraint the server names, about the field's label; the server's English sentence
    // is only the title.
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const create = page.getByRole('form', { name: 'Thêm người dùng' });
    await create.getByLabel('Họ và tên').fill('Trần Thị Phát Ngôn');
    await create.getByLabel('Địa chỉ email').fill('khong-phai-email');
    await create.getByRole('button', { name: 'Lưu' }).click();
    const emailError = create.locator('[data-field-error="email"]');
    await emailError.waitFor();
    expect(await emailError.textContent()).toBe('Địa chỉ email chưa đúng dạng email, ví dụ ten@donvi.edu.vn.');
    expect(await emailError.getAttribute('title')).toMatch(/email/);
    expect(await create.getByLabel('Địa chỉ email').getAttribute('aria-invalid')).toBe('true');
    expect(await create.locator('[data-field-error="name"]').count()).toBe(0);
    // An e-mail that already has an account: the 409 is said under the e-mail field, not as a generic conflict.
    await create.getByLabel('Địa chỉ email').fill(ADMIN.email);
    await create.getByRole('button', { name: 'Lưu' }).click();
    await create.getByText('Email này đã có tài khoản.').waitFor();
    expect(await emailError.textContent()).toBe('Email này đã có tài khoản.');
    expect(await create.getByText('Thao tác xung đột', { exact: false }).count()).toBe(0);
    await create.getByLabel('Địa chỉ email').fill('tran.phatngon@govap.test');
    await create.getByLabel('Số điện thoại').fill('0901234567');
    await create.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    const personId = page.url().split('/').pop() as string;
    await page.getByRole('heading', { name: 'Trần Thị Phát Ngôn', level: 3 }).waitFor();

    // Assign: a school role without a school is refused by the server, and the message sits by the unit.
    const assign = page.getByRole('form', { name: 'Giao vai trò' });
    await assign.locator('select[name="role"]').selectOption('unit_spokesperson');
    await assign.getByRole('button', { name: 'Giao' }).click();
    await assign.locator('[data-field-error="unitCode"]').waitFor();
    await assign.locator('select[name="unitCode"]').selectOption(schoolA.code);
    await assign.getByRole('button', { name: 'Giao' }).click();
    const roleRow = page.locator(`[data-testid="active-roles"] tr[data-role="unit_spokesperson"]`);
    await roleRow.waitFor();
    expect(await roleRow.getAttribute('data-unit')).toBe(schoolA.code);
    expect(await roleRow.textContent()).toContain(schoolA.name);
    expect(await roleRow.locator('time').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await assign.locator('[data-field-error]').count()).toBe(0);
    const assignmentId = (await roleRow.getAttribute('data-assignment-id')) as string;
    // The same role at the same school again: the 409 says so in words.
    await assign.locator('select[name="role"]').selectOption('unit_spokesperson');
    await assign.locator('select[name="unitCode"]').selectOption(schoolA.code);
    await assign.getByRole('button', { name: 'Giao' }).click();
    await assign.getByText('Người này đã giữ vai trò này tại đơn vị.').waitFor();
    expect(await assign.getByText('Thao tác xung đột', { exact: false }).count()).toBe(0);

    // Edit: "Đã lưu." describes the saved form only, and goes away at the next edit.
    const edit = page.getByRole('form', { name: 'Sửa thông tin người dùng' });
    await edit.getByLabel('Số điện thoại').fill('0907654321');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.getByText('Đã lưu.').waitFor();
    await edit.getByLabel('Họ và tên').fill('Trần Thị Phát Ngôn ');
    await edit.getByText('Đã lưu.').waitFor({ state: 'detached' });
    await edit.getByLabel('Họ và tên').fill('Trần Thị Phát Ngôn');

    // Reset password, asked once more: the temporary password is shown once, and the reset is audited.
    const reset = page.getByTestId('reset-password');
    await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await reset.getByRole('alertdialog').getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const temporary = reset.getByTestId('temporary-password');
    await temporary.waitFor();
    expect((await temporary.textContent())?.length).toBeGreaterThanOrEqual(12);
    const resets = await app.api<{ items: { entityId: string }[] }>('GET', '/api/audit?action=person.password_reset');
    expect(resets.items.map((e) => e.entityId)).toContain(personId);
    const stored = await app.api<PersonDetail>('GET', `/api/people/${personId}`);
    expect(stored).toMatchObject({ name: 'Trần Thị Phát Ngôn', email: 'tran.phatngon@govap.test' });
    expect(stored.roles).toMatchObject([{ id: assignmentId, role: 'unit_spokesperson', unitCode: schoolA.code }]);

    // The list searches by name on the server, and filters by unit: the admin, the leader and the new person
    // make four people, of whom the new person and school A's spokesperson hold a role at school A.
    const peopleFilters = page.getByRole('form', { name: 'Lọc người dùng' });
    await page.getByText('4 người', { exact: true }).waitFor();
    await peopleFilters.getByLabel('Tìm theo tên hoặc email').fill('Trần Thị');
    await peopleFilters.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByText('1 người', { exact: true }).waitFor();
    expect(await page.locator(`[data-person-row="${personId}"]`).count()).toBe(1);
    await peopleFilters.getByLabel('Tìm theo tên hoặc email').fill('');
    await peopleFilters.getByRole('button', { name: 'Tìm kiếm' }).click();
    await peopleFilters.locator('select[name="unitCode"]').selectOption(schoolA.code);
    await page.getByText('2 người', { exact: true }).waitFor();
    expect(await page.locator('[data-person-row]').count()).toBe(2);
    expect(await page.locator(`[data-person-row="${personId}"]`).count()).toBe(1);
    await page.screenshot({ path: '/tmp/mw-web-admin-people.png', fullPage: true });

    // Renounce: the role leaves the active list and stays in the history.
    page.once('dialog', (dialog) => void dialog.accept());
    await roleRow.getByRole('button', { name: 'Thôi giữ vai trò' }).click();
    await page.getByText('Lịch sử vai trò (1)').waitFor();
    expect(await page.locator('[data-testid="active-roles"]').count()).toBe(0);
    const after = await app.api<PersonDetail>('GET', `/api/people/${personId}`);
    expect(after.roles).toEqual([]);
    expect(after.roleHistory[0]?.renouncedAt).not.toBeNull();

    // Audit log: the creation, the assignment and the renouncement, with dd/MM/yyyy times.
    await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
    await page.getByRole('heading', { name: 'Nhật ký thao tác' }).waitFor();
    const created = page.locator(`tr[data-audit-action="person.create"][data-entity-id="${personId}"]`);
    await created.waitFor();
    expect(await created.textContent()).toContain(ADMIN.email);
    expect(await created.textContent()).toContain('Tạo người dùng');
    // The entry names the person it is about, linked to their page.
    expect(await created.getByRole('link', { name: 'Trần Thị Phát Ngôn' }).getAttribute('href')).toBe(
      `/people/${personId}`,
    );
    expect(await created.locator('time').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.locator(`tr[data-audit-action="role.assign"][data-entity-id="${assignmentId}"]`).waitFor();
    await page.locator(`tr[data-audit-action="role.renounce"][data-entity-id="${assignmentId}"]`).waitFor();

    // Filtered by action and by today's date range, only role assignments remain.
    const filters = page.getByRole('form', { name: 'Lọc nhật ký' });
    await filters.getByLabel('Thao tác').fill('role.assign');
    await filters.getByLabel('Từ').fill(todayInHoChiMinh());
    await filters.getByLabel('Đến').fill(todayInHoChiMinh());
    await filters.getByRole('button', { name: 'Áp dụng' }).click();
    await page.locator('tr[data-audit-action="role.renounce"]').waitFor({ state: 'detached' });
    await page.locator(`tr[data-audit-action="role.assign"][data-entity-id="${assignmentId}"]`).waitFor();
    const actions = await page
      .locator('tr[data-audit-action]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-audit-action')));
    expect(new Set(actions)).toEqual(new Set(['role.assign']));
    await page.screenshot({ path: '/tmp/mw-web-admin-audit.png', fullPage: true });
    await page.close();
  });

  it('lets the admin edit a severity level and the escalation calendar, with the server refusals by field', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, ADMIN);
    await page.getByRole('link', { name: 'Mức độ và chuyển cấp' }).click();
    await page.getByRole('heading', { name: 'Mức độ và chuyển cấp', level: 2 }).waitFor();

    const s3 = page.locator('form[data-severity-form="S3"]');
    const every = s3.getByLabel('Số phút giữa hai lần nhắc/chuyển cấp');
    await every.fill('0');
    await s3.getByRole('button', { name: 'Lưu' }).click();
    await s3.locator('[data-field-error="escalateEveryMinutes"]').waitFor();
    expect(await every.getAttribute('aria-invalid')).toBe('true');
    await every.fill('95');
    await s3.getByLabel('Tên tiếng Việt').fill('Trung bình (đã chỉnh)');
    await s3.getByRole('button', { name: 'Lưu' }).click();
    await s3.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    expect(await s3.locator('[data-field-error]').count()).toBe(0);
    const levels = await app.api<{ code: string; nameVi: string; escalateEveryMinutes: number }[]>(
      'GET',
      '/api/severity-levels',
    );
    expect(levels.find((l) => l.code === 'S3')).toMatchObject({
      nameVi: 'Trung bình (đã chỉnh)',
      escalateEveryMinutes: 95,
    });

    // An empty week is refused by the server; the message is shown under the working days.
    const calendar = page.getByRole('form', { name: 'Lịch làm việc dùng cho chuyển cấp' });
    const weekdays = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
    for (const day of weekdays) await calendar.getByLabel(day, { exact: true }).setChecked(false);
    await calendar.getByRole('button', { name: 'Lưu' }).click();
    await calendar.locator('[data-field-error="workingDays"]').waitFor();
    for (const day of weekdays.slice(0, 6)) await calendar.getByLabel(day, { exact: true }).setChecked(true);
    await calendar.locator('input[name="workdayEnd"]').fill('17:30');
    await calendar.getByRole('button', { name: 'Lưu' }).click();
    await calendar.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    expect(await calendar.locator('[data-field-error]').count()).toBe(0);
    const settings = await app.api<{ workingDays: number[]; workdayEnd: string }>('GET', '/api/escalation/settings');
    expect(settings).toMatchObject({ workingDays: [1, 2, 3, 4, 5, 6], workdayEnd: '17:30' });
    await page.screenshot({ path: '/tmp/mw-web-admin-escalation.png', fullPage: true });

    await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
    await page.locator('tr[data-audit-action="severity_level.update"][data-entity-id="S3"]').waitFor();
    await page.locator('tr[data-audit-action="escalation_settings.update"]').first().waitFor();
    await page.close();
  });

  it('hides the admin screens from a spokesperson and refuses them by address', async () => {
    const page = await app.browser.newPage();
    await app.signIn(page, SPOKESPERSON);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Cài đặt' }).waitFor();
    for (const name of ['Người dùng', 'Nhật ký thao tác', 'Mức độ và chuyển cấp']) {
      expect(await nav.getByRole('link', { name }).count()).toBe(0);
    }
    for (const address of ['/people', '/audit', '/escalation']) {
      await page.goto(`${app.baseUrl}${address}`);
      await page.getByRole('alert').filter({ hasText: FORBIDDEN }).waitFor();
      expect(await page.locator('form').count()).toBe(0);
      expect(await page.locator('table').count()).toBe(0);
    }
    await page.close();
  });

  it('shows a leader the audit log and the escalation settings read-only, without people management', async () => {
    const page = await app.browser.newPage();
    await app.signIn(page, LEADER);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Nhật ký thao tác' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Mức độ và chuyển cấp' }).click();
    await page.getByText('Chỉ quản trị hệ thống được sửa các cài đặt này.').waitFor();
    await page.locator('form[data-severity-form="S1"]').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu' }).count()).toBe(0);
    expect(await page.locator('form[data-severity-form="S1"] input[name="nameVi"]').isDisabled()).toBe(true);
    await page.close();
  });
});
