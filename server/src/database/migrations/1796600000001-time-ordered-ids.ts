import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feed items, mentions and stories are written by the hundred thousand (a year of three outlets is 154k of each):
 * with random (v4) ids every insert lands on a random leaf of the primary key, and of `mention.item_id`'s unique
 * index and the foreign-key lookups, so the working set is the whole index and each checkpoint writes many full
 * pages. Their ids become UUIDv7 (RFC 9562: 48 bits of milliseconds, then random bits): new rows go to the right
 * edge of those indexes. Replaying the archive's year (`npm run bench -- pipeline`, interleaved runs): PostgreSQL's
 * CPU 28.9-30.6 s → 26.2-27.1 s, the mention insert's time 16.5 s → 14.0 s. PostgreSQL 18 has `uuidv7()`, but
 * DATABASE_URL may name an older server, so `mw_uuidv7()` is plain SQL over gen_random_uuid (v4's random bits, the
 * first 48 replaced by the time, the version set to 7). The ids stay as unguessable as access needs (74 random
 * bits); rows already stored keep theirs.
 */
export class TimeOrderedIds1796600000001 implements MigrationInterface {
  name = 'TimeOrderedIds1796600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION mw_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE
       AS $$ SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`,
    );
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT mw_uuidv7()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await q.query(`DROP FUNCTION mw_uuidv7()`);
  }
}

const TABLES = ['feed_item', 'mention', 'story'] as const;
