import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units (schools and the office), people, their role assignments with history, refresh-token families,
 * login attempts for throttling, and the append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE).
 */
export class Organisation1764210000001 implements MigrationInterface {
  name = 'Organisation1764210000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('MN', 'TH', 'THCS', 'THPT', 'OFFICE')),
        ownership text NOT NULL DEFAULT '',
        address text NOT NULL DEFAULT '',
        aliases text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        phone text,
        zalo_id text,
        language text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
        password_hash text,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        active boolean NOT NULL DEFAULT true,
        notify_channels text[] NOT NULL DEFAULT '{in_app,email}',
        quiet_hours_start text,
        quiet_hours_end text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        role text NOT NULL CHECK (role IN ('admin', 'office_spokesperson', 'leader', 'steering_member',
          'unit_spokesperson', 'unit_web_admin', 'principal')),
        deputy boolean NOT NULL DEFAULT false,
        assumed_at timestamptz NOT NULL,
        renounced_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX role_assignment_active_uq ON role_assignment (person_id, unit_id, role) WHERE renounced_at IS NULL`,
    );
    await q.query(`CREATE INDEX role_assignment_unit_idx ON role_assignment (unit_id) WHERE renounced_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_person_idx ON refresh_token (person_id)`);
    await q.query(`
      CREATE TABLE login_attempt (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        succeeded boolean NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX login_attempt_ip_idx ON login_attempt (ip, at)`);
    await q.query(`CREATE INDEX login_attempt_email_idx ON login_attempt (email, at)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL,
        ip text
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE login_attempt`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE role_assignment`);
    await q.query(`DROP TABLE person`);
    await q.query(`DROP TABLE unit`);
  }
}
