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
import { IncidentIntakeFlow } from '../src/modules/incidents/flows/intake.flow';
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
  params?: Record<string, string | number>;
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
      expect(res.body.params).toEqual({ personIds: person.id });
      // The valid one in the same request is not named, and nothing was written.
      expect(res.body.message).not.toContain(deputyA.id);
    }
    const unknown = randomUUID();
    const missing = await assign(spokesA, ticket.id, [unknown]);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'personIds' });
    expect(missing.body.message).toContain(unknown);
    const both = await assign(spokesA, ticket.id, [spokesB.id, deputyA.id, unknown]);
    expect(both.status).toBe(400);
    expect(both.body.params).toEqual({ personIds: `${spokesB.id},${unknown}` });
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
  async function addAssignees(as: PersonRow, id: string, personIds: string[]) {
    return call<IncidentDetail & ErrorBody>(t.baseUrl, 'POST', `incidents/${id}/assign`, {
      token: token(as),
      body: { personIds, replace: false },
    });
  }

  it('lets a ticket be reassigned while a current assignee has lost their role, checking only the newcomers', async () => {
    const leaving = await createPerson(ds, {
      name: 'Phó người phát ngôn A sắp chuyển công tác',
      roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_A, deputy: true }],
    });
    const ticket = await openManual('Phụ huynh phản ánh về đồng phục', [SCHOOL_A]);
    expect((await addAssignees(officeSpokes, ticket.id, [leaving.id])).status).toBe(200);
    await ds.query(`UPDATE role_assignment SET renounced_at = $2 WHERE person_id = $1`, [leaving.id, MORNING]);

    // The panel sends the current assignees along (ticked or not): the one who lost the role does not block.
    const kept = await assign(officeSpokes, ticket.id, [spokesA.id, officeSpokes.id, leaving.id, principalA.id]);
    expect(kept.status).toBe(200);
    expect(await activeAssignees(ticket.id)).toEqual(ids(spokesA, officeSpokes, leaving, principalA));
    const dropped = await assign(officeSpokes, ticket.id, [spokesA.id, officeSpokes.id, principalA.id, deputyA.id]);
    expect(dropped.status).toBe(200);
    expect(await activeAssignees(ticket.id)).toEqual(ids(spokesA, officeSpokes, principalA, deputyA));
    // Once off the ticket, they are a newcomer again and refused.
    const back = await assign(officeSpokes, ticket.id, [spokesA.id, leaving.id]);
    expect(back.status).toBe(400);
    expect(back.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'personIds',
      params: { personIds: leaving.id },
    });
    expect(await activeAssignees(ticket.id)).toEqual(ids(spokesA, officeSpokes, principalA, deputyA));
  });

  it('takes off after a split everyone who no longer qualifies, whatever brought them, and keeps who still does', async () => {
    // Ticket about A; a ticket about B (detected: its mention names B) is merged in and brings B's spokesperson.
    const storyA = await createStory('Trường A thu tiền sổ liên lạc điện tử');
    const mentionA = await storeMention(storyA, 'Trường A thu tiền sổ liên lạc điện tử', [SCHOOL_A]);
    const storyB = await createStory('Trường B thu tiền sổ liên lạc điện tử');
    const mentionB = await storeMention(storyB, 'Trường B cũng thu tiền sổ liên lạc', [SCHOOL_B]);
    expect((await intake.sweep()).opened).toHaveLength(2);
    const find = async (storyId: string): Promise<string> => {
      const rows: { id: string }[] = await ds.query(`SELECT id FROM incident WHERE $1 = ANY(story_ids)`, [storyId]);
      return (rows[0] as { id: string }).id;
    };
    const id = await find(storyA);
    const other = await find(storyB);
    const merged = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/merge`, {
      token: token(officeSpokes),
      body: { incidentIds: [other] },
    });
    expect(merged.status).toBe(200);
    // B's principal is put on by hand.
    expect((await addAssignees(officeSpokes, id, [principalB.id])).status).toBe(200);
    const reasons: { person_id: string; reason: string }[] = await ds.query(
      `SELECT person_id, reason FROM incident_assignment WHERE incident_id = $1 AND unassigned_at IS NULL`,
      [id],
    );
    expect(reasons.find((r) => r.person_id === spokesB.id)?.reason).toBe('merged');
    expect(reasons.find((r) => r.person_id === principalB.id)?.reason).toBe('assigned');

    const split = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/split`, {
      token: token(officeSpokes),
      body: { mentionIds: [mentionB] },
    });
    expect(split.status).toBe(201);
    const rest = await detail(id);
    expect(rest.mentions.map((m) => m.mentionId)).toEqual([mentionA]);
    expect(rest.units.map((u) => u.code)).toEqual([SCHOOL_A]);
    expect(await activeAssignees(id)).toEqual(ids(spokesA, officeSpokes));
    const unassigned = rest.timeline.filter((e) => e.kind === 'unassigned');
    expect(unassigned).toHaveLength(1);
    expect((unassigned[0]?.data as { personIds: string[] }).personIds.sort()).toEqual(ids(spokesB, principalB));
    // Neither sees the ticket any more.
    for (const p of [spokesB, principalB]) {
      expect((await call(t.baseUrl, 'GET', `incidents/${id}`, { token: token(p) })).status).toBe(404);
    }
  });

  it('keeps on a split someone who is spokesperson at both schools though assigned for the school that goes', async () => {
    const dual = await createPerson(ds, {
      name: 'Người phát ngôn hai trường',
      roles: [
        { role: 'unit_spokesperson', unitCode: SCHOOL_B },
        { role: 'unit_spokesperson', unitCode: SCHOOL_A },
      ],
    });
    // Opened about B (the dual spokesperson is assigned for B), then coverage naming A joins it.
    const storyId = await createStory('Học sinh hai trường bị xe đưa đón bỏ quên');
    const aboutB = await storeMention(storyId, 'Xe đưa đón trường B bỏ quên học sinh', [SCHOOL_B]);
    expect((await intake.sweep()).opened).toHaveLength(1);
    await storeMention(storyId, 'Trường A cũng dùng nhà xe đó', [SCHOOL_A]);
    expect((await intake.sweep()).attached).toBe(1);
    const rows: { id: string }[] = await ds.query(`SELECT id FROM incident WHERE $1 = ANY(story_ids)`, [storyId]);
    const id = (rows[0] as { id: string }).id;
    const reason: { reason: string }[] = await ds.query(
      `SELECT reason FROM incident_assignment WHERE incident_id = $1 AND person_id = $2`,
      [id, dual.id],
    );
    expect(reason).toEqual([{ reason: `unit_spokesperson:${SCHOOL_B}` }]);

    const split = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${id}/split`, {
      token: token(officeSpokes),
      body: { mentionIds: [aboutB] },
    });
    expect(split.status).toBe(201);
    expect((await detail(id)).units.map((u) => u.code)).toEqual([SCHOOL_A]);
    const active = await activeAssignees(id);
    expect(active).toContain(dual.id);
    expect(active).not.toContain(spokesB.id);
    expect((await detail(id, dual)).id).toBe(id);
  });
});
