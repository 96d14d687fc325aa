/**
 * Media Watch's whole promise with real parts: a Tuổi Trẻ-style RSS feed on the fixture feed server, the compiled
 * server as a real process on real PostgreSQL, and a real SMTP server. A parent's complaint about food poisoning at
 * a Gò Vấp kindergarten is polled, its article page read, analysed into a mention of that school, turned into an
 * incident, and mailed in Vietnamese with a link to the ticket to the school's spokesperson and principal; the
 * spokesperson acknowledges and the escalation chain stops. The same school name in another district, a good-news
 * item and a neutral item open nothing. The second scenario runs two server processes on one database and one feed
 * server for several intervals and counts every fetch, row and e-mail: each happens exactly once.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startFixtureFeedServer, type FixtureFeedServer } from './fixture-feed-server';
import { articleUrl, BULLYING, FOOD_POISONING, publish, type FeedEntry } from './support/news-feed';
import { startTestPostgres, type TestPostgres } from './support/postgres';
import { ROOT, startServer, type ServerProcess } from './support/server-process';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './support/smtp';
import { query } from './support/db';
import { waitFor } from './support/wait';

const PUBLIC_URL = 'https://mediawatch.govap.test';
const ADMIN = { email: 'admin@govap.test', password: 'quan-tri-vien-2026' };
const PASSWORD = 'mat-khau-thu-nghiem-2026';
// Units from server/src/database/seeds/govap-units.csv.
const HOA_SEN = { code: '79764314', name: 'Trường MN Hoa Sen' };
const NGUYEN_DU = { code: '79764502', name: 'THCS Nguyễn Du' };

interface Person {
  id: string;
  email: string;
}

const SAME_NAME_ELSEWHERE: FeedEntry = {
  guid: '2026112609152233',
  slug: 'bao-mau-truong-mam-non-hoa-sen-o-quan-8-bi-to-danh-tre',
  title: 'Bảo mẫu Trường Mầm non Hoa Sen ở quận 8 bị tố đánh trẻ',
  summary:
    'Phụ huynh Trường Mầm non Hoa Sen (phường 6, quận 8, TP.HCM) phản ánh con bị bảo mẫu đánh, nhà trường đã tạm đình chỉ người này.',
  body: [
    'Đoạn clip do một phụ huynh ghi lại cho thấy bảo mẫu Trường Mầm non Hoa Sen ở quận 8 dùng tay đánh vào đầu một bé trai.',
    'Hiệu trưởng nhà trường cho biết đã tạm đình chỉ bảo mẫu và làm việc với gia đình cháu bé.',
  ],
  minutesAgo: 160,
};

const GOOD_NEWS: FeedEntry = {
  guid: '2026112608004417',
  slug: 'hoc-sinh-truong-thcs-nguyen-du-quan-go-vap-gianh-huy-chuong-vang-olympic-tieng-anh',
  title: 'Học sinh Trường THCS Nguyễn Du quận Gò Vấp giành huy chương vàng Olympic tiếng Anh',
  summary:
    'Em Trần Minh Khang, học sinh lớp 9 Trường THCS Nguyễn Du (quận Gò Vấp), xuất sắc giành huy chương vàng, mang niềm vui lớn cho thầy cô và bạn bè.',
  body: [
    'Vượt qua hơn 300 thí sinh, Trần Minh Khang giành huy chương vàng kỳ thi Olympic tiếng Anh dành cho học sinh THCS TP.HCM.',
    'Thầy cô Trường THCS Nguyễn Du tự hào về thành tích của em và của đội tuyển năm nay.',
  ],
  minutesAgo: 240,
};

const NEUTRAL: FeedEntry = {
  guid: '2026112607301108',
  slug: 'tp-hcm-cong-bo-lich-nghi-tet-nguyen-dan-cho-hoc-sinh',
  title: 'TP.HCM công bố lịch nghỉ Tết Nguyên đán cho học sinh',
  summary: 'Học sinh TP.HCM được nghỉ Tết 11 ngày, từ 24 tháng Chạp đến hết mùng 6 tháng Giêng.',
  body: [
    'Sở Giáo dục và Đào tạo TP.HCM vừa ban hành khung kế hoạch thời gian năm học, trong đó có lịch nghỉ Tết Nguyên đán.',
  ],
  minutesAgo: 300,
};

const FOLLOW_UP: FeedEntry = {
  guid: 'tn-185261126143012345',
  slug: 'nhieu-tre-truong-mam-non-hoa-sen-o-go-vap-nhap-vien-sau-bua-trua',
  title: 'Nhiều trẻ Trường Mầm non Hoa Sen ở Gò Vấp nhập viện sau bữa trưa, phụ huynh tố thực phẩm hết hạn',
  summary:
    'Chiều 26-11, Phòng Giáo dục quận Gò Vấp xác nhận 9 trẻ Trường Mầm non Hoa Sen nhập viện nghi ngộ độc thực phẩm; cơ quan chức năng đã lấy mẫu thức ăn.',
  body: [
    'Theo Phòng Giáo dục và Đào tạo quận Gò Vấp, các cháu nhập viện đều đã ổn định; nhà trường tạm ngưng bếp ăn để chờ kết quả xét nghiệm mẫu thức ăn.',
  ],
  minutesAgo: 5,
};

async function api<T>(
  server: ServerProcess,
  method: string,
  route: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.baseUrl}/api${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function login(server: ServerProcess, email: string, password: string): Promise<string> {
  const res = await api<{ accessToken: string }>(server, 'POST', '/auth/login', null, { email, password });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

/** Creates a person, then gives them a role at a unit (the two admin calls the dashboard makes). */
async function addPerson(
  server: ServerProcess,
  adminToken: string,
  name: string,
  email: string,
  role: 'principal' | 'unit_spokesperson',
  unitCode: string,
): Promise<Person> {
  const created = await api<{ id: string }>(server, 'POST', '/people', adminToken, { name, email, password: PASSWORD });
  expect(created.status).toBe(201);
  const assigned = await api<unknown>(server, 'POST', `/people/${created.body.id}/roles`, adminToken, {
    role,
    unitCode,
  });
  expect(assigned.status).toBe(201);
  return { id: created.body.id, email };
}

async function addSource(
  server: ServerProcess,
  adminToken: string,
  name: string,
  outlet: string,
  url: string,
  intervalSeconds: number,
): Promise<string> {
  const res = await api<{ id: string }>(server, 'POST', '/sources', adminToken, {
    name,
    outlet,
    url,
    kind: 'rss',
    settings: { intervalSeconds },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

/**
 * The operator CLI from server/dist, which `npm test` has just built. scripts/cli.cjs would rebuild first when any
 * source file is newer than the build, which makes the test depend on edits in progress elsewhere in the checkout.
 */
function runBuiltCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'cli', 'main.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

function mailsTo(smtp: TestSmtpServer, email: string): ReceivedMail[] {
  return smtp.messages.filter((m) => m.to.includes(email));
}

interface IncidentView {
  id: string;
  title: string;
  severity: string;
  status: string;
  category: string | null;
  units: { code: string; name: string }[];
  acknowledgedAt: string | null;
  mentionCount: number;
  mentions: { title: string; url: string | null }[];
  assignees: { personId: string }[];
}

describe('full path with real parts', () => {
  let pg: TestPostgres;
  let smtp: TestSmtpServer;
  let feeds: FixtureFeedServer;
  const servers: ServerProcess[] = [];

  const serverEnv = (databaseUrl: string): Record<string, string> => ({
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtp.url,
    MW_SMTP_FROM: 'Media Watch <media-watch@govap.test>',
    MW_PUBLIC_URL: PUBLIC_URL,
    MW_JWT_SECRET: 'f'.repeat(48),
    MW_ADMIN_EMAIL: ADMIN.email,
    MW_ADMIN_PASSWORD: ADMIN.password,
    MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    MW_SEED_SOURCES: 'false',
    MW_SCHEDULER_ENABLED: 'true',
    MW_POLL_TICK_SECONDS: '1',
    MW_NOTIFY_TICK_SECONDS: '1',
    MW_FETCH_TOTAL_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'debug',
  });

  beforeAll(async () => {
    [pg, smtp, feeds] = await Promise.all([startTestPostgres(), startSmtpServer(), startFixtureFeedServer()]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await feeds?.close();
    await smtp?.stop();
    await pg?.stop();
  });

  it('takes a feed item to an e-mail in the principal’s inbox, and acknowledgement stops the escalation', async () => {
    const databaseUrl = await pg.createDatabase('mw_e2e_full');
    const server = await startServer(serverEnv(databaseUrl));
    servers.push(server);
    await server.waitHealthy();
    const admin = await login(server, ADMIN.email, ADMIN.password);

    const principal = await addPerson(
      server,
      admin,
      'Nguyễn Thị Thu Hà',
      'hieutruong.hoasen@govap.test',
      'principal',
      HOA_SEN.code,
    );
    const spokesperson = await addPerson(
      server,
      admin,
      'Lê Minh Tâm',
      'phatngon.hoasen@govap.test',
      'unit_spokesperson',
      HOA_SEN.code,
    );

    const entries = [FOOD_POISONING, SAME_NAME_ELSEWHERE, GOOD_NEWS, NEUTRAL];
    const feedPath = publish(feeds, 'tuoitre', 'Giáo dục - Tuổi Trẻ Online', entries);
    const sourceId = await addSource(server, admin, 'Tuổi Trẻ - Giáo dục', 'Tuổi Trẻ', feeds.url + feedPath, 2);

    // Stored, with the article text read from its page, and analysed.
    const items = await waitFor(
      async () => {
        const rows = await query<{ guid: string; content_text: string | null; analysis_state: string }>(
          databaseUrl,
          `SELECT guid, content_text, analysis_state FROM feed_item WHERE source_id = $1`,
          [sourceId],
        );
        return rows.length === entries.length && rows.every((r) => r.analysis_state === 'done') ? rows : undefined;
      },
      30_000,
      'the four items to be stored and analysed',
    );
    expect(items.map((r) => r.guid).sort()).toEqual(entries.map((e) => e.guid).sort());
    const stored = items.find((r) => r.guid === FOOD_POISONING.guid);
    expect(stored?.content_text).toContain('tạm dừng bếp ăn');
    for (const e of entries) expect(feeds.hits(new URL(articleUrl(feeds.url, 'tuoitre', e)).pathname)).toBe(1);

    const mentions = await query<{
      guid: string;
      unit_codes: string[];
      incident: boolean;
      severity: string | null;
      sentiment_label: string;
    }>(
      databaseUrl,
      `SELECT i.guid, m.unit_codes, m.incident, m.severity, m.sentiment_label
       FROM mention m JOIN feed_item i ON i.id = m.item_id WHERE i.source_id = $1`,
      [sourceId],
    );
    const mentionOf = (e: FeedEntry) => mentions.filter((m) => m.guid === e.guid);
    expect(mentionOf(FOOD_POISONING)).toEqual([
      expect.objectContaining({
        unit_codes: expect.arrayContaining([HOA_SEN.code]),
        incident: true,
        sentiment_label: 'negative',
      }),
    ]);
    expect(['S1', 'S2']).toContain(mentionOf(FOOD_POISONING)[0]?.severity);
    // The other district's Hoa Sen is no Gò Vấp school.
    for (const m of mentionOf(SAME_NAME_ELSEWHERE)) expect(m.unit_codes).toEqual([]);
    expect(mentionOf(GOOD_NEWS)).toEqual([
      expect.objectContaining({ unit_codes: [NGUYEN_DU.code], incident: false, sentiment_label: 'positive' }),
    ]);

    // One incident, about the right school, serious enough to pull in the principal.
    const list = await waitFor(
      async () => {
        const res = await api<{ items: IncidentView[]; total: number }>(server, 'GET', '/incidents', admin);
        return res.body.total > 0 ? res.body : undefined;
      },
      15_000,
      'the incident to be opened',
    );
    expect(list.total).toBe(1);
    const opened = list.items[0] as IncidentView;
    // The article quotes the district office too, so the office may be on the ticket beside the school.
    expect(opened.status).toBe('new');
    expect(opened.units).toContainEqual(HOA_SEN);
    expect(['S1', 'S2']).toContain(opened.severity);
    const detail = (await api<IncidentView>(server, 'GET', `/incidents/${opened.id}`, admin)).body;
    expect(detail.mentions.map((m) => m.title)).toEqual([FOOD_POISONING.title]);
    expect(detail.assignees.map((a) => a.personId)).toContain(spokesperson.id);
    const goodNews = await query<{ unit_codes: string[]; title: string }>(
      databaseUrl,
      `SELECT unit_codes, title FROM good_news`,
    );
    expect(goodNews).toEqual([{ unit_codes: [NGUYEN_DU.code], title: GOOD_NEWS.title }]);

    // The e-mails: in Vietnamese, with a link to the ticket, to the principal and to the spokesperson.
    const link = `${PUBLIC_URL}/incidents/${opened.id}`;
    for (const person of [principal, spokesperson]) {
      const [mail] = await waitFor(
        () => (mailsTo(smtp, person.email).length > 0 ? mailsTo(smtp, person.email) : undefined),
        15_000,
        `the e-mail to ${person.email}`,
      );
      expect(mail?.subject).toBe(`[${opened.severity}] Sự cố truyền thông mới: ${FOOD_POISONING.title}`);
      expect(mail?.text).toContain(HOA_SEN.name);
      expect(mail?.text).toContain(`Xem phiếu sự cố: ${link}`);
      expect(mail?.html).toContain(link);
      expect(mail?.from).toBe('media-watch@govap.test');
    }
    expect(mailsTo(smtp, principal.email)).toHaveLength(1);
    expect(mailsTo(smtp, spokesperson.email)).toHaveLength(1);

    // The spokesperson acknowledges.
    const token = await login(server, spokesperson.email, PASSWORD);
    const ack = await api<IncidentView>(server, 'POST', `/incidents/${opened.id}/acknowledge`, token);
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect(ack.body.acknowledgedAt).not.toBeNull();
    const after = await api<IncidentView>(server, 'GET', `/incidents/${opened.id}`, admin);
    expect(after.body.status).toBe('acknowledged');

    // Make the acknowledgement deadline pass at once and take the due steps: the chain has stopped, no further
    // level is notified and nothing more is mailed.
    const stateOf = async () =>
      (
        await query<{ level: number; next_step_at: Date | null }>(
          databaseUrl,
          `SELECT level, next_step_at FROM escalation_state WHERE incident_id = $1`,
          [opened.id],
        )
      )[0];
    const notificationsOf = async () =>
      (
        await query<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM notification WHERE incident_id = $1`, [
          opened.id,
        ])
      )[0]?.n;
    // Escalation steps of S2 wait for the end of the Office's quiet hours (21:30-06:30 in Ho Chi Minh City by
    // default); without any, the step below is due whatever the hour the test runs at.
    const calm = await api<unknown>(server, 'PATCH', '/escalation/settings', admin, { quietHours: null });
    expect(calm.status).toBe(200);
    const levelBefore = (await stateOf())?.level;
    await query(
      databaseUrl,
      `UPDATE escalation_state SET ack_due_at = now() - interval '1 minute', next_step_at = now() - interval '1 minute'
       WHERE incident_id = $1`,
      [opened.id],
    );
    const notifiedBefore = await notificationsOf();
    const escalate = await runBuiltCli(['incidents', 'escalate'], serverEnv(databaseUrl));
    expect(escalate.code).toBe(0);
    // The server's own escalation tick (every minute) may have taken the due incident first; either way, no step.
    expect(JSON.parse(escalate.stdout.trim())).toEqual({ claimed: expect.any(Number), steps: 0, deferred: 0 });
    expect(await stateOf()).toEqual({ level: levelBefore, next_step_at: null });
    expect(await notificationsOf()).toBe(notifiedBefore);
    await waitFor(
      async () =>
        (await query(databaseUrl, `SELECT 1 FROM notification WHERE status <> 'sent'`)).length === 0 ? true : undefined,
      10_000,
      'every notification to be delivered',
    );
    expect(smtp.messages.filter((m) => m.subject.includes('Chuyển cấp'))).toEqual([]);
    await server.stop('SIGTERM');
  }, 90_000);

  it('runs on two server processes sharing one database: each fetch, row and e-mail happens exactly once', async () => {
    const databaseUrl = await pg.createDatabase('mw_e2e_pair');
    const env = { ...serverEnv(databaseUrl), MW_POLL_CONCURRENCY: '2' };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    servers.push(a, b);
    await Promise.all([a.waitHealthy(), b.waitHealthy()]);
    const mailsFrom = smtp.messages.length;
    const admin = await login(a, ADMIN.email, ADMIN.password);
    const people = [
      await addPerson(a, admin, 'Nguyễn Thị Thu Hà', 'ht.hoasen@govap.test', 'principal', HOA_SEN.code),
      await addPerson(b, admin, 'Lê Minh Tâm', 'pn.hoasen@govap.test', 'unit_spokesperson', HOA_SEN.code),
      await addPerson(a, admin, 'Phạm Văn Hùng', 'ht.nguyendu@govap.test', 'principal', NGUYEN_DU.code),
      await addPerson(b, admin, 'Võ Thị Lan', 'pn.nguyendu@govap.test', 'unit_spokesperson', NGUYEN_DU.code),
    ];

    const intervalMs = 3000;
    const served: Record<string, { channel: string; entries: FeedEntry[] }> = {
      'tuoitre-b': { channel: 'Giáo dục - Tuổi Trẻ Online', entries: [NEUTRAL, FOOD_POISONING] },
      thanhnien: { channel: 'Giáo dục - Thanh Niên', entries: [GOOD_NEWS] },
      nld: { channel: 'Giáo dục - Người Lao Động', entries: [SAME_NAME_ELSEWHERE] },
    };
    const sources: { outlet: string; id: string; feedPath: string; addedAt: number }[] = [];
    for (const [outlet, feed] of Object.entries(served)) {
      const feedPath = publish(feeds, outlet, feed.channel, feed.entries);
      const via = sources.length % 2 === 0 ? a : b;
      const addedAt = Date.now();
      const id = await addSource(via, admin, feed.channel, outlet, feeds.url + feedPath, intervalMs / 1000);
      sources.push({ outlet, id, feedPath, addedAt });
    }
    const incidents = async () =>
      (await api<{ items: IncidentView[]; total: number }>(a, 'GET', '/incidents', admin)).body.items;
    await waitFor(async () => ((await incidents()).length > 0 ? true : undefined), 20_000, 'the first incident');

    // Later coverage: another outlet follows the story, and a new story breaks.
    served['tuoitre-b']?.entries.push(BULLYING);
    served.thanhnien?.entries.push(FOLLOW_UP);
    for (const [outlet, feed] of Object.entries(served)) publish(feeds, outlet, feed.channel, feed.entries);
    const expectedItems = Object.values(served).reduce((n, f) => n + f.entries.length, 0);

    let lastState = '';
    await waitFor(
      async () => {
        const list = await incidents();
        const hoaSen = list.find((i) => i.units.some((u) => u.code === HOA_SEN.code));
        const [analysed] = await query<{ n: number }>(
          databaseUrl,
          `SELECT count(*)::int AS n FROM feed_item WHERE analysis_state = 'done'`,
        );
        const [unsent] = await query<{ n: number }>(
          databaseUrl,
          `SELECT count(*)::int AS n FROM notification WHERE status <> 'sent'`,
        );
        const everyoneMailed = people.every((p) => mailsTo(smtp, p.email).length > 0);
        const ranLongEnough = Date.now() - (sources[0]?.addedAt ?? 0) > 4 * intervalMs;
        lastState = JSON.stringify({
          tickets: list.length,
          hoaSenMentions: hoaSen?.mentionCount ?? null,
          analysed: analysed?.n,
          expectedItems,
          unsent: unsent?.n,
          mailed: people.map((p) => mailsTo(smtp, p.email).length),
        });
        return list.length === 2 &&
          hoaSen?.mentionCount === 2 &&
          analysed?.n === expectedItems &&
          unsent?.n === 0 &&
          everyoneMailed &&
          ranLongEnough
          ? true
          : undefined;
      },
      // Generous: in the full run this suite shares two cores with the other end-to-end suites' servers.
      80_000,
      'both stories on tickets, every item analysed and every notification sent',
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; last seen ${lastState}`);
    });

    // Nobody acknowledges the bullying story: its deadline passes and two escalation runs race (the operator CLI
    // twice, beside both servers' own ticks). Its principal hears of level 2 once.
    const bullying = (await incidents()).find((i) => i.units.some((u) => u.code === NGUYEN_DU.code));
    expect(bullying?.status).toBe('new');
    expect((await api<unknown>(a, 'PATCH', '/escalation/settings', admin, { quietHours: null })).status).toBe(200);
    await query(
      databaseUrl,
      `UPDATE escalation_state SET ack_due_at = now() - interval '1 minute', next_step_at = now() - interval '1 minute'
       WHERE incident_id = $1`,
      [bullying?.id],
    );
    const runs = await Promise.all([
      runBuiltCli(['incidents', 'escalate'], env),
      runBuiltCli(['incidents', 'escalate'], env),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const principalNguyenDu = people[2] as Person;
    const levelTwo = () => mailsTo(smtp, principalNguyenDu.email).filter((m) => m.subject.includes('Chuyển cấp 2'));
    await waitFor(() => (levelTwo().length > 0 ? true : undefined), 15_000, 'the level-2 e-mail to the principal');
    await waitFor(
      async () =>
        (await query(databaseUrl, `SELECT 1 FROM notification WHERE status <> 'sent'`)).length === 0 ? true : undefined,
      15_000,
      'the escalation notifications to be sent',
    );
    expect(levelTwo()).toHaveLength(1);
    expect(levelTwo()[0]?.text).toContain(`${PUBLIC_URL}/incidents/${bullying?.id}`);

    // Stop new polls, let the ones in flight finish, then stop both servers.
    await query(databaseUrl, `UPDATE source SET enabled = false`);
    const stoppedAt = Date.now();
    await waitFor(
      async () =>
        (await query(databaseUrl, `SELECT 1 FROM source WHERE lease_owner IS NOT NULL`)).length === 0
          ? true
          : undefined,
      10_000,
      'polls in flight to finish',
    );
    await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);

    // Fetches: each feed polled at once, then once per interval, never by both servers within one interval; each
    // article page read once.
    let totalHits = 0;
    for (const source of sources) {
      const hits = feeds.hits(source.feedPath);
      totalHits += hits;
      expect(hits).toBeGreaterThanOrEqual(3);
      expect(hits).toBeLessThanOrEqual(Math.floor((stoppedAt - source.addedAt) / intervalMs) + 1);
      for (const e of served[source.outlet]?.entries ?? [])
        expect(feeds.hits(new URL(articleUrl(feeds.url, source.outlet, e)).pathname)).toBe(1);
    }
    const pollsBy = (server: ServerProcess) =>
      server
        .output()
        .split('\n')
        .filter((l) => l.includes('"source polled"')).length;
    expect(pollsBy(a) + pollsBy(b)).toBe(totalHits);
    expect(pollsBy(a)).toBeGreaterThan(0);
    expect(pollsBy(b)).toBeGreaterThan(0);

    // Rows: no item, mention or incident twice.
    const [counts] = await query<{ items: number; keys: number; mentions: number; mentioned: number }>(
      databaseUrl,
      `SELECT (SELECT count(*)::int FROM feed_item) AS items,
              (SELECT count(DISTINCT (source_id, dedup_key))::int FROM feed_item) AS keys,
              (SELECT count(*)::int FROM mention) AS mentions,
              (SELECT count(DISTINCT item_id)::int FROM mention) AS mentioned`,
    );
    expect(counts).toEqual({
      items: expectedItems,
      keys: expectedItems,
      mentions: expectedItems,
      mentioned: expectedItems,
    });
    const list = await query<{ id: string; story_ids: string[] }>(databaseUrl, `SELECT id, story_ids FROM incident`);
    expect(list).toHaveLength(2);
    const stories = list.flatMap((i) => i.story_ids);
    expect(new Set(stories).size).toBe(stories.length);
    const attached = await query<{ title: string }>(databaseUrl, `SELECT title FROM incident_mention ORDER BY title`);
    expect(attached.map((r) => r.title)).toEqual([FOOD_POISONING.title, BULLYING.title, FOLLOW_UP.title].sort());

    // E-mails: every e-mail notification arrived once, and nobody got the same message twice.
    const mails = smtp.messages.slice(mailsFrom);
    const [emailRows] = await query<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM notification WHERE channel = 'email' AND status = 'sent'`,
    );
    expect(mails).toHaveLength(emailRows?.n ?? -1);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);
    const perReader = mails.map((m) => `${m.to.join(',')} ${m.subject}`);
    expect(new Set(perReader).size).toBe(perReader.length);
    for (const p of people)
      expect(mailsTo(smtp, p.email).filter((m) => m.subject.includes('Sự cố truyền thông mới'))).toHaveLength(1);
  }, 150_000);
});
