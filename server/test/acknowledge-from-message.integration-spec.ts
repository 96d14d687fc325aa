/**
 * Acknowledging an incident from a message (the link in an e-mail, the button in the in-app inbox) against real
 * PostgreSQL and a real SMTP server on 127.0.0.1: the message must ask for an acknowledgement, its recipient must
 * still be active and hold a handling role at one of the incident's units, and the message and the incident are
 * acknowledged together or not at all. Time is a FixedClock; delivery and escalation runs are called directly.
 */
import { randomUUID } from 'node:crypto';
import type { IncidentDetail, InAppNotificationList } from '@mw/shared';
import type { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock/clock';
import { EscalationFlow } from '../src/modules/incidents/flows/escalation.flow';
import { NotificationDeliveryService } from '../src/modules/notifications/notification-delivery.service';
import { NotificationOutbox } from '../src/modules/notifications/notification-outbox.service';
import { NotificationPlanner } from '../src/modules/notifications/notification-planner.service';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const PUBLIC_URL = 'https://mediawatch.govap.test';
const SCHOOL_A = '79000724';
/** A wall-clock time in Ho Chi Minh City as an instant. */
const local = (iso: string) => new Date(`${iso}+07:00`);

describe('acknowledging from a message (real PostgreSQL, real SMTP)', () => {
  let t: TestApp;
  let ds: DataSource;
  let smtp: TestSmtpServer;
  const clock = new FixedClock(local('2026-03-04T10:00:00'));
  let admin: PersonRow;
  let spokesA: PersonRow;
  let principalA: PersonRow;
  let steering: PersonRow;
  let leader: PersonRow;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url, MW_PUBLIC_URL: PUBLIC_URL }, { clock });
    ds = t.db.dataSource;
    admin = await createPerson(ds, { roles: [{ role: 'admin' }] });
    spokesA = await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_A }] });
    principalA = await createPerson(ds, { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    steering = await createPerson(ds, { roles: [{ role: 'steering_member' }] });
    leader = await createPerson(ds, { roles: [{ role: 'leader' }] });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
  });

  async function open(title: string): Promise<IncidentDetail> {
    const res = await call<IncidentDetail>(t.baseUrl, 'POST', 'incidents', {
      token: tokenFor(t.app, admin.id),
      body: { title, unitCodes: [SCHOOL_A], severity: 'S1' },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** Enqueues and delivers one message about an incident to people, as a flow of the incidents module would. */
  async function send(incidentId: string, template: string, level: number, recipients: PersonRow[]): Promise<void> {
    const planner = t.app.get(NotificationPlanner);
    const outbox = t.app.get(NotificationOutbox);
    await ds.transaction(async (m) =>
      outbox.enqueue(
        m,
        await planner.plan(m, {
          incidentId,
          event: `${template}.${randomUUID()}`,
          level,
          recipientIds: recipients.map((p) => p.id),
          severity: 'S1',
          template,
          params: { title: 'Phụ huynh phản ánh bữa ăn bán trú', units: 'Trường THCS thử', severity: 'S1' },
        }),
      ),
    );
    await t.app.get(NotificationDeliveryService).deliverDue();
  }

  async function inAppCopy(incidentId: string, person: PersonRow, template: string): Promise<string> {
    const rows: { id: string }[] = await ds.query(
      `SELECT id FROM notification WHERE incident_id = $1 AND recipient_id = $2 AND channel = 'in_app' AND template = $3`,
      [incidentId, person.id, template],
    );
    expect(rows).toHaveLength(1);
    return (rows[0] as { id: string }).id;
  }

  /** The path (after /api/) of the acknowledge link mailed to a person about an incident. */
  async function mailedLink(incidentId: string, person: PersonRow): Promise<string> {
    const mails = await smtp.waitFor(1);
    const mail = mails.find((m) => m.to.includes(person.email) && m.text.includes(incidentId));
    const path = /\/api\/(notifications\/ack\/\S+)/.exec(mail?.text ?? '')?.[1];
    expect(path).toBeDefined();
    return path as string;
  }

  async function stateOf(incidentId: string) {
    const incident: { status: string; acknowledged_by: string | null }[] = await ds.query(
      `SELECT status, acknowledged_by FROM incident WHERE id = $1`,
      [incidentId],
    );
    const acknowledged: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM notification WHERE incident_id = $1 AND acknowledged_at IS NOT NULL`,
      [incidentId],
    );
    return { ...incident[0], acknowledgedMessages: acknowledged[0]?.n };
  }

  /** Lets in-process handlers that an acknowledgement may have set off run before the state is read. */
  const settle = () => new Promise((r) => setTimeout(r, 100));

  it("refuses the in-app acknowledgement of a steering member's copy, and the inbox does not ask for one", async () => {
    const incident = await open('Phụ huynh phản ánh bữa ăn bán trú có dị vật');
    await send(incident.id, 'incident.escalated', 3, [steering, leader]);
    const copy = await inAppCopy(incident.id, steering, 'incident.escalated');

    const inbox = await call<InAppNotificationList>(t.baseUrl, 'GET', 'notifications', {
      token: tokenFor(t.app, steering.id),
    });
    expect(inbox.body.items.find((i) => i.id === copy)?.asksAcknowledgement).toBe(false);
    const leaderInbox = await call<InAppNotificationList>(t.baseUrl, 'GET', 'notifications', {
      token: tokenFor(t.app, leader.id),
    });
    expect(leaderInbox.body.items.find((i) => i.incidentId === incident.id)?.asksAcknowledgement).toBe(true);

    const ack = await call(t.baseUrl, 'POST', `notifications/${copy}/acknowledge`, {
      token: tokenFor(t.app, steering.id),
    });
    await settle();
    expect(ack.status).toBe(403);
    expect(await stateOf(incident.id)).toEqual({ status: 'new', acknowledged_by: null, acknowledgedMessages: 0 });
  });

  it('refuses the in-app acknowledgement of a message that does not ask for one', async () => {
    const incident = await open('Bài đăng về học phí chưa được trả lời');
    await send(incident.id, 'response.awaiting_approval', 1, [leader]);
    const copy = await inAppCopy(incident.id, leader, 'response.awaiting_approval');
    const ack = await call(t.baseUrl, 'POST', `notifications/${copy}/acknowledge`, {
      token: tokenFor(t.app, leader.id),
    });
    await settle();
    expect(ack.status).toBe(403);
    expect(await stateOf(incident.id)).toEqual({ status: 'new', acknowledged_by: null, acknowledgedMessages: 0 });
  });

  it('acknowledges in-app for a handler, the incident and the message together', async () => {
    const incident = await open('Clip học sinh xô xát trước cổng trường');
    const copy = await inAppCopy(incident.id, principalA, 'incident.opened');
    const ack = await call(t.baseUrl, 'POST', `notifications/${copy}/acknowledge`, {
      token: tokenFor(t.app, principalA.id),
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toEqual({ incidentId: incident.id, personId: principalA.id, via: 'in_app' });
    expect(await stateOf(incident.id)).toEqual({
      status: 'acknowledged',
      acknowledged_by: principalA.id,
      acknowledgedMessages: 1,
    });
  });

  it('refuses the link of a person deactivated, or no longer holding a role at the school, since it was sent', async () => {
    const first = await open('Phụ huynh tố giáo viên thu tiền học thêm');
    await t.app.get(NotificationDeliveryService).deliverDue();
    const principalLink = await mailedLink(first.id, principalA);
    const spokesLink = await mailedLink(first.id, spokesA);

    // The principal leaves; the spokesperson's role at the school ends.
    expect(
      (
        await call(t.baseUrl, 'PATCH', `people/${principalA.id}`, {
          token: tokenFor(t.app, admin.id),
          body: { active: false },
        })
      ).status,
    ).toBe(200);
    const [assignment] = (await ds.query(
      `SELECT r.id FROM role_assignment r WHERE r.person_id = $1 AND r.renounced_at IS NULL`,
      [spokesA.id],
    )) as { id: string }[];
    expect(
      (
        await call(t.baseUrl, 'POST', `people/${spokesA.id}/roles/${assignment?.id}/renounce`, {
          token: tokenFor(t.app, admin.id),
        })
      ).status,
    ).toBe(200);

    const page = await fetch(`${t.baseUrl}/api/${principalLink}`);
    await page.arrayBuffer();
    const answers = {
      page: page.status,
      deactivated: (await call(t.baseUrl, 'POST', principalLink)).status,
      renounced: (await call(t.baseUrl, 'POST', spokesLink)).status,
    };
    await settle();
    expect(answers).toEqual({ page: 403, deactivated: 403, renounced: 403 });
    expect(await stateOf(first.id)).toEqual({ status: 'new', acknowledged_by: null, acknowledgedMessages: 0 });

    // Put things back for the other tests.
    await ds.query(`UPDATE person SET active = true WHERE id = $1`, [principalA.id]);
    await ds.query(`UPDATE role_assignment SET renounced_at = NULL WHERE id = $1`, [assignment?.id]);
  });

  it('loses nothing when acknowledging the incident fails after the link was accepted', async () => {
    const incident = await open('Học sinh bị ngộ độc sau bữa trưa bán trú');
    await t.app.get(NotificationDeliveryService).deliverDue();
    const link = await mailedLink(incident.id, principalA);
    // A failure between the two writes: PostgreSQL refuses to record this incident's acknowledgement.
    await ds.query(`
      CREATE FUNCTION refuse_ack_in_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure: acknowledging incident %', NEW.id; END $$`);
    await ds.query(
      `CREATE TRIGGER refuse_ack_in_test BEFORE UPDATE ON incident FOR EACH ROW
       WHEN (NEW.status = 'acknowledged' AND OLD.id = '${incident.id}') EXECUTE FUNCTION refuse_ack_in_test()`,
    );
    let failed: number;
    try {
      failed = (await call(t.baseUrl, 'POST', link)).status;
      await settle();
    } finally {
      await ds.query(`DROP TRIGGER refuse_ack_in_test ON incident`);
      await ds.query(`DROP FUNCTION refuse_ack_in_test()`);
    }
    expect(failed).toBe(500);
    // Neither write stands: the message is not used up and the incident still waits, so escalation goes on.
    expect(await stateOf(incident.id)).toEqual({ status: 'new', acknowledged_by: null, acknowledgedMessages: 0 });
    clock.advance(20 * 60_000);
    expect((await t.app.get(EscalationFlow).runDue()).steps).toBeGreaterThan(0);

    // The same link works once the trouble is gone, and then both are recorded.
    const retried = await call(t.baseUrl, 'POST', link);
    expect(retried.status).toBe(200);
    expect(await stateOf(incident.id)).toEqual({
      status: 'acknowledged',
      acknowledged_by: principalA.id,
      acknowledgedMessages: 1,
    });
    expect((await call(t.baseUrl, 'POST', link)).status).toBe(410);
  });
});
