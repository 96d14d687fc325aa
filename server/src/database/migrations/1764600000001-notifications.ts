import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox, the realtime event log kept for replay on reconnect, and the attachments table the
 * socket.io PostgreSQL adapter uses for large broadcasts between instances. `dedup_key` (incident, event, level,
 * recipient, channel) makes enqueueing the same notification twice a no-op, whichever instance or retry does it.
 * No foreign keys to person or incident: those tables belong to other modules (people are deactivated, never deleted).
 */
export class Notifications1764600000001 implements MigrationInterface {
  name = 'Notifications1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedup_key text NOT NULL,
        incident_id uuid,
        event text NOT NULL,
        level integer NOT NULL DEFAULT 0,
        recipient_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'zalo', 'webhook')),
        template text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        urgent boolean NOT NULL DEFAULT false,
        not_before timestamptz NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        lease_owner text,
        lease_until timestamptz,
        sent_at timestamptz,
        provider_message_id text,
        read_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by uuid,
        acknowledged_via text CHECK (acknowledged_via IN ('email', 'zalo', 'in_app')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_dedup_key_unique UNIQUE (dedup_key)
      )`);
    await q.query(
      `CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status IN ('pending', 'failed')`,
    );
    await q.query(`CREATE INDEX notification_sending_idx ON notification (lease_until) WHERE status = 'sending'`);
    await q.query(`CREATE INDEX notification_incident_idx ON notification (incident_id) WHERE incident_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX notification_inbox_idx ON notification (recipient_id, created_at) WHERE channel = 'in_app'`,
    );

    await q.query(`
      CREATE TABLE realtime_event (
        id bigserial PRIMARY KEY,
        rooms text[] NOT NULL,
        event text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX realtime_event_rooms_idx ON realtime_event USING gin (rooms)`);
    await q.query(`CREATE INDEX realtime_event_created_idx ON realtime_event (created_at)`);

    // Shape required by @socket.io/postgres-adapter (payloads over PostgreSQL's NOTIFY limit go through it).
    await q.query(`
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE socket_io_attachments`);
    await q.query(`DROP TABLE realtime_event`);
    await q.query(`DROP TABLE notification`);
  }
}
