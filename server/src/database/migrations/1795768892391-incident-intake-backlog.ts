import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The incident intake's first sweep decides, once and durably, which stored mentions are its backlog (`seq` up to
 * `backlog_until_seq`) and how old a backlog mention may be to still open a ticket (`backlog_seen_before`). Both
 * stay null until that sweep, which sets them in the transaction of its first batch, so a crash part-way through the
 * backlog resumes with the same decision.
 */
export class IncidentIntakeBacklog1795768892391 implements MigrationInterface {
  name = 'IncidentIntakeBacklog1795768892391';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_intake_cursor ADD COLUMN backlog_until_seq bigint`);
    await q.query(`ALTER TABLE incident_intake_cursor ADD COLUMN backlog_seen_before timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_intake_cursor DROP COLUMN backlog_seen_before`);
    await q.query(`ALTER TABLE incident_intake_cursor DROP COLUMN backlog_until_seq`);
  }
}
