/**
 * A year of coverage for the report benchmark, written straight into the real schema in batches (unnest inserts):
 * what the analysis stage and the incident intake leave behind, in realistic proportions, without running them.
 *
 * - Stories: one event told by 1 to 9 outlets (most by one or two) over up to two days; a quarter of the outlets'
 *   articles arrive twice (the outlet's RSS and a Google News search), so articles (story, outlet pairs) are fewer
 *   than mentions, as in production.
 * - Time: 52 weeks before `end`, more on weekdays and office hours, scaled by the school calendar (Tết, summer and
 *   the exam seasons quieter, the school-year start busier): the same factors the spike detector uses.
 * - Units: Gò Vấp's seeded units weighted by a Zipf law (a few schools get most of the news); 6% of stories are about
 *   the office only (district news), 4% name two schools, 8% name no Gò Vấp unit at all (another district's school).
 * - Tone and topic: 12% negative, 58% neutral, 30% positive; negative stories take an incident category, the others
 *   one of the plan's themes; a few hundred negative stories open a ticket, with its units, mentions, assignment-free
 *   escalation steps and per-transition timestamps (acknowledged after minutes to a day; some resolved, dismissed or
 *   merged); every positive mention about a unit is queued as good news.
 * Deterministic (a seeded generator), so two runs measure the same data.
 */
import { randomUUID } from 'node:crypto';
import { OFFICE_UNIT_CODE, localDay, type Category, type SentimentLabel, type Severity } from '@mw/shared';
import type { DataSource } from 'typeorm';
import { dayFactor } from '../spikes/school-calendar';

export interface BenchDataOptions {
  /** Mentions to write (feed items, one mention each). */
  mentions: number;
  /** The instant the year of coverage ends (exclusive). */
  end: Date;
  seed?: number;
}

export interface BenchDataSummary {
  mentions: number;
  articles: number;
  stories: number;
  incidents: number;
  escalationSteps: number;
  goodNews: number;
  outlets: number;
  units: number;
  seconds: number;
}

const DAY_MS = 86_400_000;
const BATCH = 5_000;

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

/** Picks by weight: the cumulative table is built once. */
function picker<T>(items: readonly T[], weights: readonly number[], random: () => number): () => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  };
}

/** Outlets that cover Gò Vấp's schools, with how often each does (press, TV, official portals, parents' groups). */
const OUTLETS: { outlet: string; kind: 'rss' | 'social'; weight: number; reach: number }[] = [
  { outlet: 'Tuổi Trẻ', kind: 'rss', weight: 14, reach: 3 },
  { outlet: 'Thanh Niên', kind: 'rss', weight: 13, reach: 3 },
  { outlet: 'VnExpress', kind: 'rss', weight: 12, reach: 3 },
  { outlet: 'Người Lao Động', kind: 'rss', weight: 9, reach: 2.5 },
  { outlet: 'Sài Gòn Giải Phóng', kind: 'rss', weight: 8, reach: 2.5 },
  { outlet: 'Pháp Luật TP.HCM', kind: 'rss', weight: 7, reach: 2 },
  { outlet: 'Dân Trí', kind: 'rss', weight: 7, reach: 2.5 },
  { outlet: 'Giáo dục & Thời đại', kind: 'rss', weight: 6, reach: 2 },
  { outlet: 'VietNamNet', kind: 'rss', weight: 5, reach: 2 },
  { outlet: 'Znews', kind: 'rss', weight: 5, reach: 2 },
  { outlet: 'Lao Động', kind: 'rss', weight: 4, reach: 2 },
  { outlet: 'Tiền Phong', kind: 'rss', weight: 3, reach: 2 },
  { outlet: 'Công an TP.HCM', kind: 'rss', weight: 3, reach: 2 },
  { outlet: 'HTV', kind: 'rss', weight: 3, reach: 2 },
  { outlet: 'Báo Giáo dục TP.HCM', kind: 'rss', weight: 3, reach: 1.5 },
  { outlet: 'Cổng thông tin quận Gò Vấp', kind: 'rss', weight: 2, reach: 1 },
  { outlet: 'VOV', kind: 'rss', weight: 2, reach: 2 },
  { outlet: 'Kênh 14', kind: 'rss', weight: 2, reach: 1.5 },
  { outlet: 'Nhóm phụ huynh Gò Vấp', kind: 'social', weight: 4, reach: 1 },
  { outlet: 'Cộng đồng Gò Vấp', kind: 'social', weight: 3, reach: 1 },
];

const NEGATIVE: Category[] = [
  'violence_bullying',
  'abuse_sexual_misconduct',
  'teacher_conduct',
  'food_safety',
  'accident_injury',
  'fees_finances',
  'exams_admissions',
  'facilities_safety',
  'health_epidemics',
  'disasters_weather',
  'misinformation',
];
const NEGATIVE_WEIGHTS = [14, 3, 10, 9, 8, 16, 8, 9, 6, 4, 3];
const THEMES: Category[] = [
  'management_reform',
  'safety_health',
  'ethics_culture',
  'curriculum_awards',
  'exams_quality',
  'digital_international',
  'other',
];
const THEME_WEIGHTS = [8, 9, 10, 24, 14, 9, 26];

/** Headline patterns per topic; {u} is the unit's name. Written for the bench, in the outlets' register. */
const HEADLINES: Record<string, string[]> = {
  violence_bullying: [
    'Học sinh {u} bị nhóm bạn đánh hội đồng, phụ huynh bức xúc',
    'Xác minh clip nữ sinh {u} bị bắt nạt',
  ],
  abuse_sexual_misconduct: ['Phụ huynh tố giáo viên {u} có hành vi không đúng mực với học sinh'],
  teacher_conduct: [
    'Giáo viên {u} bị phản ánh xúc phạm học sinh trong giờ học',
    'Phụ huynh tố cô giáo {u} ép học thêm',
  ],
  food_safety: ['Nhiều học sinh {u} đau bụng sau bữa trưa bán trú', 'Kiểm tra bếp ăn {u} sau phản ánh thực phẩm kém'],
  accident_injury: ['Học sinh {u} bị thương do cành cây gãy trong sân trường', 'Tai nạn trong giờ thể dục tại {u}'],
  fees_finances: [
    'Phụ huynh {u} phản ánh khoản thu đầu năm cao bất thường',
    'Quận Gò Vấp yêu cầu {u} giải trình các khoản thu',
  ],
  exams_admissions: ['Lộ đề kiểm tra học kỳ tại {u}?', 'Phụ huynh khiếu nại điểm tuyển sinh lớp 6 của {u}'],
  facilities_safety: ['Trần phòng học {u} bong tróc, phụ huynh lo lắng', 'Cổng trường {u} ngập sau mưa lớn'],
  health_epidemics: ['Nhiều trẻ {u} mắc tay chân miệng', 'Học sinh {u} nghỉ học vì sốt xuất huyết'],
  disasters_weather: ['Cây xanh ngã đè mái che {u} sau giông lốc'],
  misinformation: ['Thông tin {u} cho học sinh nghỉ học là sai sự thật'],
  management_reform: [
    '{u} thí điểm mô hình quản lý trường học mới',
    'Quận Gò Vấp sắp xếp lại mạng lưới trường, {u} mở rộng',
  ],
  safety_health: ['{u} diễn tập phòng cháy chữa cháy cho học sinh', 'Khám sức khỏe định kỳ cho học sinh {u}'],
  ethics_culture: ['{u} tổ chức ngày hội văn hóa đọc', 'Học sinh {u} tri ân thầy cô nhân ngày 20/11'],
  curriculum_awards: [
    'Học sinh {u} đoạt giải nhất cuộc thi khoa học kỹ thuật thành phố',
    '{u} đạt chuẩn quốc gia mức độ 2',
  ],
  exams_quality: ['{u} công bố kết quả kiểm định chất lượng', 'Tỉ lệ đậu lớp 10 của {u} tăng mạnh'],
  digital_international: [
    '{u} ứng dụng trí tuệ nhân tạo vào giảng dạy',
    'Học sinh {u} giao lưu với trường bạn Nhật Bản',
  ],
  other: [
    '{u} khai giảng năm học mới',
    'Phụ huynh {u} cùng trồng cây xanh trong sân trường',
    '{u} đón đoàn kiểm tra của quận',
  ],
};
const DISTRICT_HEADLINES = [
  'Phòng Giáo dục và Đào tạo quận Gò Vấp tổng kết năm học',
  'Gò Vấp tuyển dụng giáo viên cho năm học mới',
  'Quận Gò Vấp triển khai chuyển đổi số trong các trường học',
];
const OTHER_DISTRICT = [
  'Trường THCS Nguyễn Du (quận 1)',
  'Trường Tiểu học Lê Văn Tám (Bình Thạnh)',
  'Trường THPT Lê Quý Đôn (quận 3)',
];

interface Unit {
  code: string;
  name: string;
}

interface MentionRow {
  id: string;
  itemId: string;
  sourceId: string;
  title: string;
  summary: string;
  url: string;
  outlet: string;
  publishedAt: Date | null;
  seenAt: Date;
  unitCodes: string[];
  units: string;
  score: number;
  label: SentimentLabel;
  category: Category;
  incident: boolean;
  severity: Severity | null;
  storyId: string;
  reach: number;
  analysedAt: Date;
}

/** Writes the year of coverage; `units` are read from the seeded unit table. */
export async function writeBenchData(ds: DataSource, options: BenchDataOptions): Promise<BenchDataSummary> {
  const started = Date.now();
  const random = generator(options.seed ?? 20261130);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));

  const unitRows: Unit[] = await ds.query(`SELECT code, name FROM unit WHERE code <> $1 AND active ORDER BY code`, [
    OFFICE_UNIT_CODE,
  ]);
  if (unitRows.length === 0) throw new Error('no units seeded: boot the application once before writing bench data');
  const officeRows: Unit[] = await ds.query(`SELECT code, name FROM unit WHERE code = $1`, [OFFICE_UNIT_CODE]);
  const office = officeRows[0] ?? { code: OFFICE_UNIT_CODE, name: 'Phòng Giáo dục và Đào tạo quận Gò Vấp' };
  // Zipf over a shuffled order, so the busiest schools are not simply the first codes.
  const shuffled = [...unitRows].sort(() => random() - 0.5);
  const pickUnit = picker(
    shuffled,
    shuffled.map((_, i) => 1 / (i + 1) ** 0.8),
    random,
  );

  const sources = new Map<string, { rss: string; search: string }>();
  for (const o of OUTLETS) {
    const ids = { rss: randomUUID(), search: randomUUID() };
    sources.set(o.outlet, ids);
    await ds.query(
      `INSERT INTO source (id, name, outlet, url, kind, enabled, reach_weight) VALUES
         ($1, $2, $3, $4, $5, false, $6), ($7, $8, $3, $9, 'search', false, 1)`,
      [
        ids.rss,
        `${o.outlet} – Giáo dục`,
        o.outlet,
        `https://bench.invalid/${ids.rss}/rss`,
        o.kind,
        o.reach,
        ids.search,
        `Google News: ${o.outlet} Gò Vấp`,
        `https://bench.invalid/${ids.search}/search`,
      ],
    );
  }
  const pickOutlet = picker(
    OUTLETS,
    OUTLETS.map((o) => o.weight),
    random,
  );
  const pickNegative = picker(NEGATIVE, NEGATIVE_WEIGHTS, random);
  const pickTheme = picker(THEMES, THEME_WEIGHTS, random);

  // Days of the year with their weight: weekdays busier than weekends, the school calendar's factors.
  const start = options.end.getTime() - 364 * DAY_MS;
  const days: number[] = [];
  const dayWeights: number[] = [];
  for (let d = 0; d < 364; d++) {
    const at = start + d * DAY_MS;
    const weekday = new Date(at + 7 * 3_600_000).getUTCDay();
    days.push(at);
    dayWeights.push(dayFactor(localDay(new Date(at)), null) * (weekday === 0 || weekday === 6 ? 0.55 : 1.1));
  }
  const pickDay = picker(days, dayWeights, random);
  /** An instant in a day, mostly between 06:00 and 22:00 local. */
  const timeIn = (day: number) => day + (random() < 0.9 ? between(6, 22) : between(0, 24)) * 3_600_000;

  const mentions: MentionRow[] = [];
  const stories: {
    id: string;
    key: string;
    title: string;
    firstOutlet: string;
    first: Date;
    last: Date;
    units: string[];
    outlets: string[];
    count: number;
  }[] = [];
  const incidentStories: { storyId: string; mentions: MentionRow[]; severity: Severity; category: Category }[] = [];
  let articles = 0;
  while (mentions.length < options.mentions) {
    const storyId = randomUUID();
    const r = random();
    let units: Unit[];
    let about: string;
    if (r < 0.06) {
      units = [office];
      about = '';
    } else if (r < 0.14) {
      units = [];
      about = OTHER_DISTRICT[int(0, OTHER_DISTRICT.length - 1)] as string;
    } else if (r < 0.18) {
      const a = pickUnit();
      let b = pickUnit();
      while (b.code === a.code) b = pickUnit();
      units = [a, b];
      about = `${a.name} và ${b.name}`;
    } else {
      const a = pickUnit();
      units = random() < 0.3 ? [a, office] : [a];
      about = a.name;
    }
    const toneDraw = random();
    const label: SentimentLabel = toneDraw < 0.12 ? 'negative' : toneDraw < 0.7 ? 'neutral' : 'positive';
    const category = label === 'negative' ? pickNegative() : pickTheme();
    const pattern =
      about === ''
        ? (DISTRICT_HEADLINES[int(0, DISTRICT_HEADLINES.length - 1)] as string)
        : ((HEADLINES[category] as string[])[int(0, (HEADLINES[category] as string[]).length - 1)] as string);
    const title = pattern.replace('{u}', about);
    // Most stories are told once or twice; a few by most of the press.
    const spread = random() < 0.55 ? 1 : random() < 0.7 ? int(2, 3) : int(4, 9);
    const outlets = new Set<string>();
    while (outlets.size < spread) outlets.add(pickOutlet().outlet);
    const opensTicket = label === 'negative' && units.length > 0 && random() < 0.09;
    const severity: Severity | null =
      label === 'negative' ? (random() < 0.05 ? 'S1' : random() < 0.2 ? 'S2' : random() < 0.75 ? 'S3' : 'S4') : null;
    const first = timeIn(pickDay());
    const storyMentions: MentionRow[] = [];
    for (const outlet of outlets) {
      const o = OUTLETS.find((x) => x.outlet === outlet) as (typeof OUTLETS)[number];
      const ids = sources.get(outlet) as { rss: string; search: string };
      const recorded = new Date(first + (storyMentions.length === 0 ? 0 : between(0.1, 48) * 3_600_000));
      const copies = random() < 0.25 ? 2 : 1;
      articles++;
      for (let c = 0; c < copies; c++) {
        const analysedAt = new Date(recorded.getTime() + c * between(5, 240) * 60_000);
        const published = random() < 0.93 ? new Date(recorded.getTime() - between(5, 360) * 60_000) : null;
        const slug = randomUUID().slice(0, 13);
        const row: MentionRow = {
          id: randomUUID(),
          itemId: randomUUID(),
          sourceId: c === 0 ? ids.rss : ids.search,
          title,
          summary: `${title}. Bài viết của ${outlet} về ${about || 'ngành giáo dục quận Gò Vấp'}.`,
          url: `https://bench.invalid/${slug}`,
          outlet,
          publishedAt: published,
          seenAt: published ?? analysedAt,
          unitCodes: units.map((u) => u.code),
          units: JSON.stringify(units.map((u) => ({ code: u.code, name: u.name, score: 1, reasons: ['name'] }))),
          score:
            label === 'negative' ? -between(0.3, 0.9) : label === 'positive' ? between(0.3, 0.9) : between(-0.2, 0.2),
          label,
          category,
          incident: opensTicket,
          severity: opensTicket ? severity : null,
          storyId,
          reach: o.reach,
          analysedAt,
        };
        storyMentions.push(row);
        mentions.push(row);
      }
    }
    const times = storyMentions.map((m) => m.analysedAt.getTime());
    stories.push({
      id: storyId,
      key: `bench-${storyId}`,
      title,
      firstOutlet: (storyMentions[0] as MentionRow).outlet,
      first: new Date(Math.min(...times)),
      last: new Date(Math.max(...times)),
      units: units.map((u) => u.code),
      outlets: [...outlets],
      count: storyMentions.length,
    });
    if (opensTicket)
      incidentStories.push({ storyId, mentions: storyMentions, severity: severity as Severity, category });
  }

  await insertBatches(ds, stories, (b) => [
    `INSERT INTO story (id, key, title, first_outlet, first_seen_at, last_seen_at, mention_count, outlets, unit_codes)
     SELECT id, key, title, first_outlet, first_seen_at, last_seen_at, mention_count,
            string_to_array(outlets, '|'), coalesce(string_to_array(nullif(unit_codes, ''), '|'), '{}')
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[],
                 $8::text[], $9::text[])
       AS s(id, key, title, first_outlet, first_seen_at, last_seen_at, mention_count, outlets, unit_codes)`,
    [
      b.map((s) => s.id),
      b.map((s) => s.key),
      b.map((s) => s.title),
      b.map((s) => s.firstOutlet),
      b.map((s) => s.first),
      b.map((s) => s.last),
      b.map((s) => s.count),
      b.map((s) => s.outlets.join('|')),
      b.map((s) => s.units.join('|')),
    ],
  ]);
  // Commit order is recording order, as the analysis stage assigns mention.seq.
  mentions.sort((a, b) => a.analysedAt.getTime() - b.analysedAt.getTime());
  await insertBatches(ds, mentions, (b) => [
    `INSERT INTO feed_item (id, source_id, dedup_key, canonical_url, url, title, summary, outlet, published_at,
       fetched_at, content_hash, analysis_state, analysed_at, created_at)
     SELECT id, source_id, id::text, url, url, title, summary, outlet, published_at, fetched_at, id::text, 'done',
            fetched_at, fetched_at
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                 $8::timestamptz[]) AS f(id, source_id, url, title, summary, outlet, published_at, fetched_at)`,
    [
      b.map((m) => m.itemId),
      b.map((m) => m.sourceId),
      b.map((m) => m.url),
      b.map((m) => m.title),
      b.map((m) => m.summary),
      b.map((m) => m.outlet),
      b.map((m) => m.publishedAt),
      b.map((m) => m.analysedAt),
    ],
  ]);
  await insertBatches(ds, mentions, (b) => [
    `INSERT INTO mention (id, item_id, source_id, title, summary, url, outlet, published_at, seen_at, units, unit_codes,
       sentiment_score, sentiment_label, category, incident, severity, story_id, reach_weight, analysed_at)
     SELECT id, item_id, source_id, title, summary, url, outlet, published_at, seen_at, units::jsonb,
            coalesce(string_to_array(nullif(unit_codes, ''), '|'), '{}'), score, label, category, incident, severity, story_id, reach,
            analysed_at
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                 $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[], $12::real[], $13::text[], $14::text[],
                 $15::boolean[], $16::text[], $17::uuid[], $18::real[], $19::timestamptz[])
       AS m(id, item_id, source_id, title, summary, url, outlet, published_at, seen_at, units, unit_codes, score,
            label, category, incident, severity, story_id, reach, analysed_at)`,
    [
      b.map((m) => m.id),
      b.map((m) => m.itemId),
      b.map((m) => m.sourceId),
      b.map((m) => m.title),
      b.map((m) => m.summary),
      b.map((m) => m.url),
      b.map((m) => m.outlet),
      b.map((m) => m.publishedAt),
      b.map((m) => m.seenAt),
      b.map((m) => m.units),
      b.map((m) => m.unitCodes.join('|')),
      b.map((m) => m.score),
      b.map((m) => m.label),
      b.map((m) => m.category),
      b.map((m) => m.incident),
      b.map((m) => m.severity),
      b.map((m) => m.storyId),
      b.map((m) => m.reach),
      b.map((m) => m.analysedAt),
    ],
  ]);
  await ds.query(`UPDATE incident_intake_cursor SET last_seq = (SELECT max(seq) FROM mention)`);

  // Tickets: opened by the intake seconds after their first mention, then acknowledged, escalated, closed.
  const incidents: {
    id: string;
    title: string;
    severity: Severity;
    category: Category;
    storyId: string;
    status: string;
    mergedInto: string | null;
    openedAt: Date;
    recordedAt: Date;
    acknowledgedAt: Date | null;
    resolvedAt: Date | null;
    dismissedAt: Date | null;
    units: string[];
    mentions: MentionRow[];
  }[] = [];
  for (const s of incidentStories) {
    const firstMention = s.mentions.reduce((a, b) => (a.analysedAt <= b.analysedAt ? a : b));
    const openedAt = new Date(firstMention.analysedAt.getTime() + between(2, 90) * 1000);
    const fate = random();
    const ackMinutes = Math.exp(between(Math.log(3), Math.log(1800)));
    const acknowledgedAt = fate < 0.05 ? null : new Date(openedAt.getTime() + ackMinutes * 60_000);
    const dismissed = fate >= 0.05 && fate < 0.1;
    const resolved = !dismissed && acknowledgedAt !== null && random() < 0.7;
    const previous = incidents[incidents.length - 1];
    const merged = !dismissed && previous && random() < 0.02 ? previous.id : null;
    const codes = firstMention.unitCodes.filter((c) => c !== OFFICE_UNIT_CODE);
    incidents.push({
      id: randomUUID(),
      title: firstMention.title,
      severity: s.severity,
      category: s.category,
      storyId: s.storyId,
      status: dismissed ? 'dismissed' : merged || resolved ? 'resolved' : acknowledgedAt ? 'investigating' : 'new',
      mergedInto: merged,
      openedAt,
      recordedAt: firstMention.analysedAt,
      acknowledgedAt,
      resolvedAt: resolved || merged ? new Date(openedAt.getTime() + between(1, 10) * DAY_MS) : null,
      dismissedAt: dismissed ? new Date(openedAt.getTime() + between(10, 600) * 60_000) : null,
      units: codes.length > 0 ? codes : firstMention.unitCodes,
      mentions: s.mentions,
    });
  }
  await insertBatches(ds, incidents, (b) => [
    `INSERT INTO incident (id, title, origin, status, severity, category, story_ids, outlets, mention_count,
       merged_into, opened_at, acknowledged_at, investigating_at, resolved_at, dismissed_at, updated_at, recorded_at)
     SELECT id, title, 'detected', status, severity, category, ARRAY[story_id], string_to_array(outlets, '|'),
            mention_count, merged_into, opened_at, acknowledged_at, acknowledged_at, resolved_at, dismissed_at,
            opened_at, recorded_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::int[],
                 $9::uuid[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[],
                 $14::timestamptz[])
       AS i(id, title, status, severity, category, story_id, outlets, mention_count, merged_into, opened_at,
            acknowledged_at, resolved_at, dismissed_at, recorded_at)`,
    [
      b.map((i) => i.id),
      b.map((i) => i.title),
      b.map((i) => i.status),
      b.map((i) => i.severity),
      b.map((i) => i.category),
      b.map((i) => i.storyId),
      b.map((i) => [...new Set(i.mentions.map((m) => m.outlet))].join('|')),
      b.map((i) => i.mentions.length),
      b.map((i) => i.mergedInto),
      b.map((i) => i.openedAt),
      b.map((i) => i.acknowledgedAt),
      b.map((i) => i.resolvedAt),
      b.map((i) => i.dismissedAt),
      b.map((i) => i.recordedAt),
    ],
  ]);
  const incidentUnits = incidents.flatMap((i) => i.units.map((code) => ({ id: i.id, code })));
  await insertBatches(ds, incidentUnits, (b) => [
    `INSERT INTO incident_unit (incident_id, unit_code) SELECT * FROM unnest($1::uuid[], $2::text[])`,
    [b.map((x) => x.id), b.map((x) => x.code)],
  ]);
  const attached = incidents.flatMap((i) => i.mentions.map((m) => ({ i, m })));
  await insertBatches(ds, attached, (b) => [
    `INSERT INTO incident_mention (mention_id, incident_id, story_id, title, url, outlet, published_at, sentiment,
       sentiment_label, reach_weight, severity, category, unit_codes, attached_at, recorded_at)
     SELECT mention_id, incident_id, story_id, title, url, outlet, published_at, sentiment, 'negative', reach,
            severity, category, string_to_array(unit_codes, '|'), attached_at, recorded_at
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                 $8::real[], $9::real[], $10::text[], $11::text[], $12::text[], $13::timestamptz[],
                 $14::timestamptz[])
       AS x(mention_id, incident_id, story_id, title, url, outlet, published_at, sentiment, reach, severity,
            category, unit_codes, attached_at, recorded_at)`,
    [
      b.map((x) => x.m.id),
      b.map((x) => x.i.id),
      b.map((x) => x.m.storyId),
      b.map((x) => x.m.title),
      b.map((x) => x.m.url),
      b.map((x) => x.m.outlet),
      b.map((x) => x.m.publishedAt),
      b.map((x) => x.m.score),
      b.map((x) => x.m.reach),
      b.map((x) => x.i.severity),
      b.map((x) => x.i.category),
      b.map((x) => x.m.unitCodes.join('|')),
      b.map((x) => (x.m.analysedAt < x.i.openedAt ? x.i.openedAt : x.m.analysedAt)),
      b.map((x) => x.m.analysedAt),
    ],
  ]);
  // The chain: the opening step, then an escalation per level passed while nobody acknowledged.
  const steps: { id: string; kind: string; level: number; at: Date }[] = [];
  for (const i of incidents) {
    steps.push({ id: i.id, kind: 'opened', level: 1, at: i.openedAt });
    const ackAfter = i.acknowledgedAt ? i.acknowledgedAt.getTime() - i.openedAt.getTime() : Infinity;
    const every = { S1: 15, S2: 60, S3: 240, S4: 480 }[i.severity] * 60_000;
    for (let level = 2; level <= 4 && (level - 1) * every < ackAfter; level++) {
      steps.push({ id: i.id, kind: 'escalated', level, at: new Date(i.openedAt.getTime() + (level - 1) * every) });
    }
  }
  await insertBatches(ds, steps, (b) => [
    `INSERT INTO escalation_step (incident_id, kind, level, round, recipient_ids, notifications, at)
     SELECT incident_id, kind, level, 0, '{}', 1, at FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[])
       AS s(incident_id, kind, level, at)`,
    [b.map((s) => s.id), b.map((s) => s.kind), b.map((s) => s.level), b.map((s) => s.at)],
  ]);
  // Every positive mention about a unit and outside a ticket is queued as good news by the intake.
  const good = mentions.filter((m) => m.label === 'positive' && m.unitCodes.length > 0);
  await insertBatches(ds, good, (b) => [
    `INSERT INTO good_news (mention_id, unit_codes, title, url, outlet, category, sentiment, published_at, status,
       created_at, story_id, recorded_at)
     SELECT mention_id, string_to_array(unit_codes, '|'), title, url, outlet, category, sentiment, published_at,
            status, created_at, story_id, recorded_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::real[],
                 $8::timestamptz[], $9::text[], $10::timestamptz[], $11::uuid[], $12::timestamptz[])
       AS g(mention_id, unit_codes, title, url, outlet, category, sentiment, published_at, status, created_at,
            story_id, recorded_at)`,
    [
      b.map((m) => m.id),
      b.map((m) => m.unitCodes.join('|')),
      b.map((m) => m.title),
      b.map((m) => m.url),
      b.map((m) => m.outlet),
      b.map((m) => m.category),
      b.map((m) => m.score),
      b.map((m) => m.publishedAt),
      b.map(() => (random() < 0.8 ? 'new' : random() < 0.5 ? 'shared' : 'archived')),
      b.map((m) => new Date(m.analysedAt.getTime() + between(2, 90) * 1000)),
      b.map((m) => m.storyId),
      b.map((m) => m.analysedAt),
    ],
  ]);
  // Statistics as autovacuum would have them on a database that has been running.
  await ds.query(`ANALYZE`);
  return {
    mentions: mentions.length,
    articles,
    stories: stories.length,
    incidents: incidents.length,
    escalationSteps: steps.length,
    goodNews: good.length,
    outlets: OUTLETS.length,
    units: unitRows.length,
    seconds: (Date.now() - started) / 1000,
  };
}

async function insertBatches<T>(
  ds: DataSource,
  rows: T[],
  statement: (batch: T[]) => [string, unknown[]],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const [sql, params] = statement(rows.slice(i, i + BATCH));
    await ds.query(sql, params);
  }
}
