/**
 * Two server instances on one database, both running their delivery schedules as in production: a commit wakes
 * both at once (NOTIFY), they race for the same outbox rows, and the SMTP server must receive every notification
 * exactly once. The in-app entry delivered by either instance reaches the recipient's socket on the other.
 */
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RealtimeEvent, type RealtimeEnvelope } from '@mw/shared';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { JsonLogger } from '../src/common/logging/json-logger';
import { NotificationDeliveryService } from '../src/modules/notifications/notification-delivery.service';
import { NotificationOutbox, type NotificationRequest } from '../src/modules/notifications/notification-outbox.service';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp';
import { tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const NOTIFICATIONS = 40;

describe('delivery with two instances (real PostgreSQL and SMTP)', () => {
  let smtp: TestSmtpServer;
  let first: TestApp;
  let second: NestExpressApplication;
  let secondUrl: string;
  let people: PersonRow[];
  let env: Record<string, string>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    env = {
      MW_JWT_SECRET: 'i'.repeat(48),
      SMTP_URL: smtp.url,
      MW_SCHEDULER_ENABLED: 'true',
      MW_SEED_SOURCES: 'false',
      // A tick far away: only the NOTIFY wake-up can explain a delivery within seconds.
      MW_NOTIFY_TICK_SECONDS: '3600',
      MW_POLL_TICK_SECONDS: '3600',
    };
    first = await startTestApp(env);
    second = await createApp(
      new AppConfig(parseEnv({ MW_WEB_DIST: '', LOG_LEVEL: 'error', ...env }), first.db.url),
      new JsonLogger('error', process.stderr),
    );
    await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
    people = [];
    for (let i = 0; i < NOTIFICATIONS / 2; i++) people.push(await createPerson(first.db.dataSource));
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await smtp.stop();
  });

  it('delivers each notification exactly once while both instances race for them', async () => {
    const instanceIds = [
      first.app.get(NotificationDeliveryService).instanceId,
      second.get(NotificationDeliveryService).instanceId,
    ];
    expect(instanceIds[0]).not.toBe(instanceIds[1]);
    const incidents = [randomUUID(), randomUUID()];
    const requests: NotificationRequest[] = incidents.flatMap((incidentId) =>
      people.map((p) => ({
        incidentId,
        event: 'incident.opened',
        level: 0,
        recipientId: p.id,
        channel: 'email' as const,
        template: 'incident.opened',
        params: { title: 'Học sinh bị thương trong giờ thể dục', units: 'Trường THCS Phan Tây Hồ', severity: 'S2' },
        urgent: false,
      })),
    );
    const started = Date.now();
    // Half through each instance's outbox, in two transactions, so both wake up.
    await first.app
      .get(DataSource)
      .transaction((m) => first.app.get(NotificationOutbox).enqueue(m, requests.slice(0, 20)));
    await second.get(DataSource).transaction((m) => second.get(NotificationOutbox).enqueue(m, requests.slice(20)));
    // Both also run a pass by hand at the same moment, as a tick on each would.
    await Promise.all([
      first.app.get(NotificationDeliveryService).deliverDue(),
      second.get(NotificationDeliveryService).deliverDue(),
    ]);

    await smtp.waitFor(NOTIFICATIONS, 15_000);
    const elapsed = Date.now() - started;
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(NOTIFICATIONS);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(NOTIFICATIONS);
    const rows: { status: string; attempts: number; n: number }[] = await first.db.dataSource.query(
      `SELECT status, attempts, count(*)::int AS n FROM notification GROUP BY status, attempts`,
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 1, n: NOTIFICATIONS }]);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('announces an in-app notification delivered by one instance to the recipient connected to the other', async () => {
    const recipient = people[0] as PersonRow;
    const socket: Socket = io(secondUrl, {
      auth: { token: tokenFor(first.app, recipient.id) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      const seen: RealtimeEnvelope[] = [];
      socket.on(RealtimeEvent.NotificationCreated, (e: RealtimeEnvelope) => seen.push(e));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      // Give the second instance's adapter its LISTEN connection (opened at boot) before relying on it.
      await new Promise((r) => setTimeout(r, 500));
      const incidentId = randomUUID();
      await first.app.get(DataSource).transaction((m) =>
        first.app.get(NotificationOutbox).enqueue(m, [
          {
            incidentId,
            event: 'incident.escalated',
            level: 1,
            recipientId: recipient.id,
            channel: 'in_app',
            template: 'incident.escalated',
            params: { title: 'Phụ huynh tố giáo viên', units: 'Trường Tiểu học An Hội', level: '1', severity: 'S2' },
            urgent: false,
          },
        ]),
      );
      const deadline = Date.now() + 8000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(seen).toHaveLength(1);
      const [row] = (await first.db.dataSource.query(`SELECT id, status FROM notification WHERE incident_id = $1`, [
        incidentId,
      ])) as { id: string; status: string }[];
      expect(seen[0]?.data).toEqual({
        notificationId: row?.id,
        incidentId,
        template: 'incident.escalated',
        title: '[S2] Chuyển cấp 1: Phụ huynh tố giáo viên',
        severity: 'S2',
        urgent: false,
      });
    } finally {
      socket.disconnect();
    }
  });
});
