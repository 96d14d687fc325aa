/**
 * The incident intake's first sweep on a database that already holds mentions (the incidents stage enabled on a
 * running install): mentions of that backlog seen (published, else fetched) more than MW_INTAKE_MAX_AGE_HOURS before
 * the first sweep are passed over, recent ones open tickets, the decision survives a sweep that fails part-way, and
 * mentions stored afterwards are all taken. Real PostgreSQL; time is a FixedClock.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock/clock';
import type { MentionFacts } from '../src/modules/analysis/mention-reader.service';
import { IncidentIntakeFlow } from '../src/modules/incidents/flows/intake.flow';
import { startTestApp, type TestApp } from './harness/test-app';

const SCHOOL = '79000724';
const HOUR = 3_600_000;
const NOW = new Date('2026-03-04T03:00:00Z');

interface Seeded {
  id: string;
  storyId: string;
}

describe('incident intake: the backlog of a fresh cursor (real PostgreSQL)', () => {
  let t: TestApp;
  let ds: DataSource;
  let intake: IncidentIntakeFlow;
  let sourceId: string;
  const clock = new FixedClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({ MW_INTAKE_MAX_AGE_HOURS: '48' }, { clock });
    ds = t.db.dataSource;
    intake = t.app.get(IncidentIntakeFlow);
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO source (name, outlet, url, kind) VALUES ('Báo thử', 'Báo thử', $1, 'rss') RETURNING id`,
      [`https://${randomUUID()}.example.vn/feed`],
    );
    sourceId = rows[0]!.id;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  /**
   * Writes a feed item, its story and an incident mention as the analysis stage does: `seen_at` is the published
   * time, else the fetch time.
   */
  async function storeMention(
    title: string,
    published: Date | null,
    fetched: Date = published ?? NOW,
    units: string[] = [SCHOOL],
  ): Promise<Seeded> {
    const url = `https://news.example.vn/${randomUUID()}`;
    const seen = published ?? fetched;
    const items: { id: string }[] = await ds.query(
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, published_at, fetched_at,
         content_hash, analysis_state) VALUES ($1, $2, $3, $3, $4, 'Báo thử', $5, $6, $2, 'done') RETURNING id`,
      [sourceId, randomUUID(), url, title, published, fetched],
    );
    const stories: { id: string }[] = await ds.query(
      `INSERT INTO story (key, title, first_seen_at, last_seen_at, unit_codes) VALUES ($1, $2, $3, $3, $4) RETURNING id`,
      [randomUUID(), title, seen, units],
    );
    const storyId = stories[0]!.id;
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO mention (item_id, source_id, title, url, outlet, published_at, seen_at, unit_codes, sentiment_score,
         sentiment_label, category, incident, severity, severity_reasons, story_id, analysed_at)
       VALUES ($1, $2, $3, $4, 'Báo thử', $5, $6, $7, -0.6, 'negative', 'fees_finances', true, 'S3',
               '{"category fees_finances starts at S3"}', $8, $9) RETURNING id`,
      [items[0]!.id, sourceId, title, url, published, seen, units, storyId, fetched],
    );
    return { id: rows[0]!.id, storyId };
  }

  async function ticketsFor(storyId: string): Promise<number> {
    const rows: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM incident WHERE $1 = ANY(story_ids)`, [
      storyId,
    ]);
    return rows[0]!.n;
  }

  async function cursor(): Promise<{ last_seq: string; backlog_until_seq: string | null }> {
    const rows: { last_seq: string; backlog_until_seq: string | null }[] = await ds.query(
      `SELECT last_seq::text AS last_seq, backlog_until_seq::text AS backlog_until_seq
       FROM incident_intake_cursor WHERE name = 'mentions'`,
    );
    return rows[0]!;
  }

  async function seqOf(mentionId: string): Promise<string> {
    const rows: { seq: string }[] = await ds.query(`SELECT seq::text AS seq FROM mention WHERE id = $1`, [mentionId]);
    return rows[0]!.seq;
  }

  it('opens tickets only for backlog mentions seen within the window, resuming with the same decision after a failed sweep', async () => {
    expect(await cursor()).toEqual({ last_seq: '0', backlog_until_seq: null });

    // Recent and old mentions interleaved in commit order, more than one intake batch (200) of them.
    const recentFirst = await storeMention('Thu sai quy định: tin mới', new Date(NOW.getTime() - 2 * HOUR));
    const old: Seeded[] = [];
    for (let i = 0; i < 205; i++) {
      old.push(await storeMention(`Thu sai quy định: tin cũ ${i}`, new Date(NOW.getTime() - (49 + i) * HOUR)));
    }
    // No published date: judged by when it was fetched, three days ago.
    const oldUndated = await storeMention('Tin cũ không ngày', null, new Date(NOW.getTime() - 72 * HOUR));
    // Published just inside the window, and one with no date fetched an hour ago.
    const recentInside = await storeMention('Tin trong hạn', new Date(NOW.getTime() - 47 * HOUR));
    const recentUndated = await storeMention('Tin mới không ngày', null, new Date(NOW.getTime() - HOUR));
    const oldLast = await storeMention('Tin cũ cuối', new Date(NOW.getTime() - 30 * 24 * HOUR));

    // The second batch fails part-way, as a crash would: the first batch stays committed, the second rolls back.
    const ingest = intake.ingestMention.bind(intake);
    const spy = jest.spyOn(intake, 'ingestMention').mockImplementation((m, mention: MentionFacts) => {
      if (mention.id === recentInside.id) return Promise.reject(new Error('crash in the second batch'));
      return ingest(m, mention);
    });
    await expect(intake.sweep()).rejects.toThrow('crash in the second batch');
    spy.mockRestore();
    expect(await ticketsFor(recentFirst.storyId)).toBe(1);
    expect(await cursor()).toEqual({ last_seq: expect.any(String), backlog_until_seq: await seqOf(oldLast.id) });
    expect(BigInt((await cursor()).last_seq)).toBeLessThan(BigInt(await seqOf(recentInside.id)));

    // Resumed much later: the window is still measured from the first sweep, so the recent ones are not lost.
    clock.advance(10 * 24 * HOUR);
    const resumed = await intake.sweep();
    expect(resumed.opened).toHaveLength(2);
    expect(await ticketsFor(recentInside.storyId)).toBe(1);
    expect(await ticketsFor(recentUndated.storyId)).toBe(1);
    expect(await ticketsFor(recentFirst.storyId)).toBe(1);
    for (const o of [...old, oldUndated, oldLast]) expect(await ticketsFor(o.storyId)).toBe(0);
    const total: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM incident`);
    expect(total[0]!.n).toBe(3);
    expect((await cursor()).last_seq).toBe(await seqOf(oldLast.id));

    // Nothing is left behind the cursor: another sweep finds nothing.
    expect(await intake.sweep()).toEqual({ processed: 0, opened: [], attached: 0, goodNews: 0 });
  }, 60_000);

  it('takes every mention stored after the first sweep, however old its article', async () => {
    const lateOld = await storeMention('Bài cũ mới được đọc', new Date(clock.now().getTime() - 20 * 24 * HOUR));
    const result = await intake.sweep();
    expect(result.opened).toHaveLength(1);
    expect(await ticketsFor(lateOld.storyId)).toBe(1);
  });

  it('moves its cursor past mentions that name no unit, so the next sweep does not read them again', async () => {
    const before = await intake.sweep();
    expect(before.processed).toBe(0);
    const unrelated: Seeded[] = [];
    for (let i = 0; i < 3; i++) {
      unrelated.push(await storeMention(`Tin không nêu trường ${i}`, clock.now(), clock.now(), []));
    }
    expect(await intake.sweep()).toEqual({ processed: 0, opened: [], attached: 0, goodNews: 0 });
    expect((await cursor()).last_seq).toBe(await seqOf(unrelated[2]!.id));

    // A mention about a school after them is still taken.
    const school = await storeMention('Trường thu sai quy định', clock.now());
    expect((await intake.sweep()).opened).toHaveLength(1);
    expect(await ticketsFor(school.storyId)).toBe(1);
    expect((await cursor()).last_seq).toBe(await seqOf(school.id));
  });
});
