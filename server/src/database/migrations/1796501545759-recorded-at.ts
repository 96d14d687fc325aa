import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the office first recorded what a ticket or a good news item is about, kept on the row so the reports place
 * every figure by one rule (an article by when its first feed item was analysed) without reading the analysis tables:
 * - `incident_mention.recorded_at`: when the attached mention was analysed (a fact copied at attach time, like the
 *   others on that table);
 * - `incident.recorded_at`: the earliest of the mentions it was opened with, or its opening for a ticket opened by
 *   hand; a ticket opened by the intake seconds after its article was recorded late on Sunday is that week's, as the
 *   article is;
 * - `good_news.recorded_at`: when its mention was analysed.
 * Existing rows are filled from their mentions (the opening mentions of a ticket are those attached at the instant it
 * opened); where a mention is gone, the attach, opening or creation time stands in.
 */
export class RecordedAt1796501545759 implements MigrationInterface {
  name = 'RecordedAt1796501545759';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_mention ADD COLUMN recorded_at timestamptz`);
    await q.query(
      `UPDATE incident_mention im SET recorded_at = coalesce(
         (SELECT m.analysed_at FROM mention m WHERE m.id = im.mention_id), im.attached_at)`,
    );
    await q.query(`ALTER TABLE incident_mention ALTER COLUMN recorded_at SET NOT NULL`);

    await q.query(`ALTER TABLE incident ADD COLUMN recorded_at timestamptz`);
    await q.query(
      `UPDATE incident i SET recorded_at = least(i.opened_at, coalesce(
         (SELECT min(im.recorded_at) FROM incident_mention im
          WHERE im.incident_id = i.id AND im.attached_at = i.opened_at), i.opened_at))`,
    );
    await q.query(`ALTER TABLE incident ALTER COLUMN recorded_at SET NOT NULL`);
    await q.query(`CREATE INDEX incident_recorded_idx ON incident (recorded_at)`);

    await q.query(`ALTER TABLE good_news ADD COLUMN recorded_at timestamptz`);
    await q.query(
      `UPDATE good_news g SET recorded_at = coalesce(
         (SELECT m.analysed_at FROM mention m WHERE m.id = g.mention_id), g.created_at)`,
    );
    await q.query(`ALTER TABLE good_news ALTER COLUMN recorded_at SET NOT NULL`);
    await q.query(`CREATE INDEX good_news_recorded_idx ON good_news (recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX good_news_recorded_idx`);
    await q.query(`ALTER TABLE good_news DROP COLUMN recorded_at`);
    await q.query(`DROP INDEX incident_recorded_idx`);
    await q.query(`ALTER TABLE incident DROP COLUMN recorded_at`);
    await q.query(`ALTER TABLE incident_mention DROP COLUMN recorded_at`);
  }
}
