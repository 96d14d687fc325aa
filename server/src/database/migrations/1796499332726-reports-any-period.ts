import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports for any period and scope, and coverage spikes:
 * - `mention_recorded_idx`: reports place an article by when the office recorded it (`mention.analysed_at`);
 * - `weekly_report.scope`: one stored report per week and scope ('' for all of Gò Vấp, else the school's unit code),
 *   so each principal is sent their school's; the primary key still decides which instance stores and notifies;
 * - `coverage_spike`: one row per (day, dimension, key) whose coverage rose well above its baseline; its key decides
 *   which instance alerts the office.
 */
export class ReportsAnyPeriod1796499332726 implements MigrationInterface {
  name = 'ReportsAnyPeriod1796499332726';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX mention_recorded_idx ON mention (analysed_at)`);
    await q.query(`ALTER TABLE weekly_report ADD COLUMN scope text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE weekly_report DROP CONSTRAINT weekly_report_pkey`);
    await q.query(`ALTER TABLE weekly_report ADD CONSTRAINT weekly_report_pkey PRIMARY KEY (week, scope)`);
    await q.query(`
      CREATE TABLE coverage_spike (
        day date NOT NULL,
        dimension text NOT NULL CONSTRAINT coverage_spike_dimension_check CHECK (dimension IN ('unit', 'topic')),
        key text NOT NULL,
        label text NOT NULL,
        articles integer NOT NULL,
        baseline real NOT NULL,
        detected_at timestamptz NOT NULL,
        CONSTRAINT coverage_spike_pkey PRIMARY KEY (day, dimension, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coverage_spike`);
    await q.query(`DELETE FROM weekly_report WHERE scope <> ''`);
    await q.query(`ALTER TABLE weekly_report DROP CONSTRAINT weekly_report_pkey`);
    await q.query(`ALTER TABLE weekly_report ADD CONSTRAINT weekly_report_pkey PRIMARY KEY (week)`);
    await q.query(`ALTER TABLE weekly_report DROP COLUMN scope`);
    await q.query(`DROP INDEX mention_recorded_idx`);
  }
}
