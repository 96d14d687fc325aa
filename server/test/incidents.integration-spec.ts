/**
 * Incidents against real PostgreSQL through the HTTP API: opening from analysed coverage, attaching later coverage,
 * the workflow, scoping, the official response and its permissions, dismissal, good news, merge and split. Mentions
 * are written as the analysis stage writes them (story, feed item, mention) and picked up by the intake sweep. Time
 * is a FixedClock at 10:00 on a Wednesday in Ho Chi Minh City.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  UnitLevel,
  type IncidentDetail,
  type IncidentListResponse,
  type GoodNewsListResponse,
  type SeverityLevelView,
} from '@mw/shared';
import type { DataSource } from 'typeorm';
import type { CliContext } from '../src/cli/cli-command';
import { SYSTEM_ACTOR } from '../src/common/auth/auth-user';
import { FixedClock } from '../src/common/clock/clock';
import { SEARCH_MAX_LENGTH, searchSql, searchTerms, type SearchTerms } from '../src/common/database/text-search';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { parseOfficeJudgements, scoreOfficeJudgements } from '../src/modules/analysis/pipeline/office-judgements';
import { labelsCommand } from '../src/modules/incidents';
import type { JudgedMention } from '../src/modules/incidents/flows/judgements';
import { IncidentIntakeFlow } from '../src/modules/incidents/flows/intake.flow';
import { INCIDENT_DOCUMENT } from '../src/modules/incidents/store/incident.store';
import { AuditService, UnitsService, upsertUnits } from '../src/modules/organisation';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const SCHOOL_A = '79000724';
const SCHOOL_B = '79000725';
/** Wednesday 10:00 in Ho Chi Minh City. */
const MORNING = new Date('2026-03-04T03:00:00Z');

interface MentionSpec {
  storyId: string;
  sourceId: string;
  outlet: string;
  title: string;
  unitCodes: string[];
  incident?: boolean;
  severity?: string | null;
  reasons?: string[];
  category?: string;
  sentiment?: number;
  label?: 'negative' | 'neutral' | 'positive';
  publishedAt?: Date;
  reach?: number;
}

async function createSource(ds: DataSource, kind: string, outlet: string, reach: number): Promise<string> {
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO source (name, outlet, url, kind, reach_weight) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
    [outlet, `https://${randomUUID()}.example.vn/feed`, kind, reach],
  );
  return (rows[0] as { id: string }).id;
}

async function createStory(ds: DataSource, title: string): Promise<string> {
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO story (key, title, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) RETURNING id`,
    [randomUUID(), title, MORNING],
  );
  return (rows[0] as { id: string }).id;
}

/** Writes a feed item and its mention as the analysis stage does; returns the mention id. */
async function storeMention(ds: DataSource, m: MentionSpec): Promise<string> {
  const url = `https://news.example.vn/${randomUUID()}`;
  const at = m.publishedAt ?? MORNING;
  const items: { id: string }[] = await ds.query(
    `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, published_at, fetched_at, content_hash,
       analysis_state) VALUES ($1, $2, $3, $3, $4, $5, $6, $6, $2, 'done') RETURNING id`,
    [m.sourceId, randomUUID(), url, m.title, m.outlet, at],
  );
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO mention (item_id, source_id, title, url, outlet, published_at, seen_at, unit_codes, sentiment_score,
       sentiment_label, category, incident, severity, severity_reasons, story_id, reach_weight, analysed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $6) RETURNING id`,
    [
      (items[0] as { id: string }).id,
      m.sourceId,
      m.title,
      url,
      m.outlet,
      at,
      m.unitCodes,
      m.sentiment ?? -0.6,
      m.label ?? 'negative',
      m.category ?? 'fees_finances',
      m.incident ?? true,
      m.severity === undefined ? 'S3' : m.severity,
      m.reasons ?? ['category fees_finances starts at S3'],
      m.storyId,
      m.reach ?? 1,
    ],
  );
  return (rows[0] as { id: string }).id;
}

describe('incidents (real PostgreSQL, HTTP API)', () => {
  let t: TestApp;
  let ds: DataSource;
  let intake: IncidentIntakeFlow;
  const clock = new FixedClock(MORNING);
  let spokesA: PersonRow;
  let principalA: PersonRow;
  let principalB: PersonRow;
  let webAdminA: PersonRow;
  let officeSpokes: PersonRow;
  let leader: PersonRow;
  let admin: PersonRow;
  const token = (p: PersonRow) => tokenFor(t.app, p.id);
  let socialSource: string;
  let pressSource: string;

  beforeAll(async () => {
    // Delivery never runs here (schedules are off): the SMTP URL only makes e-mail a configured channel.
    t = await startTestApp(
      { MW_PUBLIC_URL: 'https://mediawatch.govap.test', SMTP_URL: 'smtp://127.0.0.1:2525' },
      { clock },
    );
    ds = t.db.dataSource;
    intake = t.app.get(IncidentIntakeFlow);
    spokesA = await createPerson(ds, {
      name: 'Người phát ngôn A',
      roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_A }],
    });
    principalA = await createPerson(ds, { name: 'Hiệu trưởng A', roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    principalB = await createPerson(ds, { name: 'Hiệu trưởng B', roles: [{ role: 'principal', unitCode: SCHOOL_B }] });
    webAdminA = await createPerson(ds, { roles: [{ role: 'unit_web_admin', unitCode: SCHOOL_A }] });
    officeSpokes = await createPerson(ds, { name: 'Người phát ngôn Phòng', roles: [{ role: 'office_spokesperson' }] });
    leader = await createPerson(ds, { name: 'Lãnh đạo Phòng', roles: [{ role: 'leader' }] });
    admin = await createPerson(ds, { roles: [{ role: 'admin' }] });
    socialSource = await createSource(ds, 'social', 'Nhóm phụ huynh Gò Vấp', 1);
    pressSource = await createSource(ds, 'rss', 'Tuổi Trẻ', 3);
  });
  afterAll(async () => {
    await t.close();
  });

  async function detail(id: string, as: PersonRow = officeSpokes): Promise<IncidentDetail> {
    const res = await call<IncidentDetail>(t.baseUrl, 'GET', `incidents/${id}`, { token: token(as) });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function openFromSocial(
    title: string,
    unitCodes = [SCHOOL_A],
  ): Promise<{ id: string; storyId: string; mentionId: string }> {
    const storyId = await createStory(ds, title);
    const mentionId = await storeMention(ds, {
      storyId,
      sourceId: socialSource,
      outlet: 'Nhóm phụ huynh Gò Vấp',
      title,
      unitCodes,
    });
    const result = await intake.sweep();
    expect(result.opened).toHaveLength(1);
    return { id: result.opened[0] as string, storyId, mentionId };
  }

  it('opens an incident for a story flagged incident, with default assignees, timeline and notifications', async () => {
    const { id, mentionId } = await openFromSocial('Phụ huynh phản ánh lạm thu đầu năm tại trường');
    const ticket = await detail(id);
    expect(ticket).toMatchObject({
      id,
      status: 'new',
      severity: 'S3',
      origin: 'detected',
      units: [{ code: SCHOOL_A, name: expect.any(String) }],
      openedAt: MORNING.toISOString(),
      mentionCount: 1,
      ackDueAt: new Date(MORNING.getTime() + 240 * 60_000).toISOString(),
    });
    expect(ticket.mentions.map((m) => m.mentionId)).toEqual([mentionId]);
    expect(ticket.assignees.map((a) => a.personId).sort()).toEqual([spokesA.id, officeSpokes.id].sort());
    expect(ticket.timeline.map((e) => e.kind)).toEqual(['opened', 'assigned', 'notified']);
    // Each entry says what happened as a code with params and a Vietnamese text (also kept as `summary`).
    expect(ticket.timeline.map((e) => [e.code, e.params, e.text])).toEqual([
      [
        'opened_detected',
        { title: 'Phụ huynh phản ánh lạm thu đầu năm tại trường' },
        'Phát hiện tự động: Phụ huynh phản ánh lạm thu đầu năm tại trường',
      ],
      ['assigned_default', { count: 2 }, 'Giao mặc định cho 2 người'],
      ['notified', { count: 2 }, 'Thông báo 2 người'],
    ]);
    expect(ticket.timeline.every((e) => e.summary === e.text && !('message' in e.data))).toBe(true);
    // The analysis stage's own reason is passed on as written, under the code 'analysis'.
    expect(ticket.severityReasonDetails).toEqual([
      {
        code: 'analysis_proposed',
        params: { severity: 'S3', outlet: 'Nhóm phụ huynh Gò Vấp' },
        text: 'Phân tích đề xuất mức S3 cho tin của “Nhóm phụ huynh Gò Vấp”',
      },
      {
        code: 'analysis',
        params: { text: 'category fees_finances starts at S3' },
        text: 'category fees_finances starts at S3',
      },
    ]);
    expect(ticket.severityReasons).toEqual(ticket.severityReasonDetails.map((r) => r.text));
    // S3: the assignees are told at once, the principal only for S1-S2.
    const recipients: { recipient_id: string }[] = await ds.query(
      `SELECT DISTINCT recipient_id FROM notification WHERE incident_id = $1 AND event = 'incident.opened'`,
      [id],
    );
    expect(recipients.map((r) => r.recipient_id).sort()).toEqual([spokesA.id, officeSpokes.id].sort());
    const channels: { channel: string }[] = await ds.query(
      `SELECT channel FROM notification WHERE incident_id = $1 AND recipient_id = $2 ORDER BY channel`,
      [id, spokesA.id],
    );
    expect(channels.map((c) => c.channel)).toEqual(['email', 'in_app']);
    // The ticket shows the delivery state the notifications module keeps.
    expect(ticket.deliveries.map((d) => `${d.recipient.id}/${d.channel}/${d.status}`).sort()).toEqual(
      [
        `${spokesA.id}/email/pending`,
        `${spokesA.id}/in_app/pending`,
        `${officeSpokes.id}/email/pending`,
        `${officeSpokes.id}/in_app/pending`,
      ].sort(),
    );

    // Dashboards of the office and of the school hear of it live.
    let live: { rooms: string[]; payload: { incidentId: string } }[] = [];
    for (let i = 0; i < 50 && live.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      live = await ds.query(
        `SELECT rooms, payload FROM realtime_event WHERE event = 'incident.created' AND payload->>'incidentId' = $1`,
        [id],
      );
    }
    expect(live).toEqual([
      { rooms: ['office', `unit:${SCHOOL_A}`], payload: expect.objectContaining({ incidentId: id, severity: 'S3' }) },
    ]);

    // A second sweep finds nothing new.
    expect(await intake.sweep()).toEqual({ processed: 0, opened: [], attached: 0, goodNews: 0 });
  });

  it('opens an incident from a feed item all the way through analysis and its mention.stored event', async () => {
    const key = randomUUID();
    await ds.query(
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, summary, outlet, published_at, fetched_at,
         content_hash) VALUES ($1, $2, $3, $3, $4, $5, 'Tuổi Trẻ', $6, $6, $2)`,
      [
        pressSource,
        key,
        `https://news.example.vn/${key}`,
        'Nam sinh trường THPT Gò Vấp bị bạn đánh hội đồng phải nhập viện',
        'Vụ việc xảy ra tại trường THPT Gò Vấp, quận Gò Vấp, TP.HCM khiến phụ huynh bức xúc.',
        MORNING,
      ],
    );
    const before: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM incident`);
    expect(await t.app.get(AnalysisService).analysePending()).toMatchObject({ analysed: 1 });
    // No sweep is called here: the event wakes the intake.
    let opened: { id: string; severity: string }[] = [];
    for (let i = 0; i < 100 && opened.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 30));
      opened = await ds.query(
        `SELECT i.id, i.severity FROM incident i JOIN incident_mention m ON m.incident_id = i.id
         WHERE m.title LIKE 'Nam sinh trường THPT Gò Vấp%'`,
      );
    }
    expect(opened).toHaveLength(1);
    const after: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM incident`);
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 1);
    const ticket = await detail((opened[0] as { id: string }).id);
    expect(ticket).toMatchObject({ origin: 'detected', category: 'violence_bullying', units: [{ code: SCHOOL_A }] });
    expect(['S1', 'S2']).toContain(ticket.severity);
    // S1-S2: the principal is told at once, with the assignees.
    const told: { recipient_id: string }[] = await ds.query(
      `SELECT DISTINCT recipient_id FROM notification WHERE incident_id = $1 AND event = 'incident.opened'`,
      [ticket.id],
    );
    expect(told.map((r) => r.recipient_id).sort()).toEqual([spokesA.id, principalA.id, officeSpokes.id].sort());
  });

  it('attaches a second outlet of the same story and raises severity on the jump to the press', async () => {
    const { id, storyId } = await openFromSocial('Học sinh bị phạt đứng giữa nắng');
    await storeMention(ds, {
      storyId,
      sourceId: pressSource,
      outlet: 'Tuổi Trẻ',
      title: 'Trường ở Gò Vấp phạt học sinh đứng giữa nắng',
      unitCodes: [SCHOOL_A],
      incident: false,
      publishedAt: new Date(MORNING.getTime() + 3 * 3600_000),
      reach: 3,
    });
    const result = await intake.sweep();
    expect(result).toMatchObject({ processed: 1, opened: [], attached: 1 });
    const ticket = await detail(id);
    expect(ticket.severity).toBe('S2');
    expect(ticket.outlets.sort()).toEqual(['Nhóm phụ huynh Gò Vấp', 'Tuổi Trẻ']);
    expect(ticket.mentionCount).toBe(2);
    expect(ticket.reach).toBeCloseTo(4);
    expect(ticket.severityReasonDetails).toContainEqual({
      code: 'social_jump',
      params: { from: 'Nhóm phụ huynh Gò Vấp', to: 'Tuổi Trẻ' },
      text: 'Lan từ mạng xã hội (Nhóm phụ huynh Gò Vấp) sang báo chính thống (Tuổi Trẻ)',
    });
    expect(ticket.severityReasons).toContain(
      'Lan từ mạng xã hội (Nhóm phụ huynh Gò Vấp) sang báo chính thống (Tuổi Trẻ)',
    );
    const kinds = ticket.timeline.map((e) => e.kind);
    expect(kinds).toContain('mention_attached');
    expect(kinds[kinds.length - 1]).toBe('severity_changed');
    expect(ticket.timeline.find((e) => e.kind === 'mention_attached')).toMatchObject({
      code: 'mention_attached',
      params: { outlet: 'Tuổi Trẻ', title: 'Trường ở Gò Vấp phạt học sinh đứng giữa nắng' },
      text: 'Thêm bài từ Tuổi Trẻ: Trường ở Gò Vấp phạt học sinh đứng giữa nắng',
    });
    expect(ticket.timeline[ticket.timeline.length - 1]).toMatchObject({
      code: 'severity_raised',
      params: { from: 'S3', to: 'S2' },
      text: 'Mức độ S3 → S2',
    });
    // The tighter S2 acknowledgement deadline applies from the opening.
    expect(ticket.ackDueAt).toBe(new Date(MORNING.getTime() + 60 * 60_000).toISOString());
  });

  it('runs valid transitions with one timestamp each and refuses invalid ones with a code', async () => {
    const { id } = await openFromSocial('Bếp ăn bán trú không đảm bảo vệ sinh');
    const skip = await call(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(spokesA),
      body: { to: 'resolved' },
    });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: 'INVALID_TRANSITION' });
    const unknown = await call(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(spokesA),
      body: { to: 'closed' },
    });
    expect(unknown.status).toBe(400);

    clock.advance(5 * 60_000);
    const ack = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/acknowledge`, { token: token(spokesA) });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect(ack.body.acknowledgedAt).toBe(clock.now().toISOString());
    clock.advance(5 * 60_000);
    const investigating = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(spokesA),
      body: { to: 'investigating' },
    });
    expect(investigating.status).toBe(200);
    expect(investigating.body.timestamps).toMatchObject({
      acknowledged: new Date(clock.now().getTime() - 5 * 60_000).toISOString(),
      investigating: clock.now().toISOString(),
      resolved: null,
    });
    const back = await call(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(spokesA),
      body: { to: 'new' },
    });
    expect(back.status).toBe(409);
    const timeline = investigating.body.timeline.filter((e) => e.kind === 'status_changed');
    expect(timeline.map((e) => e.data.to)).toEqual(['acknowledged', 'investigating']);
    expect(timeline.every((e) => e.actorId === spokesA.id)).toBe(true);
    expect(timeline.map((e) => [e.code, e.params, e.text])).toEqual([
      ['status_changed', { from: 'new', to: 'acknowledged' }, 'Mới → Đã tiếp nhận'],
      ['status_changed', { from: 'acknowledged', to: 'investigating' }, 'Đã tiếp nhận → Đang xác minh'],
    ]);
  });

  it('tells each caller the transitions their roles allow: spokesperson, principal, leader, web admin', async () => {
    const { id } = await openFromSocial('Phụ huynh phản ánh giờ đón trả trẻ');
    const allowed = async (as: PersonRow) => (await detail(id, as)).allowedTransitions;
    for (const p of [spokesA, principalA, leader]) expect(await allowed(p)).toEqual(['acknowledged', 'dismissed']);
    expect(await allowed(webAdminA)).toEqual([]);

    await call(t.baseUrl, 'POST', `incidents/${id}/acknowledge`, { token: token(spokesA) });
    expect(await allowed(principalA)).toEqual(['investigating', 'response_drafted', 'resolved', 'dismissed']);
    const drafted = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/responses`, {
      token: token(spokesA),
      body: { template: 'holding_statement', submit: true },
    });
    expect(drafted.body.status).toBe('awaiting_approval');
    // Marking it responded needs leadership or the designated spokesperson; the principal is neither.
    expect(drafted.body.allowedTransitions).toEqual(['response_drafted', 'responded', 'dismissed']);
    expect(await allowed(leader)).toEqual(['response_drafted', 'responded', 'dismissed']);
    expect(await allowed(principalA)).toEqual(['response_drafted', 'dismissed']);
    expect(await allowed(webAdminA)).toEqual([]);
    // What is offered is what the server accepts.
    const refused = await call(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(principalA),
      body: { to: 'responded' },
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'INCIDENT_NOT_ASSIGNEE' } });
    const byLeader = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(leader),
      body: { to: 'responded' },
    });
    expect(byLeader.status).toBe(200);
    expect(byLeader.body.allowedTransitions).toEqual(['investigating', 'resolved']);
  });

  it('scopes incidents: another school gets 404 and sees none of them in the list', async () => {
    const { id } = await openFromSocial('Giáo viên có lời lẽ xúc phạm học sinh');
    const asB = await call(t.baseUrl, 'GET', `incidents/${id}`, { token: token(principalB) });
    expect(asB.status).toBe(404);
    const ackB = await call(t.baseUrl, 'POST', `incidents/${id}/acknowledge`, { token: token(principalB) });
    expect(ackB.status).toBe(404);
    const listB = await call<IncidentListResponse>(t.baseUrl, 'GET', 'incidents', { token: token(principalB) });
    expect(listB.body).toMatchObject({ items: [], total: 0 });
    const asA = await call(t.baseUrl, 'GET', `incidents/${id}`, { token: token(principalA) });
    expect(asA.status).toBe(200);
    const missing = await call(t.baseUrl, 'GET', `incidents/${randomUUID()}`, { token: token(officeSpokes) });
    expect(missing.status).toBe(404);
    const notUuid = await call(t.baseUrl, 'GET', 'incidents/not-an-id', { token: token(officeSpokes) });
    expect(notUuid.status).toBe(404);
  });

  it('lists incidents with the contract shape, filters and pagination', async () => {
    const all = await call<IncidentListResponse>(t.baseUrl, 'GET', 'incidents?pageSize=2', {
      token: token(officeSpokes),
    });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    for (const item of all.body.items) {
      expect(item).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          title: expect.any(String),
          severity: expect.stringMatching(/^S[1-4]$/),
          status: expect.any(String),
          units: [{ code: SCHOOL_A, name: expect.any(String) }],
          openedAt: expect.any(String),
        }),
      );
    }
    const s2 = await call<IncidentListResponse>(t.baseUrl, 'GET', 'incidents?severity=S2', {
      token: token(officeSpokes),
    });
    expect(s2.body.items.every((i) => i.severity === 'S2')).toBe(true);
    expect(s2.body.total).toBeGreaterThanOrEqual(1);
    expect(s2.body.total).toBeLessThan(all.body.total);
    const investigating = await call<IncidentListResponse>(
      t.baseUrl,
      'GET',
      `incidents?status=investigating&unit=${SCHOOL_A}`,
      {
        token: token(principalA),
      },
    );
    expect(investigating.body.total).toBe(1);
    const none = await call<IncidentListResponse>(t.baseUrl, 'GET', `incidents?unit=${SCHOOL_B}`, {
      token: token(officeSpokes),
    });
    expect(none.body.total).toBe(0);
    const future = await call<IncidentListResponse>(t.baseUrl, 'GET', 'incidents?from=2030-01-01', {
      token: token(officeSpokes),
    });
    expect(future.body.total).toBe(0);
    const bad = await call(t.baseUrl, 'GET', 'incidents?severity=S9', { token: token(officeSpokes) });
    expect(bad.status).toBe(400);
  });

  it('reads the list queries through validated DTOs: empty parameters are no filter, a bad one is a 400 naming it', async () => {
    const get = (path: string) =>
      call<{ field?: string; message?: string }>(t.baseUrl, 'GET', path, { token: token(officeSpokes) });
    expect((await get('incidents?status=&severity=&unit=&category=&from=&to=&page=&pageSize=&q=')).status).toBe(200);
    expect((await get('good-news?status=&page=&pageSize=')).status).toBe(200);
    expect((await get('incidents?from=2026-03-01&to=2026-03-31T23:59:59%2B07:00&page=2&pageSize=200')).status).toBe(
      200,
    );
    const refusals: [string, string, string][] = [
      ['incidents?status=bogus', 'status', 'status must be one of '],
      ['incidents?severity=S9', 'severity', 'severity must be one of S1, S2, S3, S4'],
      ['incidents?from=nope', 'from', 'from must be an ISO date or time'],
      ['incidents?to=2026-13-45', 'to', 'to must be an ISO date or time'],
      ['incidents?page=0', 'page', 'page must be a whole number from 1 to 10000'],
      ['incidents?pageSize=201', 'pageSize', 'pageSize must be a whole number from 1 to 200'],
      ['incidents?pageSize=1.5', 'pageSize', 'pageSize must be a whole number from 1 to 200'],
      [`incidents?q=${'a'.repeat(SEARCH_MAX_LENGTH + 1)}`, 'q', `q must be at most ${SEARCH_MAX_LENGTH} characters`],
      ['good-news?status=bogus', 'status', 'status must be one of new, shared, proposed, archived'],
      ['good-news?page=x', 'page', 'page must be a whole number from 1 to 10000'],
    ];
    for (const [path, field, message] of refusals) {
      const res = await get(path);
      expect({ path, status: res.status, field: res.body.field }).toEqual({ path, status: 400, field });
      expect(res.body.message).toContain(message);
    }
  });

  it('drafts a response from a template, lets only leadership approve, and only the designated spokesperson publish', async () => {
    const { id } = await openFromSocial('Thu tiền máy lạnh lớp học');
    await call(t.baseUrl, 'POST', `incidents/${id}/acknowledge`, { token: token(spokesA) });
    const drafted = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/responses`, {
      token: token(spokesA),
      body: { template: 'holding_statement', params: { contact: 'Cô Lan, 0909 000 111' }, submit: true },
    });
    expect(drafted.status).toBe(201);
    expect(drafted.body.status).toBe('awaiting_approval');
    const response = drafted.body.responses[0] as IncidentDetail['responses'][number];
    expect(response.body).toContain('Cô Lan, 0909 000 111');
    expect(response.body).toContain('Phòng Giáo dục và Đào tạo Gò Vấp');
    expect(response.status).toBe('awaiting_approval');

    const bySpokes = await call(t.baseUrl, 'POST', `incidents/${id}/responses/${response.id}/approve`, {
      token: token(spokesA),
    });
    expect(bySpokes.status).toBe(403);
    const early = await call(t.baseUrl, 'POST', `incidents/${id}/responses/${response.id}/publish`, {
      token: token(spokesA),
      body: { url: 'https://govap.edu.vn/thong-bao' },
    });
    expect(early.status).toBe(403);
    expect(early.body).toMatchObject({ code: 'RESPONSE_NOT_APPROVED' });

    const sentBack = await call<IncidentDetail>(
      t.baseUrl,
      'POST',
      `incidents/${id}/responses/${response.id}/send-back`,
      {
        token: token(leader),
        body: { reason: 'Bổ sung số liệu đã xác minh' },
      },
    );
    expect(sentBack.status).toBe(200);
    expect(sentBack.body.status).toBe('response_drafted');
    expect(sentBack.body.responses[0]).toMatchObject({
      status: 'sent_back',
      sentBackReason: 'Bổ sung số liệu đã xác minh',
    });
    const resubmitted = await call<IncidentDetail>(
      t.baseUrl,
      'POST',
      `incidents/${id}/responses/${response.id}/submit`,
      {
        token: token(spokesA),
      },
    );
    expect(resubmitted.body.status).toBe('awaiting_approval');
    const approved = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/responses/${response.id}/approve`, {
      token: token(leader),
    });
    expect(approved.status).toBe(200);
    expect(approved.body.responses[0]).toMatchObject({ status: 'approved', approvedById: leader.id });

    // The principal of the school is not the designated spokesperson; the web admin may not even try.
    const byPrincipal = await call(t.baseUrl, 'POST', `incidents/${id}/responses/${response.id}/publish`, {
      token: token(principalA),
      body: { url: 'https://govap.edu.vn/thong-bao' },
    });
    expect(byPrincipal.status).toBe(403);
    expect(byPrincipal.body).toMatchObject({ code: 'INCIDENT_NOT_ASSIGNEE' });
    const byWebAdmin = await call(t.baseUrl, 'POST', `incidents/${id}/responses/${response.id}/publish`, {
      token: token(webAdminA),
      body: { url: 'https://govap.edu.vn/thong-bao' },
    });
    expect(byWebAdmin.status).toBe(403);
    const published = await call<IncidentDetail>(
      t.baseUrl,
      'POST',
      `incidents/${id}/responses/${response.id}/publish`,
      {
        token: token(spokesA),
        body: { url: 'https://govap.edu.vn/thong-bao' },
      },
    );
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('responded');
    expect(published.body.responses[0]).toMatchObject({
      status: 'published',
      publishedById: spokesA.id,
      publishedUrl: 'https://govap.edu.vn/thong-bao',
    });
    expect(published.body.timestamps.responded).toBe(clock.now().toISOString());
    const leaderMail: unknown[] = await ds.query(
      `SELECT 1 FROM notification WHERE incident_id = $1 AND recipient_id = $2 AND template = 'response.awaiting_approval'`,
      [id, leader.id],
    );
    expect(leaderMail.length).toBeGreaterThan(0);
  });

  it('dismisses a false match and records a correction for the analysis labels', async () => {
    const { id, mentionId } = await openFromSocial('Trường trùng tên ở quận khác bị phản ánh');
    const res = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(officeSpokes),
      body: { to: 'dismissed', reason: 'Trường cùng tên ở quận 1' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('dismissed');
    expect(res.body.allowedTransitions).toEqual([]);
    expect(res.body.timeline.slice(-2).map((e) => [e.code, e.params, e.text])).toEqual([
      [
        'status_changed_reason',
        { from: 'new', to: 'dismissed', reason: 'Trường cùng tên ở quận 1' },
        'Mới → Bỏ qua (nhận diện sai): Trường cùng tên ở quận 1',
      ],
      ['false_match', { count: 1 }, 'Ghi nhận nhận diện sai cho 1 bài'],
    ]);
    const corrections: { mention_ids: string[]; reason: string; corrected_by: string }[] = await ds.query(
      `SELECT mention_ids, reason, corrected_by FROM analysis_correction WHERE incident_id = $1`,
      [id],
    );
    expect(corrections).toEqual([
      { mention_ids: [mentionId], reason: 'Trường cùng tên ở quận 1', corrected_by: officeSpokes.id },
    ]);
    const again = await call(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(officeSpokes),
      body: { to: 'investigating' },
    });
    expect(again.status).toBe(409);
    const state: { next_step_at: Date | null; respond_due_at: Date | null }[] = await ds.query(
      `SELECT next_step_at, respond_due_at FROM escalation_state WHERE incident_id = $1`,
      [id],
    );
    expect(state).toEqual([{ next_step_at: null, respond_due_at: null }]);
  });

  it("exports the office's judgements as labels: acknowledged coverage, false matches, nothing from new tickets", async () => {
    const confirmed = await openFromSocial('Phụ huynh tố trường thu tiền máy lạnh sai quy định');
    await ds.query(`UPDATE mention SET summary = $2 WHERE id = $1`, [
      confirmed.mentionId,
      'Mỗi học sinh phải đóng 300.000 đồng tiền máy lạnh dù phòng học chưa lắp.',
    ]);
    // The same story told by the press, which the analyzer read as no incident: a miss that reached a ticket.
    const pressed = await storeMention(ds, {
      storyId: confirmed.storyId,
      sourceId: pressSource,
      outlet: 'Tuổi Trẻ',
      title: 'Trường ở Gò Vấp thu tiền máy lạnh khi chưa lắp đặt',
      unitCodes: [SCHOOL_A],
      incident: false,
      label: 'neutral',
      publishedAt: new Date(MORNING.getTime() + 3600_000),
    });
    await intake.sweep();
    expect(
      (await call(t.baseUrl, 'POST', `incidents/${confirmed.id}/acknowledge`, { token: token(spokesA) })).status,
    ).toBe(200);
    const dismissed = await openFromSocial('Trường cùng tên ở Thủ Đức bị phản ánh chuyện bán trú');
    expect(
      (
        await call(t.baseUrl, 'POST', `incidents/${dismissed.id}/transition`, {
          token: token(officeSpokes),
          body: { to: 'dismissed', reason: 'Không phải trường ở Gò Vấp' },
        })
      ).status,
    ).toBe(200);
    const untouched = await openFromSocial('Phụ huynh hỏi về lịch học bù sau bão');

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const code = await labelsCommand.run(['export'], {
      out,
      app: () => Promise.resolve(t.app),
    } as unknown as CliContext);
    expect(code).toBe(0);
    const text = Buffer.concat(chunks).toString('utf8');
    const { items, errors } = parseOfficeJudgements(text);
    expect(errors).toEqual([]);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as JudgedMention);
    const mine = new Map(lines.map((l) => [l.id, l]));
    expect(mine.has(untouched.mentionId)).toBe(false);
    expect(mine.get(confirmed.mentionId)).toMatchObject({
      title: 'Phụ huynh tố trường thu tiền máy lạnh sai quy định',
      summary: 'Mỗi học sinh phải đóng 300.000 đồng tiền máy lạnh dù phòng học chưa lắp.',
      units: [SCHOOL_A],
      judgement: 'incident',
      reason: null,
      ticket: { origin: 'detected', status: 'acknowledged' },
      analysed: { incident: true, sentiment: 'negative', category: 'fees_finances' },
    });
    expect(mine.get(pressed)).toMatchObject({
      outlet: 'Tuổi Trẻ',
      judgement: 'incident',
      analysed: { incident: false, sentiment: 'neutral' },
    });
    expect(mine.get(dismissed.mentionId)).toMatchObject({
      judgement: 'false_match',
      reason: 'Không phải trường ở Gò Vấp',
      ticket: { status: 'dismissed' },
      analysed: { incident: true },
    });
    // What eval --office reads: the analyzer of then caught the social post and the false match, missed the press.
    const ours = items.filter((i) => [confirmed.mentionId, pressed, dismissed.mentionId].includes(i.id));
    const report = scoreOfficeJudgements(ours, () => false);
    expect(report.atTheTime).toMatchObject({ items: 3, support: 2, flagged: 2, precision: 0.5, recall: 0.5 });
  });

  it('leaves dismissing a serious ticket to the office; a school proposes it with a reason', async () => {
    const open = async (severity: string) =>
      (
        await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
          token: token(officeSpokes),
          body: { title: `Tin đồn về trường A (${severity})`, unitCodes: [SCHOOL_A], severity },
        })
      ).body.id;
    const serious = await open('S1');
    const seen = await detail(serious, principalA);
    expect(seen.allowedTransitions).not.toContain('dismissed');
    expect(seen.mayProposeDismissal).toBe(true);
    const refused = await call<{ code: string }>(t.baseUrl, 'POST', `incidents/${serious}/transition`, {
      token: token(principalA),
      body: { to: 'dismissed', reason: 'Không phải trường chúng tôi' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('DISMISSAL_NEEDS_OFFICE');

    const proposed = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${serious}/dismissal-proposal`, {
      token: token(principalA),
      body: { reason: 'Bài viết nói về trường cùng tên ở quận 1' },
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.status).toBe('new');
    expect(proposed.body.timeline.at(-1)).toMatchObject({
      code: 'dismissal_proposed',
      actorId: principalA.id,
      params: { reason: 'Bài viết nói về trường cùng tên ở quận 1' },
    });
    // The office hears of it, in the outbox with the proposal's transaction.
    const told: { recipient_id: string; template: string }[] = await ds.query(
      `SELECT DISTINCT recipient_id, template FROM notification WHERE incident_id = $1 AND template = $2`,
      [serious, 'incident.dismissal_proposed'],
    );
    expect(told.map((n) => n.recipient_id)).toContain(officeSpokes.id);
    expect(
      (
        await call(t.baseUrl, 'POST', `incidents/${serious}/dismissal-proposal`, {
          token: token(officeSpokes),
          body: { reason: 'Tôi tự quyết được' },
        })
      ).status,
    ).toBe(409);
    expect(
      (await call(t.baseUrl, 'POST', `incidents/${serious}/dismissal-proposal`, { token: token(principalA), body: {} }))
        .status,
    ).toBe(400);

    // The office decides.
    expect((await detail(serious, officeSpokes)).allowedTransitions).toContain('dismissed');
    const dismissed = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${serious}/transition`, {
      token: token(officeSpokes),
      body: { to: 'dismissed', reason: 'Trường cùng tên ở quận 1' },
    });
    expect(dismissed.body.status).toBe('dismissed');

    // A lesser ticket the school still dismisses itself.
    const minor = await open('S3');
    expect((await detail(minor, principalA)).mayProposeDismissal).toBe(false);
    const own = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${minor}/transition`, {
      token: token(principalA),
      body: { to: 'dismissed', reason: 'Không liên quan' },
    });
    expect(own.body.status).toBe('dismissed');
  });

  it('refuses people without a role and roles that may not act', async () => {
    const { id } = await openFromSocial('Phản ánh về giờ đón trả học sinh');
    const nobody = await createPerson(ds);
    for (const [method, path, body] of [
      ['GET', 'incidents', undefined],
      ['GET', `incidents/${id}`, undefined],
      ['POST', `incidents/${id}/acknowledge`, undefined],
      ['POST', `incidents/${id}/transition`, { to: 'acknowledged' }],
      ['GET', 'good-news', undefined],
    ] as const) {
      const res = await call(t.baseUrl, method, path, { token: token(nobody), body });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const webAdminMoves = await call(t.baseUrl, 'POST', `incidents/${id}/transition`, {
      token: token(webAdminA),
      body: { to: 'acknowledged' },
    });
    expect(webAdminMoves.status).toBe(403);
    const principalOpens = await call(t.baseUrl, 'POST', 'incidents', {
      token: token(principalA),
      body: { title: 'Thử', unitCodes: [SCHOOL_A] },
    });
    expect(principalOpens.status).toBe(403);
    // The web admin of the school sees the ticket and may comment, but acknowledging would stop the escalation
    // chain without anyone who handles the incident having seen it.
    const ack = await call(t.baseUrl, 'POST', `incidents/${id}/acknowledge`, { token: token(webAdminA) });
    expect(ack.status).toBe(403);
    const comment = await call(t.baseUrl, 'POST', `incidents/${id}/comments`, {
      token: token(webAdminA),
      body: { body: 'Đã gỡ bài đăng trên trang của trường.' },
    });
    expect(comment.status).toBe(201);
  });

  it('keeps the timeline append-only', async () => {
    await expect(ds.query(`UPDATE incident_timeline SET summary = 'x'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM incident_timeline`)).rejects.toThrow(/append-only/);
  });

  it('searches incidents by words of the title or description, diacritics and case ignored, best first', async () => {
    const open = async (title: string, description: string) =>
      (
        await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
          token: token(officeSpokes),
          body: { title, description, unitCodes: [SCHOOL_A] },
        })
      ).body.id;
    const together = await open('Phụ huynh phản ánh bếp ăn Trường Phan Tây Hồ', 'Nhiều ý kiến trên nhóm Zalo.');
    const apart = await open('Góp ý về hồ bơi', 'Ông Phan cho biết khu phía tây đã xuống cấp.');
    const list = async (qs: string, as: PersonRow = officeSpokes) =>
      call<IncidentListResponse>(t.baseUrl, 'GET', `incidents?${qs}`, { token: token(as) });
    for (const q of ['phan tay ho', 'PHAN TÂY HỒ']) {
      const found = await list(`q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.items.map((i) => i.id)).toEqual([together, apart]);
      expect(found.body.total).toBe(2);
    }
    // With the other filters, and within the caller's scope.
    const phrase = encodeURIComponent('"phan tay ho" bep');
    expect((await list(`q=${phrase}&unit=${SCHOOL_A}`)).body.items.map((i) => i.id)).toEqual([together]);
    expect((await list('q=phan+tay+ho', principalB)).body.total).toBe(0);
    expect((await list(`q=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it("finds a school's tickets by its name or code as it is typed, ranked, through the index", async () => {
    const PHAN_TAY_HO = '79764507';
    const open = async (title: string, description: string, unitCodes: string[]) =>
      (
        await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
          token: token(officeSpokes),
          body: { title, description, unitCodes },
        })
      ).body.id;
    // Neither the title nor the description names the school: only its unit does.
    const atSchool = await open('Phụ huynh phản ánh bữa trưa thiếu rau xanh', 'Ý kiến trên nhóm Zalo lớp 7A.', [
      PHAN_TAY_HO,
    ]);
    // The three words scattered in another school's description: found too, but below.
    const scattered = await open(
      'Góp ý về sân chơi',
      'Phụ huynh họ Phan nói khu phía tây cạnh hồ nước chưa có rào chắn.',
      [SCHOOL_B],
    );
    const list = async (q: string, as: PersonRow = officeSpokes) =>
      (
        await call<IncidentListResponse>(t.baseUrl, 'GET', `incidents?q=${encodeURIComponent(q)}`, {
          token: token(as),
        })
      ).body.items.map((i) => i.id);

    for (const q of ['phan tay ho', 'Phan Tây Hồ', 'THCS PHAN TÂY HỒ', 'phan tay h', 'phan t', PHAN_TAY_HO]) {
      const found = await list(q);
      expect(found).toContain(atSchool);
      if (found.includes(scattered)) expect(found.indexOf(atSchool)).toBeLessThan(found.indexOf(scattered));
    }
    // The school's words and the ticket's own words together.
    expect(await list('phan tay ho rau')).toEqual([atSchool]);
    expect(await list('phan tay ho san choi')).toEqual([scattered]);
    const phrase = await list('"phan tay ho"');
    expect(phrase).toContain(atSchool);
    expect(phrase).not.toContain(scattered);
    // Scope still applies: another school's principal finds nothing of it.
    expect(await list('phan tay ho', principalB)).not.toContain(atSchool);

    // An alias added to the unit is searchable on its tickets at once, in the same transaction as the change.
    expect(await list('ptho')).toEqual([]);
    const patched = await call(t.baseUrl, 'PATCH', `units/${PHAN_TAY_HO}`, {
      token: token(admin),
      body: { aliases: ['PTHO Gò Vấp'] },
    });
    expect(patched.status).toBe(200);
    expect(await list('ptho')).toEqual([atSchool]);
    // So is one brought by the CLI's import of units.
    await upsertUnits(ds, t.app.get(AuditService), t.app.get(UnitsService), SYSTEM_ACTOR, [
      {
        code: PHAN_TAY_HO,
        name: 'THCS Phan Tây Hồ',
        level: UnitLevel.LowerSecondary,
        ownership: 'Công lập',
        address: '18B/27 Thống Nhất',
        aliases: ['PTHO Gò Vấp', 'Phan Tây Hồ Thống Nhất'],
      },
    ]);
    expect(await list('thong nhat')).toEqual([atSchool]);

    // The planner answers a prefix search from the index (sequential scans priced out, as on a large table).
    const plan: { 'QUERY PLAN': string }[] = await ds.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const params: string[] = [];
      const sql = searchSql(INCIDENT_DOCUMENT, searchTerms('phan tay h') as SearchTerms, (v) => {
        params.push(v);
        return `$${params.length}`;
      });
      return m.query(`EXPLAIN SELECT id FROM incident i WHERE ${sql.where}`, params);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('incident_search_idx');
  });

  it('opens by hand, assigns with history, comments and tasks', async () => {
    const other = await call(t.baseUrl, 'POST', 'incidents', {
      token: token(spokesA),
      body: { title: 'Tin nhắn trong nhóm Zalo phụ huynh', unitCodes: [SCHOOL_B] },
    });
    expect(other.status).toBe(403);
    const unknown = await call(t.baseUrl, 'POST', 'incidents', {
      token: token(officeSpokes),
      body: { title: 'Không rõ trường', unitCodes: ['NO-SUCH-UNIT'] },
    });
    expect(unknown).toMatchObject({ status: 400, body: { field: 'unitCodes' } });
    const created = await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
      token: token(spokesA),
      body: {
        title: 'Tin nhắn trong nhóm Zalo phụ huynh',
        unitCodes: [SCHOOL_A],
        sourceUrl: 'https://zalo.me/g/abc',
        severity: 'S2',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      origin: 'manual',
      severity: 'S2',
      severityManual: true,
      sourceUrl: 'https://zalo.me/g/abc',
      severityReasons: ['Mức S2 do người mở sự vụ đặt'],
      severityReasonDetails: [{ code: 'manual_set', params: { severity: 'S2' }, text: 'Mức S2 do người mở sự vụ đặt' }],
    });
    expect(created.body.timeline[0]).toMatchObject({
      code: 'opened_manual',
      text: 'Mở thủ công: Tin nhắn trong nhóm Zalo phụ huynh',
    });
    const unrated = await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
      token: token(officeSpokes),
      body: { title: 'Phản ánh qua đường dây nóng', unitCodes: [SCHOOL_A] },
    });
    expect(unrated.body.severityReasonDetails).toEqual([
      { code: 'manual_no_coverage', params: {}, text: 'Mở thủ công; chưa có tin bài kèm theo' },
    ]);
    const id = created.body.id;
    // S2: the principal hears of it at once.
    const principalTold: unknown[] = await ds.query(
      `SELECT 1 FROM notification WHERE incident_id = $1 AND recipient_id = $2 AND event = 'incident.opened'`,
      [id, principalA.id],
    );
    expect(principalTold.length).toBeGreaterThan(0);

    const reassigned = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/assign`, {
      token: token(officeSpokes),
      body: { personIds: [leader.id], replace: true },
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.assignees.map((a) => a.personId)).toEqual([leader.id]);
    expect(reassigned.body.assignmentHistory).toHaveLength(3);
    expect(reassigned.body.assignmentHistory.filter((a) => a.unassignedAt !== null)).toHaveLength(2);

    const commented = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/comments`, {
      token: token(principalA),
      body: { body: 'Đã gọi điện cho phụ huynh' },
    });
    expect(commented.status).toBe(201);
    expect(commented.body.comments).toEqual([
      expect.objectContaining({ authorId: principalA.id, body: 'Đã gọi điện cho phụ huynh' }),
    ]);
    const due = new Date(MORNING.getTime() + 86_400_000).toISOString();
    const tasked = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/tasks`, {
      token: token(officeSpokes),
      body: { title: 'Xác minh với giáo viên chủ nhiệm', ownerId: principalA.id, dueAt: due },
    });
    expect(tasked.status).toBe(201);
    const task = tasked.body.tasks[0] as IncidentDetail['tasks'][number];
    expect(task).toMatchObject({ ownerId: principalA.id, dueAt: due, doneAt: null });
    // Someone who can see the ticket but neither owns the task nor handles incidents may not close it.
    const notTheirs = await call(t.baseUrl, 'POST', `incidents/${id}/tasks/${task.id}/done`, {
      token: token(webAdminA),
    });
    expect(notTheirs.status).toBe(403);
    const badId = await call<{ code: string; field: string }>(
      t.baseUrl,
      'POST',
      `incidents/${id}/tasks/not-a-uuid/done`,
      { token: token(principalA) },
    );
    expect([badId.status, badId.body.code, badId.body.field]).toEqual([400, 'VALIDATION_FAILED', 'taskId']);
    const done = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/tasks/${task.id}/done`, {
      token: token(principalA),
    });
    expect(done.body.tasks[0]?.doneAt).toBe(clock.now().toISOString());
    expect(done.body.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['opened', 'assigned', 'unassigned', 'comment', 'task_added', 'task_done']),
    );
  });

  it('merges two incidents and splits coverage out again', async () => {
    const first = await openFromSocial('Sân trường ngập nước sau mưa');
    const second = await openFromSocial('Mưa lớn, lớp học dột');
    const merged = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${first.id}/merge`, {
      token: token(officeSpokes),
      body: { incidentIds: [second.id] },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.mentions.map((m) => m.mentionId).sort()).toEqual([first.mentionId, second.mentionId].sort());
    expect(merged.body.storyIds.sort()).toEqual([first.storyId, second.storyId].sort());
    const folded = await detail(second.id);
    expect(folded).toMatchObject({ mergedInto: first.id, status: 'resolved' });

    const split = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${first.id}/split`, {
      token: token(officeSpokes),
      body: { mentionIds: [second.mentionId], title: 'Lớp học dột' },
    });
    expect(split.status).toBe(201);
    expect(split.body).toMatchObject({ origin: 'split', title: 'Lớp học dột', mentionCount: 1 });
    expect(split.body.mentions.map((m) => m.mentionId)).toEqual([second.mentionId]);
    const rest = await detail(first.id);
    expect(rest.mentions.map((m) => m.mentionId)).toEqual([first.mentionId]);
    expect(rest.storyIds).toEqual([first.storyId]);
    const all = await call(t.baseUrl, 'POST', `incidents/${first.id}/split`, {
      token: token(officeSpokes),
      body: { mentionIds: [first.mentionId] },
    });
    expect(all).toMatchObject({ status: 400, body: { code: 'NOTHING_TO_SPLIT' } });
  });

  it('sends positive coverage to the good-news queue, scoped by unit', async () => {
    const storyId = await createStory(ds, 'Học sinh đạt giải nhất cuộc thi khoa học');
    await storeMention(ds, {
      storyId,
      sourceId: pressSource,
      outlet: 'Tuổi Trẻ',
      title: 'Học sinh Gò Vấp đạt giải nhất cuộc thi khoa học',
      unitCodes: [SCHOOL_A],
      incident: false,
      severity: null,
      reasons: [],
      category: 'curriculum_awards',
      sentiment: 0.8,
      label: 'positive',
    });
    const result = await intake.sweep();
    expect(result).toMatchObject({ goodNews: 1, opened: [] });
    const mine = await call<GoodNewsListResponse>(t.baseUrl, 'GET', 'good-news', { token: token(webAdminA) });
    expect(mine.body.total).toBe(1);
    const item = mine.body.items[0] as GoodNewsListResponse['items'][number];
    expect(item).toMatchObject({ status: 'new', units: [{ code: SCHOOL_A, name: expect.any(String) }] });
    const theirs = await call<GoodNewsListResponse>(t.baseUrl, 'GET', 'good-news', { token: token(principalB) });
    expect(theirs.body.total).toBe(0);
    const foreign = await call(t.baseUrl, 'POST', `good-news/${item.id}/share`, { token: token(principalB), body: {} });
    expect(foreign.status).toBe(404);
    const shared = await call(t.baseUrl, 'POST', `good-news/${item.id}/share`, {
      token: token(webAdminA),
      body: { note: 'Đăng fanpage' },
    });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ status: 'shared', actedById: webAdminA.id, note: 'Đăng fanpage' });
    const proposed = await call(t.baseUrl, 'POST', `good-news/${item.id}/propose`, {
      token: token(principalA),
      body: {},
    });
    expect(proposed.body).toMatchObject({ status: 'proposed' });
  });

  it('serves severity levels as data, editable by an admin only', async () => {
    const levels = await call<SeverityLevelView[]>(t.baseUrl, 'GET', 'severity-levels', { token: token(principalA) });
    expect(levels.body.map((l) => [l.code, l.ackMinutes, l.respondMinutes])).toEqual([
      ['S1', 15, 360],
      ['S2', 60, 1440],
      ['S3', 240, 4320],
      ['S4', null, null],
    ]);
    const denied = await call(t.baseUrl, 'PATCH', 'severity-levels/S3', {
      token: token(leader),
      body: { ackMinutes: 120 },
    });
    expect(denied.status).toBe(403);
    const updated = await call<SeverityLevelView>(t.baseUrl, 'PATCH', 'severity-levels/S3', {
      token: token(admin),
      body: { ackMinutes: 120, colour: '#aa8800' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ code: 'S3', ackMinutes: 120, colour: '#aa8800' });
    const { id } = await openFromSocial('Học sinh phản ánh bị thu tiền photo đề cương');
    expect((await detail(id)).ackDueAt).toBe(new Date(clock.now().getTime() + 120 * 60_000).toISOString());
    await call(t.baseUrl, 'PATCH', 'severity-levels/S3', { token: token(admin), body: { ackMinutes: 240 } });
  });
});
