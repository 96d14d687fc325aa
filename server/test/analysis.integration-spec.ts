/**
 * The analysis stage against real PostgreSQL: pending feed items become mentions and stories in one transaction,
 * 'mention.stored' follows, racing workers store each mention once, a restarted instance joins new items to the
 * stories it did not create, reads are scoped per school, and an alias edited through the API reaches the very
 * next analysis. Schedules are off: analysis is triggered by calling AnalysisService.analysePending().
 */
import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AnalyzeTextResult, MentionView, Page, StoryDetail, StoryView, UnitView } from '@mw/shared';
import { createApp } from '../src/bootstrap';
import { DomainEventBus, type DomainEventMap } from '../src/common/events/domain-events';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { JsonLogger } from '../src/common/logging/json-logger';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { UnitMatcher } from '../src/modules/analysis/matching/unit-matcher';
import { MentionEntity } from '../src/modules/analysis/mention.entity';
import { MENTION_DOCUMENT } from '../src/modules/analysis/mentions.service';
import { MentionStories } from '../src/modules/analysis/mention-stories';
import { StoryEntity } from '../src/modules/analysis/story.entity';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { RealtimeService } from '../src/modules/realtime/realtime.service';
import { foldedQuery, searchSql, searchTerms, type SearchTerms } from '../src/common/database/text-search';
import { startTestApp, type TestApp } from './harness/test-app';
import { schemaLog } from './harness/schema-log';

const SCHOOL_A = '79000724'; // THPT Gò Vấp
const SCHOOL_B = '79000725'; // THPT Nguyễn Công Trứ
const KINDERGARTEN = '7942638'; // Trường MN Global Ecokids
const HOUR = 3_600_000;

interface ItemInput {
  title: string;
  summary?: string;
  outlet?: string;
  publishedAt?: Date | null;
}

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
  let principalA: PersonRow;
  let sourceId: string;
  let analysis: AnalysisService;

  const ds = () => t.db.dataSource;

  async function insertSource(outlet: string, unitCode: string | null = null, reachWeight = 1): Promise<string> {
    const rows: { id: string }[] = await ds().query(
      `INSERT INTO source (name, outlet, url, kind, enabled, reach_weight, unit_code)
       VALUES ($1, $1, $2, 'rss', false, $3, $4) RETURNING id`,
      [outlet, `https://feeds.invalid/${randomBytes(6).toString('hex')}`, reachWeight, unitCode],
    );
    return (rows[0] as { id: string }).id;
  }

  async function insertItem(item: ItemInput, source = sourceId): Promise<string> {
    const key = randomBytes(8).toString('hex');
    const rows: { id: string }[] = await ds().query(
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, summary, outlet, published_at, fetched_at,
         content_hash)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7, now(), $2) RETURNING id`,
      [
        source,
        key,
        `https://news.invalid/${key}`,
        item.title,
        item.summary ?? '',
        item.outlet ?? 'Tuổi Trẻ',
        item.publishedAt === undefined ? new Date() : item.publishedAt,
      ],
    );
    return (rows[0] as { id: string }).id;
  }

  async function mentionOf(itemId: string): Promise<MentionEntity | null> {
    return ds().getRepository(MentionEntity).findOneBy({ itemId });
  }

  async function stateOf(itemId: string): Promise<string> {
    const rows: { analysis_state: string }[] = await ds().query(`SELECT analysis_state FROM feed_item WHERE id = $1`, [
      itemId,
    ]);
    return (rows[0] as { analysis_state: string }).analysis_state;
  }

  beforeAll(async () => {
    t = await startTestApp({ MW_JWT_SECRET: 'a'.repeat(40), MW_SEED_SOURCES: 'false' });
    admin = await createPerson(ds(), { roles: [{ role: 'admin' }] });
    principalA = await createPerson(ds(), { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
    sourceId = await insertSource('Tuổi Trẻ', null, 2.5);
    analysis = t.app.get(AnalysisService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('declares mention and story exactly as the migration creates them', async () => {
    const tables = [StoryEntity, MentionEntity].map((e) => ds().getMetadata(e).tableName);
    const sql = await schemaLog(ds());
    const ours = sql.upQueries.map((q) => q.query).filter((q) => tables.some((table) => q.includes(`"${table}"`)));
    expect(ours).toEqual([]);
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

  it('shows a principal only the mentions and stories of their own school', async () => {
    const itemB = await insertItem({
      title: 'Học sinh trường THPT Nguyễn Công Trứ quận Gò Vấp bị ngộ độc thực phẩm sau bữa trưa',
      summary: 'Nhiều học sinh trường THPT Nguyễn Công Trứ (Gò Vấp) phải nhập viện.',
    });
    await analysis.analysePending();
    const mentionB = (await mentionOf(itemB)) as MentionEntity;
    expect(mentionB.unitCodes).toEqual([SCHOOL_B]);
    const token = tokenFor(t.app, principalA.id);

    const own = await call<Page<MentionView>>(t.baseUrl, 'GET', 'mentions?pageSize=200', { token });
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(own.body.items.every((m) => m.unitCodes.includes(SCHOOL_A))).toBe(true);
    expect(own.body.items.some((m) => m.id === mentionB.id)).toBe(false);

    expect((await call(t.baseUrl, 'GET', `mentions?unit=${SCHOOL_B}`, { token })).status).toBe(403);
    expect((await call(t.baseUrl, 'GET', `mentions/${mentionB.id}`, { token })).status).toBe(404);
    expect((await call(t.baseUrl, 'GET', `stories/${mentionB.storyId}`, { token })).status).toBe(404);
    const stories = await call<Page<StoryView>>(t.baseUrl, 'GET', 'stories?pageSize=200', { token });
    expect(stories.body.items.length).toBeGreaterThan(0);
    expect(stories.body.items.every((s) => s.unitCodes.includes(SCHOOL_A))).toBe(true);

    // The office sees it, and the filters narrow the list.
    const office = tokenFor(t.app, admin.id);
    const filtered = await call<Page<MentionView>>(
      t.baseUrl,
      'GET',
      `mentions?unit=${SCHOOL_B}&incident=true&category=food_safety&sentiment=negative`,
      { token: office },
    );
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.map((m) => m.id)).toEqual([mentionB.id]);
    const none = await call<Page<MentionView>>(t.baseUrl, 'GET', `mentions?unit=${SCHOOL_B}&to=2000-01-01T00:00:00Z`, {
      token: office,
    });
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it("says which source listed an item that names no unit, with a search source's watched queries", async () => {
    const rows: { id: string }[] = await ds().query(
      `INSERT INTO source (name, outlet, url, kind, enabled, settings)
       VALUES ('Google News: Gò Vấp', 'Google News', $1, 'search', false, $2) RETURNING id`,
      [`https://feeds.invalid/${randomBytes(6).toString('hex')}`, { queries: ['trường Gò Vấp', 'go vap school'] }],
    );
    const item = await insertItem(
      { title: 'Giá xăng giảm lần thứ ba liên tiếp', summary: 'Giá bán lẻ xăng dầu giảm từ 15 giờ chiều nay.' },
      rows[0]!.id,
    );
    await analysis.analysePending();
    const mention = (await mentionOf(item)) as MentionEntity;
    expect(mention.unitCodes).toEqual([]);
    expect(mention.category).toBe('none');
    const office = tokenFor(t.app, admin.id);
    const list = await call<Page<MentionView>>(t.baseUrl, 'GET', 'mentions?pageSize=200&q=gia xang', {
      token: office,
    });
    const listed = list.body.items.find((m) => m.id === mention.id);
    expect(listed?.listedBy).toEqual({
      source: 'Google News: Gò Vấp',
      kind: 'search',
      queries: ['trường Gò Vấp', 'go vap school'],
    });
    expect(listed?.category).toBe('none');
  });

  it('searches titles and summaries ignoring diacritics and case, best matches first, by the index', async () => {
    const phuNu = await insertSource('Phụ Nữ TP.HCM');
    const close = await insertItem({
      title: 'Trường THCS Phan Tây Hồ quận Gò Vấp khai mạc hội thao học sinh',
      summary: 'Hơn 600 học sinh tham gia các môn điền kinh, bóng đá và cờ vua.',
    });
    const spread = await insertItem(
      {
        title: 'Gò Vấp: phụ huynh góp ý về hồ bơi trong trường học',
        summary: 'Ông Phan Văn Tài cho biết hồ bơi phía tây sân trường đã xuống cấp, cần sửa chữa trước hè.',
        outlet: 'Phụ Nữ TP.HCM',
      },
      phuNu,
    );
    await analysis.analysePending();
    const [closeId, spreadId] = [(await mentionOf(close))?.id, (await mentionOf(spread))?.id];
    const office = tokenFor(t.app, admin.id);
    const search = (qs: string) => call<Page<MentionView>>(t.baseUrl, 'GET', `mentions?${qs}`, { token: office });

    for (const q of ['phan tay ho', 'PHAN TÂY HỒ', 'Phan Tây Hồ']) {
      const found = await search(`q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      // Both carry the three words; the one where they stand together comes first.
      expect(found.body.items.map((m) => m.id)).toEqual([closeId, spreadId]);
    }
    expect((await search(`q=${encodeURIComponent('"phan tay ho"')}`)).body.items.map((m) => m.id)).toEqual([closeId]);
    expect((await search(`q=phan+tay+ho+-bong`)).body.items.map((m) => m.id)).toEqual([spreadId]);
    const byOutlet = await search(`q=ho&outlet=${encodeURIComponent('Phụ Nữ TP.HCM')}`);
    expect(byOutlet.body.items.map((m) => m.id)).toEqual([spreadId]);
    expect((await search(`q=${'a'.repeat(201)}`)).status).toBe(400);

    const outlets = await call<{ outlet: string; mentions: number }[]>(t.baseUrl, 'GET', 'mentions/outlets', {
      token: office,
    });
    expect(outlets.body).toEqual(expect.arrayContaining([{ outlet: 'Phụ Nữ TP.HCM', mentions: 1 }]));

    // The planner can answer from the index (sequential scans priced out, as on a large table).
    const plan: { 'QUERY PLAN': string }[] = await ds().transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      return m.query(`EXPLAIN SELECT id FROM mention m WHERE ${MENTION_DOCUMENT} @@ ${foldedQuery('$1')}`, [
        'phan tay ho',
      ]);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('mention_search_idx');
  });

  it('finds a mention by the full name of the school it was matched to, and a word being typed', async () => {
    // The article says "Trường Nguyễn Công Trứ"; the spokesperson types the school's name as the registry has it.
    const robot = await insertItem({
      title: 'Học sinh Trường Nguyễn Công Trứ đoạt giải nhất cuộc thi robot thành phố',
      summary: 'Đội tuyển của trường Nguyễn Công Trứ, quận Gò Vấp, vượt qua 40 đội.',
    });
    await analysis.analysePending();
    const robotId = (await mentionOf(robot))?.id;
    expect((await mentionOf(robot))?.unitCodes).toEqual([SCHOOL_B]);
    const office = tokenFor(t.app, admin.id);
    const search = async (q: string) =>
      (
        await call<Page<MentionView>>(t.baseUrl, 'GET', `mentions?q=${encodeURIComponent(q)}`, { token: office })
      ).body.items.map((m) => m.id);
    for (const q of ['THPT Nguyễn Công Trứ', 'thpt nguyen cong tru', 'thpt nguyen cong t', 'thpt robot']) {
      expect(await search(q)).toContain(robotId);
    }
    expect(await search('thpt nguyen cong tru bong da')).not.toContain(robotId);

    const plan: { 'QUERY PLAN': string }[] = await ds().transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const params: string[] = [];
      const sql = searchSql(MENTION_DOCUMENT, searchTerms('thpt nguyen cong t') as SearchTerms, (v) => {
        params.push(v);
        return `$${params.length}`;
      });
      return m.query(`EXPLAIN SELECT id FROM mention m WHERE ${sql.where}`, params);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('mention_search_idx');
  });

  it('matches an alias added through PATCH /api/units/:code in the very next analysis', async () => {
    const title = 'Bé trường Cầu Vồng Sắc Màu Ecokids bị bỏng nước sôi, phụ huynh bức xúc';
    const summary = 'Sự việc xảy ra tại phường Hạnh Thông, TP.HCM.';
    const token = tokenFor(t.app, admin.id);
    const before = await call<AnalyzeTextResult>(t.baseUrl, 'POST', 'analyze', { token, body: { title, summary } });
    expect(before.status).toBe(200);
    expect(before.body.units.map((u) => u.code)).not.toContain(KINDERGARTEN);

    const patched = await call<UnitView>(t.baseUrl, 'PATCH', `units/${KINDERGARTEN}`, {
      token,
      body: { aliases: ['Cầu Vồng Sắc Màu Ecokids'] },
    });
    expect(patched.status).toBe(200);

    const after = await call<AnalyzeTextResult>(t.baseUrl, 'POST', 'analyze', { token, body: { title, summary } });
    expect(after.body.units.map((u) => u.code)).toContain(KINDERGARTEN);
    const itemId = await insertItem({ title, summary });
    await analysis.analysePending();
    expect((await mentionOf(itemId))?.unitCodes).toContain(KINDERGARTEN);
    // Nothing of the preview was stored.
    const stored: { n: number }[] = await ds().query(`SELECT count(*)::int AS n FROM mention WHERE title = $1`, [
      title,
    ]);
    expect(stored[0]?.n).toBe(1);
  });

  it('lets any signed-in person preview an analysis and refuses a malformed body', async () => {
    const token = tokenFor(t.app, principalA.id);
    const ok = await call<AnalyzeTextResult>(t.baseUrl, 'POST', 'analyze', {
      token,
      body: { title: 'hoc sinh truong thpt go vap bi danh hoi dong, phu huynh buc xuc' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ incident: true, sentiment: { label: 'negative' } });
    expect(ok.body.units.map((u) => u.code)).toEqual([SCHOOL_A]);
    expect((await call(t.baseUrl, 'POST', 'analyze', { token, body: { summary: 'no title' } })).status).toBe(400);
    expect((await call(t.baseUrl, 'POST', 'analyze', { body: { title: 'x' } })).status).toBe(401);
  });
});

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
