/**
 * Words of the report as the server renders it (PDF, CSV, e-mail), in Vietnamese and English, and the short summary
 * put at the top of the PDF and the Monday e-mail. The summary is built from the figures only: every clause is a
 * number of the report or a name it lists, so it can say nothing the figures do not.
 */
import type { Category, PlanTheme, SentimentLabel, Severity } from '../enums/analysis';
import { PLAN_THEMES } from '../enums/analysis';
import type { IncidentStatus } from '../enums/incidents';
import type { Language } from '../enums/organisation';
import { weekNumberLabel, dayLabel, type AckBand, type Report, type ReportPeriod } from './reports';

export interface ReportWords {
  category: Record<Category, string>;
  /** The communications plan's seven themes, as the plan names them. */
  theme: Record<PlanTheme, string>;
  severity: Record<Severity, string>;
  status: Record<IncidentStatus, string>;
  sentiment: Record<SentimentLabel, string>;
  ackBand: Record<AckBand, string>;
  /** Who an escalation level reaches (the escalation chain: 2 principals, 3 the office, 4 leadership). */
  escalationLevel: Record<number, string>;
  text: Record<string, string>;
}

const VI: ReportWords = {
  category: {
    violence_bullying: 'Bạo lực, bắt nạt',
    abuse_sexual_misconduct: 'Xâm hại, quấy rối',
    teacher_conduct: 'Đạo đức nhà giáo',
    food_safety: 'An toàn thực phẩm',
    accident_injury: 'Tai nạn, thương tích',
    fees_finances: 'Thu chi, tài chính',
    exams_admissions: 'Thi cử, tuyển sinh',
    facilities_safety: 'Cơ sở vật chất, an toàn',
    health_epidemics: 'Sức khỏe, dịch bệnh',
    disasters_weather: 'Thiên tai, thời tiết',
    misinformation: 'Thông tin sai lệch',
    // The plan's own themes, named as the plan names them (the theme table shows the same words).
    management_reform: 'Đổi mới quản lý',
    safety_health: 'An toàn trường học và sức khỏe',
    ethics_culture: 'Chính trị tư tưởng và văn hóa học đường',
    curriculum_awards: 'Chương trình và kết quả giáo dục',
    exams_quality: 'Thi, tuyển sinh và kiểm định',
    digital_international: 'Chuyển đổi số và hội nhập',
    other: 'Khác',
  },
  theme: {
    management_reform: 'Đổi mới quản lý',
    safety_health: 'An toàn trường học và sức khỏe',
    ethics_culture: 'Chính trị tư tưởng và văn hóa học đường',
    curriculum_awards: 'Chương trình và kết quả giáo dục',
    exams_quality: 'Thi, tuyển sinh và kiểm định',
    digital_international: 'Chuyển đổi số và hội nhập',
    other: 'Khác',
  },
  severity: { S1: 'Đặc biệt nghiêm trọng', S2: 'Nghiêm trọng', S3: 'Trung bình', S4: 'Nhẹ' },
  status: {
    new: 'Mới',
    acknowledged: 'Đã tiếp nhận',
    investigating: 'Đang xác minh',
    response_drafted: 'Đã soạn thông tin',
    awaiting_approval: 'Chờ lãnh đạo duyệt',
    responded: 'Đã cung cấp thông tin',
    resolved: 'Đã xử lý xong',
    dismissed: 'Bỏ qua (nhận diện sai)',
  },
  // "Tích cực" as everywhere in the dashboard: "tin tốt" is the good news list, another figure.
  sentiment: { negative: 'Tiêu cực', neutral: 'Trung tính', positive: 'Tích cực' },
  ackBand: {
    '15m': 'Trong 15 phút',
    '1h': '15–60 phút',
    '4h': '1–4 giờ',
    '24h': '4–24 giờ',
    later: 'Sau 24 giờ',
    none: 'Chưa tiếp nhận',
  },
  escalationLevel: {
    1: 'Cấp 1 – người phát ngôn',
    2: 'Cấp 2 – hiệu trưởng',
    3: 'Cấp 3 – Phòng Giáo dục và Đào tạo',
    4: 'Cấp 4 – lãnh đạo Phòng',
  },
  text: {
    title: 'Báo cáo tình hình thông tin báo chí',
    scopeAll: 'Các đơn vị giáo dục quận Gò Vấp',
    scopeUnit: 'Đơn vị: {unit}',
    week: 'Tuần {week}: từ {from} đến {to}',
    range: 'Từ {from} đến {to} ({days} ngày)',
    previous: 'Kỳ trước',
    previousLower: 'kỳ trước',
    current: 'Kỳ này',
    change: 'Chênh lệch',
    figure: 'Chỉ tiêu',
    summary: 'Tóm tắt',
    keyFigures: 'Số liệu chính',
    timeRule:
      'Mỗi tin bài, sự vụ và tin tốt được tính vào kỳ mà Phòng ghi nhận nó lần đầu; thời điểm đăng bài ghi bên cạnh.',
    generatedAt: 'Lập lúc {at}',
    running: 'Kỳ chưa kết thúc: số liệu còn thay đổi.',
    mentions: 'Tin bài về các đơn vị',
    mentionsOne: 'Tin bài về đơn vị',
    negative: '— Tiêu cực',
    neutral: '— Trung tính',
    positive: '— Tích cực',
    incidentsOpened: 'Sự vụ mới',
    dismissed: 'Loại bỏ do nhận nhầm',
    acknowledged: 'Sự vụ đã được tiếp nhận',
    ackMedian: 'Thời gian tiếp nhận, trung vị',
    ackP90: 'Thời gian tiếp nhận, 90% sự vụ trong vòng',
    minutesUnit: 'phút',
    escalations: 'Lượt chuyển cấp',
    unacknowledged: 'Sự vụ còn mở chưa tiếp nhận cuối kỳ',
    goodNews: 'Tin tốt (không tính tin đã lưu trữ)',
    chartDays: 'Tin bài theo ngày và sắc thái',
    chartSeverity: 'Sự vụ mới theo ngày và mức độ',
    chartIncidentCategory: 'Sự vụ theo lĩnh vực',
    chartIncidentUnit: 'Sự vụ theo đơn vị',
    chartAck: 'Thời gian tiếp nhận sự vụ',
    chartThemes: 'Bảy chủ đề của kế hoạch truyền thông',
    chartStories: 'Tin được nhiều báo đưa nhất (số nguồn)',
    noPositive: 'Chưa có tin tốt',
    themesNoPositive: 'Chủ đề chưa có tin tốt: {themes}.',
    mentionsByCategory: 'Tin bài theo lĩnh vực',
    topOutlets: 'Nguồn đưa tin nhiều nhất',
    incidentsByStatus: 'Tình trạng xử lý hiện tại',
    escalationsByLevel: 'Lượt chuyển cấp theo cấp',
    level: 'Cấp {level}',
    levelHeader: 'Cấp nhận báo cáo',
    incidentsCount: 'Số sự vụ',
    listCut: 'Hiển thị {shown} trong {total} sự vụ: mức độ cao và mở lâu nhất trước.',
    openUnacknowledged: 'Sự vụ còn mở chưa tiếp nhận cuối kỳ',
    widestStories: 'Tin được nhiều báo đưa nhất',
    goodNewsList: 'Tin tốt nổi bật',
    district: 'Tin giáo dục chung của quận',
    districtArticles: 'Tin bài về giáo dục quận (không gắn với trường nào)',
    spikes: 'Tăng đột biến lượng tin',
    spikeLine: '{day}: {label}, {articles} tin (mức thường {baseline})',
    spikeWhat: 'Đơn vị hoặc chủ đề',
    usual: 'Mức thường (tin/ngày)',
    tone: 'Sắc thái',
    incident: 'Sự vụ',
    severityCol: 'Mức độ',
    units: 'Đơn vị',
    openedAt: 'Mở lúc',
    recordedAt: 'Ghi nhận lúc',
    publishedAt: 'Đăng lúc',
    story: 'Câu chuyện',
    outlet: 'Nguồn',
    outlets: 'Số nguồn',
    articles: 'Số tin',
    count: 'Số lượng',
    theme: 'Chủ đề',
    category: 'Lĩnh vực',
    status: 'Tình trạng',
    band: 'Thời gian',
    day: 'Ngày',
    empty: 'Không có.',
    page: 'Trang',
    of: '/',
  },
};

const EN: ReportWords = {
  category: {
    violence_bullying: 'Violence, bullying',
    abuse_sexual_misconduct: 'Abuse, harassment',
    teacher_conduct: 'Teacher conduct',
    food_safety: 'Food safety',
    accident_injury: 'Accidents, injuries',
    fees_finances: 'Fees, finances',
    exams_admissions: 'Exams, admissions',
    facilities_safety: 'Facilities, safety',
    health_epidemics: 'Health, epidemics',
    disasters_weather: 'Disasters, weather',
    misinformation: 'Misinformation',
    management_reform: 'Management reform',
    safety_health: 'School safety and health',
    ethics_culture: 'Political education and school culture',
    curriculum_awards: 'Curriculum and results',
    exams_quality: 'Exams, admissions and accreditation',
    digital_international: 'Digital transformation and integration',
    other: 'Other',
  },
  theme: {
    management_reform: 'Management reform',
    safety_health: 'School safety and health',
    ethics_culture: 'Political education and school culture',
    curriculum_awards: 'Curriculum and results',
    exams_quality: 'Exams, admissions and accreditation',
    digital_international: 'Digital transformation and integration',
    other: 'Other',
  },
  severity: { S1: 'Critical', S2: 'Major', S3: 'Moderate', S4: 'Minor' },
  status: {
    new: 'New',
    acknowledged: 'Acknowledged',
    investigating: 'Investigating',
    response_drafted: 'Response drafted',
    awaiting_approval: 'Awaiting approval',
    responded: 'Responded',
    resolved: 'Resolved',
    dismissed: 'Dismissed (false match)',
  },
  sentiment: { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' },
  ackBand: {
    '15m': 'Within 15 min',
    '1h': '15–60 min',
    '4h': '1–4 h',
    '24h': '4–24 h',
    later: 'After 24 h',
    none: 'Not acknowledged',
  },
  escalationLevel: {
    1: 'Level 1 – spokespeople',
    2: 'Level 2 – principals',
    3: 'Level 3 – the Office',
    4: 'Level 4 – leadership',
  },
  text: {
    title: 'Press coverage report',
    scopeAll: "Gò Vấp's education units",
    scopeUnit: 'Unit: {unit}',
    week: 'Week {week}: {from} to {to}',
    range: '{from} to {to} ({days} days)',
    previous: 'Previous',
    previousLower: 'previous',
    current: 'This period',
    change: 'Change',
    figure: 'Figure',
    summary: 'Summary',
    keyFigures: 'Key figures',
    timeRule:
      'Each article, incident and good news item counts in the period when the office first recorded it; its publication time is shown beside it.',
    generatedAt: 'Generated {at}',
    running: 'The period has not ended: figures will change.',
    mentions: 'Articles about the units',
    mentionsOne: 'Articles about the unit',
    negative: '— Negative',
    neutral: '— Neutral',
    positive: '— Positive',
    incidentsOpened: 'New incidents',
    dismissed: 'Dismissed as false matches',
    acknowledged: 'Incidents acknowledged',
    ackMedian: 'Time to acknowledge, median',
    ackP90: 'Time to acknowledge, 90th percentile',
    minutesUnit: 'min',
    escalations: 'Escalations',
    unacknowledged: 'Open and unacknowledged at the end',
    goodNews: 'Good news (archived excluded)',
    chartDays: 'Articles per day by tone',
    chartSeverity: 'New incidents per day by severity',
    chartIncidentCategory: 'Incidents by category',
    chartIncidentUnit: 'Incidents by unit',
    chartAck: 'Time to acknowledge',
    chartThemes: "The communications plan's seven themes",
    chartStories: 'Most widely covered stories (outlets)',
    noPositive: 'No positive coverage',
    themesNoPositive: 'Themes without positive coverage: {themes}.',
    mentionsByCategory: 'Articles by topic',
    topOutlets: 'Top outlets',
    incidentsByStatus: 'Current status',
    escalationsByLevel: 'Escalations by level',
    level: 'Level {level}',
    levelHeader: 'Level reached',
    incidentsCount: 'Incidents',
    listCut: '{shown} of {total} shown: most severe and longest open first.',
    openUnacknowledged: 'Open and unacknowledged at the end',
    widestStories: 'Most widely covered stories',
    goodNewsList: 'Good news',
    district: 'District-wide education news',
    districtArticles: 'Articles about district education (no single school)',
    spikes: 'Coverage spikes',
    spikeLine: '{day}: {label}, {articles} articles (usually {baseline})',
    spikeWhat: 'Unit or topic',
    usual: 'Usual (articles/day)',
    tone: 'Tone',
    incident: 'Incident',
    severityCol: 'Severity',
    units: 'Units',
    openedAt: 'Opened',
    recordedAt: 'Recorded',
    publishedAt: 'Published',
    story: 'Story',
    outlet: 'Outlet',
    outlets: 'Outlets',
    articles: 'Articles',
    count: 'Count',
    theme: 'Theme',
    category: 'Category',
    status: 'Status',
    band: 'Time',
    day: 'Day',
    empty: 'None.',
    page: 'Page',
    of: '/',
  },
};

export function reportWords(language: Language): ReportWords {
  return language === 'en' ? EN : VI;
}

/** Fills `{name}` placeholders. */
export function fillText(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** The period as a line: "Tuần 47/2026: từ 16/11/2026 đến 22/11/2026", or a date range. */
export function periodLine(period: ReportPeriod, language: Language): string {
  const w = reportWords(language).text;
  if (period.kind === 'week' && period.week) {
    return fillText(w.week as string, {
      week: language === 'vi' ? weekNumberLabel(period.week) : period.week,
      from: dayLabel(period.from),
      to: dayLabel(period.to),
    });
  }
  return fillText(w.range as string, { from: dayLabel(period.from), to: dayLabel(period.to), days: period.days });
}

/** A count as readers write it: 1.530 in Vietnamese, 1,530 in English. */
export function formatCount(n: number, language: Language): string {
  const digits = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'vi' ? '.' : ',');
  return n < 0 ? `-${digits}` : digits;
}

/** A change as readers write it: +81, -35, 0 (thousands grouped). */
export function formatChange(n: number, language: Language): string {
  return n > 0 ? `+${formatCount(n, language)}` : formatCount(n, language);
}

/**
 * A duration in minutes as readers say it: "45 phút", "3 giờ 13 phút", "2 ngày 4 giờ" (and "45 min", "3 h 13 min",
 * "2 d 4 h"): leadership should not have to divide 193 by 60. A negative one (a change) keeps its sign.
 */
export function formatMinutes(minutes: number, language: Language): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.round(Math.abs(minutes));
  const [d, h, m] = [Math.floor(total / 1440), Math.floor((total % 1440) / 60), total % 60];
  const u = language === 'vi' ? { d: 'ngày', h: 'giờ', m: 'phút' } : { d: 'd', h: 'h', m: 'min' };
  // A number never parts from its unit when a narrow column wraps the text ("12 giờ / 37 phút").
  const unit = (value: number, name: string) => `${value}\u00a0${name}`;
  const parts =
    d > 0
      ? [unit(d, u.d), h > 0 ? unit(h, u.h) : '']
      : h > 0
        ? [unit(h, u.h), m > 0 ? unit(m, u.m) : '']
        : [unit(m, u.m)];
  return sign + parts.filter(Boolean).join(' ');
}

/**
 * The summary: three or four sentences, each made of the report's own figures and lists, in the reader's language.
 */
export function reportSummary(report: Report, language: Language): string[] {
  const f = report.figures;
  const p = report.previous;
  const words = reportWords(language);
  const n = (x: number) => formatCount(x, language);
  const severe = f.incidentsBySeverity.S1 + f.incidentsBySeverity.S2;
  const missing = report.themes.filter((t) => t.noPositive).map((t) => words.theme[t.theme]);
  const lines: string[] = [];
  if (language === 'en') {
    lines.push(
      `${n(f.mentions)} articles about the ${report.scope ? 'unit' : 'units'} ` +
        `(${formatChange(f.mentions - p.mentions, language)} on the ` +
        `previous period): ${n(f.mentionsBySentiment.negative)} negative, ${n(f.mentionsBySentiment.neutral)} ` +
        `neutral, ${n(f.mentionsBySentiment.positive)} positive.`,
    );
    lines.push(
      `${n(f.incidentsOpened)} new incidents (previous period ${n(p.incidentsOpened)})` +
        (severe > 0 ? `, ${n(severe)} of them major or critical` : '') +
        `; ${n(f.openUnacknowledgedAtEnd)} still unacknowledged at the end` +
        (f.ackMedianMinutes === null
          ? '.'
          : `; median time to acknowledge ${formatMinutes(f.ackMedianMinutes, language)}.`),
    );
    lines.push(`${n(f.goodNews)} good news items (archived excluded); ${n(f.escalations)} escalations.`);
    if (report.district) lines.push(`District-wide education news: ${n(report.district.articles)} articles.`);
    if (report.spikes.length > 0) lines.push(`Coverage spikes on ${n(report.spikes.length)} unit or topic days.`);
    if (missing.length > 0) lines.push(fillText(words.text.themesNoPositive as string, { themes: missing.join(', ') }));
    return lines;
  }
  lines.push(
    `${n(f.mentions)} tin bài về ${report.scope ? 'đơn vị' : 'các đơn vị'} ` +
      `(${formatChange(f.mentions - p.mentions, language)} so với kỳ trước), ` +
      `trong đó ${n(f.mentionsBySentiment.negative)} tiêu cực, ${n(f.mentionsBySentiment.neutral)} trung tính, ` +
      `${n(f.mentionsBySentiment.positive)} tích cực.`,
  );
  lines.push(
    `${n(f.incidentsOpened)} sự vụ mới (kỳ trước ${n(p.incidentsOpened)})` +
      (severe > 0 ? `, trong đó ${n(severe)} sự vụ từ mức nghiêm trọng trở lên` : '') +
      `; ${n(f.openUnacknowledgedAtEnd)} sự vụ còn chưa được tiếp nhận vào cuối kỳ` +
      (f.ackMedianMinutes === null
        ? '.'
        : `; thời gian tiếp nhận trung vị ${formatMinutes(f.ackMedianMinutes, language)}.`),
  );
  lines.push(`${n(f.goodNews)} tin tốt (không tính tin đã lưu trữ); ${n(f.escalations)} lượt chuyển cấp.`);
  if (report.district) lines.push(`Tin giáo dục chung của quận: ${n(report.district.articles)} tin bài.`);
  if (report.spikes.length > 0)
    lines.push(`Lượng tin tăng đột biến: ${n(report.spikes.length)} lượt (đơn vị hoặc chủ đề).`);
  if (missing.length > 0) lines.push(fillText(words.text.themesNoPositive as string, { themes: missing.join(', ') }));
  return lines;
}

/** The plan's themes in the plan's order (for tables and charts). */
export const REPORT_THEMES: readonly PlanTheme[] = PLAN_THEMES;
