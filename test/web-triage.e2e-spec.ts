/**
 * Triage in the dashboard, end to end: reassigning a ticket, merging a duplicate into it and splitting unrelated
 * coverage out, in headless Chromium against the built web app served by the real compiled server on a fresh
 * database. The two stories to merge and split come in the way real ones do, from an RSS feed on the fixture feed
 * server, polled, analysed and opened as incidents by the server itself, so they carry real mentions.
 */
import { startFixtureFeedServer, type FixtureFeedServer } from './fixture-feed-server';
import { query } from './support/db';
import { BULLYING, FOOD_POISONING, publish } from './support/news-feed';
import { waitFor } from './support/wait';
import { ADMIN, startWebApp, type WebApp } from './support/web-app';

const PASSWORD = 'Mat-khau-thu-2026!';
// Units from server/src/database/seeds/govap-units.csv.
const HOA_SEN = { code: '79764314', name: 'Trường MN Hoa Sen' };
const NGUYEN_DU = { code: '79764502', name: 'THCS Nguyễn Du' };

const SPOKESPERSON = { name: 'Lê Minh Tâm', email: 'phatngon.hoasen@govap.test' };
const DEPUTY = { name: 'Phạm Thu Trang', email: 'phophatngon.hoasen@govap.test' };
const PRINCIPAL = { name: 'Nguyễn Thị Thu Hà', email: 'hieutruong.hoasen@govap.test' };
const WEB_ADMIN = { name: 'Đỗ Văn Quản', email: 'web.hoasen@govap.test' };
const OTHER_SPOKESPERSON = { name: 'Võ Thị Lan', email: 'phatngon.nguyendu@govap.test' };

interface Person {
  id: string;
  name: string;
  email: string;
}

interface IncidentView {
  id: string;
  number: number;
  title: string;
  status: string;
  origin: string;
  mergedInto: string | null;
  units: { code: string; name: string }[];
  mentions: { mentionId: string; title: string }[];
  assignees: { personId: string; name: string }[];
  assignmentHistory: { personId: string; unassignedAt: string | null }[];
}

describe('incident triage in the dashboard', () => {
  let app: WebApp;
  let feeds: FixtureFeedServer;
  const people: Record<string, Person> = {};
  // Set by the merge test, used by the split test.
  let merged: { target: IncidentView; other: IncidentView } | undefined;

  async function status(method: string, url: string, token: string, body: unknown): Promise<number> {
    const res = await fetch(`${app.baseUrl}${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.text();
    return res.status;
  }

  async function addPerson(
    who: { name: string; email: string },
    role: string,
    unitCode: string,
    deputy = false,
  ): Promise<Person> {
    const created = await app.createPerson({ ...who, password: PASSWORD }, [{ role, unitCode, deputy }]);
    return { id: created.id, ...who };
  }

  const incident = (id: string) => app.api<IncidentView>('GET', `/api/incidents/${id}`);

  beforeAll(async () => {
    feeds = await startFixtureFeedServer();
    app = await startWebApp({
      database: 'mw_web_triage',
      env: {
        MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
        MW_SCHEDULER_ENABLED: 'true',
        MW_POLL_TICK_SECONDS: '1',
        MW_FETCH_TOTAL_TIMEOUT_MS: '5000',
      },
    });
    people.spokesperson = await addPerson(SPOKESPERSON, 'unit_spokesperson', HOA_SEN.code);
    people.deputy = await addPerson(DEPUTY, 'unit_spokesperson', HOA_SEN.code, true);
    people.principal = await addPerson(PRINCIPAL, 'principal', HOA_SEN.code);
    people.webAdmin = await addPerson(WEB_ADMIN, 'unit_web_admin', HOA_SEN.code);
    people.other = await addPerson(OTHER_SPOKESPERSON, 'unit_spokesperson', NGUYEN_DU.code);
    // The feed is polled from now on; the merge test waits for its two incidents.
    const feedPath = publish(feeds, 'tuoitre', 'Giáo dục - Tuổi Trẻ Online', [FOOD_POISONING, BULLYING]);
    await app.api('POST', '/api/sources', {
      name: 'Tuổi Trẻ - Giáo dục',
      outlet: 'Tuổi Trẻ',
      url: feeds.url + feedPath,
      kind: 'rss',
      settings: { intervalSeconds: 2 },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await feeds?.close();
  });

  it('offers no triage to a principal, whom the server refuses too', async () => {
    const ticket = await app.api<IncidentView>('POST', '/api/incidents', {
      title: 'Phụ huynh phản ánh học phí trường Hoa Sen',
      unitCodes: [HOA_SEN.code],
      category: 'fees_finances',
    });
    const page = await app.browser.newPage();
    await app.signIn(page, { email: PRINCIPAL.email, password: PASSWORD });
    await page.goto(`${app.baseUrl}/incidents/${ticket.id}`);
    await page.getByRole('heading', { name: 'Phụ huynh phản ánh học phí trường Hoa Sen' }).waitFor();
    // The page has settled (the principal's own actions are there), and no triage is offered.
    await page.getByRole('button', { name: 'Tiếp nhận' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Điều phối sự vụ' }).count()).toBe(0);
    expect(await page.locator('[data-triage]').count()).toBe(0);
    const principalToken = await app.login({ email: PRINCIPAL.email, password: PASSWORD });
    expect(
      await status('POST', `/api/incidents/${ticket.id}/assign`, principalToken, { personIds: [people.principal?.id] }),
    ).toBe(403);
    await page.close();
  });

  it("lets a school spokesperson reassign a ticket among her school's network, showing the server's field error", async () => {
    const ticket = await app.api<IncidentView>('POST', '/api/incidents', {
      title: 'Tin đồn trường Hoa Sen thu tiền sai quy định',
      unitCodes: [HOA_SEN.code],
      category: 'fees_finances',
    });
    const spokesperson = people.spokesperson as Person;
    const deputy = people.deputy as Person;
    const principal = people.principal as Person;
    expect(ticket.assignees.map((a) => a.personId)).toEqual([spokesperson.id]);

    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, { email: SPOKESPERSON.email, password: PASSWORD });
    await page.goto(`${app.baseUrl}/incidents/${ticket.id}`);
    await page.getByRole('heading', { name: 'Tin đồn trường Hoa Sen thu tiền sai quy định' }).waitFor();
    await page.getByRole('heading', { name: 'Điều phối sự vụ' }).waitFor();
    await page.getByRole('button', { name: 'Phân công lại' }).click();
    const form = page.getByRole('form', { name: 'Chọn người phụ trách' });
    const choice = (p: Person) => form.locator(`label[data-person-id="${p.id}"] input[type="checkbox"]`);
    await choice(spokesperson).waitFor();
    // The school's handlers are offered (the current one ticked); its web admin and other schools' people are not.
    expect(await choice(spokesperson).isChecked()).toBe(true);
    expect(await choice(deputy).isChecked()).toBe(false);
    expect(await choice(principal).isChecked()).toBe(false);
    expect(await form.textContent()).toContain('Phó người phát ngôn · Trường MN Hoa Sen');
    expect(await form.getByText(WEB_ADMIN.name).count()).toBe(0);
    expect(await form.getByText(OTHER_SPOKESPERSON.name).count()).toBe(0);

    await choice(deputy).check();
    await choice(principal).check();
    await choice(spokesperson).uncheck();
    await page.screenshot({ path: '/tmp/mw-web-triage-reassign.png', fullPage: true });
    // The principal leaves before the form is sent: the server names the field, the page shows it.
    await app.api('PATCH', `/api/people/${principal.id}`, { active: false });
    await form.getByRole('button', { name: 'Lưu phân công' }).click();
    const fieldError = form.locator('[data-field-error="personIds"]');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('Có người được chọn không thể nhận sự vụ này');
    // The people refused are named (from the error's params.personIds), in Vietnamese.
    expect(await form.locator('[data-refused-people]').textContent()).toBe(`Không thể giao cho: ${PRINCIPAL.name}.`);
    expect(await form.getByRole('group').getAttribute('aria-invalid')).toBe('true');
    expect((await incident(ticket.id)).assignees.map((a) => a.personId)).toEqual([spokesperson.id]);

    // Back at work, the same choice goes through and replaces the assignee.
    await app.api('PATCH', `/api/people/${principal.id}`, { active: true });
    await form.getByRole('button', { name: 'Lưu phân công' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã cập nhật người phụ trách.' }).waitFor();
    const assignees = page.locator('section[aria-labelledby="assignees-title"]');
    await assignees.getByText(DEPUTY.name).waitFor();
    await assignees.getByText(PRINCIPAL.name).waitFor();
    expect(await assignees.getByText(SPOKESPERSON.name).count()).toBe(0);
    const stored = await incident(ticket.id);
    expect(stored.assignees.map((a) => a.personId).sort()).toEqual([deputy.id, principal.id].sort());
    expect(stored.assignmentHistory.find((a) => a.personId === spokesperson.id)?.unassignedAt).not.toBeNull();
    const rows = await query<{ person_id: string; active: boolean; assigned_by: string | null }>(
      app.databaseUrl,
      `SELECT person_id, unassigned_at IS NULL AS active, assigned_by FROM incident_assignment WHERE incident_id = $1`,
      [ticket.id],
    );
    expect(
      rows
        .filter((r) => r.active)
        .map((r) => r.person_id)
        .sort(),
    ).toEqual([deputy.id, principal.id].sort());
    expect(rows.find((r) => r.person_id === deputy.id)?.assigned_by).toBe(spokesperson.id);
    await page.close();
  });

  it('flags a current assignee who lost their role, unticked, so that saving takes them off', async () => {
    const leaving = await addPerson(
      { name: 'Trần Văn Chuyển', email: 'chuyencongtac.hoasen@govap.test' },
      'unit_spokesperson',
      HOA_SEN.code,
      true,
    );
    const spokesperson = people.spokesperson as Person;
    const ticket = await app.api<IncidentView>('POST', '/api/incidents', {
      title: 'Phụ huynh hỏi về đồng phục trường Hoa Sen',
      unitCodes: [HOA_SEN.code],
      category: 'fees_finances',
    });
    await app.api('POST', `/api/incidents/${ticket.id}/assign`, { personIds: [leaving.id], replace: false });
    const held = await app.api<{ roles: { id: string }[] }>('GET', `/api/people/${leaving.id}`);
    await app.api('POST', `/api/people/${leaving.id}/roles/${held.roles[0]?.id}/renounce`);

    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, ADMIN);
    await page.goto(`${app.baseUrl}/incidents/${ticket.id}`);
    await page.getByRole('heading', { name: 'Phụ huynh hỏi về đồng phục trường Hoa Sen' }).waitFor();
    await page.getByRole('button', { name: 'Phân công lại' }).click();
    const form = page.getByRole('form', { name: 'Chọn người phụ trách' });
    const choice = (id: string) => form.locator(`label[data-person-id="${id}"] input[type="checkbox"]`);
    await choice(leaving.id).waitFor();
    expect(await choice(spokesperson.id).isChecked()).toBe(true);
    expect(await choice(leaving.id).isChecked()).toBe(false);
    const flags = form.locator('[data-no-longer-qualified]');
    expect(await flags.count()).toBe(1);
    expect(await flags.textContent()).toBe('không còn giữ vai trò tại đơn vị');
    expect(await form.locator('li', { has: page.locator('[data-no-longer-qualified]') }).textContent()).toContain(
      'Trần Văn Chuyển',
    );

    await form.getByRole('button', { name: 'Lưu phân công' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã cập nhật người phụ trách.' }).waitFor();
    const stored = await incident(ticket.id);
    expect(stored.assignees.map((a) => a.personId)).toEqual([spokesperson.id]);
    expect(stored.assignmentHistory.find((a) => a.personId === leaving.id)?.unassignedAt).not.toBeNull();
    await page.close();
  });

  it('says so when a ticket picked for merging was merged elsewhere meanwhile, and refreshes the list', async () => {
    const open = (title: string) =>
      app.api<IncidentView>('POST', '/api/incidents', { title, unitCodes: [HOA_SEN.code], category: 'fees_finances' });
    const target = await open('Phản ánh bếp ăn trường Hoa Sen');
    const duplicate = await open('Bếp ăn trường Hoa Sen không đảm bảo vệ sinh');
    const elsewhere = await open('Vệ sinh an toàn thực phẩm ở trường Hoa Sen');

    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, ADMIN);
    await page.goto(`${app.baseUrl}/incidents/${target.id}`);
    await page.getByRole('heading', { name: 'Phản ánh bếp ăn trường Hoa Sen' }).waitFor();
    await page.getByRole('button', { name: 'Gộp sự vụ' }).click();
    const form = page.getByRole('form', { name: 'Gộp sự vụ khác vào sự vụ này' });
    await form.locator(`label[data-incident-id="${duplicate.id}"]`).getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Gộp 1 sự vụ đã chọn' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    // Someone else merges the duplicate into another ticket just before this merge reaches the server.
    await page.route(`**/api/incidents/${target.id}/merge`, async (route) => {
      await app.api('POST', `/api/incidents/${elsewhere.id}/merge`, { incidentIds: [duplicate.id] });
      await route.continue();
    });
    await confirm.getByRole('button', { name: 'Xác nhận gộp' }).click();

    const alert = confirm.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Sự vụ đã được gộp hoặc đã đóng; danh sách đã được cập nhật.');
    // The list was refreshed on the error: the duplicate, now closed, is no longer offered nor sent.
    await waitFor(
      async () => ((await confirm.locator('li').count()) === 0 ? true : undefined),
      10_000,
      'the merged-away ticket to leave the confirmation',
    );
    expect(await confirm.getByRole('button', { name: 'Xác nhận gộp' }).isDisabled()).toBe(true);
    expect((await incident(target.id)).mergedInto).toBeNull();
    expect((await incident(duplicate.id)).mergedInto).toBe(elsewhere.id);
    await page.close();
  });

  it('lets the admin merge a duplicate into a ticket after confirming, and the list shows it closed', async () => {
    const detected = await waitFor(
      async () => {
        const list = await app.api<{ items: IncidentView[] }>('GET', '/api/incidents?pageSize=200');
        const food = list.items.find((i) => i.title === FOOD_POISONING.title);
        const bullying = list.items.find((i) => i.title === BULLYING.title);
        return food && bullying ? { food, bullying } : undefined;
      },
      45_000,
      'the two stories of the feed to be opened as incidents',
    );
    // A closed ticket is never offered for merging.
    const dismissed = await app.api<IncidentView>('POST', '/api/incidents', {
      title: 'Nhận diện nhầm về trường Hoa Sen',
      unitCodes: [HOA_SEN.code],
    });
    await app.api('POST', `/api/incidents/${dismissed.id}/transition`, { to: 'dismissed', reason: 'Trùng tên' });

    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, ADMIN);
    await page.locator(`tr[data-incident-id="${detected.bullying.id}"] [data-status="new"]`).waitFor();
    await page.goto(`${app.baseUrl}/incidents/${detected.food.id}`);
    await page.getByRole('heading', { name: FOOD_POISONING.title }).waitFor();
    await page.getByRole('button', { name: 'Gộp sự vụ' }).click();
    const form = page.getByRole('form', { name: 'Gộp sự vụ khác vào sự vụ này' });
    const offered = (id: string) => form.locator(`label[data-incident-id="${id}"]`);
    await offered(detected.bullying.id).waitFor();
    expect(await offered(detected.food.id).count()).toBe(0);
    expect(await offered(dismissed.id).count()).toBe(0);
    // Searching ignores diacritics.
    await form.getByLabel('Tìm theo tiêu đề, số hoặc đơn vị').fill('danh hoi dong');
    expect(await form.locator('label[data-incident-id]').count()).toBe(1);
    await offered(detected.bullying.id).getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Gộp 1 sự vụ đã chọn' }).click();

    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    await page.screenshot({ path: '/tmp/mw-web-triage-merge.png', fullPage: true });
    expect(await confirm.textContent()).toContain(
      `Gộp #${detected.bullying.number} vào sự vụ #${detected.food.number}?`,
    );
    // Nothing happens before the confirmation.
    expect((await incident(detected.bullying.id)).mergedInto).toBeNull();
    await confirm.getByRole('button', { name: 'Xác nhận gộp' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gộp 1 sự vụ vào sự vụ này.' }).waitFor();

    // The detail refreshed: the duplicate's coverage and school are on this ticket now.
    const mentions = page.locator('section[aria-labelledby="mentions-title"]');
    await mentions.getByText(BULLYING.title).waitFor();
    await mentions.getByText(FOOD_POISONING.title).waitFor();
    expect(await page.locator('.incident-detail header dd').first().textContent()).toContain(NGUYEN_DU.name);
    const target = await incident(detected.food.id);
    const other = await incident(detected.bullying.id);
    expect(target.mentions.map((m) => m.title).sort()).toEqual([FOOD_POISONING.title, BULLYING.title].sort());
    expect(target.units.map((u) => u.code)).toEqual(expect.arrayContaining([HOA_SEN.code, NGUYEN_DU.code]));
    expect(other.mergedInto).toBe(target.id);
    expect(other.status).toBe('resolved');
    const [row] = await query<{ merged_into: string; mentions: number }>(
      app.databaseUrl,
      `SELECT i.merged_into, (SELECT count(*)::int FROM incident_mention m WHERE m.incident_id = i.id) AS mentions
       FROM incident i WHERE i.id = $1`,
      [other.id],
    );
    expect(row).toEqual({ merged_into: target.id, mentions: 0 });

    // The list refreshed too: the duplicate is closed there.
    await page.getByRole('link', { name: 'Danh sách sự vụ' }).click();
    await page.locator(`tr[data-incident-id="${other.id}"] [data-status="resolved"]`).waitFor();
    // The duplicate's own page says where it went and offers no more triage.
    await page.goto(`${app.baseUrl}/incidents/${other.id}`);
    await page.getByText('Sự vụ này đã được gộp vào một sự vụ khác.').waitFor();
    expect(await page.locator('[data-triage]').count()).toBe(0);
    merged = { target, other };
    await page.close();
  });

  it('lets the admin split the other story out into a new incident after confirming', async () => {
    expect(merged).toBeDefined();
    const target = (merged as { target: IncidentView }).target;
    const bullyingMention = target.mentions.find((m) => m.title === BULLYING.title);
    const foodMention = target.mentions.find((m) => m.title === FOOD_POISONING.title);
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.signIn(page, ADMIN);
    await page.goto(`${app.baseUrl}/incidents/${target.id}`);
    await page.getByRole('heading', { name: FOOD_POISONING.title }).waitFor();
    await page.getByRole('button', { name: 'Tách sự vụ' }).click();
    const form = page.getByRole('form', { name: 'Tách tin bài sang sự vụ mới' });
    const tick = (id: string | undefined) => form.locator(`label[data-mention-id="${id}"]`).getByRole('checkbox');
    // All of the coverage cannot move.
    await tick(bullyingMention?.mentionId).check();
    await tick(foodMention?.mentionId).check();
    await form.getByText('Không thể tách tất cả tin bài').waitFor();
    expect(await form.getByRole('button', { name: 'Tách 2 tin bài' }).isDisabled()).toBe(true);
    await tick(foodMention?.mentionId).uncheck();
    await form.getByLabel('Tiêu đề sự vụ mới (không bắt buộc)').fill('Nữ sinh THCS Nguyễn Du bị đánh hội đồng');
    await form.getByRole('button', { name: 'Tách 1 tin bài' }).click();

    const confirm = page.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(`Chuyển 1 tin bài khỏi sự vụ #${target.number} sang một sự vụ mới?`);
    // Going back keeps the choice and changes nothing.
    await confirm.getByRole('button', { name: 'Quay lại' }).click();
    expect(await tick(bullyingMention?.mentionId).isChecked()).toBe(true);
    expect((await incident(target.id)).mentions).toHaveLength(2);
    await form.getByRole('button', { name: 'Tách 1 tin bài' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận tách' }).click();

    const notice = page.getByRole('status').filter({ hasText: 'Đã tách sang sự vụ mới #' });
    await notice.waitFor();
    await page.screenshot({ path: '/tmp/mw-web-triage-split.png', fullPage: true });
    // The detail refreshed: only the food story's coverage is left here.
    const mentions = page.locator('section[aria-labelledby="mentions-title"]');
    await waitFor(
      async () => ((await mentions.getByText(BULLYING.title).count()) === 0 ? true : undefined),
      10_000,
      'the moved mention to leave the page',
    );
    expect(await mentions.getByText(FOOD_POISONING.title).count()).toBe(1);
    const after = await incident(target.id);
    expect(after.mentions.map((m) => m.mentionId)).toEqual([foodMention?.mentionId]);
    const [moved] = await query<{ incident_id: string }>(
      app.databaseUrl,
      `SELECT incident_id FROM incident_mention WHERE mention_id = $1`,
      [bullyingMention?.mentionId],
    );
    const created = await incident(moved?.incident_id as string);
    expect(created.id).not.toBe(target.id);
    expect(created.origin).toBe('split');
    expect(created.title).toBe('Nữ sinh THCS Nguyễn Du bị đánh hội đồng');
    expect(created.mentions.map((m) => m.title)).toEqual([BULLYING.title]);
    expect(await notice.textContent()).toContain(`#${created.number}`);

    await notice.getByRole('link', { name: 'Mở sự vụ mới' }).click();
    await page.getByRole('heading', { name: 'Nữ sinh THCS Nguyễn Du bị đánh hội đồng' }).waitFor();
    expect(page.url()).toBe(`${app.baseUrl}/incidents/${created.id}`);
    // The new ticket is in the list.
    await page.getByRole('link', { name: 'Danh sách sự vụ' }).click();
    await page.locator(`tr[data-incident-id="${created.id}"]`).waitFor();
    await page.close();
  });
});
