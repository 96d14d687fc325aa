/**
 * Analysis on worker threads (MW_ANALYSIS_THREADS): the same items analysed on a thread and on the event loop are
 * stored as the same mentions in the same stories, step 1 really leaves the event loop, and a thread that fails
 * loses no item (each is retried alone, then marked failed).
 */
import type { DataSource } from 'typeorm';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { StoryAwareAnalyzer } from '../src/modules/analysis/pipeline/story-aware-analyzer';
import { AnalysisPool, threadCount } from '../src/modules/analysis/threads/analysis-pool';
import { createFeedItem, createFeedSource, type FeedItemInput } from './factories/feed-item.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const HOUR = 3_600_000;
const T0 = Date.now() - 48 * HOUR;

/** A morning's coverage: an incident told by three outlets, good news, a same-name school elsewhere, English. */
const ITEMS: (FeedItemInput & { outlet: string })[] = [
  {
    outlet: 'VnExpress',
    title: 'Học sinh trường THCS Nguyễn Du quận Gò Vấp bị bạn đánh hội đồng',
    summary:
      'Một nam sinh lớp 8 trường THCS Nguyễn Du (quận Gò Vấp) bị nhóm bạn đánh trong giờ ra chơi, phụ huynh bức xúc.',
  },
  {
    outlet: 'Tuổi Trẻ',
    title: 'Nam sinh lớp 8 ở Gò Vấp bị nhóm bạn đánh hội đồng trong giờ ra chơi',
    summary: 'Trường THCS Nguyễn Du, quận Gò Vấp đã mời phụ huynh các học sinh liên quan đến làm việc.',
  },
  {
    outlet: 'Thanh Niên',
    title: 'Vụ nam sinh THCS Nguyễn Du bị đánh hội đồng: nhà trường nói gì?',
    summary: 'Hiệu trưởng trường THCS Nguyễn Du (Gò Vấp) cho biết đã báo cáo Phòng GD-ĐT quận Gò Vấp.',
  },
  {
    outlet: 'Tuổi Trẻ',
    title: 'Trường Tiểu học Lê Quý Đôn quận Gò Vấp đạt giải nhất hội thi tin học trẻ',
    summary: 'Đội tuyển của trường đã xuất sắc giành giải nhất, được quận Gò Vấp khen thưởng.',
  },
  {
    outlet: 'Người Lao Động',
    title: 'Trường THCS Nguyễn Du quận 1 khai giảng năm học mới',
    summary: 'Sáng nay, thầy trò trường THCS Nguyễn Du, quận 1, TP.HCM dự lễ khai giảng.',
  },
  {
    outlet: 'VnExpress International',
    title: 'Go Vap secondary school students win city robotics contest',
    summary: 'A team from Nguyen Du Secondary School in Go Vap District took first prize.',
  },
  {
    outlet: 'VnExpress',
    title: 'Giá xăng dầu giảm nhẹ từ chiều nay',
    summary: 'Liên bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu.',
  },
];

interface Stored {
  title: string;
  unit_codes: string[];
  sentiment_label: string;
  sentiment_score: number;
  category: string;
  incident: boolean;
  severity: string | null;
  story: number;
}

/** Every mention of the app's database, with its story numbered by first appearance (ids differ between apps). */
async function storedMentions(ds: DataSource): Promise<Stored[]> {
  const rows: (Omit<Stored, 'story'> & { story_id: string })[] = await ds.query(
    `SELECT title, unit_codes, sentiment_label, sentiment_score, category, incident, severity, story_id
     FROM mention ORDER BY published_at, title`,
  );
  const stories = new Map<string, number>();
  return rows.map(({ story_id, ...row }) => {
    if (!stories.has(story_id)) stories.set(story_id, stories.size);
    return { ...row, story: stories.get(story_id) as number };
  });
}

async function analyseItems(t: TestApp): Promise<Stored[]> {
  const ds = t.db.dataSource;
  const sources = new Map<string, string>();
  for (const [k, item] of ITEMS.entries()) {
    let source = sources.get(item.outlet);
    if (!source) {
      source = await createFeedSource(ds, item.outlet, null, 2);
      sources.set(item.outlet, source);
    }
    await createFeedItem(ds, source, { ...item, publishedAt: new Date(T0 + k * HOUR) });
  }
  const summary = await t.app.get(AnalysisService).analysePending();
  expect(summary).toMatchObject({ analysed: ITEMS.length, failed: 0 });
  return storedMentions(ds);
}

describe('analysis on worker threads (real PostgreSQL)', () => {
  let threaded: TestApp;
  let onLoop: TestApp;

  beforeAll(async () => {
    const env = { MW_JWT_SECRET: 'a'.repeat(40), MW_SEED_SOURCES: 'false' };
    [threaded, onLoop] = await Promise.all([
      startTestApp({ ...env, MW_ANALYSIS_THREADS: '1' }),
      startTestApp({ ...env, MW_ANALYSIS_THREADS: '0' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([threaded?.close(), onLoop?.close()]);
  });

  it('stores the same mentions in the same stories as analysis on the event loop, analysing off the loop', async () => {
    expect(threaded.app.get(AnalysisPool).threads).toBe(1);
    const onThisThread = jest.spyOn(StoryAwareAnalyzer.prototype, 'tryProvisional');
    const pool = jest.spyOn(AnalysisPool.prototype, 'analyse');
    try {
      const viaThread = await analyseItems(threaded);
      // Step 1 ran on the thread only: this thread's analyzers analysed nothing.
      expect(pool).toHaveBeenCalled();
      expect(onThisThread).not.toHaveBeenCalled();
      pool.mockClear();
      const viaLoop = await analyseItems(onLoop);
      expect(pool).not.toHaveBeenCalled();
      expect(onThisThread).toHaveBeenCalledTimes(ITEMS.length);

      expect(viaThread).toEqual(viaLoop);
      // The comparison is about something: the incident's three reports are one story with a severity.
      const incident = viaThread.filter((m) => m.incident);
      expect(incident).toHaveLength(3);
      expect(new Set(incident.map((m) => m.story)).size).toBe(1);
      expect(incident.every((m) => m.severity !== null)).toBe(true);
      expect(viaThread.find((m) => m.title.includes('quận 1'))?.unit_codes).toEqual([]);
    } finally {
      onThisThread.mockRestore();
      pool.mockRestore();
    }
  });

  it('loses no item when the thread fails: each is retried alone, then marked failed, and the next run goes on', async () => {
    const ds = threaded.db.dataSource;
    const source = await createFeedSource(ds, 'Sài Gòn Giải Phóng', null, 2);
    const ids = [
      await createFeedItem(ds, source, { title: 'Trường Mầm non Hoa Hồng quận Gò Vấp tổ chức hội chợ xuân' }),
      await createFeedItem(ds, source, { title: 'Phụ huynh Gò Vấp phản ánh về khoản thu đầu năm học' }),
    ];
    const pool = jest
      .spyOn(AnalysisPool.prototype, 'analyse')
      .mockRejectedValue(new Error('the analysis thread failed: out of memory'));
    try {
      const summary = await threaded.app.get(AnalysisService).analysePending();
      expect(summary).toMatchObject({ analysed: 0, failed: 2 });
      // The batch, then each item alone (another lane may take one of them after the batch rolled back).
      const tried = pool.mock.calls.map(([task]) => task.inputs.map((input) => input.id).sort());
      expect(tried).toContainEqual([...ids].sort());
      for (const id of ids) expect(tried).toContainEqual([id]);
    } finally {
      pool.mockRestore();
    }
    const states: { analysis_state: string }[] = await ds.query(
      `SELECT analysis_state FROM feed_item WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(states.map((s) => s.analysis_state)).toEqual(['failed', 'failed']);
    const mentions: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM mention WHERE item_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(mentions[0]?.n).toBe(0);

    const next = await createFeedItem(ds, source, { title: 'Trường THCS Phan Tây Hồ quận Gò Vấp khai giảng' });
    expect(await threaded.app.get(AnalysisService).analysePending()).toMatchObject({ analysed: 1, failed: 0 });
    const stored: { unit_codes: string[] }[] = await ds.query(`SELECT unit_codes FROM mention WHERE item_id = $1`, [
      next,
    ]);
    expect(stored[0]?.unit_codes).toHaveLength(1);
  });

  it('abandons a batch that outlasts its time limit, naming the limit', async () => {
    const pool = new AnalysisPool(1, 1);
    try {
      await expect(
        pool.analyse({ version: 'v', units: [], inputs: [{ id: 'a', title: 'Tin giáo dục' }] }),
      ).rejects.toThrow('analysing the batch took longer than 1 ms and was abandoned');
    } finally {
      await pool.onApplicationShutdown();
    }
  });

  it('counts threads: auto leaves a core to the event loop, at least one, at most four', () => {
    expect(threadCount('auto', 1)).toBe(1);
    expect(threadCount('auto', 2)).toBe(1);
    expect(threadCount('auto', 8)).toBe(4);
    expect(threadCount(0, 8)).toBe(0);
    expect(threadCount(3, 2)).toBe(3);
  });
});
