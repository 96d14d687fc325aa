/**
 * The notification outbox against real PostgreSQL, a real SMTP server, a fake Zalo endpoint and a webhook receiver,
 * all on 127.0.0.1. Time is a FixedClock at 10:00 in Ho Chi Minh City unless a test moves it; delivery runs are
 * started by calling the worker directly (schedules are off in test apps).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FixedClock } from '../src/common/clock/clock';
import { verifyWebhookSignature } from '../src/modules/notifications/channels/webhook.channel';
import { ZALO_PARAM_LIMIT, ZALO_TEXT_LIMIT } from '../src/modules/notifications/channels/zalo.channel';
import { NotificationDeliveryService } from '../src/modules/notifications/notification-delivery.service';
import { NotificationOutbox, type NotificationRequest } from '../src/modules/notifications/notification-outbox.service';
import { NotificationPlanner } from '../src/modules/notifications/notification-planner.service';
import { NotificationsQuery } from '../src/modules/notifications/notifications-query.service';
import { startFakeZalo, type FakeZalo } from '../../test/support/fake-zalo';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const PUBLIC_URL = 'https://mediawatch.govap.test';
const WEBHOOK_SECRET = 'w'.repeat(40);
/** 10:00 in Ho Chi Minh City. */
const MORNING = new Date('2026-11-27T03:00:00Z');

interface WebhookCall {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('notification outbox and delivery (real PostgreSQL, SMTP, fake Zalo)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let zalo: FakeZalo;
  let webhook: Server;
  const webhookCalls: WebhookCall[] = [];
  const clock = new FixedClock(MORNING);
  let ds: DataSource;
  let outbox: NotificationOutbox;
  let planner: NotificationPlanner;
  let delivery: NotificationDeliveryService;
  let query: NotificationsQuery;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    zalo = await startFakeZalo();
    webhook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        webhookCalls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', () => resolve()));
    t = await startTestApp(
      {
        SMTP_URL: smtp.url,
        MW_SMTP_FROM: 'Media Watch <media-watch@govap.test>',
        MW_ZALO_ENDPOINT: zalo.url,
        MW_ZALO_TOKEN: 'zalo-token-123',
        MW_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
        MW_WEBHOOK_SECRET: WEBHOOK_SECRET,
        MW_PUBLIC_URL: PUBLIC_URL,
        MW_NOTIFY_RETRY_BASE_SECONDS: '30',
        MW_NOTIFY_MAX_ATTEMPTS: '3',
        MW_NOTIFY_LEASE_SECONDS: '60',
      },
      { clock },
    );
    ds = t.app.get(DataSource);
    outbox = t.app.get(NotificationOutbox);
    planner = t.app.get(NotificationPlanner);
    delivery = t.app.get(NotificationDeliveryService);
    query = t.app.get(NotificationsQuery);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await zalo.stop();
    await new Promise<void>((resolve) => webhook.close(() => resolve()));
  });
  beforeEach(() => {
    clock.set(MORNING);
    smtp.messages.length = 0;
    smtp.refuseWith = null;
    zalo.calls.length = 0;
    webhookCalls.length = 0;
  });

  async function person(options: { zaloId?: string; language?: 'vi' | 'en'; quiet?: [string, string] } = {}) {
    const p = await createPerson(t.db.dataSource, { roles: [{ role: 'principal', unitCode: '79000724' }] });
    await t.db.dataSource.query(
      `UPDATE person SET zalo_id = $2, language = $3, quiet_hours_start = $4, quiet_hours_end = $5 WHERE id = $1`,
      [p.id, options.zaloId ?? null, options.language ?? 'vi', options.quiet?.[0] ?? null, options.quiet?.[1] ?? null],
    );
    return p;
  }

  const opened =
    (incidentId: string, recipientIds: string[], severity: 'S1' | 'S2' | 'S3' | 'S4' = 'S2') =>
    (m: EntityManager) =>
      planner.plan(m, {
        incidentId,
        event: 'incident.opened',
        level: 0,
        recipientIds,
        severity,
        template: 'incident.opened',
        params: {
          title: 'Phụ huynh phản ánh học sinh bị bạo lực tại Trường Tiểu học Kim Đồng',
          units: 'Trường Tiểu học Kim Đồng',
          severity,
          outlet: 'Báo Tuổi Trẻ',
        },
      });

  async function rowsOf(incidentId: string) {
    return (await ds.query(
      `SELECT id, channel, status, attempts, not_before, next_attempt_at, last_error, provider_message_id
       FROM notification WHERE incident_id = $1 ORDER BY channel`,
      [incidentId],
    )) as {
      id: string;
      channel: string;
      status: string;
      attempts: number;
      not_before: Date;
      next_attempt_at: Date;
      last_error: string | null;
      provider_message_id: string | null;
    }[];
  }

  /**
   * A ticket at the test principals' school, written directly (no opening messages), for the tests that acknowledge:
   * an acknowledgement reaches a real incident, in the same transaction as the message's.
   */
  async function incidentAtSchool(): Promise<string> {
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO incident (title, origin, severity, opened_at, recorded_at, updated_at)
       VALUES ($1, 'manual', 'S1', $2, $2, $2)
       RETURNING id`,
      ['Phụ huynh phản ánh học sinh bị bạo lực tại Trường Tiểu học Kim Đồng', clock.now()],
    );
    const id = (rows[0] as { id: string }).id;
    await ds.query(`INSERT INTO incident_unit (incident_id, unit_code) VALUES ($1, '79000724')`, [id]);
    return id;
  }

  it('sends nothing for a rolled-back transaction and everything, once, for a committed one', async () => {
    const principal = await person({ zaloId: 'zalo-follower-1' });
    const incidentId = randomUUID();

    await expect(
      ds.transaction(async (m) => {
        await outbox.enqueue(m, await opened(incidentId, [principal.id])(m));
        throw new Error('the incident write failed');
      }),
    ).rejects.toThrow('the incident write failed');
    expect(await rowsOf(incidentId)).toEqual([]);
    expect(await delivery.deliverDue()).toEqual([]);

    const inserted = await ds.transaction(async (m) => outbox.enqueue(m, await opened(incidentId, [principal.id])(m)));
    expect(inserted).toBe(3);
    const again = await ds.transaction(async (m) => outbox.enqueue(m, await opened(incidentId, [principal.id])(m)));
    expect(again).toBe(0);

    const outcomes = await delivery.deliverDue();
    expect(outcomes.map((o) => `${o.channel}:${o.status}`).sort()).toEqual(['email:sent', 'in_app:sent', 'zalo:sent']);
    expect(await delivery.deliverDue()).toEqual([]);

    const rows = await rowsOf(incidentId);
    const email = rows.find((r) => r.channel === 'email');
    const [mail] = await smtp.waitFor(1);
    expect(smtp.messages).toHaveLength(1);
    expect(mail?.to).toEqual([principal.email]);
    expect(mail?.subject).toBe(
      '[S2] Sự cố truyền thông mới: Phụ huynh phản ánh học sinh bị bạo lực tại Trường Tiểu học Kim Đồng',
    );
    expect(mail?.text).toContain('Một sự cố truyền thông mới liên quan đến Trường Tiểu học Kim Đồng');
    expect(mail?.text).toContain(`Xem phiếu sự cố: ${PUBLIC_URL}/incidents/${incidentId}`);
    expect(mail?.text).toMatch(
      new RegExp(`Xác nhận đã nhận: ${PUBLIC_URL}/api/notifications/ack/[\\w-]+\\.[0-9a-z]+\\.[\\w-]+`),
    );
    expect(mail?.html).toContain(`href="${PUBLIC_URL}/incidents/${incidentId}"`);
    expect(mail?.messageId).toBe(`<${email?.id}@mediawatch.govap.test>`);
    expect(email?.provider_message_id).toBe(mail?.messageId);

    expect(zalo.calls).toHaveLength(1);
    const zaloCall = zalo.calls[0];
    expect(zaloCall?.headers.access_token).toBe('zalo-token-123');
    expect(zaloCall?.body.recipient?.user_id).toBe('zalo-follower-1');
    expect(zaloCall?.body.tracking_id).toBe(rows.find((r) => r.channel === 'zalo')?.id);
    expect(zaloCall?.body.template_id).toBe('incident.opened');
    expect(zaloCall?.body.template_data?.units).toBe('Trường Tiểu học Kim Đồng');
    expect(zaloCall?.body.template_data?.link).toBe(`${PUBLIC_URL}/incidents/${incidentId}`);
    expect(zaloCall?.body.message?.text).toContain(`${PUBLIC_URL}/incidents/${incidentId}`);
    expect(zaloCall?.body.message?.text?.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);

    const views = await query.deliveriesForIncident(incidentId);
    expect(views.map((v) => [v.channel, v.status, v.attempts, v.retried, v.recipient.name])).toEqual(
      expect.arrayContaining([
        ['email', 'sent', 1, false, principal.name],
        ['in_app', 'sent', 1, false, principal.name],
        ['zalo', 'sent', 1, false, principal.name],
      ]),
    );
  });

  it("plans from the caller's transaction: people it wrote or deactivated are seen as it sees them", async () => {
    const leaving = await person({ zaloId: 'zalo-follower-leaving' });
    const incidentId = randomUUID();
    let newcomerId = '';
    let planned: NotificationRequest[] = [];
    await expect(
      ds.transaction(async (m) => {
        const rows: { id: string }[] = await m.query(
          `INSERT INTO person (name, email, zalo_id) VALUES ('Người mới nhận việc', $1, 'zalo-newcomer') RETURNING id`,
          [`newcomer-${randomUUID()}@govap.test`],
        );
        newcomerId = (rows[0] as { id: string }).id;
        await m.query(`UPDATE person SET active = false WHERE id = $1`, [leaving.id]);
        planned = await opened(incidentId, [newcomerId, leaving.id])(m);
        throw new Error('roll back the people written here');
      }),
    ).rejects.toThrow('roll back the people written here');
    // Read on another connection, the newcomer would not exist yet and the leaver would still be active.
    expect(planned.map((r) => `${r.recipientId === newcomerId ? 'newcomer' : 'leaving'}:${r.channel}`).sort()).toEqual([
      'newcomer:email',
      'newcomer:in_app',
      'newcomer:zalo',
    ]);
    // Outside that transaction the leaver is still active and planned as before.
    const committed = await ds.transaction((m) => opened(incidentId, [leaving.id])(m));
    expect(committed.map((r) => r.channel).sort()).toEqual(['email', 'in_app', 'zalo']);
  });

  it('keeps Zalo messages within the length limits by cutting parameters, never links', async () => {
    const p = await person({ zaloId: 'zalo-follower-2' });
    const incidentId = randomUUID();
    const longTitle = `${'Học sinh lớp 5 bị bạo hành trong giờ ra chơi, phụ huynh bức xúc đăng mạng xã hội '.repeat(8)}kết thúc`;
    await ds.transaction(async (m) =>
      outbox.enqueue(m, [
        {
          incidentId,
          event: 'incident.escalated',
          level: 2,
          recipientId: p.id,
          channel: 'zalo',
          template: 'incident.escalated',
          params: { title: longTitle, units: 'Trường THCS Nguyễn Du', level: '2', severity: 'S1', reason: longTitle },
          urgent: true,
        },
      ]),
    );
    await delivery.deliverDue();
    expect(zalo.calls).toHaveLength(1);
    const body = zalo.calls[0]?.body;
    const text = body?.message?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(text).toContain(`${PUBLIC_URL}/incidents/${incidentId}`);
    expect(text).toMatch(/\/api\/notifications\/ack\/[\w-]+\.[0-9a-z]+\.[\w-]{22}$/);
    expect(text).toContain('Chuyển cấp 2');
    expect(body?.template_data?.title?.length).toBeLessThanOrEqual(ZALO_PARAM_LIMIT);
    expect(body?.template_data?.title?.endsWith('…')).toBe(true);
    expect(body?.template_data?.units).toBe('Trường THCS Nguyễn Du');
  });

  it('writes in English for people who chose English', async () => {
    const p = await person({ language: 'en' });
    const incidentId = randomUUID();
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(incidentId, [p.id])(m)));
    await delivery.deliverDue();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe(
      '[S2] New media incident: Phụ huynh phản ánh học sinh bị bạo lực tại Trường Tiểu học Kim Đồng',
    );
    expect(mail?.text).toContain(`Open the ticket: ${PUBLIC_URL}/incidents/${incidentId}`);
  });

  it('signs webhooks so the receiver can verify them, with the notification id as idempotency key', async () => {
    const p = await person();
    const incidentId = randomUUID();
    const request: NotificationRequest = {
      incidentId,
      event: 'incident.opened',
      level: 0,
      recipientId: p.id,
      channel: 'webhook',
      template: 'incident.opened',
      params: { title: 'Tin đồn ngộ độc thực phẩm', units: 'Trường Mầm non Hoa Mai', severity: 'S1' },
      urgent: true,
    };
    await ds.transaction(async (m) => outbox.enqueue(m, [request]));
    await delivery.deliverDue();
    expect(webhookCalls).toHaveLength(1);
    const received = webhookCalls[0] as WebhookCall;
    const [row] = await rowsOf(incidentId);
    const headers = {
      timestamp: String(received.headers['x-mediawatch-timestamp']),
      signature: String(received.headers['x-mediawatch-signature']),
    };
    expect(received.headers['idempotency-key']).toBe(row?.id);
    expect(verifyWebhookSignature(WEBHOOK_SECRET, headers, received.body, new Date())).toBe(true);
    expect(verifyWebhookSignature('x'.repeat(40), headers, received.body, new Date())).toBe(false);
    expect(verifyWebhookSignature(WEBHOOK_SECRET, headers, received.body.replace('S1', 'S4'), new Date())).toBe(false);
    const body = JSON.parse(received.body) as { id: string; link: string; subject: string };
    expect(body).toMatchObject({ id: row?.id, link: `${PUBLIC_URL}/incidents/${incidentId}` });
    expect(body.subject).toContain('Tin đồn ngộ độc thực phẩm');
  });

  it('retries with exponential back-off while SMTP is down and delivers once it is back', async () => {
    const p = await person();
    const incidentId = randomUUID();
    const port = smtp.port;
    await smtp.stop();
    try {
      await ds.transaction(async (m) => outbox.enqueue(m, await opened(incidentId, [p.id])(m)));
      const first = await delivery.deliverDue();
      expect(first.find((o) => o.channel === 'email')).toMatchObject({ status: 'failed', attempts: 1 });
      let email = (await rowsOf(incidentId)).find((r) => r.channel === 'email');
      const wait1 = (email?.next_attempt_at.getTime() ?? 0) - MORNING.getTime();
      expect(wait1).toBeGreaterThanOrEqual(24_000);
      expect(wait1).toBeLessThanOrEqual(30_000);
      expect(email?.last_error).toMatch(/ECONNREFUSED|connect/i);

      clock.advance(10_000);
      expect(await delivery.deliverDue()).toEqual([]);

      clock.set(new Date(MORNING.getTime() + 30_000));
      expect((await delivery.deliverDue()).map((o) => o.status)).toEqual(['failed']);
      email = (await rowsOf(incidentId)).find((r) => r.channel === 'email');
      const wait2 = (email?.next_attempt_at.getTime() ?? 0) - clock.now().getTime();
      expect(wait2).toBeGreaterThanOrEqual(48_000);
      expect(wait2).toBeLessThanOrEqual(60_000);
    } finally {
      await smtp.start(port);
    }
    clock.advance(60_000);
    expect((await delivery.deliverDue()).map((o) => `${o.status}:${o.attempts}`)).toEqual(['sent:3']);
    await smtp.waitFor(1);
    expect(smtp.messages).toHaveLength(1);
    const view = (await query.deliveriesForIncident(incidentId)).find((v) => v.channel === 'email');
    expect(view).toMatchObject({ status: 'sent', attempts: 3, retried: true, lastError: null });
  });

  it('gives up after the last attempt, and at once on a permanent refusal', async () => {
    const p = await person();
    const transient = randomUUID();
    const permanent = randomUUID();
    smtp.refuseWith = 451;
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(transient, [p.id])(m)));
    for (let i = 0; i < 3; i++) {
      await delivery.deliverDue();
      clock.advance(3600_000);
    }
    expect((await rowsOf(transient)).find((r) => r.channel === 'email')).toMatchObject({ status: 'dead', attempts: 3 });

    smtp.refuseWith = 550;
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(permanent, [p.id])(m)));
    await delivery.deliverDue();
    const row = (await rowsOf(permanent)).find((r) => r.channel === 'email');
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.last_error).toMatch(/^SMTP 550/);
    expect(smtp.messages).toHaveLength(0);
  });

  it('holds non-urgent e-mail and Zalo during quiet hours, but not S1 and not the in-app entry', async () => {
    const sleeper = await person({ zaloId: 'zalo-sleeper', quiet: ['22:00', '06:00'] });
    clock.set(new Date('2026-11-27T16:30:00Z')); // 23:30 in Ho Chi Minh City
    const calm = randomUUID();
    const urgent = randomUUID();
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(calm, [sleeper.id], 'S3')(m)));
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(urgent, [sleeper.id], 'S1')(m)));

    const held = await rowsOf(calm);
    const morning = new Date('2026-11-27T23:00:00Z'); // 06:00 the next day, local time
    expect(held.map((r) => [r.channel, r.not_before.toISOString()])).toEqual([
      ['email', morning.toISOString()],
      ['in_app', clock.now().toISOString()],
      ['zalo', morning.toISOString()],
    ]);
    expect((await rowsOf(urgent)).every((r) => r.not_before.getTime() === clock.now().getTime())).toBe(true);

    await delivery.deliverDue();
    expect(smtp.messages.map((m) => m.subject)).toEqual([expect.stringMatching(/^\[S1\]/)]);
    expect((await rowsOf(calm)).map((r) => r.status)).toEqual(['pending', 'sent', 'pending']);

    clock.set(morning);
    await delivery.deliverDue();
    expect((await rowsOf(calm)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(smtp.messages.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^\[S1\]/),
      expect.stringMatching(/^\[S3\]/),
    ]);
  });

  it('re-sends a message whose worker died between sending and marking, once the lease has expired', async () => {
    const p = await person();
    const incidentId = randomUUID();
    await ds.transaction(async (m) =>
      outbox.enqueue(m, [
        {
          incidentId,
          event: 'incident.response_overdue',
          level: 1,
          recipientId: p.id,
          channel: 'email',
          template: 'incident.response_overdue',
          params: { title: 'Clip giáo viên la mắng học sinh', units: 'Trường Tiểu học Lê Văn Thọ', deadline: '14:00' },
          urgent: false,
        },
      ]),
    );
    // A worker claims the row and gets the message accepted by the SMTP server, then dies before marking it.
    const [claimed] = await delivery.claimDue(10);
    expect(claimed).toBeDefined();
    const dyingWorker = t.app.get(NotificationDeliveryService);
    const emailChannel = (
      dyingWorker as unknown as { byChannel: Map<string, { send(m: unknown): Promise<unknown> }> }
    ).byChannel.get('email');
    await emailChannel?.send({
      notificationId: claimed?.id,
      incidentId,
      event: claimed?.event,
      level: 1,
      template: claimed?.template,
      params: claimed?.params,
      urgent: false,
      recipient: { id: p.id, name: p.name, email: p.email, zaloId: null, language: 'vi' },
      incidentLink: `${PUBLIC_URL}/incidents/${incidentId}`,
      ackLink: null,
      createdAt: new Date(),
    });
    await ds.query(`UPDATE notification SET lease_owner = 'crashed-instance' WHERE id = $1`, [claimed?.id]);
    await smtp.waitFor(1);

    clock.advance(59_000);
    expect(await delivery.deliverDue()).toEqual([]);
    clock.advance(2_000);
    expect((await delivery.deliverDue()).map((o) => `${o.status}:${o.attempts}`)).toEqual(['sent:2']);
    await smtp.waitFor(2);
    // The documented at-least-once window: two copies, one Message-ID, so mail clients show it once.
    expect(smtp.messages).toHaveLength(2);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(1);
    expect(await delivery.deliverDue()).toEqual([]);
  });

  it('acknowledges from the e-mail link once, records who and how, and acknowledges the incident with it', async () => {
    const p = await person();
    const incidentId = await incidentAtSchool();
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(incidentId, [p.id], 'S1')(m)));
    await delivery.deliverDue();
    const [mail] = await smtp.waitFor(1);
    const link = /(https:\/\/\S+\/api\/notifications\/ack\/\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
    const path = link.replace(`${PUBLIC_URL}/api/`, '');
    const status = async () =>
      ((await ds.query(`SELECT status FROM incident WHERE id = $1`, [incidentId])) as { status: string }[])[0]?.status;

    const pageRes = await fetch(`${t.baseUrl}/api/${path}`);
    expect(pageRes.status).toBe(200);
    expect(await pageRes.text()).toContain('<form method="post">');
    expect(await status()).toBe('new');

    const tampered = await call(t.baseUrl, 'POST', `${path.slice(0, -2)}AA`);
    expect(tampered.status).toBe(404);

    const used = await call(t.baseUrl, 'POST', path);
    expect(used.status).toBe(200);
    expect(used.body).toEqual({ incidentId, personId: p.id, via: 'email' });
    expect(await status()).toBe('acknowledged');
    const twice = await call(t.baseUrl, 'POST', path);
    expect(twice.status).toBe(410);
    const view = (await query.deliveriesForIncident(incidentId)).find((v) => v.channel === 'email');
    expect(view?.acknowledgedBy).toEqual({ id: p.id, name: p.name });
    expect(view?.acknowledgedVia).toBe('email');
    expect(view?.acknowledgedAt).toBe(clock.now().toISOString());

    const other = await incidentAtSchool();
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(other, [p.id], 'S1')(m)));
    await delivery.deliverDue();
    const late = smtp.messages.find((m) => m.text.includes(other));
    const latePath = /\/api\/(notifications\/ack\/\S+)/.exec(late?.text ?? '')?.[1] ?? '';
    expect(latePath).not.toBe('');
    clock.advance(73 * 3600_000);
    expect((await call(t.baseUrl, 'POST', latePath)).status).toBe(410);
  });

  it('lists my in-app notifications, marks them read and lets me acknowledge in-app, never someone else’s', async () => {
    const me = await person();
    const someoneElse = await person();
    const incidentId = await incidentAtSchool();
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(incidentId, [me.id, someoneElse.id])(m)));
    await delivery.deliverDue();
    const token = tokenFor(t.app, me.id);

    const list = await call<{
      items: { id: string; title: string; link: string; readAt: string | null }[];
      unread: number;
    }>(t.baseUrl, 'GET', 'notifications', { token });
    expect(list.status).toBe(200);
    expect(list.body.unread).toBe(1);
    expect(list.body.items).toHaveLength(1);
    const item = list.body.items[0];
    expect(item?.title).toContain('Sự cố truyền thông mới');
    expect(item?.link).toBe(`${PUBLIC_URL}/incidents/${incidentId}`);

    const [theirs] = (await ds.query(
      `SELECT id FROM notification WHERE recipient_id = $1 AND channel = 'in_app' AND incident_id = $2`,
      [someoneElse.id, incidentId],
    )) as { id: string }[];
    expect((await call(t.baseUrl, 'POST', `notifications/${theirs?.id}/read`, { token })).status).toBe(404);
    expect((await call(t.baseUrl, 'POST', `notifications/${theirs?.id}/acknowledge`, { token })).status).toBe(404);
    expect((await call(t.baseUrl, 'POST', `notifications/${item?.id}/read`, { token })).status).toBe(204);
    const after = await call<{ unread: number }>(t.baseUrl, 'GET', 'notifications', { token });
    expect(after.body.unread).toBe(0);

    const ack = await call(t.baseUrl, 'POST', `notifications/${item?.id}/acknowledge`, { token });
    expect(ack.status).toBe(200);
    expect(ack.body).toEqual({ incidentId, personId: me.id, via: 'in_app' });
    expect((await call(t.baseUrl, 'GET', 'notifications')).status).toBe(401);
  });
  it('counts my unread messages, marks them all read at once and describes the incident each is about', async () => {
    const me = await person();
    const other = await person();
    const first = randomUUID();
    const second = randomUUID();
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(first, [me.id, other.id], 'S1')(m)));
    await ds.transaction(async (m) => outbox.enqueue(m, await opened(second, [me.id], 'S3')(m)));
    await delivery.deliverDue();
    const token = tokenFor(t.app, me.id);

    expect((await call<{ unread: number }>(t.baseUrl, 'GET', 'notifications/unread', { token })).body).toEqual({
      unread: 2,
    });
    const list = await call<{
      items: {
        incidentId: string;
        asksAcknowledgement: boolean;
        incident: { id: string; severity: string | null; units: string[]; title: string } | null;
      }[];
    }>(t.baseUrl, 'GET', 'notifications', { token });
    // No such ticket in the incidents module: the inbox falls back on what the message recorded, and asks for no
    // acknowledgement nobody could give.
    const s1 = list.body.items.find((i) => i.incidentId === first);
    expect(s1?.incident).toMatchObject({ id: first, severity: 'S1', units: ['Trường Tiểu học Kim Đồng'] });
    expect(s1?.incident?.title).toContain('Kim Đồng');
    expect(s1?.asksAcknowledgement).toBe(false);

    const readAll = await call<{ unread: number }>(t.baseUrl, 'POST', 'notifications/read', { token });
    expect(readAll.status).toBe(200);
    expect(readAll.body).toEqual({ unread: 0 });
    // Only mine: the other recipient's copy of the first message is still unread.
    const otherToken = tokenFor(t.app, other.id);
    expect(
      (await call<{ unread: number }>(t.baseUrl, 'GET', 'notifications/unread', { token: otherToken })).body,
    ).toEqual({ unread: 1 });
    expect((await call(t.baseUrl, 'GET', 'notifications/unread')).status).toBe(401);
  });
});
