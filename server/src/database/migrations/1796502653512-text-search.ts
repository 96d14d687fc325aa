import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vietnamese text search that ignores diacritics and case ("phan tay ho" finds "Phan Tây Hồ"): `mw_fold(text)` is
 * lower(unaccent(text)) with the dictionary named, so it can be IMMUTABLE and serve in index expressions; unaccent
 * ships with PostgreSQL (contrib, in the embedded build too) and is a trusted extension, so a database owner may
 * create it. Mentions (title and summary) and incidents (title and description) get a GIN index over the folded
 * words; the services query with the very same expression, so the index is used, and rank with ts_rank_cd.
 */
export class TextSearch1796502653512 implements MigrationInterface {
  name = 'TextSearch1796502653512';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await q.query(
      `CREATE FUNCTION mw_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
    );
    await q.query(
      `CREATE INDEX mention_search_idx ON mention
       USING gin (to_tsvector('simple'::regconfig, mw_fold(coalesce(title, '') || ' ' || coalesce(summary, ''))))`,
    );
    await q.query(
      `CREATE INDEX incident_search_idx ON incident
       USING gin (to_tsvector('simple'::regconfig, mw_fold(coalesce(title, '') || ' ' || coalesce(description, ''))))`,
    );
    await q.query(`CREATE INDEX mention_outlet_idx ON mention (outlet)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mention_outlet_idx`);
    await q.query(`DROP INDEX incident_search_idx`);
    await q.query(`DROP INDEX mention_search_idx`);
    await q.query(`DROP FUNCTION mw_fold(text)`);
    // The extension stays: another schema object may use it, and keeping it costs nothing.
  }
}
