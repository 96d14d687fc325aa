/**
 * The analysis stage against real PostgreSQL: pending feed items become mentions and stories in one transaction,
 * 'mention.stored' follows, racing workers store each mention once, a restarted instance joins new items to the
 * stories it did not create (reads, search and preview: analysis-reads.integration-spec.ts). Schedules are off:
 * analysis is triggered by calling AnalysisService.analysePending().
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { MentionView, StoryDetail } from '@mw/shared';
import { createApp } from '../src/bootstrap';
import { DomainEventBus, type DomainEventMap } from '../src/common/events/domain-events';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { JsonLogger } from '../src/common/logging/json-logger';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { UnitMatcher } from '../src/modules/analysis/matching/unit-matcher';
import { MentionEntity } from '../src/modules/analysis/mention.entity';
import { MentionStories } from '../src/modules/analysis/mention-stories';
import { StoryClusterer } from '../src/modules/analysis/stories/story-clusterer';
import { StoryEntity } from '../src/modules/analysis/story.entity';
import { call, tokenFor } from './factories/auth.factory';
import type { PersonRow } from './factories/person.factory';
import { RealtimeService } from '../src/modules/realtime/realtime.service';
import { useAnalysisTestApp } from './harness/analysis-app';
import { startTestApp, type TestApp } from './harness/test-app';
import { schemaLog } from './harness/schema-log';

const SCHOOL_A = '79000724'; // THPT Gò Vấp
const SCHOOL_B = '79000725'; // THPT Nguyễn Công Trứ
const HOUR = 3_600_000;

/** Another instance of the application on the same database (no HTTP listener). */
async function startInstance(url: string): Promise<NestExpressApplication> {
  const config = new AppConfig(parseEnv({ MW_SCHEDULER_ENABLED: 'false', MW_WEB_DIST: '', LOG_LEVEL: 'error' }), url);
  const app = await createApp(config, new JsonLogger('error', process.stderr));
  await app.init();
  return app;
}

describe('analysis (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: PersonRow;
  let analysis: AnalysisService;
  const { ds, insertSource, insertItem, mentionOf } = useAnalysisTestApp((app) => {
    ({ t, admin, analysis } = app);
  });

  async function stateOf(itemId: string): Promise<string> {
    const rows: { analysis_state: string }[] = await ds().query(`SELECT analysis_state FROM feed_item WHERE id = $1`, [
      itemId,
    ]);
    return (rows[0] as { analysis_state: string }).analysis_state;
  }

  it('declares mention and story exactly as the migration creates them', async () => {
    const tables = [StoryEntity, MentionEntity].map((e) => ds().getMetadata(e).tableName);
    const sql = await schemaLog(ds());
    const ours = sql.upQueries.map((q) => q.query).filter((q) => tables.some((table) => q.includes(`"${table}"`)));
    expect(ours).toEqual([]);
  });

  it('gives feed items, mentions and stories time-ordered ids (UUIDv7), newer rows after older ones', async () => {
    const before = Date.now();
    const first = await insertItem({ title: 'Trường THPT Gò Vấp khai giảng năm học mới' });
    await new Promise((r) => setTimeout(r, 5));
    const second = await insertItem({ title: 'Học sinh trường THPT Gò Vấp đạt giải nhất cuộc thi khoa học kỹ thuật' });
    await analysis.analysePending();
    const ids = [
      first,
      second,
      ...(await Promise.all([first, second].map(mentionOf))).flatMap((m) => [m?.id, m?.storyId]),
    ];
    const millisOf = (id: string | undefined): number => Number.parseInt((id ?? '').replace(/-/g, '').slice(0, 12), 16);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(millisOf(id)).toBeGreaterThanOrEqual(before - 1000);
      expect(millisOf(id)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(millisOf(second)).toBeGreaterThan(millisOf(first));
  });

  it('analyses a pending item into a mention and a story in one step and emits mention.stored', async () => {
    const events: DomainEventMap['mention.stored'][] = [];
    const off = t.app.get(DomainEventBus).on('mention.stored', (e) => {
      events.push(e);
    });
    const published = new Date(Date.now() - 2 * HOUR);
    const itemId = await insertItem({
      title: 'Nam sinh trường THPT Gò Vấp bị bạn đánh hội đồng trong giờ ra chơi',
      summary: 'Vụ việc xảy ra tại trường THPT Gò Vấp, quận Gò Vấp, TP.HCM khiến phụ huynh bức xúc.',
      publishedAt: published,
    });
    const summary = await analysis.analysePending();
    expect(summary).toMatchObject({ analysed: 1, failed: 0, storiesCreated: 1 });

    const mention = await mentionOf(itemId);
    expect(mention).toMatchObject({
      unitCodes: [SCHOOL_A],
      sentimentLabel: 'negative',
      category: 'violence_bullying',
      incident: true,
      reachWeight: 2.5,
      outlet: 'Tuổi Trẻ',
    });
    expect(mention?.severity).toMatch(/^S[1-4]$/);
    expect(mention?.seenAt.getTime()).toBe(published.getTime());
    expect(await stateOf(itemId)).toBe('done');
    const story = await ds()
      .getRepository(StoryEntity)
      .findOneByOrFail({ id: (mention as MentionEntity).storyId });
    expect(story).toMatchObject({ key: itemId, mentionCount: 1, outlets: ['Tuổi Trẻ'], unitCodes: [SCHOOL_A] });

    await new Promise((r) => setTimeout(r, 20));
    off();
    expect(events).toEqual([
      { mentionId: (mention as MentionEntity).id, storyId: story.id, incident: true, unitCodes: [SCHOOL_A] },
    ]);
    // Dashboards hear of it live: the office and the school's room.
    await t.app.get(RealtimeService).flush();
    const live: { rooms: string[]; payload: Record<string, unknown> }[] = await ds().query(
      `SELECT rooms, payload FROM realtime_event WHERE event = 'mention.created' AND payload->>'mentionId' = $1`,
      [(mention as MentionEntity).id],
    );
    expect(live).toHaveLength(1);
    expect(live[0]?.rooms.sort()).toEqual(['office', `unit:${SCHOOL_A}`]);
    expect(live[0]?.payload).toEqual({
      mentionId: (mention as MentionEntity).id,
      unitCodes: [SCHOOL_A],
      incidentId: null,
      title: 'Nam sinh trường THPT Gò Vấp bị bạn đánh hội đồng trong giờ ra chơi',
    });

    // The detail says why the unit was matched.
    const res = await call<MentionView>(t.baseUrl, 'GET', `mentions/${(mention as MentionEntity).id}`, {
      token: tokenFor(t.app, admin.id),
    });
    expect(res.status).toBe(200);
    const unit = res.body.units[0];
    expect(unit?.code).toBe(SCHOOL_A);
    expect(unit?.evidence.length).toBeGreaterThan(0);
    expect(unit?.spans[0]).toMatchObject({ field: 'title' });
    expect(res.body.sentiment.terms.length).toBeGreaterThan(0);

    // Nothing is left to do: a second pass claims nothing and stores no duplicate.
    expect(await analysis.analysePending()).toMatchObject({ batches: 0, analysed: 0 });
    const count: { n: number }[] = await ds().query(`SELECT count(*)::int AS n FROM mention WHERE item_id = $1`, [
      itemId,
    ]);
    expect(count[0]?.n).toBe(1);
  });

  it('copies the item into its mention in NFC, with the times the story saw', async () => {
    const title = 'Học sinh trường THPT Nguyễn Công Trứ đạt giải nhất cuộc thi khoa học kỹ thuật';
    const itemId = await insertItem({
      title: title.normalize('NFD'),
      summary: 'Phần thưởng xứng đáng.'.normalize('NFD'),
    });
    // Stored with microseconds and no publication time, as a feed without dates leaves it.
    await ds().query(
      `UPDATE feed_item SET published_at = NULL, fetched_at = '2026-03-02T08:15:30.123456Z' WHERE id = $1`,
      [itemId],
    );
    await analysis.analysePending();
    const mention = (await mentionOf(itemId)) as MentionEntity;
    const item: { source_id: string; url: string }[] = await ds().query(
      `SELECT source_id, url FROM feed_item WHERE id = $1`,
      [itemId],
    );
    expect(mention.title).toBe(title.normalize('NFC'));
    expect(mention.summary).toBe('Phần thưởng xứng đáng.'.normalize('NFC'));
    expect(mention).toMatchObject({ sourceId: item[0]?.source_id, url: item[0]?.url, publishedAt: null });
    expect(mention.seenAt.toISOString()).toBe('2026-03-02T08:15:30.123Z');
    const story = await ds().getRepository(StoryEntity).findOneByOrFail({ id: mention.storyId });
    expect(story.firstSeenAt.toISOString()).toBe('2026-03-02T08:15:30.123Z');
    const exact: { same: boolean }[] = await ds().query(
      `SELECT m.seen_at = s.first_seen_at AS same FROM mention m JOIN story s ON s.id = m.story_id WHERE m.item_id = $1`,
      [itemId],
    );
    expect(exact[0]?.same).toBe(true);
  });

  it('groups the same event from several outlets into one story with its first outlet', async () => {
    const start = Date.now() - 30 * HOUR;
    const ids: string[] = [];
    const outlets = ['VnExpress', 'Thanh Niên', 'Người Lao Động'];
    for (const [k, outlet] of outlets.entries()) {
      const source = await insertSource(outlet);
      ids.push(
        await insertItem(
          {
            title: 'Trường THPT Nguyễn Công Trứ (Gò Vấp) đạt giải nhất cuộc thi khoa học kỹ thuật thành phố',
            summary: `Học sinh trường THPT Nguyễn Công Trứ quận Gò Vấp giành giải nhất cuộc thi khoa học kỹ thuật (${outlet}).`,
            outlet,
            publishedAt: new Date(start + k * HOUR),
          },
          source,
        ),
      );
    }
    await analysis.analysePending();
    const mentions = await Promise.all(ids.map((id) => mentionOf(id)));
    const storyIds = new Set(mentions.map((m) => m?.storyId));
    expect(storyIds.size).toBe(1);
    const res = await call<StoryDetail>(t.baseUrl, 'GET', `stories/${[...storyIds][0]}`, {
      token: tokenFor(t.app, admin.id),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ firstOutlet: 'VnExpress', mentionCount: 3, unitCodes: [SCHOOL_B] });
    expect([...res.body.outlets].sort()).toEqual([...outlets].sort());
    expect(res.body.mentions.map((m) => m.outlet)).toEqual(outlets);
    expect(res.body.spread.map((p) => p.mentions)).toEqual([1, 1, 1]);
  });

  it('marks an item whose analysis throws as failed, logs it and goes on with the others', async () => {
    const original = UnitMatcher.prototype.match;
    const spy = jest.spyOn(UnitMatcher.prototype, 'match').mockImplementation(function (this: UnitMatcher, input) {
      if (input.title.includes('BOOM')) throw new Error('matcher exploded');
      return original.call(this, input);
    });
    try {
      const bad = await insertItem({ title: 'BOOM tin hỏng' });
      const good = await insertItem({ title: 'Trường THPT Gò Vấp tổ chức lễ khai giảng năm học mới' });
      const summary = await analysis.analysePending();
      expect(summary).toMatchObject({ analysed: 1, failed: 1 });
      expect(await stateOf(bad)).toBe('failed');
      expect(await mentionOf(bad)).toBeNull();
      expect(await stateOf(good)).toBe('done');
      // Failed items are not claimed again.
      expect(await analysis.analysePending()).toMatchObject({ batches: 0 });
    } finally {
      spy.mockRestore();
    }
  });

  it('rolls a batch back whole when storing fails midway, then stores each item exactly once', async () => {
    const ids: string[] = [];
    for (let k = 0; k < 4; k++) {
      ids.push(await insertItem({ title: `Trường THPT Gò Vấp họp phụ huynh đầu năm, buổi ${k}`, outlet: `Báo ${k}` }));
    }
    const original = MentionStories.prototype.stored;
    let crashes = 0;
    const spy = jest.spyOn(MentionStories.prototype, 'stored').mockImplementation(function (
      this: MentionStories,
      itemId,
      storyId,
      seq,
    ) {
      // The third item of the batch fails once, after the batch's mentions were inserted in the transaction.
      if (itemId === ids[2] && crashes === 0) {
        crashes++;
        throw new Error('connection lost');
      }
      return original.call(this, itemId, storyId, seq);
    });
    try {
      const summary = await analysis.analysePending();
      expect(crashes).toBe(1);
      expect(summary).toMatchObject({ analysed: 4, failed: 0 });
      const rows: { item_id: string; n: number }[] = await ds().query(
        `SELECT item_id, count(*)::int AS n FROM mention WHERE item_id = ANY($1::uuid[]) GROUP BY item_id`,
        [ids],
      );
      expect(rows.map((r) => r.n)).toEqual([1, 1, 1, 1]);
      for (const id of ids) expect(await stateOf(id)).toBe('done');
    } finally {
      spy.mockRestore();
    }
  });

  it('stores each mention exactly once when two instances race, and keeps their stories together', async () => {
    const other = await startInstance(t.db.url);
    try {
      // Both instances warm (gazetteer built) before the items arrive, so they really compete for them.
      await other.get(AnalysisService).analysePending();
      const base = Date.now() - 10 * HOUR;
      const groups = 6;
      const perGroup = 5;
      const byGroup: string[][] = [];
      const sources = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((o) => insertSource(`Báo ${o}`)));
      for (let g = 0; g < groups; g++) {
        byGroup.push([]);
        for (let k = 0; k < perGroup; k++) {
          byGroup[g]?.push(
            await insertItem(
              {
                title: `Sự kiện số ${g}: ${['cháy', 'ngập', 'hội thao', 'tuyển sinh', 'dịch sởi', 'khánh thành'][g]} tại chợ Hạnh Thông Tây khu ${g * 7 + 3}`,
                summary: `Tin tức chi tiết về sự kiện số ${g} ở chợ Hạnh Thông Tây, quận Gò Vấp, khu ${g * 7 + 3}.`,
                outlet: `Báo ${'ABCDE'[k]}`,
                publishedAt: new Date(base + g * 5 * HOUR + k * 60_000),
              },
              sources[k],
            ),
          );
        }
      }
      const mine = t.app.get(AnalysisService);
      const theirs = other.get(AnalysisService);
      const [a, b] = await Promise.all([
        mine.analysePending({ batchSize: 3 }),
        theirs.analysePending({ batchSize: 3 }),
      ]);
      expect(a.analysed + b.analysed).toBe(groups * perGroup);
      expect(a.analysed).toBeGreaterThan(0);
      expect(b.analysed).toBeGreaterThan(0);
      const all = byGroup.flat();
      const rows: { n: number; items: number }[] = await ds().query(
        `SELECT count(*)::int AS n, count(DISTINCT item_id)::int AS items FROM mention WHERE item_id = ANY($1::uuid[])`,
        [all],
      );
      expect(rows[0]).toEqual({ n: all.length, items: all.length });
      const pending: { n: number }[] = await ds().query(
        `SELECT count(*)::int AS n FROM feed_item WHERE id = ANY($1::uuid[]) AND analysis_state <> 'done'`,
        [all],
      );
      expect(pending[0]?.n).toBe(0);
      for (const group of byGroup) {
        const stories = new Set((await Promise.all(group.map((id) => mentionOf(id)))).map((m) => m?.storyId));
        expect(stories.size).toBe(1);
      }
      const counted: { ok: boolean }[] = await ds().query(
        `SELECT bool_and(s.mention_count = (SELECT count(*) FROM mention m WHERE m.story_id = s.id)) AS ok FROM story s`,
      );
      expect(counted[0]?.ok).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('joins a new item to a story created before a restart', async () => {
    const first = await insertItem({
      title: 'Cháy lớn tại xưởng gỗ trên đường Phan Văn Trị, người dân hoảng loạn tháo chạy',
      summary: 'Đám cháy bùng phát tại một xưởng gỗ trên đường Phan Văn Trị khiến người dân hoảng loạn.',
      outlet: 'VnExpress',
      publishedAt: new Date(Date.now() - 3 * HOUR),
    });
    await analysis.analysePending();
    const before = await mentionOf(first);
    expect(before?.unitCodes).toEqual([]);

    // A fresh instance: its story clusterer starts empty and must rebuild the window from the database.
    const restarted = await startInstance(t.db.url);
    try {
      const source = await insertSource('Dân Trí');
      const second = await insertItem(
        {
          title: 'Cháy xưởng gỗ trên đường Phan Văn Trị, người dân hoảng loạn tháo chạy',
          summary: 'Một đám cháy bùng phát tại xưởng gỗ trên đường Phan Văn Trị khiến người dân hoảng loạn.',
          outlet: 'Dân Trí',
          publishedAt: new Date(Date.now() - 2 * HOUR),
        },
        source,
      );
      expect(await restarted.get(AnalysisService).analysePending()).toMatchObject({ analysed: 1, storiesCreated: 0 });
      const after = await mentionOf(second);
      expect(after?.storyId).toBe(before?.storyId);
      const story = await ds().getRepository(StoryEntity).findOneByOrFail({ id: after?.storyId });
      expect(story).toMatchObject({ mentionCount: 2, firstOutlet: 'VnExpress' });
    } finally {
      await restarted.close();
    }
  });

  it('replays stored mentions in seq order when the numbers gain a digit', async () => {
    // The next mentions are numbered 10^k - 2, 10^k - 1, 10^k, 10^k + 1: text order would put 10^k first.
    const [{ max }] = (await ds().query(`SELECT coalesce(max(seq), 0)::int AS max FROM mention`)) as { max: number }[];
    const next = 10 ** String(max + 3).length - 2;
    await ds().query(`SELECT setval(pg_get_serial_sequence('mention', 'seq'), $1, false)`, [next]);
    const source = await insertSource('Pháp Luật TP.HCM');
    for (let k = 0; k < 4; k++) {
      await insertItem(
        {
          title: `Phường An Hội Tây tổ chức ngày hội đọc sách số ${k + 1} cho thiếu nhi`,
          summary: `Ngày hội đọc sách lần ${k + 1} diễn ra ở nhà văn hóa phường.`,
          outlet: 'Pháp Luật TP.HCM',
          publishedAt: new Date(Date.now() - (10 - k) * HOUR),
        },
        source,
      );
    }
    expect(await analysis.analysePending()).toMatchObject({ analysed: 4 });

    const replayed: string[] = [];
    const assign = jest.spyOn(StoryClusterer.prototype, 'assign');
    assign.mockImplementation(function (this: StoryClusterer, item) {
      replayed.push(item.id);
      return originalAssign.call(this, item);
    });
    try {
      await ds().transaction(async (m) => {
        const stories = new MentionStories();
        await stories.lock(m);
        await stories.catchUp(m);
      });
    } finally {
      assign.mockRestore();
    }
    const seqs = (await ds().query(`SELECT item_id, seq::int AS seq FROM mention WHERE item_id = ANY($1::uuid[])`, [
      replayed,
    ])) as { item_id: string; seq: number }[];
    const seqOf = new Map(seqs.map((r) => [r.item_id, r.seq]));
    const order = replayed.map((id) => seqOf.get(id) as number);
    expect(order).toContain(next + 2);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
  });
});

const originalAssign = StoryClusterer.prototype.assign;

describe('analysis worker (schedules on)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MW_SCHEDULER_ENABLED: 'true', MW_SEED_SOURCES: 'false', MW_POLL_TICK_SECONDS: '3600' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('analyses a stored item when woken by item.stored', async () => {
    const ds = t.db.dataSource;
    const sources: { id: string }[] = await ds.query(
      `INSERT INTO source (name, outlet, url, kind, enabled) VALUES ('S', 'S', 'https://feeds.invalid/wake', 'rss', false)
       RETURNING id`,
    );
    const sourceId = (sources[0] as { id: string }).id;
    const items: { id: string }[] = await ds.query(
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, fetched_at, content_hash)
       VALUES ($1, 'k', 'https://news.invalid/k', 'https://news.invalid/k', 'Trường THPT Gò Vấp khai giảng', 'S', now(), 'h')
       RETURNING id`,
      [sourceId],
    );
    const itemId = (items[0] as { id: string }).id;
    const stored = new Promise<DomainEventMap['mention.stored']>((resolve) => {
      const off = t.app.get(DomainEventBus).on('mention.stored', (e) => {
        off();
        resolve(e);
      });
    });
    t.app.get(DomainEventBus).emit('item.stored', { itemId, sourceId });
    const event = await stored;
    const rows: { id: string }[] = await ds.query(`SELECT id FROM mention WHERE item_id = $1`, [itemId]);
    expect(event.mentionId).toBe(rows[0]?.id);
    expect(event.unitCodes).toEqual([SCHOOL_A]);
  });
});
