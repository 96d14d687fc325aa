/**
 * The escalation chain against real PostgreSQL with an injected clock: who is told when, what acknowledgement
 * stops, how working days and quiet hours hold steps back, a unit with nobody reachable, and two application
 * instances running the schedule at once. Incidents are opened by hand through the API (severity set explicitly);
 * `runDue` is called directly, as the every-minute cron would.
 */
import type { EscalationSettingsView, IncidentDetail } from '@mw/shared';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { FixedClock } from '../src/common/clock/clock';
import { JsonLogger } from '../src/common/logging/json-logger';
import { EscalationFlow } from '../src/modules/incidents/flows/escalation.flow';
import { NotificationAckService } from '../src/modules/notifications/notification-ack.service';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { createUnit } from './factories/unit.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const SCHOOL_A = '79000724';
/** A wall-clock time in Ho Chi Minh City as an instant. */
const local = (iso: string) => new Date(`${iso}+07:00`);

describe('escalation (real PostgreSQL, injected clock)', () => {
  let t: TestApp;
  let ds: DataSource;
  let escalation: EscalationFlow;
  const clock = new FixedClock(local('2026-03-04T10:00:00'));
  let spokesA: PersonRow;
  let principalA: PersonRow;
  let officeSpokes: PersonRow;
  let steering: PersonRow;
  let leader: PersonRow;

  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:2525' }, { clock });
    ds = t.db.dataSource;
    escalation = t.app.get(EscalationFlow);
    spokesA = await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_A }] });
    principalA = await createPerson(ds, { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    officeSpokes = await createPerson(ds, { roles: [{ role: 'office_spokesperson' }] });
    steering = await createPerson(ds, { roles: [{ role: 'steering_member' }] });
    leader = await createPerson(ds, { roles: [{ role: 'leader' }] });
  });
  afterAll(async () => {
    await t.close();
  });

  async function open(
    severity: string,
    unitCodes = [SCHOOL_A],
    title = `Sự việc ${severity}`,
  ): Promise<IncidentDetail> {
    const res = await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
      token: tokenFor(t.app, officeSpokes.id),
      body: { title, unitCodes, severity },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** Who got an in-app notification for this incident's event and level. */
  async function told(incidentId: string, event: string, level: number): Promise<string[]> {
    const rows: { recipient_id: string }[] = await ds.query(
      `SELECT recipient_id FROM notification WHERE incident_id = $1 AND event = $2 AND level = $3 AND channel = 'in_app'
       ORDER BY recipient_id`,
      [incidentId, event, level],
    );
    return rows.map((r) => r.recipient_id);
  }

  async function events(incidentId: string): Promise<string[]> {
    const rows: { e: string }[] = await ds.query(
      `SELECT DISTINCT event || '/' || level AS e FROM notification WHERE incident_id = $1 ORDER BY 1`,
      [incidentId],
    );
    return rows.map((r) => r.e);
  }

  const sorted = (...people: PersonRow[]) => people.map((p) => p.id).sort();

  it('S1: nothing before 15 minutes, the principal at 15, the office next, leadership after, then reminders', async () => {
    clock.set(local('2026-03-04T10:00:00'));
    const incident = await open('S1');
    expect(await told(incident.id, 'incident.opened', 1)).toEqual(sorted(spokesA, officeSpokes, principalA));
    // Told at opening is not escalated: the badge waits for a step that notified a level above the handlers.
    expect(incident.escalationLevel).toBe(1);
    expect(incident.escalatedLevel).toBeNull();
    const escalatedLevel = async () =>
      (await call<IncidentDetail>(t.baseUrl, 'GET', `incidents/${incident.id}`, { token: tokenFor(t.app, leader.id) }))
        .body.escalatedLevel;

    clock.set(local('2026-03-04T10:14:59'));
    await escalation.runDue();
    expect(await events(incident.id)).toEqual(['incident.opened/1']);
    expect(await escalatedLevel()).toBeNull();

    clock.set(local('2026-03-04T10:15:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.escalated', 2)).toEqual(sorted(principalA));
    expect(await told(incident.id, 'incident.reminder', 2)).toEqual(sorted(spokesA, officeSpokes));
    expect(await escalatedLevel()).toBe(2);

    clock.set(local('2026-03-04T10:29:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.escalated', 3)).toEqual([]);
    clock.set(local('2026-03-04T10:30:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.escalated', 3)).toEqual(sorted(officeSpokes, steering));
    expect(await told(incident.id, 'incident.escalated', 4)).toEqual([]);

    clock.set(local('2026-03-04T10:45:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.escalated', 4)).toEqual(sorted(leader));

    clock.set(local('2026-03-04T11:00:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.reminder.1', 4)).toEqual(
      sorted(spokesA, principalA, officeSpokes, steering, leader),
    );

    const ticket = await call<IncidentDetail>(t.baseUrl, 'GET', `incidents/${incident.id}`, {
      token: tokenFor(t.app, leader.id),
    });
    expect(ticket.body.escalationLevel).toBe(4);
    expect(ticket.body.escalatedLevel).toBe(4);
    expect(ticket.body.timeline.filter((e) => e.kind === 'escalated').map((e) => e.data.level)).toEqual([2, 3, 4]);
    // Steps read as codes with params and Vietnamese text; the leader hears of level 4 alone.
    expect(ticket.body.timeline.filter((e) => e.kind === 'escalated').at(-1)).toMatchObject({
      code: 'escalated',
      params: { level: 4, count: 1 },
      text: 'Chuyển cấp 4: báo 1 người',
    });
    expect(ticket.body.timeline.filter((e) => e.kind === 'reminder').at(-1)).toMatchObject({
      code: 'reminder',
      params: { round: 1, level: 4, count: 5 },
      text: 'Nhắc lần 1 (cấp 4), 5 người',
    });

    // Acknowledgement stops the chain: no further reminders.
    await call(t.baseUrl, 'POST', `incidents/${incident.id}/acknowledge`, { token: tokenFor(t.app, spokesA.id) });
    clock.set(local('2026-03-04T12:00:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.reminder.2', 4)).toEqual([]);
  });

  it('acknowledgement before the deadline stops the chain, but a missed response deadline escalates again', async () => {
    clock.set(local('2026-03-04T09:00:00'));
    const incident = await open('S2');
    clock.set(local('2026-03-04T09:30:00'));
    const ack = await call<IncidentDetail>(t.baseUrl, 'POST', `incidents/${incident.id}/acknowledge`, {
      token: tokenFor(t.app, spokesA.id),
    });
    expect(ack.body.status).toBe('acknowledged');
    clock.set(local('2026-03-04T15:00:00'));
    await escalation.runDue();
    expect(await events(incident.id)).toEqual(['incident.opened/1']);

    // S2: 24 hours to a first answer to the press.
    clock.set(local('2026-03-05T08:59:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.response_overdue', 4)).toEqual([]);
    clock.set(local('2026-03-05T09:00:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.response_overdue', 4)).toEqual(
      sorted(spokesA, principalA, officeSpokes, steering, leader),
    );
    clock.set(local('2026-03-05T12:00:00'));
    await escalation.runDue();
    const steps: { n: string }[] = await ds.query(
      `SELECT count(*) AS n FROM escalation_step WHERE incident_id = $1 AND kind = 'response_overdue'`,
      [incident.id],
    );
    expect(Number(steps[0]?.n)).toBe(1);
  });

  it('stops the chain when someone acknowledges from a message link', async () => {
    clock.set(local('2026-03-04T13:00:00'));
    const incident = await open('S1');
    // The principal's e-mail about the opening (the SMTP server is away; the row and its link exist all the same).
    const [mail] = (await ds.query(
      `SELECT id FROM notification WHERE incident_id = $1 AND recipient_id = $2 AND channel = 'email'`,
      [incident.id, principalA.id],
    )) as { id: string }[];
    const link = t.app.get(NotificationAckService).linkFor(mail?.id as string);
    const used = await call(t.baseUrl, 'POST', link.replace(/^.*\/api\//, ''));
    expect(used.status).toBe(200);
    const ticket = await call<IncidentDetail>(t.baseUrl, 'GET', `incidents/${incident.id}`, {
      token: tokenFor(t.app, leader.id),
    });
    expect(ticket.body).toMatchObject({ status: 'acknowledged', acknowledgedAt: clock.now().toISOString() });
    const entry = ticket.body.timeline.find((e) => e.kind === 'status_changed');
    expect(entry).toMatchObject({
      actorId: principalA.id,
      data: { to: 'acknowledged', reason: 'via email' },
      code: 'status_changed_via',
      params: { from: 'new', to: 'acknowledged', via: 'email' },
      text: 'Mới → Đã tiếp nhận (qua email)',
    });
    clock.set(local('2026-03-04T13:20:00'));
    await escalation.runDue();
    expect(await events(incident.id)).toEqual(['incident.opened/1']);
  });

  it('S4 waits for the next working day and working hours', async () => {
    // Friday 18:00: acknowledgement is due by the end of Monday.
    clock.set(local('2026-03-06T18:00:00'));
    const incident = await open('S4');
    expect(incident.ackDueAt).toBe(local('2026-03-09T17:00:00').toISOString());
    expect(incident.respondDueAt).toBeNull();
    expect(await told(incident.id, 'incident.opened', 1)).toEqual(sorted(spokesA, officeSpokes));
    for (const at of ['2026-03-07T10:00:00', '2026-03-08T10:00:00', '2026-03-09T16:59:00']) {
      clock.set(local(at));
      await escalation.runDue();
    }
    expect(await events(incident.id)).toEqual(['incident.opened/1']);
    // Monday 17:00 is the end of the working day: the step waits for Tuesday morning.
    clock.set(local('2026-03-09T17:00:00'));
    const deferred = await escalation.runDue();
    expect(deferred.deferred).toBeGreaterThanOrEqual(1);
    expect(await told(incident.id, 'incident.escalated', 2)).toEqual([]);
    clock.set(local('2026-03-10T07:30:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.escalated', 2)).toEqual(sorted(principalA));
    await call(t.baseUrl, 'POST', `incidents/${incident.id}/acknowledge`, { token: tokenFor(t.app, spokesA.id) });
  });

  it('S3 holds steps through quiet hours; S1 ignores them', async () => {
    clock.set(local('2026-03-11T20:00:00'));
    const s3 = await open('S3');
    clock.set(local('2026-03-11T23:00:00'));
    const s1 = await open('S1');
    clock.set(local('2026-03-11T23:15:00'));
    await escalation.runDue();
    expect(await told(s1.id, 'incident.escalated', 2)).toEqual(sorted(principalA));
    await call(t.baseUrl, 'POST', `incidents/${s1.id}/acknowledge`, { token: tokenFor(t.app, spokesA.id) });

    // S3 acknowledgement was due at midnight, inside the office's quiet hours (21:30-06:30).
    clock.set(local('2026-03-12T00:00:00'));
    await escalation.runDue();
    clock.set(local('2026-03-12T06:29:00'));
    await escalation.runDue();
    expect(await told(s3.id, 'incident.escalated', 2)).toEqual([]);
    clock.set(local('2026-03-12T06:30:00'));
    await escalation.runDue();
    expect(await told(s3.id, 'incident.escalated', 2)).toEqual(sorted(principalA));
    await call(t.baseUrl, 'POST', `incidents/${s3.id}/acknowledge`, { token: tokenFor(t.app, spokesA.id) });
  });

  it('follows the office calendar an admin configures', async () => {
    const admin = await createPerson(ds, { roles: [{ role: 'admin' }] });
    const denied = await call(t.baseUrl, 'PATCH', 'escalation/settings', {
      token: tokenFor(t.app, leader.id),
      body: { workingDays: [1, 2, 3, 4, 5, 6] },
    });
    expect(denied.status).toBe(403);
    const bad = await call(t.baseUrl, 'PATCH', 'escalation/settings', {
      token: tokenFor(t.app, admin.id),
      body: { quietHours: { start: '25:00', end: '06:00' } },
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'quietHours.start' } });
    const saturdays = await call<EscalationSettingsView>(t.baseUrl, 'PATCH', 'escalation/settings', {
      token: tokenFor(t.app, admin.id),
      body: { workingDays: [6, 1, 2, 3, 4, 5], quietHours: null },
    });
    expect(saturdays.body).toEqual({
      timezone: 'Asia/Ho_Chi_Minh',
      workingDays: [1, 2, 3, 4, 5, 6],
      workdayStart: '07:30',
      workdayEnd: '17:00',
      quietHours: null,
    });
    try {
      // Friday evening with Saturday a working day: S4 is due by the end of Saturday.
      clock.set(local('2026-03-13T18:00:00'));
      const incident = await open('S4');
      expect(incident.ackDueAt).toBe(local('2026-03-14T17:00:00').toISOString());
      await call(t.baseUrl, 'POST', `incidents/${incident.id}/acknowledge`, { token: tokenFor(t.app, spokesA.id) });
    } finally {
      await call(t.baseUrl, 'PATCH', 'escalation/settings', {
        token: tokenFor(t.app, admin.id),
        body: { workingDays: [1, 2, 3, 4, 5], quietHours: { start: '21:30', end: '06:30' } },
      });
    }
    const restored = await call<EscalationSettingsView>(t.baseUrl, 'GET', 'escalation/settings', {
      token: tokenFor(t.app, leader.id),
    });
    expect(restored.body.quietHours).toEqual({ start: '21:30', end: '06:30' });
  });

  it('sends a unit with nobody reachable straight to the office and flags the ticket', async () => {
    const lonely = await createUnit(ds, { name: 'Trường Mầm non Thử' });
    clock.set(local('2026-03-12T10:00:00'));
    const incident = await open('S3', [lonely.code]);
    expect(incident.unreachableUnits).toEqual([lonely.code]);
    expect(incident.escalationLevel).toBe(3);
    expect(incident.escalatedLevel).toBe(3);
    expect(await told(incident.id, 'incident.escalated', 3)).toEqual(sorted(officeSpokes, steering));
    expect(incident.timeline.find((e) => e.kind === 'unreachable')).toMatchObject({
      code: 'unreachable',
      params: { units: lonely.code },
      text: `Không liên hệ được đơn vị ${lonely.code}: chuyển thẳng Văn phòng`,
    });
    // The next step goes to leadership.
    clock.set(local('2026-03-12T14:00:00'));
    await escalation.runDue();
    expect(await told(incident.id, 'incident.escalated', 4)).toEqual(sorted(leader));
    await call(t.baseUrl, 'POST', `incidents/${incident.id}/acknowledge`, { token: tokenFor(t.app, officeSpokes.id) });
  });

  it('takes each step once when runDue repeats and when two instances run it at the same time', async () => {
    clock.set(local('2026-03-13T10:00:00'));
    const incidents: IncidentDetail[] = [];
    for (let i = 0; i < 6; i++) incidents.push(await open('S1', [SCHOOL_A], `Sự việc song song ${i}`));
    const ids = incidents.map((i) => i.id);
    const second: NestExpressApplication = await createApp(t.config, new JsonLogger('error', process.stderr), {
      clock,
    });
    try {
      const other = second.get(EscalationFlow);
      clock.set(local('2026-03-13T10:15:00'));
      await Promise.all([escalation.runDue(), other.runDue(), escalation.runDue(), other.runDue()]);
      await Promise.all([escalation.runDue(), other.runDue()]);
    } finally {
      await second.close();
    }
    const notifications: { n: string; keys: string }[] = await ds.query(
      `SELECT count(*) AS n, count(DISTINCT dedup_key) AS keys FROM notification
       WHERE incident_id = ANY($1::uuid[]) AND event = 'incident.escalated' AND level = 2`,
      [ids],
    );
    // One principal, two channels (in-app and e-mail), six incidents.
    expect(notifications[0]).toEqual({ n: '12', keys: '12' });
    const steps: { n: string }[] = await ds.query(
      `SELECT count(*) AS n FROM escalation_step WHERE incident_id = ANY($1::uuid[]) AND kind = 'escalated'`,
      [ids],
    );
    expect(Number(steps[0]?.n)).toBe(6);
    const timeline: { n: string }[] = await ds.query(
      `SELECT count(*) AS n FROM incident_timeline WHERE incident_id = ANY($1::uuid[]) AND kind = 'escalated'`,
      [ids],
    );
    expect(Number(timeline[0]?.n)).toBe(6);
    for (const id of ids)
      await call(t.baseUrl, 'POST', `incidents/${id}/acknowledge`, { token: tokenFor(t.app, spokesA.id) });
  });
});
