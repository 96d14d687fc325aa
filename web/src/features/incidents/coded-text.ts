/**
 * Messages the server sends as a code plus params (severity reasons, timeline entries) and the notification events
 * of deliveries, turned into the reader's language. The dictionaries must hold a text for every code the shared
 * enums list (the template literal types below make a missing one a compile error); a code this build does not
 * know, from a newer server, falls back to the server's own Vietnamese text.
 */
import type { CodedText, Language, MessageParams, SeverityReasonCode, TimelineCode } from '@mw/shared';
import { hasMessage, type MessageKey } from '../../i18n/i18n';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Codes whose only content is a text written elsewhere (the analysis stage, a person, an old entry). */
const VERBATIM = new Set<string>(['text', 'analysis']);

/** Params holding an enum value that has its own translation. */
const PARAM_PREFIX: Readonly<Record<string, string>> = {
  category: 'category',
  via: 'channel',
};
const STATUS_PARAMS = new Set(['from', 'to']);

function localParams(
  code: string,
  params: MessageParams,
  t: Translate,
  language: Language,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const numbers = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number') {
      out[name] = numbers.format(value);
      continue;
    }
    const prefix = code.startsWith('status_changed') && STATUS_PARAMS.has(name) ? 'status' : PARAM_PREFIX[name];
    const key = prefix ? `${prefix}.${value}` : '';
    out[name] = prefix && hasMessage(key) ? t(key) : value;
  }
  return out;
}

/**
 * The analysis stage writes its severity reasons as Vietnamese sentences (topic/severity.ts). Their set is closed,
 * so each is recognised here and said in the reader's language, its category through the dictionary; a sentence
 * this build does not know is shown as the server wrote it.
 */
export const ANALYSIS_PHRASES: Readonly<Record<string, MessageKey>> = {
  'ngã, rơi từ trên cao': 'analysisReason.fall',
  'có người tử vong': 'analysisReason.death',
  'có dấu hiệu xâm hại hoặc bạo hành trẻ': 'analysisReason.abuse',
  'bạo lực gây thương tích hoặc phải nhập viện': 'analysisReason.violence_injury',
  'ngộ độc thực phẩm hàng loạt': 'analysisReason.mass_poisoning',
  'ngộ độc phải nhập viện': 'analysisReason.poisoning_hospital',
  'có người bị thương hoặc nhập viện': 'analysisReason.injury',
  'hư hại công trình hoặc cháy': 'analysisReason.damage_fire',
  'công an, cơ quan điều tra vào cuộc': 'analysisReason.police',
};

export function analysisReasonText(text: string, t: Translate): string {
  const phrase = ANALYSIS_PHRASES[text.trim()];
  if (phrase) return t(phrase);
  const base = /^nhóm ([a-z_]+): mức khởi điểm (S[1-4])$/.exec(text.trim());
  if (base) {
    const key = `category.${base[1]}`;
    return t('analysisReason.base', {
      category: hasMessage(key) ? t(key) : (base[1] as string),
      severity: base[2] as string,
    });
  }
  const poisoned = /^ngộ độc thực phẩm (\d+) người$/.exec(text.trim());
  if (poisoned) return t('analysisReason.poisoned_count', { count: Number(poisoned[1]) });
  const outlets = /^(\d+) cơ quan báo chí cùng đưa tin$/.exec(text.trim());
  if (outlets) return t('analysisReason.outlets', { count: Number(outlets[1]) });
  return text;
}

function render(prefix: 'reasonText' | 'timelineText', message: CodedText, t: Translate, language: Language): string {
  if (message.code === 'analysis' && prefix === 'reasonText') {
    const text = typeof message.params.text === 'string' ? message.params.text : message.text;
    return analysisReasonText(text, t);
  }
  if (VERBATIM.has(message.code)) return message.text;
  const key = `${prefix}.${message.code}`;
  if (!hasMessage(key)) return message.text;
  return t(key, localParams(message.code, message.params, t, language));
}

export function severityReasonText(reason: CodedText<SeverityReasonCode>, t: Translate, language: Language): string {
  return render('reasonText', reason, t, language);
}

export function timelineText(entry: CodedText<TimelineCode>, t: Translate, language: Language): string {
  // A reminder without a round is the catch-up of those told at lower levels.
  if (entry.code === 'reminder' && Number(entry.params.round ?? 0) === 0) {
    return render('timelineText', { ...entry, code: 'reminder_catch_up' }, t, language);
  }
  return render('timelineText', entry, t, language);
}

/**
 * What a delivery was about, from its notification event (`incident.reminder.2`, `response.approved.<id>`, …):
 * the first two segments name it, a third short one is its detail (the reminder round, the new severity).
 */
export function deliveryEventText(event: string, t: Translate): string {
  const [scope, name, detail] = event.split('.');
  const key = `deliveryEvent.${scope}.${name}`;
  if (!hasMessage(key)) return event;
  return t(key, { detail: detail ?? '' });
}

type Missing<K extends string> = Exclude<K, MessageKey>;
type Complete<K extends string> = [Missing<K>] extends [never] ? true : Missing<K>;

/** Fails to compile, naming the key, when a code has no dictionary entry. */
export const CODES_TRANSLATED: [
  Complete<`reasonText.${Exclude<SeverityReasonCode, 'analysis'>}`>,
  Complete<`timelineText.${Exclude<TimelineCode, 'text'> | 'reminder_catch_up'}`>,
] = [true, true];

/** Why a person is on the ticket: `unit_spokesperson:<unit code>`, `office_spokesperson`, `assigned`, `merged`. */
export function assigneeReasonText(
  reason: string,
  units: readonly { code: string; name: string }[],
  t: Translate,
): string {
  const [kind, unitCode] = reason.split(':');
  const key = `assignReason.${kind}`;
  if (!hasMessage(key)) return reason;
  const unit = units.find((u) => u.code === unitCode)?.name ?? unitCode ?? '';
  return t(key, { unit });
}
