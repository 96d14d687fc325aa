import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mention's search document is stored (`search_doc`) instead of being an index expression: the analysis computes
 * it as a tsvector literal for plain text (`searchVector` in common/database/text-search.ts), so PostgreSQL no
 * longer parses every title and summary it stores (to_tsvector was the costliest part of storing a mention). A
 * trigger computes it, with the very expression the index had, when a row comes without one (text the application
 * leaves to PostgreSQL, rows written by hand) and when title, summary or units change. Existing rows get it too.
 */
const document = (row: string) => `setweight(to_tsvector('simple'::regconfig,
    mw_fold(coalesce(${row}title, '') || ' ' || coalesce(jsonb_path_query_array(${row}units, '$[*].name')::text, ''))),
    'A') || setweight(to_tsvector('simple'::regconfig, mw_fold(coalesce(${row}summary, ''))), 'B')`;

export class MentionSearchDocument1796600000000 implements MigrationInterface {
  name = 'MentionSearchDocument1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mention ADD COLUMN search_doc tsvector`);
    await q.query(`UPDATE mention SET search_doc = ${document('')}`);
    await q.query(`ALTER TABLE mention ALTER COLUMN search_doc SET NOT NULL`);
    await q.query(
      `CREATE FUNCTION mention_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'UPDATE' OR NEW.search_doc IS NULL THEN
           NEW.search_doc := ${document('NEW.')};
         END IF;
         RETURN NEW;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER mention_search_doc BEFORE INSERT OR UPDATE OF title, summary, units ON mention
       FOR EACH ROW EXECUTE FUNCTION mention_search_doc()`,
    );
    await q.query(`DROP INDEX mention_search_idx`);
    await q.query(`CREATE INDEX mention_search_idx ON mention USING gin (search_doc)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mention_search_idx`);
    await q.query(`CREATE INDEX mention_search_idx ON mention USING gin ((${document('')}))`);
    await q.query(`DROP TRIGGER mention_search_doc ON mention`);
    await q.query(`DROP FUNCTION mention_search_doc()`);
    await q.query(`ALTER TABLE mention DROP COLUMN search_doc`);
  }
}
