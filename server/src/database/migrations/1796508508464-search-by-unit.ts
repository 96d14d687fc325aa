import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A search finds a ticket or a mention by its school: "phan tay ho" finds THCS Phan Tây Hồ's tickets although their
 * titles name the school otherwise or not at all. An incident keeps its units' codes, names and aliases in
 * `unit_names` (written by the incidents store with its units, and again when a unit is renamed); a mention's units
 * are read from its own `units` (the names as analysed, as its page shows them). Both search indexes are rebuilt on
 * weighted documents: title and units' names A, the body B, so ts_rank_cd puts a school or title match above a
 * passing word in a description. The expressions are those of `searchDocument` in common/database/text-search.ts.
 */
export class SearchByUnit1796508508464 implements MigrationInterface {
  name = 'SearchByUnit1796508508464';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident ADD COLUMN unit_names text NOT NULL DEFAULT ''`);
    await q.query(
      `UPDATE incident i SET unit_names = COALESCE((
         SELECT string_agg(concat_ws(' ', un.code, un.name, array_to_string(un.aliases, ' ')), ' ' ORDER BY un.code)
         FROM incident_unit iu JOIN unit un ON un.code = iu.unit_code WHERE iu.incident_id = i.id), '')`,
    );
    await q.query(`DROP INDEX incident_search_idx`);
    await q.query(
      `CREATE INDEX incident_search_idx ON incident USING gin ((
         setweight(to_tsvector('simple'::regconfig, mw_fold(coalesce(title, '') || ' ' || coalesce(unit_names, ''))), 'A')
         || setweight(to_tsvector('simple'::regconfig, mw_fold(coalesce(description, ''))), 'B')))`,
    );
    await q.query(`DROP INDEX mention_search_idx`);
    await q.query(
      `CREATE INDEX mention_search_idx ON mention USING gin ((
         setweight(to_tsvector('simple'::regconfig,
           mw_fold(coalesce(title, '') || ' ' || coalesce(jsonb_path_query_array(units, '$[*].name')::text, ''))), 'A')
         || setweight(to_tsvector('simple'::regconfig, mw_fold(coalesce(summary, ''))), 'B')))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mention_search_idx`);
    await q.query(
      `CREATE INDEX mention_search_idx ON mention
       USING gin (to_tsvector('simple'::regconfig, mw_fold(coalesce(title, '') || ' ' || coalesce(summary, ''))))`,
    );
    await q.query(`DROP INDEX incident_search_idx`);
    await q.query(
      `CREATE INDEX incident_search_idx ON incident
       USING gin (to_tsvector('simple'::regconfig, mw_fold(coalesce(title, '') || ' ' || coalesce(description, ''))))`,
    );
    await q.query(`ALTER TABLE incident DROP COLUMN unit_names`);
  }
}
