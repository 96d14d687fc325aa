/**
 * The mention's stored search document (migration MentionSearchDocument1796600000000): the application's tsvector
 * (`searchVector`) equals what PostgreSQL computes from the same text, or is left to PostgreSQL; a row written
 * without one gets it from the trigger, and a changed title gets a new one.
 */
import type { DataSource } from 'typeorm';
import { searchVector } from '../src/common/database/text-search';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { createFeedItem, createFeedSource } from './factories/feed-item.factory';
import { createMention, createSource } from './factories/mention.factory';
import { startTestApp, type TestApp } from './harness/test-app';

/** The document expression of the index before the stored column, over literal texts. */
const DATABASE_DOCUMENT = `setweight(to_tsvector('simple'::regconfig, mw_fold($1::text)), 'A')
  || setweight(to_tsvector('simple'::regconfig, mw_fold($2::text)), 'B')`;

/** Titles and summaries as outlets write them, plain and less plain. */
const PLAIN: [string, string][] = [
  [
    'Trường THCS Nguyễn Du quận Gò Vấp: học sinh bị đánh hội đồng',
    'Một nam sinh lớp 8 bị nhóm bạn đánh trong giờ ra chơi; phụ huynh bức xúc, yêu cầu làm rõ.',
  ],
  ['“Cô giáo của em” – bài thơ đoạt giải', 'Em viết về cô… và những buổi chiều ở trường (quận Gò Vấp).'],
  ['Go Vap secondary school students win first prize!', "The team's robot won 1st place at the city contest."],
  ['Học phí năm 2025 tăng 10%', 'Mức thu mới áp dụng từ ngày 1? Không: từ tháng 9 , theo quyết định số 12'],
  ['Ấn tượng ĐẶNG VĂN NGỮ', 'Thầy Đỗ Ưng Ơn nói: "các em hãy tự tin"'],
  ['xin chào', ''],
  ['', 'Chỉ có phần tóm tắt, không có tiêu đề'],
  ['lặp lại lặp lại lặp lại lặp lại', 'lặp lại'],
];
/** Text PostgreSQL's parser reads as more than words (hosts, decimals, hyphenated words, tags) or other scripts. */
const LEFT_TO_DATABASE: [string, string][] = [
  ['Sở GD-ĐT TP.HCM công bố điểm chuẩn lớp 10', ''],
  ['Điểm chuẩn 22.5 điểm', ''],
  ['Xem tại https://vnexpress.net/giao-duc', ''],
  ['Năm học 2025-2026', ''],
  ['Tin <b>mới</b>', ''],
  ['Học sinh &amp; phụ huynh', ''],
  ['Hợp tác với Đại học 北京', ''],
  ['Em bé vui 😊', ''],
  ['«Trích dẫn»', ''],
  ['Giá vàng ~80 triệu', ''],
  ['Tài khoản dùng chung.. trái quy định', ''],
];

describe('mention search document (real PostgreSQL)', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ MW_JWT_SECRET: 'a'.repeat(40), MW_SEED_SOURCES: 'false' });
    ds = t.db.dataSource;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function databaseDocument(a: string, b: string): Promise<string> {
    const rows: { doc: string }[] = await ds.query(`SELECT (${DATABASE_DOCUMENT})::text AS doc`, [a, b]);
    return (rows[0] as { doc: string }).doc;
  }

  async function sameAsDatabase(literal: string, a: string, b: string): Promise<boolean> {
    const rows: { same: boolean }[] = await ds.query(`SELECT $3::tsvector = (${DATABASE_DOCUMENT}) AS same`, [
      a,
      b,
      literal,
    ]);
    return (rows[0] as { same: boolean }).same;
  }

  it('computes plain text exactly as PostgreSQL does: words, positions and weights', async () => {
    for (const [a, b] of PLAIN) {
      const literal = searchVector([a], [b]);
      expect({ a, literal: literal === undefined ? 'left to the database' : 'computed' }).toEqual({
        a,
        literal: 'computed',
      });
      const same = await sameAsDatabase(literal as string, a, b);
      if (!same) {
        expect({ a, ours: literal, database: await databaseDocument(a, b) }).toBeUndefined();
      }
    }
  });

  it('leaves to PostgreSQL the text its parser reads as more than words', async () => {
    for (const [a, b] of LEFT_TO_DATABASE)
      expect({ a, literal: searchVector([a], [b]) }).toEqual({ a, literal: undefined });
  });

  it('stores what the analysis writes with the same document PostgreSQL computes from the stored row', async () => {
    const source = await createFeedSource(ds, 'Tuổi Trẻ', null, 2);
    for (const [title, summary] of [...PLAIN, ...LEFT_TO_DATABASE]) {
      if (title) await createFeedItem(ds, source, { title, summary });
    }
    const summary = await t.app.get(AnalysisService).analysePending();
    expect(summary.analysed).toBeGreaterThan(PLAIN.length);
    const rows: { n: number; differing: number; named: number }[] = await ds.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE units <> '[]'::jsonb)::int AS named,
              count(*) FILTER (WHERE search_doc <> setweight(to_tsvector('simple'::regconfig,
                mw_fold(coalesce(title, '') || ' ' || coalesce(jsonb_path_query_array(units, '$[*].name')::text, ''))),
                'A') || setweight(to_tsvector('simple'::regconfig, mw_fold(coalesce(summary, ''))), 'B'))::int
                AS differing
       FROM mention`,
    );
    expect(rows[0]).toMatchObject({ n: summary.analysed, differing: 0 });
    // The units' names are in the document: some of these items name a Gò Vấp school.
    expect(rows[0]?.named).toBeGreaterThan(0);
  });

  it('fills the document of a row written without one, and writes it again when the title changes', async () => {
    const sourceId = await createSource(ds);
    const mention = await createMention(ds, {
      sourceId,
      unitCodes: ['79000725'],
      title: 'Trường THPT Nguyễn Công Trứ tổ chức hội trại',
    });
    const docOf = async () =>
      (
        (await ds.query(`SELECT search_doc::text AS doc FROM mention WHERE id = $1`, [mention.id])) as { doc: string }[]
      )[0]?.doc;
    expect(await docOf()).toContain("'hoi':");
    await ds.query(`UPDATE mention SET title = 'Trường THPT Nguyễn Công Trứ khai giảng' WHERE id = $1`, [mention.id]);
    const after = await docOf();
    expect(after).toContain("'khai':");
    expect(after).not.toContain("'hoi':");
  });
});
