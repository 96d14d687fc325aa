/**
 * Crash mid-delivery with real server processes (server/dist/main.js) on one PostgreSQL database and a real SMTP
 * server: the first server sends an e-mail, the SMTP server has the whole message, and the server is killed
 * (SIGKILL) before it hears the final 250 and can mark the row sent. A second server takes the row over once the
 * lease has run out and sends it again. This is the documented at-least-once window of the e-mail channel: two
 * copies, one Message-ID, and the outbox row ends 'sent' after two attempts. Anything committed while no server
 * runs is delivered once a server starts.
 */
import { Client } from 'pg';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { startTestPostgres, type TestPostgres } from './support/postgres';
import { startServer, type ServerProcess } from './support/server-process';
import { query } from './support/db';
import { waitFor } from './support/wait';

describe('notification delivery across a crash (real processes, PostgreSQL, SMTP)', () => {
  let pg: TestPostgres;
  let smtp: TestSmtpServer;
  let url: string;
  const servers: ServerProcess[] = [];

  const env = () => ({
    DATABASE_URL: url,
    SMTP_URL: smtp.url,
    MW_PUBLIC_URL: 'https://mediawatch.govap.test',
    MW_JWT_SECRET: 'e'.repeat(48),
    MW_SEED_SOURCES: 'false',
    MW_NOTIFY_LEASE_SECONDS: '5',
    MW_NOTIFY_TICK_SECONDS: '1',
    LOG_LEVEL: 'warn',
  });

  beforeAll(async () => {
    pg = await startTestPostgres();
    url = await pg.createDatabase('mw_e2e_notify');
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => undefined);
    await smtp.stop();
    await pg.stop();
  });

  async function enqueue(recipientId: string, incidentId: string): Promise<string> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const rows = await client.query<{ id: string }>(
        `INSERT INTO notification (dedup_key, incident_id, event, level, recipient_id, channel, template, params, urgent,
                                   not_before, next_attempt_at)
         VALUES ($1, $2, 'incident.opened', 0, $3, 'email', 'incident.opened', $4, true, now(), now()) RETURNING id`,
        [
          `${incidentId}|incident.opened|0|${recipientId}|email`,
          incidentId,
          recipientId,
          JSON.stringify({
            title: 'Nghi ngộ độc thực phẩm ở bếp ăn bán trú',
            units: 'Trường Tiểu học Lê Đức Thọ',
            severity: 'S1',
          }),
        ],
      );
      await client.query(`SELECT pg_notify('mw_notification_due', '')`);
      return rows.rows[0]?.id ?? '';
    } finally {
      await client.end();
    }
  }

  it('sends again after a crash between SMTP acceptance and marking, with the same Message-ID', async () => {
    const first = await startServer(env());
    servers.push(first);
    await first.waitHealthy();
    const [person] = await query<{ id: string }>(
      url,
      `INSERT INTO person (name, email) VALUES ('Hiệu trưởng Lê Đức Thọ', 'ht.leductho@govap.test') RETURNING id`,
    );

    let killed = false;
    smtp.onReceived = async () => {
      // The data is in; the sender dies before hearing 250 and before it can mark the row.
      first.child.kill('SIGKILL');
      killed = true;
      await first.exited;
    };
    const id = await enqueue(person?.id ?? '', '11111111-2222-4333-8444-555555555555');
    await smtp.waitFor(1, 20_000);
    await first.exited;
    expect(killed).toBe(true);
    const [stuck] = await query<{ status: string; attempts: number }>(
      url,
      `SELECT status, attempts FROM notification WHERE id = $1`,
      [id],
    );
    expect(stuck).toEqual({ status: 'sending', attempts: 1 });
    smtp.onReceived = null;

    const killedAt = Date.now();
    const second = await startServer(env());
    servers.push(second);
    await second.waitHealthy();
    const done = await waitFor(
      async () => {
        const [row] = await query<{ status: string; attempts: number }>(
          url,
          `SELECT status, attempts FROM notification WHERE id = $1`,
          [id],
        );
        return row?.status === 'sent' ? row : undefined;
      },
      30_000,
      'the notification to be sent by the second server',
    );
    expect(done).toEqual({ status: 'sent', attempts: 2 });
    // Not before the lease of the dead server ran out.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(4_000);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[0]?.messageId).toBe(`<${id}@mediawatch.govap.test>`);
    expect(smtp.messages[1]?.messageId).toBe(smtp.messages[0]?.messageId);
    expect(smtp.messages[1]?.subject).toBe('[S1] Sự cố truyền thông mới: Nghi ngộ độc thực phẩm ở bếp ăn bán trú');
    expect(smtp.messages[1]?.text).toContain(
      'Xem phiếu sự cố: https://mediawatch.govap.test/incidents/11111111-2222-4333-8444-555555555555',
    );

    // Committed while running: delivered once, within a moment (NOTIFY wake-up), no duplicates.
    const started = Date.now();
    const next = await enqueue(person?.id ?? '', '66666666-7777-4888-8999-000000000000');
    await smtp.waitFor(3, 10_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages).toHaveLength(3);
    expect(smtp.messages[2]?.messageId).toBe(`<${next}@mediawatch.govap.test>`);
  });
});
