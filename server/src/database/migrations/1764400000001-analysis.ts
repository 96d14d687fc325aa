import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentions (one per analysed feed item: units, tone, topic, incident flag, story) and stories (the same event told
 * by several outlets). `mention.item_id` is unique, so an item is stored as a mention at most once however many
 * workers race or crash. `mention.seq` numbers mentions in commit order (they are inserted under one advisory
 * lock), which is how each instance's story clusterer catches up on the mentions other instances stored, and how a
 * restarted one rebuilds the recent window of stories from the database.
 */
export class Analysis1764400000001 implements MigrationInterface {
  name = 'Analysis1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE story (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        title text NOT NULL,
        first_outlet text,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        mention_count integer NOT NULL DEFAULT 0 CHECK (mention_count >= 0),
        outlets text[] NOT NULL DEFAULT '{}',
        unit_codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT story_key_unique UNIQUE (key)
      )`);
    await q.query(`CREATE INDEX story_last_seen_idx ON story (last_seen_at DESC)`);
    await q.query(`CREATE INDEX story_unit_codes_idx ON story USING gin (unit_codes)`);

    await q.query(`
      CREATE TABLE mention (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        item_id uuid NOT NULL REFERENCES feed_item (id) ON DELETE CASCADE,
        source_id uuid NOT NULL,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        url text NOT NULL DEFAULT '',
        outlet text NOT NULL,
        published_at timestamptz,
        seen_at timestamptz NOT NULL,
        units jsonb NOT NULL DEFAULT '[]'::jsonb,
        unit_codes text[] NOT NULL DEFAULT '{}',
        sentiment_score real NOT NULL CHECK (sentiment_score BETWEEN -1 AND 1),
        sentiment_label text NOT NULL CHECK (sentiment_label IN ('negative', 'neutral', 'positive')),
        sentiment_terms text[] NOT NULL DEFAULT '{}',
        category text NOT NULL,
        incident boolean NOT NULL,
        severity text CHECK (severity IN ('S1', 'S2', 'S3', 'S4')),
        severity_reasons text[] NOT NULL DEFAULT '{}',
        story_id uuid NOT NULL REFERENCES story (id),
        reach_weight real NOT NULL DEFAULT 1,
        analysed_at timestamptz NOT NULL,
        CONSTRAINT mention_item_unique UNIQUE (item_id),
        CONSTRAINT mention_seq_unique UNIQUE (seq)
      )`);
    await q.query(`CREATE INDEX mention_unit_codes_idx ON mention USING gin (unit_codes)`);
    await q.query(`CREATE INDEX mention_seen_idx ON mention (seen_at DESC, id)`);
    await q.query(`CREATE INDEX mention_story_idx ON mention (story_id, seen_at)`);
    await q.query(`CREATE INDEX mention_incident_idx ON mention (seen_at DESC) WHERE incident`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mention`);
    await q.query(`DROP TABLE story`);
  }
}
