/**
 * Triage of incidents against real PostgreSQL through the HTTP API: who may be assigned (the incident's units'
 * spokespersons, deputies and principals, the office spokesperson and deputies, leadership; active, with the role
 * held now), the units each side keeps after a split, and the live update of a ticket merged away. Mentions are
 * written as the analysis stage writes them and picked up by the intake sweep. Time is a FixedClock at 10:00 on a
 * Wednesday in Ho Chi Minh City.
 */
import { randomUUID } from 'node:crypto';
import { OFFICE_UNIT_CODE, type IncidentDetail } from '@mw/shared';
import type { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock/clock';
import { IncidentIntakeFlow } from '../src/modules/incidents/incident-intake.flow';
import { RealtimeService } from '../src/modules/realtime/realtime.service';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const SCHOOL_A = '79000724';
const SCHOOL_B = '79000725';
const SCHOOL_C = '79000748';
/** Wednesday 10:00 in Ho Chi Minh City. */
const MORNING = new Date('2026-03-04T03:00:00Z');

interface ErrorBody {
  code: string;
  field?: string;
  message: string;
}

describe('incident triage: assignment scope, split units, merge announcements (real PostgreSQL)', () => {
  let t: TestApp;
  let ds: DataSource;
  let intake: IncidentIntakeFlow;
  const clock = new FixedClock(MORNING);
  let sourceId: string;
  let spokesA: PersonRow;
  let deputyA: PersonRow;
  let principalA: PersonRow;
  let webAdminA: PersonRow;
  let formerPrincipalA: PersonRow;
  let retiredSpokesA: PersonRow;
  let spokesB: PersonRow;
  let principalB: PersonRow;
  let officeSpokes: PersonRow;
  let officeDeputy: PersonRow;
  let leader: PersonRow;
  let steering: PersonRow;
  const token = (p: PersonRow) => tokenFor(t.app, p.id);

  beforeAll(async () => {
    t = await startTestApp({ MW_PUBLIC_URL: 'https://mediawatch.govap.test' }, { clock });
    ds = t.db.dataSource;
    intake = t.app.get(IncidentIntakeFlow);
    spokesA = await createPerson(ds, {
      name: 'Người phát ngôn A',
      roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_A }],
    });
    deputyA = await createPerson(ds, {
      name: 'Phó người phát ngôn A',
      roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_A, deputy: true }],
    });
    principalA = await createPerson(ds, { name: 'Hiệu trưởng A', roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    webAdminA = await createPerson(ds, {
      name: 'Quản trị web A',
      roles: [{ role: 'unit_web_admin', unitCode: SCHOOL_A }],
    });
    formerPrincipalA = await createPerson(ds, {
      name: 'Nguyên hiệu trưởng A',
      roles: [{ role: 'principal', unitCode: SCHOOL_A }],
    });
    await ds.query(`UPDATE role_assignment SET renounced_at = $2 WHERE person_id = $1`, [formerPrincipalA.id, MORNING]);
    retiredSpokesA = await createPerson(ds, {
      name: 'Người phát ngôn A đã nghỉ',
      active: false,
      roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_A }],
    });
    spokesB = await createPerson(ds, {
      name: 'Người phát ngôn B',
      roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_B }],
    });
    principalB = await createPerson(ds, { name: 'Hiệu trưởng B', roles: [{ role: 'principal', unitCode: SCHOOL_B }] });
    officeSpokes = await createPerson(ds, { name: 'Người phát ngôn Phòng', roles: [{ role: 'office_spokesperson' }] });
    officeDeputy = await createPerson(ds, {
      name: 'Phó người phát ngôn Phòng',
      roles: [{ role: 'office_spokesperson', deputy: true }],
    });
    leader = await createPerson(ds, { name: 'Lãnh đạo Phòng', roles: [{ role: 'leader' }] });
    steering = await createPerson(ds, { name: 'Thành viên Ban chỉ đạo', roles: [{ role: 'steering_member' }] });
    const sources: { id: string }[] = await ds.query(
      `INSERT INTO source (name, outlet, url, kind, reach_weight, enabled) VALUES ($1, $1, $2, 'social', 1, false) RETURNING id`,
      ['Nhóm phụ huynh Gò Vấp', `https://${randomUUID()}.example.vn/feed`],
    );
    sourceId = (sources[0] as { id: string }).id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function createStory(title: string): Promise<string> {
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO story (key, title, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) RETURNING id`,
      [randomUUID(), title, MORNING],
    );
    return (rows[0] as { id: string }).id;
  }

  /** Writes a feed item and its negative mention as the analysis stage does; returns the mention id. */
  async function storeMention(storyId: string, title: string, unitCodes: string[]): Promise<string> {
    const url = `https://news.example.vn/${randomUUID()}`;
    const items: { id: string }[] = await ds.query(
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, published_at, fetched_at,
         content_hash, analysis_state) VALUES ($1, $2, $3, $3, $4, 'Nhóm phụ huynh Gò Vấp', $5, $5, $2, 'done') RETURNING id`,
      [sourceId, randomUUID(), url, title, MORNING],
    );
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO mention (item_id, source_id, title, url, outlet, published_at, seen_at, unit_codes, sentiment_score,
         sentiment_label, category, incident, severity, severity_reasons, story_id, reach_weight, analysed_at)
       VALUES ($1, $2, $3, $4, 'Nhóm phụ huynh Gò Vấp', $5, $5, $6, -0.6, 'negative', 'fees_finances', true, 'S3',
         ARRAY['category fees_finances starts at S3'], $7, 1, $5) RETURNING id`,
      [(items[0] as { id: string }).id, sourceId, title, url, MORNING, unitCodes, storyId],
    );
    return (rows[0] as { id: string }).id;
  }

  async function detail(id: string, as: PersonRow = officeSpokes): Promise<IncidentDetail> {
    const res = await call<IncidentDetail>(t.baseUrl, 'GET', `incidents/${id}`, { token: token(as) });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function openManual(title: string, unitCodes: string[]): Promise<IncidentDetail> {
    const res = await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
      token: token(officeSpokes),
      body: { title, unitCodes, category: 'fees_finances' },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function assign(as: PersonRow, id: string, personIds: string[]) {
    return call<IncidentDetail & ErrorBody>(t.baseUrl, 'POST', `incidents/${id}/assign`, {
      token: token(as),
      body: { personIds, replace: true },
    });
  }

  async function activeAssignees(id: string): Promise<string[]> {
    const rows: { person_id: string }[] = await ds.query(
      `SELECT person_id FROM incident_assignment WHERE incident_id = $1 AND unassigned_at IS NULL`,
      [id],
    );
    return rows.map((r) => r.person_id).sort();
  }

  const ids = (...people: PersonRow[]) => people.map((p) => p.id).sort();

  it("refuses assignees without a current handling role at the incident's units or the office, naming them", async () => {
    const ticket = await openManual('Phụ huynh phản ánh thu tiền máy lạnh', [SCHOOL_A]);
    const before = await activeAssignees(ticket.id);
    expect(before).toEqual(ids(spokesA, officeSpokes));

    const refused: [PersonRow, string][] = [
      [spokesB, 'holds no current role'],
      [principalB, 'holds no current role'],
      [webAdminA, 'holds no current role'],
      [steering, 'holds no current role'],
      [formerPrincipalA, 'holds no current role'],
      [retiredSpokesA, 'is no longer active'],
    ];
    for (const [person, reason] of refused) {
      const res = await assign(spokesA, ticket.id, [deputyA.id, person.id]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'personIds' });
      expect(res.body.message).toContain(`${person.name} (${person.id}) ${reason}`);
      // The valid one in the same request is not named, and nothing was written.
      expect(res.body.message).not.toContain(deputyA.id);
    }
    const unknown = randomUUID();
    const missing = await assign(spokesA, ticket.id, [unknown]);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'personIds' });
    expect(missing.body.message).toContain(unknown);
    expect(await activeAssignees(ticket.id)).toEqual(before);
    const refusedAudit: unknown[] = await ds.query(
      `SELECT 1 FROM audit_log WHERE action = 'incident.assign' AND entity_id = $1`,
      [ticket.id],
    );
    expect(refusedAudit).toHaveLength(0);

    // The school's spokesperson, deputy and principal, the office spokesperson's deputy and leadership all qualify.
    const ok = await assign(spokesA, ticket.id, [deputyA.id, principalA.id, officeDeputy.id, leader.id]);
    expect(ok.status).toBe(200);
    expect(ok.body.assignees.map((a) => a.personId).sort()).toEqual(ids(deputyA, principalA, officeDeputy, leader));
    expect(await activeAssignees(ticket.id)).toEqual(ids(deputyA, principalA, officeDeputy, leader));
  });

  it("takes another school's people once that school is one of the incident's units", async () => {
    const ticket = await openManual('Hai trường cùng bị phản ánh về xe đưa đón', [SCHOOL_A, SCHOOL_B]);
    const res = await assign(officeSpokes, ticket.id, [spokesB.id, principalB.id, spokesA.id]);
    expect(res.status).toBe(200);
    expect(await activeAssignees(ticket.id)).toEqual(ids(spokesB, principalB, spokesA));
  });

  it('gives each side of a split the units of its own mentions, keeping units set by hand', async () => {
    const storyId = await createStory('Học sinh bị ngộ độc sau bữa trưa');
    const first = await storeMention(storyId, 'Học sinh trường A đau bụng sau bữa trưa', [SCHOOL_A]);
    expect((await intake.sweep()).opened).toHaveLength(1);
    // Later coverage of the same story names school B (and quotes the office): it joins the ticket and brings B.
    const second = await storeMention(storyId, 'Trường B cũng có học sinh nhập viện', [SCHOOL_B, OFFICE_UNIT_CODE]);
    expect((await intake.sweep()).attached).toBe(1);
    const rows: { id: string }[] = await ds.query(`SELECT id FROM incident WHERE $1 = ANY(story_ids)`, [storyId]);
    const id = (rows[0] as { id: string }).id;
    // A ticket opened by hand about school C is merged in: C was set by hand, no mention names it.
    const manual = await openManual('Phụ huynh trường C gọi đường dây nóng', [SCHOOL_C]);
    const merged = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/merge`, {
      token: token(officeSpokes),
      body: { incidentIds: [manual.id] },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.units.map((u) => u.code)).toEqual([SCHOOL_A, SCHOOL_B, SCHOOL_C]);
    expect(await activeAssignees(id)).toContain(spokesB.id);
    expect((await detail(id, principalB)).id).toBe(id);

    const split = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/split`, {
      token: token(officeSpokes),
      body: { mentionIds: [second], title: 'Học sinh trường B nhập viện' },
    });
    expect(split.status).toBe(201);
    // The new ticket is about B only: the office the article quoted stays off, as at intake.
    expect(split.body.units.map((u) => u.code)).toEqual([SCHOOL_B]);
    expect(split.body.assignees.map((a) => a.personId)).toContain(spokesB.id);

    const rest = await detail(id);
    expect(rest.mentions.map((m) => m.mentionId)).toEqual([first]);
    expect(rest.units.map((u) => u.code)).toEqual([SCHOOL_A, SCHOOL_C]);
    // B's spokesperson, assigned for B, comes off; the ticket is no longer B's to see.
    expect(await activeAssignees(id)).not.toContain(spokesB.id);
    expect(rest.assignmentHistory.find((a) => a.personId === spokesB.id)?.unassignedAt).toBe(MORNING.toISOString());
    expect((await call(t.baseUrl, 'GET', `incidents/${id}`, { token: token(principalB) })).status).toBe(404);
    expect((await detail(split.body.id, principalB)).id).toBe(split.body.id);

    const splitEntry = rest.timeline.find((e) => e.kind === 'split');
    expect(splitEntry?.data).toMatchObject({
      to: split.body.id,
      units: { before: [SCHOOL_A, SCHOOL_B, SCHOOL_C], after: [SCHOOL_A, SCHOOL_C], removed: [SCHOOL_B] },
    });
    const unassigned = rest.timeline.filter((e) => e.kind === 'unassigned');
    expect(unassigned.map((e) => e.data)).toEqual([
      expect.objectContaining({ personIds: [spokesB.id], units: [SCHOOL_B] }),
    ]);
    const audit: { before: unknown; after: { units: string[]; unassigned: string[] } }[] = await ds.query(
      `SELECT before, after FROM audit_log WHERE action = 'incident.split' AND entity_id = $1`,
      [id],
    );
    expect(audit).toEqual([
      {
        before: { units: [SCHOOL_A, SCHOOL_B, SCHOOL_C] },
        after: expect.objectContaining({ units: [SCHOOL_A, SCHOOL_C], unassigned: [spokesB.id] }),
      },
    ]);

    // School B's dashboards hear the update that takes the ticket away from them (id, status and units only).
    const realtime = t.app.get(RealtimeService);
    let rooms: string[][] = [];
    for (let i = 0; i < 50 && rooms.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await realtime.flush();
      const rows: { rooms: string[]; payload: { unitCodes: string[] } }[] = await ds.query(
        `SELECT rooms, payload FROM realtime_event
         WHERE event = 'incident.updated' AND payload->>'incidentId' = $1 AND payload->'unitCodes' = $2::jsonb`,
        [id, JSON.stringify([SCHOOL_A, SCHOOL_C])],
      );
      rooms = rows.map((r) => [...r.rooms].sort());
    }
    expect(rooms).toEqual([['office', `unit:${SCHOOL_A}`, `unit:${SCHOOL_B}`, `unit:${SCHOOL_C}`].sort()]);
  });

  it('announces the merged-away incident too, resolved, in its own rooms', async () => {
    const target = await openManual('Phản ánh về căng tin trường A', [SCHOOL_A]);
    const duplicate = await openManual('Căng tin trường B bán đồ ăn không rõ nguồn gốc', [SCHOOL_B]);
    const merged = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${target.id}/merge`, {
      token: token(officeSpokes),
      body: { incidentIds: [duplicate.id] },
    });
    expect(merged.status).toBe(200);
    const realtime = t.app.get(RealtimeService);
    type Row = { rooms: string[]; payload: { incidentId: string; status: string; unitCodes: string[] } };
    const updates = (incidentId: string): Promise<Row[]> =>
      ds.query(
        `SELECT rooms, payload FROM realtime_event WHERE event = 'incident.updated' AND payload->>'incidentId' = $1`,
        [incidentId],
      );
    let live: Row[] = [];
    let survivor: Row[] = [];
    for (let i = 0; i < 50 && (live.length === 0 || survivor.length === 0); i++) {
      await new Promise((r) => setTimeout(r, 20));
      await realtime.flush();
      live = await updates(duplicate.id);
      survivor = await updates(target.id);
    }
    expect(survivor).toHaveLength(1);
    expect(live).toEqual([
      {
        rooms: ['office', `unit:${SCHOOL_B}`],
        payload: expect.objectContaining({ incidentId: duplicate.id, status: 'resolved', unitCodes: [SCHOOL_B] }),
      },
    ]);
  });
});
