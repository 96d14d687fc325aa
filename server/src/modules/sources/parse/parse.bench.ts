/**
 * Parse throughput on a synthetic 500-item, ~1 MB Vietnamese feed in the 2025 VnExpress shape (CDATA summaries
 * with <a><img></a></br>, a bare & in every enclosure URL, so the XML guard has real repairs to do). Built in
 * memory from our own phrase list, so it needs no reference data. The lead adds the store step.
 */
import Parser from 'rss-parser';

import { parseFeed } from './feed-parser';
import { guardXml } from './xml-guard';

export interface IngestParseBenchResult {
  items: number;
  feedBytes: number;
  parseOnlyItemsPerSecond: number;
  parseAndNormaliseItemsPerSecond: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
}

const SUBJECTS = [
  'Trường THCS Nguyễn Du (quận Gò Vấp)',
  'Trường Tiểu học Kim Đồng',
  'Trường Mầm non Hoa Lan',
  'Trường THCS Phan Tây Hồ, phường An Nhơn',
  'Trường THPT Nguyễn Công Trứ',
  'Phòng Giáo dục và Đào tạo',
  'Ban đại diện cha mẹ học sinh',
  'Trường TH Lê Văn Thọ, phường Thông Tây Hội',
];
const VERBS = [
  'tổ chức họp phụ huynh về',
  'công bố kế hoạch',
  'bị phản ánh chậm trễ trong',
  'được khen thưởng nhờ',
  'lấy ý kiến giáo viên về',
  'điều chỉnh thời khóa biểu cho',
];
const OBJECTS = [
  'các khoản thu đầu năm học',
  'bữa ăn bán trú của học sinh',
  'kỳ thi tuyển sinh lớp 10',
  'việc dạy thêm, học thêm',
  'an toàn giao thông trước cổng trường',
  'chương trình giáo dục phổ thông mới',
];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A deterministic RSS 2.0 document of `count` items; about 2 KB of text each. */
export function buildBenchFeed(count = 500): string {
  const random = seeded(20250909);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const sentence = (): string => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}.`;
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = 4900000 + i;
    const url = `https://vnexpress.net/bai-viet-giao-duc-${id}.html`;
    const image = `https://i1-vnexpress.vnecdn.net/2025/09/09/anh-${id}.jpg?w=1200&h=0&q=100&dpr=1&fit=crop&s=${id}`;
    const summary = Array.from({ length: 14 }, sentence).join(' ');
    const minute = String(i % 60).padStart(2, '0');
    items.push(
      `<item>\n<title>${sentence()}</title>\n<description>\n<![CDATA[ <a href="${url}"><img src="${image}"></a></br>${summary} ]]>\n</description>\n` +
        `<pubDate>Tue, 09 Sep 2025 ${String(i % 24).padStart(2, '0')}:${minute}:00 +0700</pubDate>\n<link>${url}?utm_source=rss</link>\n<guid>${url}</guid>\n` +
        `<enclosure type="image/jpeg" length="1200" url="${image}"/>\n</item>`,
    );
  }
  return `<rss version="2.0">\n<channel>\n<title>Giáo dục - VnExpress RSS</title>\n<link>https://vnexpress.net/rss/giao-duc.rss</link>\n${items.join('\n')}\n</channel>\n</rss>\n`;
}

async function timeRuns(runs: number, task: () => Promise<number>, sample: () => void): Promise<number> {
  await task();
  const start = process.hrtime.bigint();
  let items = 0;
  for (let i = 0; i < runs; i++) {
    items += await task();
    sample();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return items / seconds;
}

export async function runIngestParseBench(
  options: { items?: number; runs?: number; log?: (line: string) => void } = {},
): Promise<IngestParseBenchResult> {
  const count = options.items ?? 500;
  const runs = options.runs ?? 5;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const xml = buildBenchFeed(count);
  const feedBytes = Buffer.byteLength(xml, 'utf8');
  const baseUrl = 'https://vnexpress.net/rss/giao-duc.rss';
  const rawParser = new Parser();
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = (): void => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };

  // "Parse only": the XML guard (needed: rss-parser refuses this shape without it) plus rss-parser, no cleanup.
  const parseOnly = await timeRuns(runs, async () => (await rawParser.parseString(guardXml(xml))).items.length, sample);
  const parseAndNormalise = await timeRuns(
    runs,
    async () => (await parseFeed(xml, { kind: 'rss', baseUrl })).length,
    sample,
  );

  const result: IngestParseBenchResult = {
    items: count,
    feedBytes,
    parseOnlyItemsPerSecond: Math.round(parseOnly),
    parseAndNormaliseItemsPerSecond: Math.round(parseAndNormalise),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakHeapUsedMb: Math.round(peakHeap / 1024 / 1024),
  };
  log(`ingest parse bench: ${count} items, ${(feedBytes / 1024 / 1024).toFixed(2)} MB feed, ${runs} runs each`);
  log(`  parse only (guard + rss-parser):     ${result.parseOnlyItemsPerSecond} items/s`);
  log(`  parse + normalise (parseFeed):        ${result.parseAndNormaliseItemsPerSecond} items/s`);
  log(`  peak RSS ${result.peakRssMb} MB, peak heap used ${result.peakHeapUsedMb} MB`);
  return result;
}
