/**
 * What the analysis stage's readers see, against real PostgreSQL: mentions and stories scoped per school, the source
 * an item came from, search over titles, summaries and matched units by the index, an alias edited through the API
 * reaching the very next analysis, and the "try it" preview. Analysis is triggered by calling analysePending().
 */
import { randomBytes } from 'node:crypto';
import type { AnalyzeTextResult, MentionView, Page, StoryView, UnitView } from '@mw/shared';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { MentionEntity } from '../src/modules/analysis/mention.entity';
import { MENTION_DOCUMENT } from '../src/modules/analysis/mentions.service';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, type PersonRow } from './factories/person.factory';
import { foldedQuery, searchSql, searchTerms, type SearchTerms } from '../src/common/database/text-search';
import { useAnalysisTestApp } from './harness/analysis-app';
import type { TestApp } from './harness/test-app';

const SCHOOL_A = '79000724'; // THPT Gò Vấp
const SCHOOL_B = '79000725'; // THPT Nguyễn Công Trứ
const KINDERGARTEN = '7942638'; // Trường MN Global Ecokids

describe('analysis reads (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: PersonRow;
  let principalA: PersonRow;
  let analysis: AnalysisService;
  const { ds, insertSource, insertItem, mentionOf } = useAnalysisTestApp((app) => {
    ({ t, admin, analysis } = app);
  });

  beforeAll(async () => {
    principalA = await createPerson(ds(), { roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
  });

  it('shows a principal only the mentions and stories of their own school', async () => {
    // The principal's own school has news too, so the scoped list is not empty by accident.
    const itemA = await insertItem({ title: 'Trường THPT Gò Vấp khai giảng năm học mới với nhiều hoạt động' });
    const itemB = await insertItem({
      title: 'Học sinh trường THPT Nguyễn Công Trứ quận Gò Vấp bị ngộ độc thực phẩm sau bữa trưa',
      summary: 'Nhiều học sinh trường THPT Nguyễn Công Trứ (Gò Vấp) phải nhập viện.',
    });
    await analysis.analysePending();
    const mentionB = (await mentionOf(itemB)) as MentionEntity;
    expect(mentionB.unitCodes).toEqual([SCHOOL_B]);
    expect((await mentionOf(itemA))?.unitCodes).toEqual([SCHOOL_A]);
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
