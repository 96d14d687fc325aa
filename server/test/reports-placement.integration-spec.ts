/**
 * Where the report places a ticket in time, and which escalations it counts, against real PostgreSQL with the real
 * intake: a story recorded a few seconds before Monday 00:00 (Ho Chi Minh City) and ticketed after it is one week's
 * article, incident and good news alike; a ticket split off later is placed by its own coverage; escalations of
 * tickets about the office alone stay out of the schools' figures, as those tickets do.
 */
import { randomUUID } from 'node:crypto';
import { OFFICE_UNIT_CODE, type ApiErrorBody, type IncidentDetail, type ReportResponse } from '@mw/shared';
import type { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock/clock';
import { EscalationFlow } from '../src/modules/incidents/flows/escalation.flow';
import { IncidentIntakeFlow } from '../src/modules/incidents/flows/intake.flow';
import { RecordedAt1796501545759 } from '../src/database/migrations/1796501545759-recorded-at';
import { IncidentEntity } from '../src/modules/incidents/entities/incident.entity';
import { IncidentMentionEntity } from '../src/modules/incidents/entities/incident-mention.entity';
import { GoodNewsEntity } from '../src/modules/incidents/entities/good-news.entity';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { createUnit, type UnitRow } from './factories/unit.factory';
import { startTestApp, type TestApp } from './harness/test-app';
import { schemaLog } from './harness/schema-log';

/** A time in Ho Chi Minh City. */
const local = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

describe('report placement and scope (real PostgreSQL, real intake)', () => {
  const clock = new FixedClock(local('2026-11-20T08:00:00'));
  let t: TestApp;
  let ds: DataSource;
  let schoolA: UnitRow;
  let schoolB: UnitRow;
  let leader: PersonRow;
  let officeSpokes: PersonRow;
  let principalA: PersonRow;
  let source: string;
  let storyLate: string;
  let ticketLate: string;
  let ticketSplit: string;
  let ticketOffice: string;
  let ticketSchool: string;

  /** A mention as the analysis stage stores it, recorded (analysed) at the clock's time. */
  async function storeMention(m: {
    title: string;
    unitCodes: string[];
    outlet?: string;
    storyId?: string;
    label?: 'negative' | 'positive';
    severity?: string;
    publishedAt?: Date;
  }): Promise<{ storyId: string; mentionId: string }> {
    const at = clock.now();
    let storyId = m.storyId;
    if (!storyId) {
      const stories: { id: string }[] = await ds.query(
        `INSERT INTO story (key, title, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) RETURNING id`,
        [randomUUID(), m.title, at],
      );
      storyId = (stories[0] as { id: string }).id;
    }
    const url = `https://news.example.vn/${randomUUID()}`;
    const items: { id: string }[] = await ds.query(
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, published_at, fetched_at,
         content_hash, analysis_state) VALUES ($1, $2, $3, $3, $4, $5, $6, $6, $2, 'done') RETURNING id`,
      [source, randomUUID(), url, m.title, m.outlet ?? 'Tuổi Trẻ', at],
    );
    const label = m.label ?? 'negative';
    const published = m.publishedAt ?? at;
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO mention (item_id, source_id, title, url, outlet, published_at, seen_at, unit_codes, sentiment_score,
         sentiment_label, category, incident, severity, story_id, analysed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        (items[0] as { id: string }).id,
        source,
        m.title,
        url,
        m.outlet ?? 'Tuổi Trẻ',
        published,
        m.unitCodes,
        label === 'negative' ? -0.6 : 0.7,
        label,
        label === 'negative' ? 'fees_finances' : 'curriculum_awards',
        label === 'negative',
        label === 'negative' ? (m.severity ?? 'S3') : null,
        storyId,
        at,
      ],
    );
    return { storyId, mentionId: (rows[0] as { id: string }).id };
  }

  const sweep = () => t.app.get(IncidentIntakeFlow).sweep();
  const weekly = (week: string, as: PersonRow) =>
    call<ReportResponse & ApiErrorBody>(t.baseUrl, 'GET', `reports/weekly?week=${week}`, {
      token: tokenFor(t.app, as.id),
    });

  beforeAll(async () => {
    t = await startTestApp({ MW_JWT_SECRET: 'p'.repeat(48), MW_SEED_SOURCES: 'false' }, { clock });
    ds = t.db.dataSource;
    schoolA = await createUnit(ds, { name: 'Trường Tiểu học Thử Ranh Giới', level: 'TH' });
    schoolB = await createUnit(ds, { name: 'Trường THCS Thử Phạm Vi', level: 'THCS' });
    leader = await createPerson(ds, { roles: [{ role: 'leader' }] });
    officeSpokes = await createPerson(ds, { roles: [{ role: 'office_spokesperson' }] });
    principalA = await createPerson(ds, { roles: [{ role: 'principal', unitCode: schoolA.code }] });
    await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: schoolA.code }] });
    await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: schoolB.code }] });
    const sources: { id: string }[] = await ds.query(
      `INSERT INTO source (name, outlet, url, kind, enabled) VALUES ('Tuổi Trẻ', 'Tuổi Trẻ', $1, 'rss', false)
       RETURNING id`,
      [`https://${randomUUID()}.example.vn/feed`],
    );
    source = (sources[0] as { id: string }).id;

    // Sunday 22/11 23:59:30 local, the last seconds of 2026-W47: a complaint and a good news item are recorded…
    clock.set(local('2026-11-22T23:59:30'));
    storyLate = (
      await storeMention({
        title: `Phụ huynh ${schoolA.name} phản ánh thu tiền sổ liên lạc điện tử`,
        unitCodes: [schoolA.code],
        publishedAt: local('2026-11-22T21:00:00'),
      })
    ).storyId;
    clock.set(local('2026-11-22T23:59:50'));
    await storeMention({
      title: `Học sinh ${schoolA.name} đoạt giải nhất cuộc thi tin học trẻ`,
      unitCodes: [schoolA.code],
      outlet: 'Thanh Niên',
      label: 'positive',
    });
    // …and the intake runs 40 seconds into Monday 23/11 (2026-W48): it opens the ticket and queues the good news.
    clock.set(local('2026-11-23T00:00:40'));
    const first = await sweep();
    expect(first.opened).toHaveLength(1);
    expect(first.goodNews).toBe(1);
    ticketLate = first.opened[0] as string;

    // Wednesday 25/11 (W48): another outlet's article joins the story's ticket, then turns out to be another story.
    clock.set(local('2026-11-25T10:00:00'));
    const other = await storeMention({
      title: `${schoolA.name}: học sinh nghỉ học vì trần phòng học bong tróc`,
      unitCodes: [schoolA.code],
      outlet: 'VnExpress',
      storyId: storyLate,
    });
    expect((await sweep()).attached).toBe(1);
    clock.set(local('2026-11-25T15:00:00'));
    const split = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${ticketLate}/split`, {
      token: tokenFor(t.app, officeSpokes.id),
      body: { mentionIds: [other.mentionId] },
    });
    expect(split.status).toBe(201);
    ticketSplit = split.body.id;

    // Week 2026-W50 (7–13/12): a ticket about the office alone and one about school B, both S2 and escalated.
    clock.set(local('2026-12-08T09:00:00'));
    await storeMention({
      title: 'Phụ huynh phản ánh Phòng Giáo dục chậm trả lời đơn về tuyển sinh',
      unitCodes: [OFFICE_UNIT_CODE],
      severity: 'S2',
    });
    await storeMention({ title: `Học sinh ${schoolB.name} bị bạn đánh`, unitCodes: [schoolB.code], severity: 'S2' });
    const tickets = await sweep();
    expect(tickets.opened).toHaveLength(2);
    const units: { id: string; unit_code: string }[] = await ds.query(
      `SELECT incident_id AS id, unit_code FROM incident_unit WHERE incident_id = ANY($1::uuid[])`,
      [tickets.opened],
    );
    ticketOffice = units.find((u) => u.unit_code === OFFICE_UNIT_CODE)?.id as string;
    ticketSchool = units.find((u) => u.unit_code === schoolB.code)?.id as string;
    expect(ticketOffice).toBeTruthy();
    expect(ticketSchool).toBeTruthy();
    // Nobody acknowledges either within the hour S2 allows: the chain escalates both.
    clock.set(local('2026-12-08T10:01:00'));
    await t.app.get(EscalationFlow).runDue();
    clock.set(local('2026-12-20T08:00:00'));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps the time the ticket was opened and the time its first article was recorded, apart', async () => {
    const rows: { opened_at: Date; recorded_at: Date }[] = await ds.query(
      `SELECT opened_at, recorded_at FROM incident WHERE id = $1`,
      [ticketLate],
    );
    expect(rows[0]?.opened_at.toISOString()).toBe(local('2026-11-23T00:00:40').toISOString());
    expect(rows[0]?.recorded_at.toISOString()).toBe(local('2026-11-22T23:59:30').toISOString());
    const good: { created_at: Date; recorded_at: Date }[] = await ds.query(
      `SELECT created_at, recorded_at FROM good_news`,
    );
    expect(good.map((g) => [g.created_at.toISOString(), g.recorded_at.toISOString()])).toEqual([
      [local('2026-11-23T00:00:40').toISOString(), local('2026-11-22T23:59:50').toISOString()],
    ]);
  });

  it('puts a story recorded before Monday 00:00 and ticketed after it in the ending week, in every figure', async () => {
    const w47 = await weekly('2026-W47', leader);
    expect(w47.status).toBe(200);
    expect(w47.body.figures).toMatchObject({
      mentions: 2,
      mentionsBySentiment: { negative: 1, neutral: 0, positive: 1 },
      incidentsOpened: 1,
      incidentsBySeverity: { S1: 0, S2: 0, S3: 1, S4: 0 },
      goodNews: 1,
      // At Monday 00:00 the ticket did not exist yet: it was not an open, unacknowledged ticket at the week's end.
      openUnacknowledgedAtEnd: 0,
    });
    expect(w47.body.incidents.byUnit).toEqual([{ code: schoolA.code, name: schoolA.name, count: 1 }]);
    expect(w47.body.incidents.ackBands.find((b) => b.key === 'none')?.count).toBe(1);
    // Sunday 22/11 holds the article, the good news article and the ticket; no other day holds anything.
    const sunday = w47.body.days.find((d) => d.day === '2026-11-22');
    expect(sunday).toEqual({ day: '2026-11-22', negative: 1, neutral: 0, positive: 1, S1: 0, S2: 0, S3: 1, S4: 0 });
    expect(w47.body.days.filter((d) => d.day !== '2026-11-22').every((d) => d.negative + d.positive + d.S3 === 0)).toBe(
      true,
    );
    expect(w47.body.goodNews.map((g) => g.recordedAt)).toEqual([local('2026-11-22T23:59:50').toISOString()]);

    // 2026-W48 has none of them: only the article of Wednesday and the ticket split off for it.
    const w48 = (await weekly('2026-W48', leader)).body;
    expect(w48.figures).toMatchObject({ mentions: 1, incidentsOpened: 1, goodNews: 0, openUnacknowledgedAtEnd: 2 });
    expect(w48.days.find((d) => d.day === '2026-11-25')).toMatchObject({ negative: 1, S3: 1 });
  });

  it("places a ticket split off by its own coverage's recording time, not the old ticket's", async () => {
    const rows: { id: string; opened_at: Date; recorded_at: Date }[] = await ds.query(
      `SELECT id, opened_at, recorded_at FROM incident WHERE id = ANY($1::uuid[])`,
      [[ticketLate, ticketSplit]],
    );
    const split = rows.find((r) => r.id === ticketSplit);
    expect(split?.opened_at.toISOString()).toBe(local('2026-11-25T15:00:00').toISOString());
    expect(split?.recorded_at.toISOString()).toBe(local('2026-11-25T10:00:00').toISOString());
    // The ticket it left keeps its place in W47.
    expect(rows.find((r) => r.id === ticketLate)?.recorded_at.toISOString()).toBe(
      local('2026-11-22T23:59:30').toISOString(),
    );
  });

  it('places a ticket opened by hand when it was opened', async () => {
    clock.set(local('2026-11-29T23:59:59'));
    const res = await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
      token: tokenFor(t.app, officeSpokes.id),
      body: { title: 'Phụ huynh gọi điện phản ánh đón trả trẻ', unitCodes: [schoolB.code] },
    });
    expect(res.status).toBe(201);
    const rows: { opened_at: Date; recorded_at: Date }[] = await ds.query(
      `SELECT opened_at, recorded_at FROM incident WHERE id = $1`,
      [res.body.id],
    );
    expect(rows[0]?.recorded_at.toISOString()).toBe(rows[0]?.opened_at.toISOString());
    clock.set(local('2026-12-20T08:00:00'));
    expect((await weekly('2026-W48', leader)).body.figures.incidentsOpened).toBe(2);
  });

  it("counts escalations of the schools' tickets only, as it counts their incidents", async () => {
    // The run of 8/12 escalated the W50 tickets, the office's own among them, and the earlier ones still unanswered.
    const steps: { incident_id: string; level: number; n: number }[] = await ds.query(
      `SELECT incident_id, level, count(*)::int AS n FROM escalation_step
       WHERE kind = 'escalated' AND at >= $1 AND at < $2 GROUP BY 1, 2`,
      [local('2026-12-07T00:00:00'), local('2026-12-14T00:00:00')],
    );
    const of = (ids: string[]) => steps.filter((s) => ids.includes(s.incident_id));
    const sum = (rows: { n: number }[]) => rows.reduce((total, r) => total + r.n, 0);
    expect(of([ticketOffice]).length).toBeGreaterThan(0);
    expect(of([ticketSchool]).length).toBeGreaterThan(0);
    const schoolTickets = [ticketSchool, ticketLate, ticketSplit];
    expect(sum(of(schoolTickets)) + sum(of([ticketOffice]))).toBe(sum(steps));

    // The district report: every school's ticket escalated that week, never the office's own.
    const w50 = (await weekly('2026-W50', leader)).body;
    expect(w50.figures.incidentsOpened).toBe(1);
    expect(w50.incidents.byUnit).toEqual([{ code: schoolB.code, name: schoolB.name, count: 1 }]);
    expect(w50.figures.escalations).toBe(sum(of(schoolTickets)));
    const levels = [...new Set(of(schoolTickets).map((s) => s.level))].sort();
    expect(w50.escalationsByLevel).toEqual(
      levels.map((level) => ({
        level,
        incidents: of(schoolTickets).filter((s) => s.level === level).length,
      })),
    );
    // School B's report: its ticket's escalations; school A's (its principal's): its two tickets'.
    const b = await call<ReportResponse>(t.baseUrl, 'GET', `reports/weekly?week=2026-W50&unit=${schoolB.code}`, {
      token: tokenFor(t.app, leader.id),
    });
    expect(b.body.figures.escalations).toBe(sum(of([ticketSchool])));
    const a = (await weekly('2026-W50', principalA)).body;
    expect(a.scope).toEqual({ unitCode: schoolA.code, unitName: schoolA.name });
    expect(a.figures.escalations).toBe(sum(of([ticketLate, ticketSplit])));
  });

  it('has entities that agree with the migration, and a migration that undoes', async () => {
    const tables = [IncidentEntity, IncidentMentionEntity, GoodNewsEntity].map((e) => ds.getMetadata(e).tableName);
    const sql = await schemaLog(ds);
    expect(sql.upQueries.map((q) => q.query).filter((q) => tables.some((name) => q.includes(`"${name}"`)))).toEqual([]);
    const runner = ds.createQueryRunner();
    try {
      const migration = new RecordedAt1796501545759();
      await runner.startTransaction();
      await migration.down(runner);
      const left: { n: number }[] = await runner.query(
        `SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'recorded_at'
           AND table_name IN ('incident', 'incident_mention', 'good_news')`,
      );
      expect(left[0]?.n).toBe(0);
      // Up again fills the columns from the mentions: the late ticket goes back to Sunday 23:59:30.
      await migration.up(runner);
      const back: { recorded_at: Date }[] = await runner.query(`SELECT recorded_at FROM incident WHERE id = $1`, [
        ticketLate,
      ]);
      expect(back[0]?.recorded_at.toISOString()).toBe(local('2026-11-22T23:59:30').toISOString());
      const split: { recorded_at: Date }[] = await runner.query(`SELECT recorded_at FROM incident WHERE id = $1`, [
        ticketSplit,
      ]);
      expect(split[0]?.recorded_at.toISOString()).toBe(local('2026-11-25T10:00:00').toISOString());
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  });
});
