/**
 * The weekly leadership report against real PostgreSQL: coverage and incidents written the way the analysis stage
 * and the incident intake write them, with a FixedClock moved through weeks 2026-W46 to W48 in Ho Chi Minh City;
 * the figures, the week boundaries (Sunday 23:30 local belongs to the ending week, Monday 00:10 to the next), the
 * Monday schedule on two instances of one database, the notification by e-mail, the HTTP contract and its roles.
 */
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  weekPeriod,
  type ApiErrorBody,
  type Page,
  type ReportPeriod,
  type ReportResponse,
  type StoredReportSummary,
} from '@mw/shared';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { FixedClock } from '../src/common/clock/clock';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { JsonLogger } from '../src/common/logging/json-logger';
import { WeeklyReport1795900000001 } from '../src/database/migrations/1795900000001-weekly-report';
import { EscalationFlow } from '../src/modules/incidents/flows/escalation.flow';
import { IncidentIntakeFlow } from '../src/modules/incidents/flows/intake.flow';
import { NotificationDeliveryService } from '../src/modules/notifications/notification-delivery.service';
import { WeeklyReportCron } from '../src/modules/reports/weekly-report.cron';
import { WeeklyReportEntity } from '../src/modules/reports/weekly-report.entity';
import { ReportsService } from '../src/modules/reports/reports.service';
import { SpikeDetector } from '../src/modules/reports/spikes/spike-detector.service';
import { pdfText as extractPdf } from '../../test/support/pdf-text';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { createUnit, type UnitRow } from './factories/unit.factory';
import { startTestApp, type TestApp } from './harness/test-app';
import { schemaLog } from './harness/schema-log';

/** A time in Ho Chi Minh City. */
const local = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

/** The PDF attached to a raw MIME message: its file name and decoded bytes. */
function pdfAttachment(raw: string): { filename: string; content: Buffer } {
  const part = /Content-Type: application\/pdf;?[^]*?filename="?([^"\r\n]+)"?[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(
    raw,
  );
  if (!part) throw new Error('no PDF attached');
  return { filename: part[1] as string, content: Buffer.from((part[2] as string).replace(/\s+/g, ''), 'base64') };
}

/** The text of a PDF, extracted with pdf.js (unpdf), pages joined. */
async function pdfText(pdf: Buffer): Promise<string> {
  return (await extractPdf(pdf)).text;
}

describe('weekly report (real PostgreSQL, two instances)', () => {
  const clock = new FixedClock(local('2026-11-09T08:00:00'));
  let smtp: TestSmtpServer;
  let t: TestApp;
  let second: NestExpressApplication;
  let ds: DataSource;
  let schoolA: UnitRow;
  let schoolB: UnitRow;
  let leader: PersonRow;
  let leaderEn: PersonRow;
  let formerLeader: PersonRow;
  let officeSpokes: PersonRow;
  let steering: PersonRow;
  let admin: PersonRow;
  let unitSpokes: PersonRow;
  let principalB: PersonRow;
  let socialSource: string;
  let pressSource: string;
  let otherPressSource: string;
  let googleSource: string;
  const opened: Record<string, string> = {};
  const token = (p: PersonRow) => tokenFor(t.app, p.id);

  async function createSource(outlet: string, kind: string): Promise<string> {
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO source (name, outlet, url, kind, enabled) VALUES ($1, $1, $2, $3, false) RETURNING id`,
      [outlet, `https://${randomUUID()}.example.vn/feed`, kind],
    );
    return (rows[0] as { id: string }).id;
  }

  /** A feed item and its mention, as the analysis stage stores them, seen at the clock's time. */
  async function storeMention(m: {
    sourceId: string;
    outlet: string;
    title: string;
    unitCodes: string[];
    storyId?: string;
    label?: 'negative' | 'neutral' | 'positive';
    category?: string;
    severity?: string;
    incident?: boolean;
    publishedAt?: Date;
  }): Promise<string> {
    const at = clock.now();
    const published = m.publishedAt ?? at;
    const url = `https://news.example.vn/${randomUUID()}`;
    let storyId = m.storyId;
    if (!storyId) {
      const stories: { id: string }[] = await ds.query(
        `INSERT INTO story (key, title, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) RETURNING id`,
        [randomUUID(), m.title, at],
      );
      storyId = (stories[0] as { id: string }).id;
    }
    const items: { id: string }[] = await ds.query(
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, published_at, fetched_at,
         content_hash, analysis_state) VALUES ($1, $2, $3, $3, $4, $5, $6, $6, $2, 'done') RETURNING id`,
      [m.sourceId, randomUUID(), url, m.title, m.outlet, at],
    );
    const label = m.label ?? 'negative';
    await ds.query(
      `INSERT INTO mention (item_id, source_id, title, url, outlet, published_at, seen_at, unit_codes, sentiment_score,
         sentiment_label, category, incident, severity, story_id, analysed_at)
       VALUES ($1, $2, $3, $4, $5, $14, $14, $7, $8, $9, $10, $11, $12, $13, $6)`,
      [
        (items[0] as { id: string }).id,
        m.sourceId,
        m.title,
        url,
        m.outlet,
        at,
        m.unitCodes,
        label === 'negative' ? -0.6 : label === 'positive' ? 0.7 : 0,
        label,
        m.category ?? 'fees_finances',
        m.incident ?? label === 'negative',
        label === 'negative' ? (m.severity ?? 'S3') : null,
        storyId,
        published,
      ],
    );
    return storyId;
  }

  /** Coverage flagged as an incident, picked up by the intake sweep at the clock's time; returns the incident. */
  async function openIncident(
    name: string,
    at: Date,
    spec: { unit: UnitRow; outlet?: string; category?: string; severity?: string },
  ): Promise<string> {
    clock.set(at);
    await storeMention({
      sourceId: socialSource,
      outlet: spec.outlet ?? 'Nhóm phụ huynh Gò Vấp',
      title: `${name}: phụ huynh phản ánh tại ${spec.unit.name}`,
      unitCodes: [spec.unit.code],
      category: spec.category,
      severity: spec.severity,
    });
    const result = await t.app.get(IncidentIntakeFlow).sweep();
    expect(result.opened).toHaveLength(1);
    opened[name] = result.opened[0] as string;
    return opened[name];
  }

  async function acknowledge(name: string, at: Date): Promise<void> {
    clock.set(at);
    const res = await call(t.baseUrl, 'POST', `incidents/${opened[name]}/acknowledge`, { token: token(officeSpokes) });
    expect(res.status).toBe(200);
  }

  const weekly = (week: string | null, as: PersonRow) =>
    call<ReportResponse & ApiErrorBody>(t.baseUrl, 'GET', `reports/weekly${week ? `?week=${week}` : ''}`, {
      token: token(as),
    });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const env = {
      MW_JWT_SECRET: 'r'.repeat(48),
      SMTP_URL: smtp.url,
      MW_PUBLIC_URL: 'https://mediawatch.govap.test/',
      MW_SEED_SOURCES: 'false',
    };
    t = await startTestApp(env, { clock });
    second = await createApp(
      new AppConfig(parseEnv({ MW_SCHEDULER_ENABLED: 'false', MW_WEB_DIST: '', LOG_LEVEL: 'error', ...env }), t.db.url),
      new JsonLogger('error', process.stderr),
      { clock },
    );
    await second.listen(0, '127.0.0.1');
    expect((second.getHttpServer().address() as AddressInfo).port).toBeGreaterThan(0);
    ds = t.db.dataSource;
    schoolA = await createUnit(ds, { name: 'Trường Tiểu học Thử A', level: 'TH' });
    schoolB = await createUnit(ds, { name: 'Trường THCS Thử B', level: 'THCS' });
    leader = await createPerson(ds, { name: 'Lãnh đạo Phòng', roles: [{ role: 'leader' }] });
    leaderEn = await createPerson(ds, { name: 'Deputy Head', roles: [{ role: 'leader' }] });
    await ds.query(`UPDATE person SET language = 'en' WHERE id = $1`, [leaderEn.id]);
    formerLeader = await createPerson(ds, { name: 'Lãnh đạo cũ', active: false, roles: [{ role: 'leader' }] });
    officeSpokes = await createPerson(ds, { name: 'Người phát ngôn Phòng', roles: [{ role: 'office_spokesperson' }] });
    steering = await createPerson(ds, { name: 'Thành viên Ban chỉ đạo', roles: [{ role: 'steering_member' }] });
    admin = await createPerson(ds, { roles: [{ role: 'admin' }] });
    unitSpokes = await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: schoolA.code }] });
    principalB = await createPerson(ds, {
      name: 'Hiệu trưởng B',
      roles: [{ role: 'principal', unitCode: schoolB.code }],
    });
    socialSource = await createSource('Nhóm phụ huynh Gò Vấp', 'social');
    pressSource = await createSource('Tuổi Trẻ', 'rss');
    otherPressSource = await createSource('Thanh Niên', 'rss');
    googleSource = await createSource('Google News: giáo dục Gò Vấp', 'search');

    // Week 2026-W46 (9–15/11): one incident, acknowledged after 10 minutes.
    await openIncident('I0', local('2026-11-10T09:00:00'), { unit: schoolA });
    await acknowledge('I0', local('2026-11-10T09:10:00'));

    // Week 2026-W47 (16–22/11).
    await openIncident('I1', local('2026-11-16T09:00:00'), { unit: schoolA });
    await acknowledge('I1', local('2026-11-16T09:30:00'));
    const storyI1: { story_ids: string[] }[] = await ds.query(`SELECT story_ids FROM incident WHERE id = $1`, [
      opened.I1,
    ]);
    clock.set(local('2026-11-17T08:00:00'));
    await storeMention({
      sourceId: pressSource,
      outlet: 'Tuổi Trẻ',
      title: 'Lạm thu đầu năm: báo chí vào cuộc',
      unitCodes: [schoolA.code],
      storyId: storyI1[0]?.story_ids[0],
    });
    // The same article again through an overlapping Google News search: one article, not two.
    await storeMention({
      sourceId: googleSource,
      outlet: 'Tuổi Trẻ',
      title: 'Lạm thu đầu năm: báo chí vào cuộc - Tuổi Trẻ',
      unitCodes: [schoolA.code],
      storyId: storyI1[0]?.story_ids[0],
    });
    expect((await t.app.get(IncidentIntakeFlow).sweep()).attached).toBe(2);
    await openIncident('I2', local('2026-11-18T10:00:00'), {
      unit: schoolB,
      outlet: 'Tuổi Trẻ',
      category: 'violence_bullying',
      severity: 'S2',
    });
    // S2 must be acknowledged within 60 minutes: at 61 the chain reaches the principal (level 2).
    clock.set(local('2026-11-18T11:01:00'));
    expect((await t.app.get(EscalationFlow).runDue()).steps).toBeGreaterThanOrEqual(1);
    await acknowledge('I2', local('2026-11-18T11:30:00'));
    clock.set(local('2026-11-19T14:00:00'));
    const award = await storeMention({
      sourceId: otherPressSource,
      outlet: 'Thanh Niên',
      title: 'Học sinh Trường Tiểu học Thử A đoạt giải nhất cuộc thi khoa học',
      unitCodes: [schoolA.code],
      label: 'positive',
      category: 'curriculum_awards',
    });
    // …and the same good news through Google News: still one article and one good news item.
    await storeMention({
      sourceId: googleSource,
      outlet: 'Thanh Niên',
      title: 'Học sinh Trường Tiểu học Thử A đoạt giải nhất cuộc thi khoa học - Thanh Niên',
      unitCodes: [schoolA.code],
      label: 'positive',
      category: 'curriculum_awards',
      storyId: award,
    });
    expect((await t.app.get(IncidentIntakeFlow).sweep()).goodNews).toBe(2);
    // Sunday 23:30 local (16:30 UTC): still week 47; never acknowledged.
    await openIncident('I3', local('2026-11-22T23:30:00'), { unit: schoolA });

    // Monday 00:10 local (Sunday 17:10 UTC): week 48.
    await openIncident('I4', local('2026-11-23T00:10:00'), { unit: schoolB });
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('computes the week ended last, by Ho Chi Minh City week boundaries, before anything is stored', async () => {
    clock.set(local('2026-11-23T06:00:00'));
    const res = await weekly('2026-W47', leader);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      version: 2,
      period: { kind: 'week', week: '2026-W47', start: '2026-11-15T17:00:00.000Z', end: '2026-11-22T17:00:00.000Z' },
      previousPeriod: { week: '2026-W46', from: '2026-11-09', to: '2026-11-15' },
      scope: null,
      stored: false,
      complete: true,
    });
    // I1 (social + press), I2, the good news and I3 at Sunday 23:30; I4 at Monday 00:10 is next week's.
    expect(r.figures).toEqual({
      mentions: 5,
      mentionsBySentiment: { negative: 4, neutral: 0, positive: 1 },
      incidentsOpened: 3,
      // I1 rose to S2 when the press took it up: the report counts the severity as it stands.
      incidentsBySeverity: { S1: 0, S2: 2, S3: 1, S4: 0 },
      dismissed: 0,
      acknowledged: 2,
      // 30 and 90 minutes: median 60, 90th percentile 30 + 0.9 × 60 = 84 (linear interpolation).
      ackMedianMinutes: 60,
      ackP90Minutes: 84,
      escalations: 1,
      openUnacknowledgedAtEnd: 1,
      goodNews: 1,
    });
    expect(r.previous).toMatchObject({
      mentions: 1,
      incidentsOpened: 1,
      ackMedianMinutes: 10,
      ackP90Minutes: 10,
      openUnacknowledgedAtEnd: 0,
    });
    expect(r.incidents.byUnit).toEqual([
      { code: schoolA.code, name: schoolA.name, count: 2 },
      { code: schoolB.code, name: schoolB.name, count: 1 },
    ]);
    expect(r.incidents.byCategory).toEqual([
      { key: 'fees_finances', count: 2 },
      { key: 'violence_bullying', count: 1 },
    ]);
    expect(r.incidents.byStatus).toEqual([
      { key: 'acknowledged', count: 2 },
      { key: 'new', count: 1 },
    ]);
    expect(r.escalationsByLevel).toEqual([{ level: 2, incidents: 1 }]);
    expect(r.openUnacknowledged.map((i) => i.id)).toEqual([opened.I3]);
    expect(r.openUnacknowledged[0]).toMatchObject({ severity: 'S3', status: 'new', units: [schoolA.name] });
    expect(r.mentions.topOutlets).toEqual([
      { key: 'Nhóm phụ huynh Gò Vấp', count: 2 },
      { key: 'Tuổi Trẻ', count: 2 },
      { key: 'Thanh Niên', count: 1 },
    ]);
    expect(r.mentions.byCategory).toEqual([
      { key: 'fees_finances', count: 3 },
      { key: 'curriculum_awards', count: 1 },
      { key: 'violence_bullying', count: 1 },
    ]);
    expect(r.widestStories).toEqual([
      expect.objectContaining({ outlets: 2, mentions: 2, outletNames: ['Nhóm phụ huynh Gò Vấp', 'Tuổi Trẻ'] }),
    ]);
    expect(r.goodNews).toEqual([
      expect.objectContaining({
        outlet: 'Thanh Niên',
        units: [schoolA.name],
        title: expect.stringContaining('giải nhất'),
      }),
    ]);
    // Reading stored nothing.
    expect(await ds.query(`SELECT week FROM weekly_report`)).toEqual([]);
  });

  it('counts an item at Monday 00:10 local in the week it opens, still running and never stored', async () => {
    clock.set(local('2026-11-23T06:00:00'));
    const res = await weekly('2026-W48', admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: { week: '2026-W48' }, stored: false, complete: false });
    expect(res.body.figures.incidentsOpened).toBe(1);
    expect(res.body.figures.mentions).toBe(1);
    // I3 (W47) was still open and unacknowledged at the end of W47, and is now too.
    expect(res.body.previous.openUnacknowledgedAtEnd).toBe(1);
    expect(await ds.query(`SELECT week FROM weekly_report`)).toEqual([]);
  });

  it('is not due before Monday 07:00 local, then catches up at any later hour of the week', () => {
    const cron = t.app.get(WeeklyReportCron);
    expect(cron.isDue(local('2026-11-23T06:59:00'))).toBe(false);
    expect(cron.isDue(local('2026-11-23T07:00:00'))).toBe(true);
    expect(cron.isDue(local('2026-11-26T15:05:00'))).toBe(true);
    expect(cron.isDue(local('2026-11-29T23:05:00'))).toBe(true);
    expect(cron.isDue(local('2026-11-30T00:05:00'))).toBe(false);
  });

  it('stores nothing when the hourly run comes before Monday 07:00', async () => {
    clock.set(local('2026-11-23T06:05:00'));
    await t.app.get(WeeklyReportCron).tick();
    expect(await ds.query(`SELECT week FROM weekly_report`)).toEqual([]);
  });

  it('stores last week once per scope and notifies leadership and each principal once, from two instances', async () => {
    clock.set(local('2026-11-23T07:00:00'));
    await Promise.all([t.app.get(WeeklyReportCron).tick(), second.get(WeeklyReportCron).tick()]);
    // A late run on either instance changes nothing.
    expect(await second.get(ReportsService).generateLastWeek()).toEqual({
      week: '2026-W47',
      stored: false,
      notifications: 0,
      schools: 0,
    });
    const stored: {
      week: string;
      scope: string;
      body: ReportResponse;
      generated_at: Date;
    }[] = await ds.query(`SELECT week, scope, body, generated_at FROM weekly_report ORDER BY scope`);
    // All of Gò Vấp, and school B (the only school with a principal).
    expect(stored.map((s) => [s.week, s.scope])).toEqual([
      ['2026-W47', ''],
      ['2026-W47', schoolB.code],
    ]);
    expect(stored[0]?.body.figures.mentions).toBe(5);
    expect(stored[0]?.generated_at.toISOString()).toBe(local('2026-11-23T07:00:00').toISOString());
    // School B's report: I2 only (S2, acknowledged after 90 minutes, escalated once), its article, nothing of A's.
    expect(stored[1]?.body.scope).toEqual({ unitCode: schoolB.code, unitName: schoolB.name });
    expect(stored[1]?.body.figures).toEqual({
      mentions: 1,
      mentionsBySentiment: { negative: 1, neutral: 0, positive: 0 },
      incidentsOpened: 1,
      incidentsBySeverity: { S1: 0, S2: 1, S3: 0, S4: 0 },
      dismissed: 0,
      acknowledged: 1,
      ackMedianMinutes: 90,
      ackP90Minutes: 90,
      escalations: 1,
      openUnacknowledgedAtEnd: 0,
      goodNews: 0,
    });
    expect(stored[1]?.body.district).toBeNull();
    expect(stored[1]?.body.incidents.byUnit).toEqual([{ code: schoolB.code, name: schoolB.name, count: 1 }]);

    const rows: { recipient_id: string; channel: string; n: number; event: string }[] = await ds.query(
      `SELECT recipient_id, channel, event, count(*)::int AS n FROM notification
       WHERE event LIKE 'weekly_report:2026-W47%' GROUP BY recipient_id, channel, event ORDER BY 1, 2`,
    );
    const expected = [
      ...[leader.id, leaderEn.id, officeSpokes.id].map((id) => [id, 'weekly_report:2026-W47'] as const),
      [principalB.id, `weekly_report:2026-W47:${schoolB.code}`] as const,
    ]
      .flatMap(([id, event]) => ['email', 'in_app'].map((channel) => ({ recipient_id: id, channel, event, n: 1 })))
      .sort((a, b) => (a.recipient_id + a.channel).localeCompare(b.recipient_id + b.channel));
    expect(rows).toEqual(expected);
    expect(rows.some((r) => [formerLeader.id, steering.id, admin.id].includes(r.recipient_id))).toBe(false);

    // The stored report is what the API returns from now on.
    const res = await weekly(null, steering);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: { week: '2026-W47' }, stored: true, complete: true });
    expect(res.body.generatedAt).toBe(local('2026-11-23T07:00:00').toISOString());
  });

  it('e-mails a summary built from the figures with the PDF attached, one e-mail per recipient from two instances', async () => {
    const reports = () => smtp.messages.filter((m) => /^(Báo cáo tuần|Weekly report) /.test(m.subject));
    await Promise.all([
      t.app.get(NotificationDeliveryService).deliverDue(),
      second.get(NotificationDeliveryService).deliverDue(),
    ]);
    for (let i = 0; i < 200 && reports().length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(reports()).toHaveLength(4);
    const to = (p: PersonRow) => reports().filter((m) => m.to.includes(p.email));
    for (const p of [leader, leaderEn, officeSpokes, principalB]) expect(to(p)).toHaveLength(1);
    const vi = to(leader)[0];
    // Vietnamese readers see "tuần 47/2026"; the link keeps the ISO week.
    expect(vi?.subject).toBe('Báo cáo tuần 47/2026 (16/11/2026 – 22/11/2026)');
    const lines = vi?.text.split('\n').map((l) => l.trimEnd()) ?? [];
    expect(lines.slice(0, 3)).toEqual([
      '5 tin bài về các đơn vị (+4 so với kỳ trước), trong đó 4 tiêu cực, 0 trung tính, 1 tích cực.',
      '3 sự vụ mới (kỳ trước 1), trong đó 2 sự vụ từ mức nghiêm trọng trở lên; 1 sự vụ còn chưa được tiếp nhận vào cuối kỳ; thời gian tiếp nhận trung vị 1\u00a0giờ.',
      '1 tin tốt (không tính tin đã lưu trữ); 1 lượt chuyển cấp.',
    ]);
    expect(vi?.text).toContain('trong tệp PDF đính kèm');
    expect(vi?.text).toContain('Xem báo cáo tuần: https://mediawatch.govap.test/reports/weekly?week=2026-W47');
    const pdf = pdfAttachment(vi?.raw ?? '');
    expect(pdf.filename).toBe('bao-cao-2026-W47.pdf');
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.content);
    expect(text).toContain('Báo cáo tình hình thông tin báo chí');
    expect(text).toContain('Tuần 47/2026: từ 16/11/2026 đến 22/11/2026');
    expect(text).toContain('5 tin bài về các đơn vị');
    const principal = to(principalB)[0];
    expect(principal?.subject).toBe(`Báo cáo tuần 47/2026 (16/11/2026 – 22/11/2026) – ${schoolB.name}`);
    expect(principal?.text.split('\n')[0]?.trimEnd()).toBe(
      '1 tin bài về đơn vị (+1 so với kỳ trước), trong đó 1 tiêu cực, 0 trung tính, 0 tích cực.',
    );
    const principalPdf = pdfAttachment(principal?.raw ?? '');
    expect(principalPdf.filename).toBe(`bao-cao-2026-W47-${schoolB.code}.pdf`);
    expect(await pdfText(principalPdf.content)).toContain(`Đơn vị: ${schoolB.name}`);
    const en = to(leaderEn)[0];
    expect(en?.subject).toBe('Weekly report 2026-W47 (16/11/2026 – 22/11/2026)');
    expect(en?.text.split('\n')[0]?.trimEnd()).toBe(
      '5 articles about the units (+4 on the previous period): 4 negative, 0 neutral, 1 positive.',
    );
    expect(await pdfText(pdfAttachment(en?.raw ?? '').content)).toContain('Press coverage report');
  });

  it('answers 400 naming week for a malformed or future week, and lets only office readers in', async () => {
    clock.set(local('2026-11-23T08:00:00'));
    for (const bad of ['2026-W7', '2026W47', '2027-W53', 'tuần-47', '2026-W49']) {
      const res = await weekly(encodeURIComponent(bad), leader);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', field: 'week' });
    }
    const unknown = await call<ApiErrorBody>(t.baseUrl, 'GET', 'reports/weekly?weeks=2026-W47', {
      token: token(leader),
    });
    expect(unknown.status).toBe(400);
    expect((await weekly('2026-W47', unitSpokes)).status).toBe(403);
    expect((await weekly('2026-W47', officeSpokes)).status).toBe(200);
    expect((await call(t.baseUrl, 'GET', 'reports/weekly')).status).toBe(401);
  });

  describe('weeks 2026-W44 and W45: merges, dismissals, duplicates and the acknowledgement horizon', () => {
    beforeAll(async () => {
      // W44 (26/10–1/11): K, merged on 5/11 into M1, a ticket of W45.
      await openIncident('K', local('2026-10-28T09:00:00'), { unit: schoolA });
      // W45 (2–8/11).
      await openIncident('M1', local('2026-11-02T09:00:00'), { unit: schoolA });
      await openIncident('M2', local('2026-11-03T09:00:00'), { unit: schoolB });
      await openIncident('D', local('2026-11-04T10:00:00'), { unit: schoolB });
      await openIncident('A', local('2026-11-06T09:00:00'), { unit: schoolA });
      await openIncident('B', local('2026-11-06T10:00:00'), { unit: schoolB });
      const merge = async (into: string, other: string, at: Date) => {
        clock.set(at);
        const res = await call(t.baseUrl, 'POST', `incidents/${opened[into]}/merge`, {
          token: token(officeSpokes),
          body: { incidentIds: [opened[other]] },
        });
        expect(res.status).toBe(200);
      };
      await merge('M1', 'M2', local('2026-11-04T08:00:00'));
      await merge('M1', 'K', local('2026-11-05T08:00:00'));
      clock.set(local('2026-11-04T11:00:00'));
      const dismissed = await call(t.baseUrl, 'POST', `incidents/${opened.D}/transition`, {
        token: token(officeSpokes),
        body: { to: 'dismissed', reason: 'Nhận diện sai: không phải trường của Phòng' },
      });
      expect(dismissed.status).toBe(200);
      // One story carried by Tuổi Trẻ (its RSS and two overlapping Google News searches) and by Thanh Niên.
      clock.set(local('2026-11-03T10:00:00'));
      const story = await storeMention({
        sourceId: pressSource,
        outlet: 'Tuổi Trẻ',
        title: 'Gò Vấp mở thêm lớp học hai buổi',
        unitCodes: [schoolA.code],
        label: 'neutral',
        category: 'curriculum_awards',
      });
      for (const title of ['Gò Vấp mở thêm lớp học hai buổi - Tuổi Trẻ', 'Gò Vấp mở thêm lớp học hai buổi']) {
        await storeMention({
          sourceId: googleSource,
          outlet: 'Tuổi Trẻ',
          title,
          unitCodes: [schoolA.code],
          storyId: story,
          label: 'neutral',
          category: 'curriculum_awards',
        });
      }
      await storeMention({
        sourceId: otherPressSource,
        outlet: 'Thanh Niên',
        title: 'Gò Vấp: thêm lớp hai buổi',
        unitCodes: [schoolA.code],
        storyId: story,
        label: 'neutral',
        category: 'curriculum_awards',
      });
      // Good news twice (RSS and Google News, same outlet and story), and another that gets archived.
      const good = await storeMention({
        sourceId: otherPressSource,
        outlet: 'Thanh Niên',
        title: 'Cô giáo Trường THCS Thử B được tuyên dương',
        unitCodes: [schoolB.code],
        label: 'positive',
        category: 'curriculum_awards',
      });
      await storeMention({
        sourceId: googleSource,
        outlet: 'Thanh Niên',
        title: 'Cô giáo Trường THCS Thử B được tuyên dương - Thanh Niên',
        unitCodes: [schoolB.code],
        storyId: good,
        label: 'positive',
        category: 'curriculum_awards',
      });
      await storeMention({
        sourceId: pressSource,
        outlet: 'Tuổi Trẻ',
        title: 'Tin tốt đã lưu trữ',
        unitCodes: [schoolA.code],
        label: 'positive',
        category: 'curriculum_awards',
      });
      expect((await t.app.get(IncidentIntakeFlow).sweep()).goodNews).toBe(3);
      await ds.query(`UPDATE good_news SET status = 'archived' WHERE title = 'Tin tốt đã lưu trữ'`);
      // A is acknowledged on Monday 06:00, before the report is due (07:00); B at 08:00, after.
      await acknowledge('A', local('2026-11-09T06:00:00'));
      await acknowledge('B', local('2026-11-09T08:00:00'));
      clock.set(local('2026-11-23T09:00:00'));
    });

    it('counts articles, not feed items, and good news once per article, archived ones in neither figure', async () => {
      const res = await weekly('2026-W45', leader);
      expect(res.status).toBe(200);
      const f = res.body.figures;
      // The story: 2 articles (Tuổi Trẻ, Thanh Niên) of 4 items; good news 1 of 2; archived 1; M1, M2, D, A, B.
      expect(f.mentions).toBe(9);
      expect(f.mentionsBySentiment).toEqual({ negative: 5, neutral: 2, positive: 2 });
      expect(res.body.mentions.topOutlets).toEqual([
        { key: 'Nhóm phụ huynh Gò Vấp', count: 5 },
        { key: 'Thanh Niên', count: 2 },
        { key: 'Tuổi Trẻ', count: 2 },
      ]);
      expect(res.body.mentions.byCategory).toEqual([
        { key: 'fees_finances', count: 5 },
        { key: 'curriculum_awards', count: 4 },
      ]);
      expect(res.body.widestStories).toEqual([
        expect.objectContaining({ outlets: 2, mentions: 2, outletNames: ['Thanh Niên', 'Tuổi Trẻ'] }),
      ]);
      expect(f.goodNews).toBe(1);
      expect(res.body.goodNews).toEqual([
        expect.objectContaining({ outlet: 'Thanh Niên', title: expect.stringContaining('được tuyên dương') }),
      ]);
    });

    it('counts neither the dismissed ticket nor the one merged into a ticket of the same week as opened', async () => {
      const res = await weekly('2026-W45', leader);
      const f = res.body.figures;
      // M1, A and B; M2 is M1's duplicate; D was a false match, reported apart.
      expect(f.incidentsOpened).toBe(3);
      expect(f.dismissed).toBe(1);
      expect(Object.values(f.incidentsBySeverity).reduce((a, b) => a + b, 0)).toBe(3);
      expect(res.body.incidents.byStatus.some((s) => s.key === 'dismissed')).toBe(false);
      // M1 took M2's unit in the merge; D (school B) is not counted.
      expect(res.body.incidents.byUnit).toEqual([
        { code: schoolB.code, name: schoolB.name, count: 2 },
        { code: schoolA.code, name: schoolA.name, count: 2 },
      ]);
      // Open and unacknowledged at the end of the week: M1, A and B (both acknowledged on Monday).
      expect(f.openUnacknowledgedAtEnd).toBe(3);
      expect(res.body.openUnacknowledged.map((i) => i.id).sort()).toEqual([opened.M1, opened.A, opened.B].sort());
    });

    it('counts only acknowledgements made before the report was due (Monday 07:00)', async () => {
      const f = (await weekly('2026-W45', leader)).body.figures;
      // A: 6/11 09:00 → 9/11 06:00 = 69 h. B (08:00) came after the report was due.
      expect(f.acknowledged).toBe(1);
      expect(f.ackMedianMinutes).toBe(69 * 60);
      expect(f.ackP90Minutes).toBe(69 * 60);
    });

    it('keeps a ticket merged away later in the week it opened, and open until its merge', async () => {
      const w44 = (await weekly('2026-W44', leader)).body;
      expect(w44.figures.incidentsOpened).toBe(1);
      expect(w44.figures.openUnacknowledgedAtEnd).toBe(1);
      expect(w44.openUnacknowledged.map((i) => i.id)).toEqual([opened.K]);
      // W45's comparison column is W44 (not stored): computed the same way.
      expect((await weekly('2026-W45', leader)).body.previous).toMatchObject({
        incidentsOpened: 1,
        openUnacknowledgedAtEnd: 1,
      });
    });
  });

  it('shows the stored figures of the previous week, not a recomputation', async () => {
    clock.set(local('2026-11-20T10:00:00'));
    // A late neutral mention lands in W47 after its report was stored.
    await storeMention({
      sourceId: pressSource,
      outlet: 'Tuổi Trẻ',
      title: 'Tin muộn tuần 47',
      unitCodes: [schoolA.code],
      label: 'neutral',
    });
    clock.set(local('2026-11-23T09:00:00'));
    const stored: { body: { figures: Record<string, unknown> } }[] = await ds.query(
      `SELECT body FROM weekly_report WHERE week = '2026-W47'`,
    );
    const w48 = (await weekly('2026-W48', leader)).body;
    expect(w48.previous).toEqual(stored[0]?.body.figures);
    expect(w48.previous.mentions).toBe(5);
    // Recomputed, W47 has the late mention; the stored report of W47 is still what is returned.
    const live = await t.app.get(ReportsService).compute(weekPeriod('2026-W47') as ReportPeriod, null);
    expect(live.figures.mentions).toBe(6);
    expect((await weekly('2026-W47', leader)).body.figures.mentions).toBe(5);
  });

  it('lists the stored weeks for those allowed, each downloadable as the PDF and CSV that were sent', async () => {
    const stored = (query: string, as: PersonRow) =>
      call<Page<StoredReportSummary> & ApiErrorBody>(t.baseUrl, 'GET', `reports/stored${query}`, { token: token(as) });
    const district = await stored('', leader);
    expect(district.status).toBe(200);
    expect(district.body).toEqual({
      items: [
        {
          week: '2026-W47',
          from: '2026-11-16',
          to: '2026-11-22',
          scope: null,
          storedAt: local('2026-11-23T07:00:00').toISOString(),
          mentions: 5,
          incidentsOpened: 3,
        },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    const schoolItem = {
      week: '2026-W47',
      from: '2026-11-16',
      to: '2026-11-22',
      scope: { unitCode: schoolB.code, unitName: schoolB.name },
      storedAt: local('2026-11-23T07:00:00').toISOString(),
      mentions: 1,
      incidentsOpened: 1,
    };
    expect((await stored(`?unit=${schoolB.code}`, steering)).body.items).toEqual([schoolItem]);
    // A principal gets their school's list without naming it, and no other school's.
    expect((await stored('', principalB)).body.items).toEqual([schoolItem]);
    expect((await stored(`?unit=${schoolA.code}`, principalB)).status).toBe(403);
    expect((await stored('', unitSpokes)).status).toBe(403);
    expect((await call(t.baseUrl, 'GET', 'reports/stored')).status).toBe(401);
    expect((await stored(`?unit=${schoolA.code}`, leader)).body).toMatchObject({ items: [], total: 0 });
    expect((await stored('?page=2', leader)).body).toMatchObject({ items: [], total: 1, page: 2 });
    const tooMany = await stored('?pageSize=101', leader);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toBe('pageSize');

    // The download is the report as stored and sent (5 articles), not a recomputation (6 since the late mention).
    const pdf = await fetch(`${t.baseUrl}/api/reports/weekly?week=2026-W47&format=pdf`, {
      headers: { authorization: `Bearer ${token(leader)}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-2026-W47.pdf"');
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('5 tin bài về các đơn vị');
    const csv = await fetch(`${t.baseUrl}/api/reports/weekly?week=2026-W47&format=csv`, {
      headers: { authorization: `Bearer ${token(principalB)}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="bao-cao-2026-W47-${schoolB.code}.csv"`);
    const lines = new TextDecoder('utf-8', { fatal: true }).decode(await csv.arrayBuffer()).split('\r\n');
    expect(lines).toContain(`Đơn vị: ${schoolB.name}`);
    expect(lines).toContain('Tin bài về đơn vị,1,0');
  });

  describe('any period, the district section, one time rule, masking, PDF and CSV (weeks 2026-W49 to W51)', () => {
    let story: string;
    let officeCode: string;
    const get = (path: string, as: PersonRow) =>
      fetch(`${t.baseUrl}/api/${path}`, { headers: { authorization: `Bearer ${token(as)}` } });

    beforeAll(async () => {
      const office: { code: string }[] = await ds.query(`SELECT code FROM unit WHERE level = 'OFFICE'`);
      officeCode = (office[0] as { code: string }).code;
      // Published on Sunday 6/12 (W49), found by the office on Monday 7/12 00:20 (W50): W50 in every figure.
      clock.set(local('2026-12-07T00:20:00'));
      story = await storeMention({
        sourceId: socialSource,
        outlet: '=Hội phụ huynh Gò Vấp',
        title: `Phụ huynh ${schoolA.name} phản ánh thu tiền máy lạnh`,
        unitCodes: [schoolA.code],
        publishedAt: local('2026-12-06T23:00:00'),
      });
      expect((await t.app.get(IncidentIntakeFlow).sweep()).opened).toHaveLength(1);
      // Good news published on Saturday 5/12, recorded on Tuesday 8/12; a pupil named in full.
      clock.set(local('2026-12-08T10:00:00'));
      await storeMention({
        sourceId: otherPressSource,
        outlet: 'Thanh Niên',
        title: `Em Nguyễn Văn An, học sinh ${schoolA.name}, đoạt giải nhất thi vẽ`,
        unitCodes: [schoolA.code],
        label: 'positive',
        category: 'curriculum_awards',
        publishedAt: local('2026-12-05T08:00:00'),
      });
      expect((await t.app.get(IncidentIntakeFlow).sweep()).goodNews).toBe(1);
      // The district's own news (the office, no school), and another district's school (no Gò Vấp unit at all).
      clock.set(local('2026-12-09T09:00:00'));
      await storeMention({
        sourceId: pressSource,
        outlet: 'Tuổi Trẻ',
        title: 'Phòng Giáo dục và Đào tạo Gò Vấp triển khai chuyển đổi số',
        unitCodes: [officeCode],
        label: 'neutral',
        category: 'digital_international',
      });
      await storeMention({
        sourceId: pressSource,
        outlet: 'Tuổi Trẻ',
        title: 'Học sinh Trường THCS Nguyễn Du quận 1 bị đánh',
        unitCodes: [],
        category: 'violence_bullying',
      });
      clock.set(local('2026-12-20T10:00:00'));
    });

    it('counts the story in the week the office found it, in articles, incidents, good news and days alike', async () => {
      const w49 = (await weekly('2026-W49', leader)).body;
      expect(w49.figures.mentions).toBe(0);
      expect(w49.figures.incidentsOpened).toBe(0);
      expect(w49.figures.goodNews).toBe(0);
      const res = await weekly('2026-W50', leader);
      expect(res.status).toBe(200);
      const r = res.body;
      expect(r.figures).toEqual({
        mentions: 2,
        mentionsBySentiment: { negative: 1, neutral: 0, positive: 1 },
        incidentsOpened: 1,
        incidentsBySeverity: { S1: 0, S2: 0, S3: 1, S4: 0 },
        dismissed: 0,
        acknowledged: 0,
        ackMedianMinutes: null,
        ackP90Minutes: null,
        escalations: 0,
        // The new ticket, and I3, I4 and M1, never acknowledged since their weeks.
        openUnacknowledgedAtEnd: 4,
        goodNews: 1,
      });
      expect(r.previous).toEqual({ ...w49.figures });
      expect(r.previous.openUnacknowledgedAtEnd).toBe(3);
      expect(r.days.map((d) => d.day)).toEqual([
        '2026-12-07',
        '2026-12-08',
        '2026-12-09',
        '2026-12-10',
        '2026-12-11',
        '2026-12-12',
        '2026-12-13',
      ]);
      expect(r.days[0]).toEqual({
        day: '2026-12-07',
        negative: 1,
        neutral: 0,
        positive: 0,
        S1: 0,
        S2: 0,
        S3: 1,
        S4: 0,
      });
      expect(r.days[1]).toEqual({
        day: '2026-12-08',
        negative: 0,
        neutral: 0,
        positive: 1,
        S1: 0,
        S2: 0,
        S3: 0,
        S4: 0,
      });
      expect(r.days.slice(2).every((d) => d.negative + d.neutral + d.positive + d.S1 + d.S2 + d.S3 + d.S4 === 0)).toBe(
        true,
      );
      expect(r.themes).toEqual([
        { theme: 'management_reform', negative: 1, neutral: 0, positive: 0, noPositive: true },
        { theme: 'safety_health', negative: 0, neutral: 0, positive: 0, noPositive: true },
        { theme: 'ethics_culture', negative: 0, neutral: 0, positive: 0, noPositive: true },
        { theme: 'curriculum_awards', negative: 0, neutral: 0, positive: 1, noPositive: false },
        { theme: 'exams_quality', negative: 0, neutral: 0, positive: 0, noPositive: true },
        { theme: 'digital_international', negative: 0, neutral: 0, positive: 0, noPositive: true },
        { theme: 'other', negative: 0, neutral: 0, positive: 0, noPositive: true },
      ]);
      expect(r.incidents.ackBands).toEqual([
        { key: '15m', count: 0 },
        { key: '1h', count: 0 },
        { key: '4h', count: 0 },
        { key: '24h', count: 0 },
        { key: 'later', count: 0 },
        { key: 'none', count: 1 },
      ]);
      expect(r.incidents.byUnit).toEqual([{ code: schoolA.code, name: schoolA.name, count: 1 }]);
      expect(r.mentions.topOutlets).toEqual([
        { key: '=Hội phụ huynh Gò Vấp', count: 1 },
        { key: 'Thanh Niên', count: 1 },
      ]);
      // The pupil's name is reduced to initials; the times that placed it and when it was published, side by side.
      expect(r.goodNews).toEqual([
        expect.objectContaining({
          title: `Em N.V.A., học sinh ${schoolA.name}, đoạt giải nhất thi vẽ`,
          recordedAt: local('2026-12-08T10:00:00').toISOString(),
          publishedAt: local('2026-12-05T08:00:00').toISOString(),
        }),
      ]);
      // The district section holds the office's news only; the other district's school is in no figure.
      expect(r.district).toEqual({
        articles: 1,
        bySentiment: { negative: 0, neutral: 1, positive: 0 },
        previousArticles: 0,
        items: [
          expect.objectContaining({
            title: 'Phòng Giáo dục và Đào tạo Gò Vấp triển khai chuyển đổi số',
            outlet: 'Tuổi Trẻ',
            sentiment: 'neutral',
          }),
        ],
      });
      expect(JSON.stringify(r)).not.toContain('Nguyễn Du');
      expect(story).toBeTruthy();
    });

    it('gives the same figures for the same days asked as a range, compared with as many days before', async () => {
      const res = await call<ReportResponse & ApiErrorBody>(t.baseUrl, 'GET', 'reports?from=2026-12-07&to=2026-12-13', {
        token: token(leader),
      });
      expect(res.status).toBe(200);
      const week = (await weekly('2026-W50', leader)).body;
      expect(res.body.period).toMatchObject({
        kind: 'range',
        week: null,
        from: '2026-12-07',
        to: '2026-12-13',
        days: 7,
      });
      expect(res.body.previousPeriod).toMatchObject({ from: '2026-11-30', to: '2026-12-06', days: 7 });
      expect(res.body.figures).toEqual(week.figures);
      expect(res.body.previous).toEqual(week.previous);
      // Two days only: the article and ticket of the 7th, nothing of the 8th's good news.
      const two = await call<ReportResponse>(t.baseUrl, 'GET', 'reports?from=2026-12-06&to=2026-12-07', {
        token: token(leader),
      });
      expect(two.body.figures).toMatchObject({ mentions: 1, incidentsOpened: 1, goodNews: 0 });
    });

    it('answers 400 naming the field for a bad range', async () => {
      const bad = async (query: string, field: string) => {
        const res = await call<ApiErrorBody>(t.baseUrl, 'GET', `reports?${query}`, { token: token(leader) });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
      };
      await bad('from=2026-02-30&to=2026-03-02', 'from');
      await bad('from=2026-12-07&to=2026-12-01', 'to');
      await bad('from=2024-01-01&to=2026-12-01', 'to');
      await bad('from=2027-01-01&to=2027-01-02', 'from');
      await bad('from=2026-12-07', 'to');
      await bad('from=2026-12-07&to=2026-12-08&format=docx', 'format');
    });

    it("gives a principal their school's report only, and refuses other schools and unit spokespeople", async () => {
      const res = await weekly('2026-W50', principalB);
      expect(res.status).toBe(200);
      expect(res.body.scope).toEqual({ unitCode: schoolB.code, unitName: schoolB.name });
      expect(res.body.figures.mentions).toBe(0);
      expect(res.body.figures.incidentsOpened).toBe(0);
      expect(res.body.district).toBeNull();
      expect((await get(`reports/weekly?week=2026-W50&unit=${schoolA.code}`, principalB)).status).toBe(403);
      expect((await get('reports/weekly?week=2026-W50', unitSpokes)).status).toBe(403);
      // Office roles may ask for one school.
      const a = await call<ReportResponse>(t.baseUrl, 'GET', `reports/weekly?week=2026-W50&unit=${schoolA.code}`, {
        token: token(leader),
      });
      expect(a.body.figures).toMatchObject({ mentions: 2, incidentsOpened: 1, goodNews: 1 });
      expect(a.body.district).toBeNull();
    });

    it('prints the report as an A4 PDF with page numbers and Vietnamese text intact', async () => {
      const res = await get('reports/weekly?week=2026-W50&format=pdf', leader);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-2026-W50.pdf"');
      const pdf = Buffer.from(await res.arrayBuffer());
      const { pages, width, height, text } = await extractPdf(pdf);
      // A4: 595 × 842 points.
      expect(Math.round(width)).toBe(595);
      expect(Math.round(height)).toBe(842);
      for (const expected of [
        'Báo cáo tình hình thông tin báo chí',
        'Tuần 50/2026: từ 07/12/2026 đến 13/12/2026',
        'Tin bài về các đơn vị',
        'Bảy chủ đề của kế hoạch truyền thông',
        'Chính trị tư tưởng và văn hóa học đường',
        'Tin giáo dục chung của quận',
        'Phòng Giáo dục và Đào tạo Gò Vấp triển khai chuyển đổi số',
        `Em N.V.A., học sinh ${schoolA.name}, đoạt giải nhất thi vẽ`,
        `Trang 1/${pages}`,
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('Nguyễn Văn An');
    });

    it('exports every table as CSV in UTF-8 with a BOM, formulas defused', async () => {
      const res = await get('reports?from=2026-12-07&to=2026-12-13&format=csv', leader);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('Báo cáo tình hình thông tin báo chí');
      expect(lines).toContain('Tin bài về các đơn vị,2,0');
      expect(lines).toContain("'=Hội phụ huynh Gò Vấp,1");
      expect(lines).toContain('Chính trị tư tưởng và văn hóa học đường,0,0,0,x');
      expect(text).toContain('Em N.V.A.');
      expect(text).not.toContain('Nguyễn Văn An');
    });

    it('alerts the office once about a surge that opened no incident, and marks it in the report', async () => {
      clock.set(local('2026-12-17T08:00:00'));
      for (let i = 0; i < 4; i++) {
        clock.set(local(`2026-12-17T08:0${i}:00`));
        await storeMention({
          sourceId: otherPressSource,
          outlet: ['Thanh Niên', 'Tuổi Trẻ', 'VnExpress', 'Người Lao Động'][i] as string,
          title: `${schoolA.name} tổ chức ngày hội đọc sách lần ${i + 1}`,
          unitCodes: [schoolA.code],
          label: 'neutral',
          category: 'curriculum_awards',
        });
      }
      clock.set(local('2026-12-17T09:00:00'));
      const [one, two] = await Promise.all([t.app.get(SpikeDetector).detect(), second.get(SpikeDetector).detect()]);
      const found = [...one, ...two].map((s) => `${s.dimension}:${s.key}:${s.articles}`).sort();
      expect(found).toEqual([`topic:curriculum_awards:4`, `unit:${schoolA.code}:4`]);
      const spikes: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM coverage_spike`);
      expect(spikes[0]?.n).toBe(2);
      const alerts: { recipient_id: string; n: number }[] = await ds.query(
        `SELECT recipient_id, count(*)::int AS n FROM notification
         WHERE event = $1 AND channel = 'in_app' GROUP BY recipient_id`,
        [`coverage_spike:2026-12-17:unit:${schoolA.code}`],
      );
      expect(alerts.map((a) => a.recipient_id)).toContain(officeSpokes.id);
      expect(alerts.every((a) => a.n === 1)).toBe(true);
      // A later run alerts nothing again.
      expect(await t.app.get(SpikeDetector).detect()).toEqual([]);
      clock.set(local('2026-12-21T10:00:00'));
      const report = (await weekly('2026-W51', leader)).body;
      expect(report.spikes.map((s) => `${s.day}:${s.dimension}:${s.key}`).sort()).toEqual([
        `2026-12-17:topic:curriculum_awards`,
        `2026-12-17:unit:${schoolA.code}`,
      ]);
      const principal = (await weekly('2026-W51', principalB)).body;
      expect(principal.spikes).toEqual([]);
    });
  });

  it('has an entity that agrees with its migration, and a migration that undoes', async () => {
    const table = ds.getMetadata(WeeklyReportEntity).tableName;
    expect(table).toBe('weekly_report');
    const sql = await schemaLog(ds);
    expect(sql.upQueries.map((q) => q.query).filter((q) => q.includes(`"${table}"`))).toEqual([]);
    const runner = ds.createQueryRunner();
    try {
      const migration = new WeeklyReport1795900000001();
      await migration.down(runner);
      const gone: { n: number }[] = await runner.query(
        `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'weekly_report'`,
      );
      expect(gone[0]?.n).toBe(0);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  });
});
