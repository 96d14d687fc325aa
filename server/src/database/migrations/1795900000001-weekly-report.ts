import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly leadership report, stored once per ISO week ('2026-W48') after the week has ended. The primary key is
 * what decides, among several instances running the Monday schedule, which one stores the report and enqueues its
 * notifications (INSERT ... ON CONFLICT DO NOTHING in the transaction of the enqueue).
 */
export class WeeklyReport1795900000001 implements MigrationInterface {
  name = 'WeeklyReport1795900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE weekly_report (
        week text PRIMARY KEY,
        week_start timestamptz NOT NULL,
        week_end timestamptz NOT NULL,
        body jsonb NOT NULL,
        generated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE weekly_report`);
  }
}
