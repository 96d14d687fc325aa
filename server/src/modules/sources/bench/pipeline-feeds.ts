/**
 * The feeds `npm run bench -- pipeline` replays. With the news archive at hand (../shared/reference/news-archive/,
 * never part of the project) they are its real items: one RSS 2.0 document per outlet and ISO week, as the outlets
 * published them, split in two where a week holds more items than a feed document may (MAX_FEED_ITEMS). Without
 * the archive they are a generated year written here from our own phrase lists (seeded, so two runs replay the same
 * text), about 1% of it naming Gò Vấp schools so the incident intake has work. Nothing is written to disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** Items per feed document: under the parser's cap of 1,000 with room to spare. */
export const ITEMS_PER_FEED = 900;

export interface BenchItem {
  id: string;
  outlet: string;
  published: string;
  url: string;
  title: string;
  summary: string;
}

export interface BenchFeed {
  /** Path on the feed server, e.g. /feeds/0042.rss. */
  path: string;
  outlet: string;
  body: Buffer;
  items: number;
}

export interface BenchFeedSet {
  /** Where the items come from, said in the bench's output. */
  description: string;
  feeds: BenchFeed[];
  items: number;
}

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const ARCHIVE_RELATIVE = 'shared/reference/news-archive/items.jsonl.gz';

/**
 * `shared/reference/news-archive/items.jsonl.gz` beside the repository or beside one of its parent folders (a git
 * worktree sits a level or two deeper than the main checkout); undefined when there is none.
 */
export function findArchive(): string | undefined {
  let dir = path.dirname(REPO_ROOT);
  for (let up = 0; up < 3; up++) {
    const candidate = path.resolve(dir, ARCHIVE_RELATIVE);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The archive's items (optionally the first `limit` in publication order), or null when the archive is absent. */
export function readArchive(limit?: number): BenchItem[] | null {
  const archive = findArchive();
  if (!archive) return null;
  const items = zlib
    .gunzipSync(fs.readFileSync(archive))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BenchItem)
    .sort((a, b) => Date.parse(a.published) - Date.parse(b.published) || (a.id < b.id ? -1 : 1));
  return limit === undefined ? items : items.slice(0, limit);
}

/** ISO week of an instant in Asia/Ho_Chi_Minh, as "2025-W32". */
function isoWeek(published: string): string {
  const local = new Date(Date.parse(published) + 7 * 3_600_000);
  const day = (local.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - day + 3));
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const xmlText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** RFC 822 date with the +0700 offset Vietnamese outlets use. */
function rfc822(published: string): string {
  const local = new Date(Date.parse(published) + 7 * 3_600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${days[local.getUTCDay()]}, ${two(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} +0700`
  );
}

function rssDocument(outlet: string, items: readonly BenchItem[]): Buffer {
  // Newest first, as outlets list them.
  const entries = [...items]
    .reverse()
    .map(
      (item) =>
        `<item>\n<title>${xmlText(item.title)}</title>\n<link>${xmlText(item.url)}</link>\n` +
        `<guid isPermaLink="false">${xmlText(item.id)}</guid>\n<description>${cdata(item.summary)}</description>\n` +
        `<pubDate>${rfc822(item.published)}</pubDate>\n</item>`,
    );
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n<title>${xmlText(outlet)}</title>\n` +
      `<link>https://bench.invalid/</link>\n<description>${xmlText(outlet)}</description>\n${entries.join('\n')}\n` +
      `</channel>\n</rss>\n`,
    'utf8',
  );
}

/** One feed per outlet and ISO week (split where a week exceeds ITEMS_PER_FEED), in publication order. */
export function weeklyFeeds(items: readonly BenchItem[]): BenchFeed[] {
  const groups = new Map<string, BenchItem[]>();
  for (const item of items) {
    const key = `${isoWeek(item.published)}|${item.outlet}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  const feeds: BenchFeed[] = [];
  for (const [key, group] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const outlet = key.slice(key.indexOf('|') + 1);
    const parts = Math.ceil(group.length / ITEMS_PER_FEED);
    const size = Math.ceil(group.length / parts);
    for (let i = 0; i < group.length; i += size) {
      const chunk = group.slice(i, i + size);
      feeds.push({
        path: `/feeds/${String(feeds.length).padStart(4, '0')}.rss`,
        outlet,
        body: rssDocument(outlet, chunk),
        items: chunk.length,
      });
    }
  }
  return feeds;
}

/** Small, fast and seeded (mulberry32). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const OUTLETS = ['Thanh Niên', 'Tuổi Trẻ', 'VnExpress', 'Người Lao Động', 'Dân trí'];
const PLACES = [
  'TP.HCM',
  'Hà Nội',
  'Đà Nẵng',
  'Cần Thơ',
  'Bình Dương',
  'Đồng Nai',
  'Khánh Hòa',
  'Nghệ An',
  'Thanh Hóa',
  'Lâm Đồng',
  'Quảng Ninh',
  'An Giang',
];
const SUBJECTS = [
  'Sở Giao thông vận tải',
  'Ủy ban nhân dân phường',
  'Công an thành phố',
  'Bệnh viện Chợ Rẫy',
  'Ngân hàng Nhà nước',
  'Hiệp hội doanh nghiệp',
  'Câu lạc bộ bóng đá',
  'Tổng công ty điện lực',
  'Ban quản lý dự án',
  'Cục quản lý thị trường',
  'Trung tâm y tế quận',
  'Đội tuyển bóng chuyền nữ',
  'Công ty cấp nước',
  'Hội nông dân tỉnh',
];
const ACTIONS = [
  'công bố kế hoạch',
  'khởi công',
  'kiểm tra đột xuất',
  'đề xuất điều chỉnh',
  'tạm dừng',
  'hoàn thành giai đoạn một của',
  'lấy ý kiến người dân về',
  'ký kết hợp tác về',
  'xử phạt vi phạm trong',
  'tăng cường giám sát',
  'thông tin chính thức về',
  'đón nhận bằng khen nhờ',
];
const OBJECTS = [
  'tuyến metro số 2',
  'giá điện sinh hoạt',
  'dự án nhà ở xã hội',
  'mùa mưa bão năm nay',
  'chợ đầu mối nông sản',
  'giải vô địch quốc gia',
  'tiêm chủng mở rộng',
  'cầu vượt nút giao',
  'cải tạo kênh rạch',
  'xuất khẩu gạo',
  'chuyển đổi số trong dịch vụ công',
  'an toàn thực phẩm dịp lễ',
  'thu hồi đất làm đường vành đai',
  'lễ hội văn hóa ẩm thực',
  'giá vàng trong nước',
];
const DETAILS = [
  'Theo kế hoạch, công việc sẽ hoàn tất trước cuối năm.',
  'Người dân được đề nghị theo dõi thông báo trên cổng thông tin.',
  'Nhiều ý kiến cho rằng cần có lộ trình rõ ràng hơn.',
  'Đơn vị chức năng cho biết đã bố trí lực lượng túc trực.',
  'Con số này tăng gần 12% so với cùng kỳ năm trước.',
  'Lãnh đạo địa phương yêu cầu báo cáo kết quả trong tuần tới.',
  'Chuyên gia khuyến cáo người dân không nên hoang mang.',
  'Kinh phí thực hiện lấy từ ngân sách thành phố.',
  'Sự việc đang được cơ quan chức năng xác minh làm rõ.',
  'Đây là lần đầu tiên mô hình này được triển khai.',
];
/** Gò Vấp units as the news names them, and what happens to them. */
const SCHOOLS = [
  'Trường THCS Nguyễn Du (quận Gò Vấp)',
  'Trường Tiểu học Kim Đồng, Q.Gò Vấp',
  'Trường THPT Nguyễn Công Trứ ở Gò Vấp',
  'Trường Mầm non Hoa Lan, quận Gò Vấp',
  'Trường THCS Phan Tây Hồ (phường An Nhơn, TP.HCM)',
];
const SCHOOL_EVENTS = [
  'nhiều học sinh đau bụng sau bữa ăn bán trú',
  'phụ huynh phản ánh khoản thu đầu năm vượt quy định',
  'giáo viên bị tố đánh học sinh trong giờ học',
  'học sinh đoạt huy chương vàng olympic toán',
  'tổ chức ngày hội đọc sách cho học sinh',
  'mái che sân trường bị sập sau cơn mưa lớn',
];

/** A generated year of news (`count` items over 52 weeks and five outlets), about 1% of it about Gò Vấp schools. */
export function generatedItems(count: number, seed = 20260101): BenchItem[] {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const start = Date.parse('2025-08-04T00:00:00+07:00');
  const span = 52 * 7 * 86_400_000;
  const items: BenchItem[] = [];
  for (let i = 0; i < count; i++) {
    const published = new Date(start + Math.floor((i / count) * span) + Math.floor(random() * 3_600_000));
    const outlet = pick(OUTLETS);
    let title: string;
    let summary: string;
    if (random() < 0.01) {
      const school = pick(SCHOOLS);
      const event = pick(SCHOOL_EVENTS);
      title = `${school}: ${event}`;
      summary = `Sáng ${published.getUTCDate()}/${published.getUTCMonth() + 1}, ${school} ${event}. ${pick(DETAILS)}`;
    } else {
      const place = pick(PLACES);
      title = `${place}: ${pick(SUBJECTS)} ${pick(ACTIONS)} ${pick(OBJECTS)}`;
      summary =
        `${pick(SUBJECTS)} ${place} ${pick(ACTIONS)} ${pick(OBJECTS)} với ${10 + Math.floor(random() * 990)} ` +
        `hạng mục. ${pick(DETAILS)} ${pick(DETAILS)}`;
    }
    items.push({
      id: `gen-${seed}-${i}`,
      outlet,
      published: published.toISOString(),
      url: `https://bench.invalid/${encodeURIComponent(outlet)}/bai-${i}.html`,
      title,
      summary,
    });
  }
  return items;
}

/** The archive's year when it is at hand, else `generatedCount` generated items; `limit` keeps the first items. */
export function benchFeedSet(options: { limit?: number; generatedCount?: number } = {}): BenchFeedSet {
  const archive = readArchive(options.limit);
  if (archive) {
    return {
      description: `the news archive, ${archive.length} real items`,
      feeds: weeklyFeeds(archive),
      items: archive.length,
    };
  }
  const count = options.limit ?? options.generatedCount ?? 120_000;
  return {
    description: `no news archive beside the repository (../shared/reference/news-archive/): a generated year of ${count} items`,
    feeds: weeklyFeeds(generatedItems(count)),
    items: count,
  };
}
