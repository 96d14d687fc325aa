import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sources (what is read, and how each is doing) and feed items (what was read, with its evidence).
 * `feed_item` is keyed by (source, dedup_key) where dedup_key is the guid or else the canonical URL, so
 * re-reading a feed, a crash mid-batch or two instances racing can only ever insert an item once.
 */
export class Sources1764300000010 implements MigrationInterface {
  name = 'Sources1764300000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        outlet text NOT NULL,
        url text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('rss', 'html', 'social', 'search')),
        interval_minutes integer NOT NULL DEFAULT 15 CHECK (interval_minutes > 0),
        reach_weight real NOT NULL DEFAULT 1 CHECK (reach_weight >= 0),
        enabled boolean NOT NULL DEFAULT true,
        unit_code text,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        etag text,
        last_modified text,
        next_poll_at timestamptz NOT NULL DEFAULT now(),
        lease_owner text,
        lease_until timestamptz,
        last_polled_at timestamptz,
        last_success_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        consecutive_failures integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT source_url_unique UNIQUE (url)
      )`);
    await q.query(`CREATE INDEX source_due_idx ON source (next_poll_at) WHERE enabled`);
    await q.query(`CREATE INDEX source_unit_idx ON source (unit_code) WHERE unit_code IS NOT NULL`);

    await q.query(`
      CREATE TABLE feed_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES source (id) ON DELETE CASCADE,
        dedup_key text NOT NULL,
        guid text,
        canonical_url text NOT NULL,
        url text NOT NULL,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        content_text text,
        content_error text,
        outlet text NOT NULL,
        author text,
        published_at timestamptz,
        fetched_at timestamptz NOT NULL,
        http_status integer,
        content_hash text NOT NULL,
        analysis_state text NOT NULL DEFAULT 'pending' CHECK (analysis_state IN ('pending', 'done', 'failed')),
        analysed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT feed_item_source_dedup_unique UNIQUE (source_id, dedup_key)
      )`);
    // Few indexes on purpose: every one costs insert throughput. Health reads items per source by creation time.
    await q.query(`CREATE INDEX feed_item_source_created_idx ON feed_item (source_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX feed_item_pending_analysis_idx ON feed_item (created_at) WHERE analysis_state = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feed_item`);
    await q.query(`DROP TABLE source`);
  }
}
