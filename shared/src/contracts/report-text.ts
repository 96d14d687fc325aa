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
    management_reform: 'Đổi mới quản lý',
    safety_health: 'An toàn và sức khỏe học đường',
    ethics_culture: 'Đạo đức, văn hóa học đường',
    curriculum_awards: 'Kết quả dạy học, giải thưởng',
    exams_quality: 'Thi cử, kiểm định chất lượng',
    digital_international: 'Chuyển đổi số, hợp tác quốc tế',
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
  sentiment: { negative: 'Tiêu cực', neutral: 'Trung tính', positive: 'Tin tốt' },
  ackBand: {
    '15m': 'Trong 15 phút',
    '1h': '15–60 phút',
    '4h': '1–4 giờ',
    '24h': '4–24 giờ',
    later: 'Sau 24 giờ',
    none: 'Chưa tiếp nhận',
  },
  text: {
    title: 'Báo cáo tình hình thông tin báo chí',
    scopeAll: 'Các đơn vị giáo dục quận Gò Vấp',
    scopeUnit: 'Đơn vị: {unit}',
    week: 'Tuần {week}: từ {from} đến {to}',
    range: 'Từ {from} đến {to} ({days} ngày)',
    previous: 'Kỳ trước',
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
    negative: '— Tiêu cực',
    neutral: '— Trung tính',
    positive: '— Tin tốt',
    incidentsOpened: 'Sự vụ mới',
    dismissed: 'Loại bỏ do nhận nhầm',
    acknowledged: 'Sự vụ đã được tiếp nhận',
    ackMedian: 'Thời gian tiếp nhận, trung vị (phút)',
    ackP90: 'Thời gian tiếp nhận, 90% sự vụ (phút)',
    escalations: 'Lượt báo cáo vượt cấp',
    unacknowledged: 'Sự vụ còn mở chưa tiếp nhận cuối kỳ',
    goodNews: 'Tin tốt',
    chartDays: 'Tin bài theo ngày và sắc thái',
    chartSeverity: 'Sự vụ mới theo ngày và mức độ',
    chartIncidentCategory: 'Sự vụ theo lĩnh vực',
    chartIncidentUnit: 'Sự vụ theo đơn vị',
    chartAck: 'Thời gian tiếp nhận sự vụ',
    chartThemes: 'Bảy chủ đề của kế hoạch truyền thông',
    chartStories: 'Tin được nhiều báo đưa nhất (số nguồn)',
    noPositive: 'Chưa có tin tốt',
    themesNoPositive: 'Chủ đề chưa có tin tốt: {themes}.',
    mentionsByCategory: 'Tin bài theo chủ đề',
    topOutlets: 'Nguồn đưa tin nhiều nhất',
    incidentsByStatus: 'Tình trạng xử lý hiện tại',
    escalationsByLevel: 'Báo cáo vượt cấp theo cấp',
    level: 'Cấp {level}',
    openUnacknowledged: 'Sự vụ còn mở chưa tiếp nhận cuối kỳ',
    widestStories: 'Tin được nhiều báo đưa nhất',
    goodNewsList: 'Tin tốt nổi bật',
    district: 'Tin giáo dục chung của quận',
    districtArticles: 'Tin bài về giáo dục quận (không gắn với trường nào)',
    spikes: 'Tăng đột biến lượng tin',
    spikeLine: '{day}: {label}, {articles} tin (mức thường {baseline})',
    incident: 'Sự vụ',
    severityCol: 'Mức độ',
    units: 'Đơn vị',
    openedAt: 'Ghi nhận lúc',
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
    ethics_culture: 'Ethics, school culture',
    curriculum_awards: 'Teaching results, awards',
    exams_quality: 'Exams, quality assurance',
    digital_international: 'Digital transformation, international',
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
  text: {
    title: 'Press coverage report',
    scopeAll: "Gò Vấp's education units",
    scopeUnit: 'Unit: {unit}',
    week: 'Week {week}: {from} to {to}',
    range: '{from} to {to} ({days} days)',
    previous: 'Previous',
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
    negative: '— Negative',
    neutral: '— Neutral',
    positive: '— Positive',
    incidentsOpened: 'New incidents',
    dismissed: 'Dismissed as false matches',
    acknowledged: 'Incidents acknowledged',
    ackMedian: 'Time to acknowledge, median (min)',
    ackP90: 'Time to acknowledge, 90th percentile (min)',
    escalations: 'Escalations',
    unacknowledged: 'Open and unacknowledged at the end',
    goodNews: 'Good news',
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
    openUnacknowledged: 'Open and unacknowledged at the end',
    widestStories: 'Most widely covered stories',
    goodNewsList: 'Good news',
    district: 'District-wide education news',
    districtArticles: 'Articles about district education (no single school)',
    spikes: 'Coverage spikes',
    spikeLine: '{day}: {label}, {articles} articles (usually {baseline})',
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

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/**
 * The summary: three or four sentences, each made of the report's own figures and lists, in the reader's language.
 */
export function reportSummary(report: Report, language: Language): string[] {
  const f = report.figures;
  const p = report.previous;
  const words = reportWords(language);
  const severe = f.incidentsBySeverity.S1 + f.incidentsBySeverity.S2;
  const missing = report.themes.filter((t) => t.noPositive).map((t) => words.theme[t.theme]);
  const lines: string[] = [];
  if (language === 'en') {
    lines.push(
      `${f.mentions} articles about the units (${signed(f.mentions - p.mentions)} on the previous period): ` +
        `${f.mentionsBySentiment.negative} negative, ${f.mentionsBySentiment.neutral} neutral, ` +
        `${f.mentionsBySentiment.positive} positive.`,
    );
    lines.push(
      `${f.incidentsOpened} new incidents (${severe} major or critical; previous period ${p.incidentsOpened}), ` +
        `${f.openUnacknowledgedAtEnd} still unacknowledged at the end` +
        (f.ackMedianMinutes === null ? '.' : `; median time to acknowledge ${f.ackMedianMinutes} min.`),
    );
    lines.push(`${f.goodNews} good news items; ${f.escalations} escalations.`);
    if (report.district) lines.push(`District-wide education news: ${report.district.articles} articles.`);
    if (report.spikes.length > 0) lines.push(`Coverage spikes on ${report.spikes.length} unit or topic days.`);
    if (missing.length > 0) lines.push(fillText(words.text.themesNoPositive as string, { themes: missing.join(', ') }));
    return lines;
  }
  lines.push(
    `${f.mentions} tin bài về các đơn vị (${signed(f.mentions - p.mentions)} so với kỳ trước), trong đó ` +
      `${f.mentionsBySentiment.negative} tiêu cực, ${f.mentionsBySentiment.neutral} trung tính, ` +
      `${f.mentionsBySentiment.positive} tin tốt.`,
  );
  lines.push(
    `${f.incidentsOpened} sự vụ mới (${severe} nghiêm trọng trở lên; kỳ trước ${p.incidentsOpened}), ` +
      `${f.openUnacknowledgedAtEnd} sự vụ chưa được tiếp nhận cuối kỳ` +
      (f.ackMedianMinutes === null ? '.' : `; thời gian tiếp nhận trung vị ${f.ackMedianMinutes} phút.`),
  );
  lines.push(`${f.goodNews} tin tốt; ${f.escalations} lượt báo cáo vượt cấp.`);
  if (report.district) lines.push(`Tin giáo dục chung của quận: ${report.district.articles} tin bài.`);
  if (report.spikes.length > 0)
    lines.push(`Lượng tin tăng đột biến: ${report.spikes.length} lượt (đơn vị hoặc chủ đề).`);
  if (missing.length > 0) lines.push(fillText(words.text.themesNoPositive as string, { themes: missing.join(', ') }));
  return lines;
}

/** The plan's themes in the plan's order (for tables and charts). */
export const REPORT_THEMES: readonly PlanTheme[] = PLAN_THEMES;
