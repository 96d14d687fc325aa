import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lockout moves from `person` to `login_lockout`, keyed by the normalised e-mail whether or not an account has
 * it: an unknown e-mail then locks, answers and times out exactly like a real one, so a lock tells nobody which
 * e-mails are registered. Running locks and counts are carried over.
 */
export class LoginLockout1796500391705 implements MigrationInterface {
  name = 'LoginLockout1796500391705';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_lockout (
        email text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX login_lockout_updated_at_idx ON login_lockout (updated_at)`);
    await q.query(`
      INSERT INTO login_lockout (email, failures, locked_until, updated_at)
      SELECT email, failed_logins, locked_until, now() FROM person WHERE failed_logins > 0 OR locked_until IS NOT NULL`);
    await q.query(`ALTER TABLE person DROP COLUMN failed_logins, DROP COLUMN locked_until`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE person ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`,
    );
    await q.query(`
      UPDATE person p SET failed_logins = l.failures, locked_until = l.locked_until
      FROM login_lockout l WHERE l.email = p.email`);
    await q.query(`DROP TABLE login_lockout`);
  }
}
