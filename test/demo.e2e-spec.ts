/**
 * `npm run demo` as a newcomer runs it, checked against its contract: on a free PORT it prints the dashboard URL
 * and one line per demo person; within 3 minutes of the start the office spokesperson sees an incident for THCS
 * Phan Tây Hồ (79764507) and a good-news item, and the principal has an unread in-app notification, all produced by
 * the real pipeline from the outlets the demo serves on 127.0.0.1; e-mails land in the catcher; the same school
 * name in another district and the district-wide news open nothing. Issue 11's walk-through on a 390 px phone, in
 * the demo: the school's spokesperson gets the toast and the bell's count when the story turns serious, the principal
 * finds the escalation in her inbox, and the spokesperson opens the ticket from the toast and acknowledges it, two
 * taps, nothing wider than the screen. Then Ctrl-C (SIGINT to the terminal's process group) stops everything: no
 * process that used the demo's folder (npm, the demo, the server, PostgreSQL) is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GoodNewsListResponse, IncidentListResponse, UnreadCount } from '@mw/shared';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser';
import { PHONE, phoneContext, sidewaysOverflow } from './support/phone';
import { freePort, postgresPids, ROOT } from './support/server-process';
import { waitFor } from './support/wait';

const CONTRACT_MS = 3 * 60_000;
const PASSWORD = 'demo-govap-2026';
const ACCOUNTS = [
  { email: 'vanphong@demo.local', role: 'office_spokesperson' },
  { email: 'lanhdao@demo.local', role: 'leader' },
  { email: 'phatngon.phantayho@demo.local', role: 'unit_spokesperson', unit: '79764507' },
  { email: 'hieutruong.phantayho@demo.local', role: 'principal', unit: '79764507' },
];

/** Pids of processes whose command line or environment names `dir` (the demo, its server, PostgreSQL). */
function processesUsing(dir: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (cmdline.includes(dir) || environ.includes(dir)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function get<T>(base: string, token: string, route: string): Promise<T> {
  const res = await fetch(`${base}/api${route}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${route} → ${res.status}`);
  return (await res.json()) as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signs in on the dashboard's login page, as a person would on the phone. */
async function signInOnPhone(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).tap();
  await page.getByRole('heading', { name: 'Sự vụ truyền thông' }).waitFor();
}

const unreadOn = async (page: Page) => Number(await page.getByTestId('bell').getAttribute('data-unread'));

describe('npm run demo', () => {
  let dir: string;
  let demo: ChildProcess | undefined;
  let browser: TestBrowser | undefined;
  let output = '';

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-demo-e2e-'));
  });
  afterAll(async () => {
    const kill = (pid: number) => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    await browser?.close();
    if (demo?.pid) kill(-demo.pid);
    for (const pid of processesUsing(dir)) kill(pid);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the crisis within 3 minutes through the real pipeline, and Ctrl-C leaves nothing running', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), MW_DEMO_DIR: dir };
    delete env.MW_DEMO_PASSWORD;
    delete env.DATABASE_URL;
    const startedAt = Date.now();
    // Its own process group, as a terminal gives a command: Ctrl-C is a SIGINT to the whole group.
    const child = spawn('npm', ['run', '-s', 'demo'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo = child;
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // The dashboard URL and the people, printed at start.
    while (!/^Dashboard: (\S+)$/m.test(output) || !output.includes('admin@demo.local |')) {
      if (child.exitCode !== null) throw new Error(`the demo exited early:\n${output}`);
      if (Date.now() - startedAt > CONTRACT_MS) throw new Error(`no dashboard URL after 3 minutes:\n${output}`);
      await sleep(250);
    }
    const dashboard = /^Dashboard: (\S+)$/m.exec(output)![1]!;
    expect(dashboard).toBe(`http://localhost:${port}`);
    const base = `http://127.0.0.1:${port}`;
    for (const account of ACCOUNTS) {
      const line = output.split('\n').find((l) => l.trim().startsWith(`${account.email} |`));
      expect(line).toBeDefined();
      const [email, password, role, unit] = line!.split('|').map((f) => f.trim());
      expect({ email, password, role }).toEqual({ email: account.email, password: PASSWORD, role: account.role });
      if (account.unit) expect(unit).toContain(account.unit);
    }
    expect(output).toMatch(/Deadlines are shortened for the demo/);

    // The school's spokesperson has the dashboard open on her phone before the story breaks.
    browser = await launchBrowser();
    const phone = await phoneContext(browser.browser);
    const spokesperson = await phone.newPage();
    await signInOnPhone(spokesperson, base, 'phatngon.phantayho@demo.local');
    await spokesperson.locator('.realtime-live').waitFor({ state: 'attached' });

    // The contract, within 3 minutes of the start.
    const office = await signIn(base, 'vanphong@demo.local');
    const principal = await signIn(base, 'hieutruong.phantayho@demo.local');
    const seen = { incident: 0, goodNews: 0, unread: 0 };
    while (!(seen.incident && seen.goodNews && seen.unread)) {
      const since = Date.now() - startedAt;
      if (since > CONTRACT_MS) throw new Error(`contract not met in 3 minutes: ${JSON.stringify(seen)}\n${output}`);
      const incidents = await get<IncidentListResponse>(base, office, '/incidents?unit=79764507');
      if (!seen.incident && incidents.total > 0) seen.incident = since;
      const good = await get<GoodNewsListResponse>(base, office, '/good-news');
      if (!seen.goodNews && good.items.length > 0) seen.goodNews = since;
      const unread = await get<UnreadCount>(base, principal, '/notifications/unread');
      if (!seen.unread && unread.unread > 0) seen.unread = since;
      await sleep(1000);
    }
    process.stdout.write(`demo contract met after (ms since start): ${JSON.stringify(seen)}\n`);

    // The story turns serious (S1 as the press picks it up): a toast and the bell's count on her phone.
    const toast = spokesperson.getByTestId('alert-toast').first();
    await toast.waitFor({ timeout: 120_000 });
    expect(await unreadOn(spokesperson)).toBeGreaterThanOrEqual(1);
    expect((await sidewaysOverflow(spokesperson)).excess).toBeLessThanOrEqual(0);
    // Nobody acknowledges within the (shortened) deadline: the principal finds the escalation in her inbox.
    // Her own phone: a browser context of its own (the session lives in the context's storage).
    const principalPhone = await phoneContext(browser.browser);
    const principalPage = await principalPhone.newPage();
    await signInOnPhone(principalPage, base, 'hieutruong.phantayho@demo.local');
    await waitFor(async () => ((await unreadOn(principalPage)) >= 1 ? true : undefined), 20_000, 'principal alerted');
    await principalPage.getByTestId('bell').tap();
    await principalPage.getByRole('heading', { name: 'Thông báo của tôi' }).waitFor();
    try {
      await principalPage.locator('li.inbox-item', { hasText: 'Chuyển cấp 2' }).first().waitFor({ timeout: 120_000 });
    } catch (error) {
      // Seen once in CI (06/12/2026) and not reproduced since: say what the server and the page held, so the next
      // failure tells whether the escalation did not happen or the page did not show it.
      const held = await Promise.all([
        get<unknown>(base, principal, '/notifications'),
        get<unknown>(base, office, '/incidents?unit=79764507'),
        principalPage.locator('li.inbox-item').allInnerTexts(),
        principalPage.locator('.realtime-live').count(),
      ]).catch((e: unknown) => [String(e)]);
      const seconds = Math.round((Date.now() - startedAt) / 1000);
      throw new Error(`${String(error)}\nafter ${seconds} s, held: ${JSON.stringify(held)}\n${output}`);
    }
    expect((await sidewaysOverflow(principalPage)).excess).toBeLessThanOrEqual(0);
    // Tap one: the toast (the escalation alerts her again if the first one timed out) opens the ticket.
    await toast.waitFor({ timeout: 60_000 });
    await toast.getByRole('link', { name: 'Mở sự vụ' }).tap();
    const acknowledge = spokesperson.getByRole('button', { name: 'Tiếp nhận' });
    await acknowledge.waitFor();
    const box = await acknowledge.boundingBox();
    expect((box?.y ?? PHONE.height) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
    expect((await sidewaysOverflow(spokesperson)).excess).toBeLessThanOrEqual(0);
    // Tap two: acknowledged.
    await acknowledge.tap();
    await spokesperson.locator('.incident-detail header [data-status="acknowledged"]').waitFor();
    await Promise.all([phone.close(), principalPhone.close()]);

    // Once the small outlet has picked the story up (after the other district's story and the district news were
    // out), the only ticket is the crisis's, carrying coverage from more than one outlet.
    let incidents = await get<IncidentListResponse>(base, office, '/incidents');
    while (!incidents.items.some((i) => i.outletCount >= 2)) {
      if (Date.now() - startedAt > CONTRACT_MS + 60_000) throw new Error(`no coverage attached:\n${output}`);
      await sleep(1000);
      incidents = await get<IncidentListResponse>(base, office, '/incidents');
    }
    expect(incidents.total).toBe(1);
    const units = incidents.items[0]!.units.map((u) => u.code);
    expect(units).toContain('79764507');
    // Gò Vấp's own THCS Quang Trung (79764504) is not the one in Tân Bình; the office may join as the press quotes it.
    expect(units.filter((code) => code !== '79764507' && code !== 'GV-OFFICE')).toEqual([]);
    const mails = fs.readdirSync(path.join(dir, 'mail')).filter((f) => f.endsWith('.eml'));
    expect(mails.some((f) => f.includes('hieutruong.phantayho@demo.local'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'mail', mails[0]!), 'utf8')).toMatch(/^Subject: /im);

    // Ctrl-C.
    const running = processesUsing(dir);
    expect(postgresPids(dir).length).toBeGreaterThan(0);
    expect(running.length).toBeGreaterThanOrEqual(3);
    process.kill(-child.pid!, 'SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 60_000))),
    ]);
    clearTimeout(timer);
    expect(code).not.toBe('timeout');
    expect(output).toContain('Stopped. Nothing of the demo is left running.');
    const deadline = Date.now() + 10_000;
    while (processesUsing(dir).length > 0 && Date.now() < deadline) await sleep(200);
    expect(processesUsing(dir)).toEqual([]);
    expect(postgresPids(dir)).toEqual([]);
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  }, 300_000);
});
