/**
 * The texts of every notification, in Vietnamese and English, as functions of their parameters. The same template
 * gives an e-mail (subject, text, HTML), the in-app title/body and the short Zalo text. Parameters are written by
 * the module that enqueues (incidents, escalation): `title`, `units`, `severity`, `level`, `reason`, `deadline`,
 * `by`, `author`, `approver`, `outlet`, `count`, `summary`, `from`; a missing one reads as a dash, never as
 * "undefined".
 */
import type { Language } from '@mw/shared';

export interface TemplateInput {
  language: Language;
  params: Record<string, string>;
  /** `${MW_PUBLIC_URL}/incidents/<id>`, the page of a template without an incident (see messageLink), or null. */
  incidentLink: string | null;
  /** Signed acknowledge link, for messages that ask for an acknowledgement. */
  ackLink: string | null;
}

export interface RenderedMessage {
  subject: string;
  /** The message body without links (in-app body, and the start of the other forms). */
  body: string;
  /** Plain-text e-mail: body, then the links each on its own line. */
  text: string;
  html: string;
}

interface TemplateText {
  subject: string;
  lines: string[];
}

type Texts = (p: Record<string, string>) => TemplateText;

const dash = (value: string | undefined): string => (value && value.trim().length > 0 ? value.trim() : '—');

const VI: Record<string, Texts> = {
  'incident.opened': (p) => ({
    subject: `[${dash(p.severity)}] Sự cố truyền thông mới: ${dash(p.title)}`,
    lines: [
      `Một sự cố truyền thông mới liên quan đến ${dash(p.units)} vừa được ghi nhận, mức độ ${dash(p.severity)}.`,
      `Nội dung: ${dash(p.title)}`,
      ...(p.outlet ? [`Nguồn: ${p.outlet}`] : []),
      'Đề nghị xác nhận đã nhận thông tin và phối hợp xử lý theo quy chế phát ngôn.',
    ],
  }),
  'incident.escalated': (p) => ({
    subject: `[${dash(p.severity)}] Chuyển cấp ${dash(p.level)}: ${dash(p.title)}`,
    lines: [
      `Sự cố "${dash(p.title)}" (${dash(p.units)}) đã được chuyển lên cấp ${dash(p.level)}.`,
      `Lý do: ${dash(p.reason)}`,
      'Đề nghị xác nhận và chỉ đạo xử lý ngay.',
    ],
  }),
  'incident.severity_raised': (p) => ({
    subject: `[${dash(p.severity)}] Mức độ tăng lên ${dash(p.severity)}: ${dash(p.title)}`,
    lines: [
      `Sự cố "${dash(p.title)}" (${dash(p.units)}) được nâng từ mức ${dash(p.from)} lên mức ${dash(p.severity)} vì tin đang lan rộng.`,
      'Đề nghị xác nhận và chỉ đạo xử lý ngay.',
    ],
  }),
  'incident.response_overdue': (p) => ({
    subject: `[${dash(p.severity)}] Quá hạn phản hồi: ${dash(p.title)}`,
    lines: [
      `Sự cố "${dash(p.title)}" (${dash(p.units)}) đã quá hạn cung cấp thông tin cho báo chí.`,
      `Hạn phản hồi: ${dash(p.deadline)}`,
      'Đề nghị hoàn thiện nội dung phản hồi và trình duyệt.',
    ],
  }),
  'incident.acknowledged': (p) => ({
    subject: `Đã xác nhận: ${dash(p.title)}`,
    lines: [`${dash(p.by)} đã xác nhận tiếp nhận sự cố "${dash(p.title)}" (${dash(p.units)}).`],
  }),
  'incident.dismissal_proposed': (p) => ({
    subject: `[${dash(p.severity)}] Đề nghị bỏ qua sự vụ: ${dash(p.title)}`,
    lines: [
      `${dash(p.by)} đề nghị Phòng cho bỏ qua sự vụ "${dash(p.title)}" (${dash(p.units)}).`,
      `Lý do: ${dash(p.reason)}`,
      'Sự vụ mức S1, S2 chỉ Phòng quyết định bỏ qua: đề nghị xem xét trên phiếu sự vụ.',
    ],
  }),
  'response.awaiting_approval': (p) => ({
    subject: `Chờ phê duyệt phản hồi: ${dash(p.title)}`,
    lines: [
      `Dự thảo phản hồi cho sự cố "${dash(p.title)}" đang chờ Lãnh đạo phê duyệt.`,
      `Người soạn: ${dash(p.author)}`,
    ],
  }),
  'response.approved': (p) => ({
    subject: `Đã phê duyệt phản hồi: ${dash(p.title)}`,
    lines: [
      `Nội dung phản hồi chính thức cho sự cố "${dash(p.title)}" đã được ${dash(p.approver)} phê duyệt.`,
      'Người phát ngôn có thể công bố và cập nhật đường dẫn bài đăng trên phiếu sự cố.',
    ],
  }),
  'response.sent_back': (p) => ({
    subject: `Phản hồi cần chỉnh sửa: ${dash(p.title)}`,
    lines: [`Dự thảo phản hồi cho sự cố "${dash(p.title)}" đã được trả lại để chỉnh sửa.`, `Ý kiến: ${dash(p.reason)}`],
  }),
  digest: (p) => ({
    subject: `Bản tin Media Watch: ${dash(p.count)} mục mới`,
    lines: [`Có ${dash(p.count)} mục mới cần lưu ý.`, dash(p.summary)],
  }),
  weekly_report: (p) => ({
    subject: `Báo cáo tuần ${dash(p.weekLabel || p.week)} (${dash(p.from)} – ${dash(p.to)})${p.unitName ? ` – ${p.unitName}` : ''}`,
    lines: [
      // The summary, built from the report's figures only (see reportSummary), then where the rest is.
      ...(p.summary ? p.summary.split('\n') : [`Tin bài ${dash(p.mentions)}, sự vụ mới ${dash(p.incidents)}.`]),
      'Báo cáo đầy đủ, với biểu đồ và các bảng số liệu, trong tệp PDF đính kèm.',
    ],
  }),
  coverage_spike: (p) => ({
    subject: `Lượng tin tăng đột biến: ${dash(p.label)} (${dash(p.day)})`,
    lines: [
      `Ngày ${dash(p.day)}, ${p.dimension === 'topic' ? 'chủ đề' : 'đơn vị'} "${dash(p.label)}" có ${dash(p.articles)} tin bài, trong khi mức thường là khoảng ${dash(p.baseline)} tin/ngày.`,
      'Chưa tin nào tự nó đủ mở sự vụ; đề nghị xem các tin liên quan.',
    ],
  }),
};

const EN: Record<string, Texts> = {
  'incident.opened': (p) => ({
    subject: `[${dash(p.severity)}] New media incident: ${dash(p.title)}`,
    lines: [
      `A new media incident about ${dash(p.units)} was recorded, severity ${dash(p.severity)}.`,
      `Story: ${dash(p.title)}`,
      ...(p.outlet ? [`Source: ${p.outlet}`] : []),
      'Please acknowledge and handle it as the spokesperson rules require.',
    ],
  }),
  'incident.escalated': (p) => ({
    subject: `[${dash(p.severity)}] Escalated to level ${dash(p.level)}: ${dash(p.title)}`,
    lines: [
      `The incident "${dash(p.title)}" (${dash(p.units)}) was escalated to level ${dash(p.level)}.`,
      `Reason: ${dash(p.reason)}`,
      'Please acknowledge and direct the response now.',
    ],
  }),
  'incident.severity_raised': (p) => ({
    subject: `[${dash(p.severity)}] Severity raised to ${dash(p.severity)}: ${dash(p.title)}`,
    lines: [
      `The incident "${dash(p.title)}" (${dash(p.units)}) was raised from ${dash(p.from)} to ${dash(p.severity)} as the story spreads.`,
      'Please acknowledge and direct the response now.',
    ],
  }),
  'incident.response_overdue': (p) => ({
    subject: `[${dash(p.severity)}] Response overdue: ${dash(p.title)}`,
    lines: [
      `The first information to the press about "${dash(p.title)}" (${dash(p.units)}) is overdue.`,
      `Deadline: ${dash(p.deadline)}`,
      'Please finish the response and submit it for approval.',
    ],
  }),
  'incident.acknowledged': (p) => ({
    subject: `Acknowledged: ${dash(p.title)}`,
    lines: [`${dash(p.by)} acknowledged the incident "${dash(p.title)}" (${dash(p.units)}).`],
  }),
  'incident.dismissal_proposed': (p) => ({
    subject: `[${dash(p.severity)}] Dismissal proposed: ${dash(p.title)}`,
    lines: [
      `${dash(p.by)} asks the office to dismiss the incident "${dash(p.title)}" (${dash(p.units)}).`,
      `Reason: ${dash(p.reason)}`,
      'Only the office dismisses S1 and S2 incidents: please weigh it on the ticket.',
    ],
  }),
  'response.awaiting_approval': (p) => ({
    subject: `Response awaiting approval: ${dash(p.title)}`,
    lines: [`A draft response to "${dash(p.title)}" awaits a leader's approval.`, `Drafted by: ${dash(p.author)}`],
  }),
  'response.approved': (p) => ({
    subject: `Response approved: ${dash(p.title)}`,
    lines: [
      `The official response to "${dash(p.title)}" was approved by ${dash(p.approver)}.`,
      'The spokesperson may publish it and record its link on the ticket.',
    ],
  }),
  'response.sent_back': (p) => ({
    subject: `Response sent back: ${dash(p.title)}`,
    lines: [`The draft response to "${dash(p.title)}" was sent back for changes.`, `Comment: ${dash(p.reason)}`],
  }),
  digest: (p) => ({
    subject: `Media Watch digest: ${dash(p.count)} new items`,
    lines: [`${dash(p.count)} new items need attention.`, dash(p.summary)],
  }),
  weekly_report: (p) => ({
    subject: `Weekly report ${dash(p.week)} (${dash(p.from)} – ${dash(p.to)})${p.unitName ? ` – ${p.unitName}` : ''}`,
    lines: [
      ...(p.summaryEn
        ? p.summaryEn.split('\n')
        : [`Articles ${dash(p.mentions)}, new incidents ${dash(p.incidents)}.`]),
      'The full report, with its charts and tables, is in the attached PDF.',
    ],
  }),
  coverage_spike: (p) => ({
    subject: `Coverage spike: ${dash(p.label)} (${dash(p.day)})`,
    lines: [
      `On ${dash(p.day)} the ${p.dimension === 'topic' ? 'topic' : 'unit'} "${dash(p.label)}" had ${dash(p.articles)} articles, against about ${dash(p.baseline)} a day usually.`,
      'No single item opened an incident; please look at the coverage.',
    ],
  }),
};

const LINK_LABELS: Record<Language, { open: string; ack: string; report: string }> = {
  vi: { open: 'Xem phiếu sự cố', ack: 'Xác nhận đã nhận', report: 'Xem báo cáo tuần' },
  en: { open: 'Open the ticket', ack: 'Acknowledge', report: 'Open the weekly report' },
};

/** Templates whose link opens a dashboard page built from their params rather than an incident ticket. */
const PAGE_LINKS: Record<string, (params: Record<string, string>) => string | null> = {
  weekly_report: (p) => (p.week ? `/reports/weekly?week=${encodeURIComponent(p.week)}` : null),
};

/**
 * The dashboard link of a message, from the public base URL (MW_PUBLIC_URL): the incident ticket, or the page a
 * template without an incident points to (the weekly report); null when there is none.
 */
export function messageLink(
  base: string,
  message: { incidentId: string | null; template: string; params: Record<string, string> },
): string | null {
  const root = base.replace(/\/+$/, '');
  if (message.incidentId) return `${root}/incidents/${message.incidentId}`;
  const page = PAGE_LINKS[message.template]?.(message.params);
  return page ? `${root}${page}` : null;
}

const openLabel = (template: string, language: Language): string =>
  template in PAGE_LINKS ? LINK_LABELS[language].report : LINK_LABELS[language].open;

function textsFor(template: string, language: Language, params: Record<string, string>): TemplateText {
  const table = language === 'en' ? EN : VI;
  const texts = table[template];
  if (texts) return texts(params);
  const title = dash(params.title ?? params.summary);
  return language === 'en'
    ? { subject: `Media Watch: ${title}`, lines: [title] }
    : { subject: `Media Watch: ${title}`, lines: [title] };
}

export function isKnownTemplate(template: string): boolean {
  return template in VI;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Renders a template; parameters are NFC-normalised so mail and Zalo show composed Vietnamese letters. */
export function renderNotification(template: string, input: TemplateInput): RenderedMessage {
  const params = Object.fromEntries(Object.entries(input.params).map(([k, v]) => [k, String(v).normalize('NFC')]));
  const { subject, lines } = textsFor(template, input.language, params);
  const labels = LINK_LABELS[input.language];
  const links: { label: string; url: string }[] = [];
  if (input.incidentLink) links.push({ label: openLabel(template, input.language), url: input.incidentLink });
  if (input.ackLink) links.push({ label: labels.ack, url: input.ackLink });
  const body = lines.join('\n');
  const text = [body, '', ...links.map((l) => `${l.label}: ${l.url}`)].join('\n').trimEnd() + '\n';
  const html = [
    `<!doctype html><html lang="${input.language}"><body style="font-family:sans-serif">`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...links.map((l) => `<p><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></p>`),
    '</body></html>',
  ].join('\n');
  return { subject, body, text, html };
}

/**
 * The short form for channels with a length limit (Zalo): subject, first body line, then the links. When it is too
 * long, the longest parameter is cut (at a word, with "…") until it fits; links and fixed wording are never cut.
 * Returns the text and the parameters that produced it.
 */
export function renderShort(
  template: string,
  input: TemplateInput,
  limit: number,
): { text: string; params: Record<string, string> } {
  let params = { ...input.params };
  const compose = (p: Record<string, string>): string => {
    const r = renderNotification(template, { ...input, params: p });
    const first = r.body.split('\n')[0] ?? '';
    const labels = LINK_LABELS[input.language];
    return [
      r.subject,
      first,
      ...(input.incidentLink ? [`${openLabel(template, input.language)}: ${input.incidentLink}`] : []),
      ...(input.ackLink ? [`${labels.ack}: ${input.ackLink}`] : []),
    ].join('\n');
  };
  let text = compose(params);
  for (let round = 0; text.length > limit && round < 200; round++) {
    const longest = Object.entries(params).sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest || longest[1].length <= 8) break;
    const [key, value] = longest;
    const excess = text.length - limit;
    params = { ...params, [key]: truncateAtWord(value, Math.max(8, value.length - Math.max(excess, 10))) };
    text = compose(params);
  }
  return { text: text.length > limit ? `${text.slice(0, limit - 1)}…` : text, params };
}

/** Cuts to at most `max` characters (ellipsis included), preferring the last space in the final fifth. */
export function truncateAtWord(value: string, max: number): string {
  const s = value.normalize('NFC');
  if (s.length <= max) return s;
  const room = Math.max(1, max - 1);
  const cut = s.slice(0, room);
  const space = cut.lastIndexOf(' ');
  const base = space >= room * 0.8 ? cut.slice(0, space) : cut;
  return `${base.trimEnd()}…`;
}
