/**
 * The human side of incidents as codes plus params, rendered here in Vietnamese (the office's language) so the
 * API, e-mail digests and logs read well without the dashboard, while the dashboard translates the code itself.
 * Each template is a switch arm, so a new code cannot ship without its Vietnamese text.
 *
 * Severity reasons live in the `incident.severity_reasons` jsonb column as an array of `{code, params, text}`, the
 * text rendered when written so that SQL and ad-hoc readers need no code table. Reading renders known codes again, so
 * a corrected template shows at once; anything else is shown by its stored text.
 */
import {
  SeverityReasonCode,
  TimelineCode,
  type Category,
  type IncidentStatus,
  type MessageParams,
  type SeverityReasonView,
  type WrittenTimelineCode,
} from '@mw/shared';
import { assertUnreachable } from './incident-status';

export interface Coded<C extends string> {
  code: C;
  params: MessageParams;
}

export type SeverityReason = Coded<SeverityReasonCode>;
export type TimelineMessage = Coded<TimelineCode>;
/** A message a new timeline entry can carry (every code but `text`, which only reads back old entries). */
export type WrittenTimelineMessage = Coded<WrittenTimelineCode>;

const STATUS_VI: Readonly<Record<IncidentStatus, string>> = {
  new: 'Mới',
  acknowledged: 'Đã tiếp nhận',
  investigating: 'Đang xác minh',
  response_drafted: 'Đã soạn thông tin',
  awaiting_approval: 'Chờ lãnh đạo duyệt',
  responded: 'Đã cung cấp thông tin',
  resolved: 'Đã xử lý xong',
  dismissed: 'Bỏ qua (nhận diện sai)',
};

const CATEGORY_VI: Readonly<Record<Category, string>> = {
  violence_bullying: 'bạo lực, bắt nạt',
  abuse_sexual_misconduct: 'xâm hại, quấy rối',
  teacher_conduct: 'đạo đức nhà giáo',
  food_safety: 'an toàn thực phẩm',
  accident_injury: 'tai nạn, thương tích',
  fees_finances: 'thu chi, tài chính',
  exams_admissions: 'thi cử, tuyển sinh',
  facilities_safety: 'cơ sở vật chất, an toàn',
  health_epidemics: 'sức khỏe, dịch bệnh',
  disasters_weather: 'thiên tai, thời tiết',
  misinformation: 'thông tin sai lệch',
  management_reform: 'đổi mới quản lý',
  safety_health: 'an toàn và sức khỏe học đường',
  ethics_culture: 'đạo đức, văn hóa học đường',
  curriculum_awards: 'kết quả dạy học, giải thưởng',
  exams_quality: 'thi cử, kiểm định chất lượng',
  digital_international: 'chuyển đổi số, hợp tác quốc tế',
  other: 'khác',
};

const CHANNEL_VI: Readonly<Record<string, string>> = { email: 'email', zalo: 'Zalo', in_app: 'ứng dụng' };

const str = (params: MessageParams, name: string): string => String(params[name] ?? '');

/** A number the Vietnamese way: a decimal comma. */
function num(params: MessageParams, name: string): string {
  const v = params[name];
  return typeof v === 'number' ? String(v).replace('.', ',') : String(v ?? '');
}

function statusVi(params: MessageParams, name: string): string {
  const v = str(params, name);
  return STATUS_VI[v as IncidentStatus] ?? v;
}

export function renderSeverityReason(reason: SeverityReason): string {
  const p = reason.params;
  switch (reason.code) {
    case SeverityReasonCode.ManualNoCoverage:
      return 'Mở thủ công; chưa có tin bài kèm theo';
    case SeverityReasonCode.ManualSet:
      return `Mức ${str(p, 'severity')} do người mở sự vụ đặt`;
    case SeverityReasonCode.AnalysisProposed:
      return `Phân tích đề xuất mức ${str(p, 'severity')} cho tin của “${str(p, 'outlet')}”`;
    case SeverityReasonCode.Analysis:
      return str(p, 'text');
    case SeverityReasonCode.NoProposal:
      return `Phân tích chưa đề xuất mức; bắt đầu từ mức ${str(p, 'severity')}`;
    case SeverityReasonCode.CategoryFloor: {
      const category = str(p, 'category');
      return `Lĩnh vực “${CATEGORY_VI[category as Category] ?? category}” tối thiểu ở mức ${str(p, 'severity')}`;
    }
    case SeverityReasonCode.NegativeTone:
      return `Tin bài tiêu cực áp đảo (sắc thái trung bình ${num(p, 'mean')})`;
    case SeverityReasonCode.SocialJump:
      return `Lan từ mạng xã hội (${str(p, 'from')}) sang báo chính thống (${str(p, 'to')})`;
    case SeverityReasonCode.Outlets:
      return `${num(p, 'count')} nguồn tin cùng đưa tin`;
    case SeverityReasonCode.Reach:
      return `Tổng mức ảnh hưởng của các nguồn: ${num(p, 'reach')}`;
    case SeverityReasonCode.FastSpread:
      return `Lan nhanh: ${num(p, 'count')} bài trong ${num(p, 'hours')} giờ`;
    default:
      return assertUnreachable(reason.code);
  }
}

export function renderTimeline(message: TimelineMessage): string {
  const p = message.params;
  switch (message.code) {
    case TimelineCode.OpenedDetected:
      return `Phát hiện tự động: ${str(p, 'title')}`;
    case TimelineCode.OpenedManual:
      return `Mở thủ công: ${str(p, 'title')}`;
    case TimelineCode.OpenedSplit:
      return `Tách từ sự việc khác: ${str(p, 'title')}`;
    case TimelineCode.MentionAttached:
      return `Thêm bài từ ${str(p, 'outlet')}: ${str(p, 'title')}`;
    case TimelineCode.SeverityRaised:
      return `Mức độ ${str(p, 'from')} → ${str(p, 'to')}`;
    case TimelineCode.StatusChanged:
      return `${statusVi(p, 'from')} → ${statusVi(p, 'to')}`;
    case TimelineCode.StatusChangedReason:
      return `${statusVi(p, 'from')} → ${statusVi(p, 'to')}: ${str(p, 'reason')}`;
    case TimelineCode.StatusChangedVia: {
      const via = str(p, 'via');
      return `${statusVi(p, 'from')} → ${statusVi(p, 'to')} (qua ${CHANNEL_VI[via] ?? via})`;
    }
    case TimelineCode.AssignedDefault:
      return `Giao mặc định cho ${num(p, 'count')} người`;
    case TimelineCode.Assigned:
      return `Giao xử lý cho ${num(p, 'count')} người`;
    case TimelineCode.Unassigned:
      return `Thôi giao xử lý cho ${num(p, 'count')} người`;
    case TimelineCode.Comment:
      return str(p, 'body');
    case TimelineCode.TaskAdded:
    case TimelineCode.TaskDone:
    case TimelineCode.ResponseDrafted:
    case TimelineCode.ResponseApproved:
      return str(p, 'title');
    case TimelineCode.ResponseSubmitted:
      return 'Trình lãnh đạo duyệt';
    case TimelineCode.ResponseSentBack:
      return `Trả lại: ${str(p, 'reason')}`;
    case TimelineCode.ResponsePublished:
      return `Đã đăng tại ${str(p, 'url')}`;
    case TimelineCode.Notified:
      return `Thông báo ${num(p, 'count')} người`;
    case TimelineCode.Reminder:
      return Number(p.round ?? 0) > 0
        ? `Nhắc lần ${num(p, 'round')} (cấp ${num(p, 'level')}), ${num(p, 'count')} người`
        : `Nhắc lại những người đã được báo (cấp ${num(p, 'level')}), ${num(p, 'count')} người`;
    case TimelineCode.ResponseOverdue:
      return `Quá hạn trả lời báo chí: báo ${num(p, 'count')} người`;
    case TimelineCode.Escalated:
      return `Chuyển cấp ${num(p, 'level')}: báo ${num(p, 'count')} người`;
    case TimelineCode.Unreachable:
      return `Không liên hệ được đơn vị ${str(p, 'units')}: chuyển thẳng Văn phòng`;
    case TimelineCode.MergedInto:
      return `Gộp vào sự việc #${str(p, 'number')}`;
    case TimelineCode.MergedFrom:
      return `Gộp sự việc #${str(p, 'number')} vào đây`;
    case TimelineCode.SplitOut:
      return `Tách ${num(p, 'count')} bài sang sự việc mới`;
    case TimelineCode.FalseMatch:
      return `Ghi nhận nhận diện sai cho ${num(p, 'count')} bài`;
    case TimelineCode.DismissalProposed:
      return `Đề nghị Phòng cho bỏ qua sự vụ: ${str(p, 'reason')}`;
    case TimelineCode.Text:
      return str(p, 'text');
    default:
      return assertUnreachable(message.code);
  }
}

const REASON_CODES = new Set<string>(Object.values(SeverityReasonCode));

/** A reason with its Vietnamese text, as written to `incident.severity_reasons`. */
export function withText(reason: SeverityReason): SeverityReasonView {
  return { code: reason.code, params: reason.params, text: renderSeverityReason(reason) };
}

/** One element of `incident.severity_reasons` as stored (see `withText`). */
export interface StoredSeverityReason {
  code: string;
  params: MessageParams;
  text: string;
}

/**
 * One element of `incident.severity_reasons` as the API shows it. A code this build cannot render (written by a
 * newer instance sharing the database) keeps its code and stored text; the dashboard shows that text as it is.
 */
export function readSeverityReason(stored: StoredSeverityReason): SeverityReasonView {
  if (REASON_CODES.has(stored.code) && isParams(stored.params)) {
    return withText({ code: stored.code as SeverityReasonCode, params: stored.params });
  }
  return { code: stored.code as SeverityReasonCode, params: stored.params, text: stored.text };
}

/** A reason written by the analysis stage for one mention (already Vietnamese). */
export function analysisReason(text: string): SeverityReason {
  return { code: SeverityReasonCode.Analysis, params: { text } };
}

const TIMELINE_CODES = new Set<string>(Object.values(TimelineCode));

/** The coded message stored in a timeline entry's data, or the summary as plain text for an entry without one. */
export function timelineMessageOf(
  data: Record<string, unknown>,
  summary: string,
): { code: TimelineCode; params: MessageParams; text: string } {
  const message = data.message as { code?: unknown; params?: unknown } | undefined;
  if (message && typeof message.code === 'string' && TIMELINE_CODES.has(message.code) && isParams(message.params)) {
    return { code: message.code as TimelineCode, params: message.params, text: summary };
  }
  return { code: TimelineCode.Text, params: { text: summary }, text: summary };
}

function isParams(value: unknown): value is MessageParams {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}
