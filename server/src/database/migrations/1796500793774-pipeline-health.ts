import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pipeline health: a source keeps the code of its last error (the dashboard words it in the reader's language), and
 * dead notifications are counted through a small partial index instead of a scan of the whole outbox.
 */
export class PipelineHealth1796500793774 implements MigrationInterface {
  name = 'PipelineHealth1796500793774';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source ADD COLUMN last_error_code text`);
    await q.query(`CREATE INDEX notification_dead_idx ON notification (created_at) WHERE status = 'dead'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_dead_idx`);
    await q.query(`ALTER TABLE source DROP COLUMN last_error_code`);
  }
}
