import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents and their escalation. Severity levels and the office calendar are rows, not code, so the office can
 * tune deadlines without a release. An incident keeps one timestamp per workflow transition; its timeline is
 * append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Escalation keeps its own state per incident, and
 * `escalation_step` has one row per step actually taken: its unique key is what makes a step happen once even when
 * several instances run the escalation schedule. Mention facts are copied onto `incident_mention` when they attach,
 * so the ticket shows what the office saw at the time without reading the analysis tables. No foreign keys point
 * at other modules' tables (people, units, mentions): people are deactivated, never deleted, and each module
 * migrates on its own.
 */
export class Incidents1764500000001 implements MigrationInterface {
  name = 'Incidents1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE severity_level (
        code text PRIMARY KEY CHECK (code IN ('S1', 'S2', 'S3', 'S4')),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        colour text NOT NULL,
        ack_minutes integer CHECK (ack_minutes > 0),
        respond_minutes integer CHECK (respond_minutes > 0),
        escalate_every_minutes integer NOT NULL CHECK (escalate_every_minutes > 0),
        working_days_only boolean NOT NULL DEFAULT false,
        ignores_quiet_hours boolean NOT NULL DEFAULT false,
        sort_order integer NOT NULL
      )`);
    await q.query(`
      INSERT INTO severity_level
        (code, name_vi, name_en, colour, ack_minutes, respond_minutes, escalate_every_minutes, working_days_only,
         ignores_quiet_hours, sort_order)
      VALUES
        ('S1', 'Đặc biệt nghiêm trọng', 'Critical', '#b71c1c', 15, 360, 15, false, true, 1),
        ('S2', 'Nghiêm trọng', 'Major', '#e65100', 60, 1440, 60, false, false, 2),
        ('S3', 'Trung bình', 'Moderate', '#f9a825', 240, 4320, 240, false, false, 3),
        ('S4', 'Nhẹ', 'Minor', '#1565c0', NULL, NULL, 480, true, false, 4)`);
    await q.query(`
      CREATE TABLE escalation_settings (
        id integer PRIMARY KEY CHECK (id = 1),
        working_days integer[] NOT NULL DEFAULT '{1,2,3,4,5}',
        workday_start text NOT NULL DEFAULT '07:30',
        workday_end text NOT NULL DEFAULT '17:00',
        quiet_start text DEFAULT '21:30',
        quiet_end text DEFAULT '06:30',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO escalation_settings (id) VALUES (1)`);

    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        origin text NOT NULL CHECK (origin IN ('detected', 'manual', 'split')),
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'investigating',
          'response_drafted', 'awaiting_approval', 'responded', 'resolved', 'dismissed')),
        severity text NOT NULL REFERENCES severity_level (code),
        severity_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
        severity_manual boolean NOT NULL DEFAULT false,
        category text,
        source_url text,
        story_ids uuid[] NOT NULL DEFAULT '{}',
        outlets text[] NOT NULL DEFAULT '{}',
        reach real NOT NULL DEFAULT 0,
        mention_count integer NOT NULL DEFAULT 0,
        unreachable_units text[] NOT NULL DEFAULT '{}',
        merged_into uuid REFERENCES incident (id),
        opened_by uuid,
        opened_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by uuid,
        investigating_at timestamptz,
        response_drafted_at timestamptz,
        awaiting_approval_at timestamptz,
        responded_at timestamptz,
        resolved_at timestamptz,
        dismissed_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX incident_opened_idx ON incident (opened_at DESC)`);
    await q.query(`CREATE INDEX incident_story_idx ON incident USING gin (story_ids)`);
    await q.query(`
      CREATE TABLE incident_unit (
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        unit_code text NOT NULL,
        PRIMARY KEY (incident_id, unit_code)
      )`);
    await q.query(`CREATE INDEX incident_unit_code_idx ON incident_unit (unit_code)`);
    await q.query(`
      CREATE TABLE incident_mention (
        mention_id uuid PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        story_id uuid,
        title text NOT NULL,
        url text,
        outlet text NOT NULL,
        source_kind text,
        published_at timestamptz,
        sentiment real,
        sentiment_label text,
        reach_weight real NOT NULL DEFAULT 1,
        severity text,
        severity_reasons text[] NOT NULL DEFAULT '{}',
        category text,
        unit_codes text[] NOT NULL DEFAULT '{}',
        attached_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX incident_mention_incident_idx ON incident_mention (incident_id)`);
    await q.query(`
      CREATE TABLE incident_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        person_id uuid NOT NULL,
        reason text NOT NULL,
        assigned_at timestamptz NOT NULL,
        assigned_by uuid,
        unassigned_at timestamptz,
        unassigned_by uuid
      )`);
    await q.query(
      `CREATE UNIQUE INDEX incident_assignment_active_uq ON incident_assignment (incident_id, person_id) WHERE unassigned_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE incident_timeline (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        actor_id uuid,
        summary text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX incident_timeline_incident_idx ON incident_timeline (incident_id, id)`);
    await q.query(`
      CREATE FUNCTION incident_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'incident_timeline is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER incident_timeline_no_change BEFORE UPDATE OR DELETE ON incident_timeline
      FOR EACH ROW EXECUTE FUNCTION incident_timeline_append_only()`);
    await q.query(`
      CREATE TRIGGER incident_timeline_no_truncate BEFORE TRUNCATE ON incident_timeline
      FOR EACH STATEMENT EXECUTE FUNCTION incident_timeline_append_only()`);
    await q.query(`
      CREATE TABLE incident_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        author_id uuid NOT NULL,
        body text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX incident_comment_incident_idx ON incident_comment (incident_id, at)`);
    await q.query(`
      CREATE TABLE incident_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        title text NOT NULL,
        owner_id uuid NOT NULL,
        due_at timestamptz,
        done_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX incident_task_incident_idx ON incident_task (incident_id)`);
    await q.query(`
      CREATE TABLE incident_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        template text NOT NULL CHECK (template IN ('holding_statement', 'correction_request', 'free')),
        title text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'awaiting_approval', 'approved', 'sent_back', 'published')),
        author_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        submitted_at timestamptz,
        approved_by uuid,
        approved_at timestamptz,
        sent_back_by uuid,
        sent_back_at timestamptz,
        sent_back_reason text,
        published_by uuid,
        published_at timestamptz,
        published_url text
      )`);
    await q.query(`CREATE INDEX incident_response_incident_idx ON incident_response (incident_id)`);
    await q.query(`
      CREATE TABLE analysis_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident (id),
        mention_ids uuid[] NOT NULL,
        kind text NOT NULL DEFAULT 'false_match',
        reason text NOT NULL,
        corrected_by uuid,
        at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE good_news (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mention_id uuid NOT NULL UNIQUE,
        unit_codes text[] NOT NULL,
        title text NOT NULL,
        url text,
        outlet text NOT NULL,
        category text,
        sentiment real,
        published_at timestamptz,
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'shared', 'proposed', 'archived')),
        acted_by uuid,
        acted_at timestamptz,
        note text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX good_news_unit_codes_idx ON good_news USING gin (unit_codes)`);
    await q.query(`
      CREATE TABLE incident_intake_cursor (
        name text PRIMARY KEY,
        last_seq bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO incident_intake_cursor (name) VALUES ('mentions')`);

    await q.query(`
      CREATE TABLE escalation_state (
        incident_id uuid PRIMARY KEY REFERENCES incident (id) ON DELETE CASCADE,
        severity text NOT NULL,
        level integer NOT NULL CHECK (level BETWEEN 1 AND 4),
        reminder_round integer NOT NULL DEFAULT 0,
        ack_due_at timestamptz,
        respond_due_at timestamptz,
        next_step_at timestamptz,
        response_overdue_at timestamptz,
        stopped_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX escalation_state_next_idx ON escalation_state (next_step_at) WHERE next_step_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX escalation_state_respond_idx ON escalation_state (respond_due_at) WHERE respond_due_at IS NOT NULL AND response_overdue_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE escalation_step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('opened', 'escalated', 'reminder', 'response_overdue')),
        level integer NOT NULL,
        round integer NOT NULL DEFAULT 0,
        recipient_ids uuid[] NOT NULL,
        notifications integer NOT NULL DEFAULT 0,
        at timestamptz NOT NULL,
        CONSTRAINT escalation_step_once UNIQUE (incident_id, kind, level, round)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE escalation_step`);
    await q.query(`DROP TABLE escalation_state`);
    await q.query(`DROP TABLE incident_intake_cursor`);
    await q.query(`DROP TABLE good_news`);
    await q.query(`DROP TABLE analysis_correction`);
    await q.query(`DROP TABLE incident_response`);
    await q.query(`DROP TABLE incident_task`);
    await q.query(`DROP TABLE incident_comment`);
    await q.query(`DROP TABLE incident_timeline`);
    await q.query(`DROP FUNCTION incident_timeline_append_only()`);
    await q.query(`DROP TABLE incident_assignment`);
    await q.query(`DROP TABLE incident_mention`);
    await q.query(`DROP TABLE incident_unit`);
    await q.query(`DROP TABLE incident`);
    await q.query(`DROP TABLE escalation_settings`);
    await q.query(`DROP TABLE severity_level`);
  }
}
