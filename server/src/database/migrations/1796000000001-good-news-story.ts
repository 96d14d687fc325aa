import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The story of a good news item (copied from its mention at intake), so the weekly report counts one item per
 * article, a distinct (story, outlet) pair, as it counts mentions. Existing rows are filled from their mention.
 */
export class GoodNewsStory1796000000001 implements MigrationInterface {
  name = 'GoodNewsStory1796000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE good_news ADD COLUMN story_id uuid`);
    await q.query(`UPDATE good_news g SET story_id = m.story_id FROM mention m WHERE m.id = g.mention_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE good_news DROP COLUMN story_id`);
  }
}
