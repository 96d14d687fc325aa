import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Old coverage (issue 13): a ticket opened from an article first seen long after it was published (a new source, a
 * backfill, a late feed) keeps its clocks to working hours. `escalation_state.old_coverage` remembers it, so every
 * later step of the chain reads the same rule as the opening did.
 */
export class OldCoverage1796512954902 implements MigrationInterface {
  name = 'OldCoverage1796512954902';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalation_state ADD COLUMN old_coverage boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalation_state DROP COLUMN old_coverage`);
  }
}
