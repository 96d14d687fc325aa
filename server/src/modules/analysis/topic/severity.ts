/**
 * Proposes a severity for an incident, S1 most severe, with the reasons (in Vietnamese, as the dashboard shows
 * them) a duty officer reads before accepting or changing it. Each category starts at a base level; concrete signals in the text then raise it: a death,
 * sexual abuse, violence that sent someone to hospital, food poisoning of many children, police involvement.
 * Wide pickup by several outlets raises it once more, since the office's response deadline should tighten
 * when a story spreads. Weather alone (rain, heat) stays at S4 unless something was damaged or someone hurt.
 */
import { IncidentCategory, Severity } from '@mw/shared';
import { PhraseIndex, type PhraseEntry } from '../tone/phrase-index';
import type { Syllables } from '../tone/syllables';

export interface SeverityInput {
  readonly category: IncidentCategory;
  readonly texts: readonly Syllables[];
  /** Outlets that have told the same story so far, this one included. */
  readonly outlets?: number;
}

export interface SeverityProposal {
  readonly severity: Severity;
  readonly reasons: string[];
}

const BASE: Readonly<Record<IncidentCategory, Severity>> = {
  [IncidentCategory.AbuseSexualMisconduct]: Severity.S1,
  [IncidentCategory.ViolenceBullying]: Severity.S2,
  [IncidentCategory.FoodSafety]: Severity.S3,
  [IncidentCategory.TeacherConduct]: Severity.S3,
  [IncidentCategory.AccidentInjury]: Severity.S3,
  [IncidentCategory.FeesFinances]: Severity.S3,
  [IncidentCategory.ExamsAdmissions]: Severity.S3,
  [IncidentCategory.FacilitiesSafety]: Severity.S3,
  [IncidentCategory.HealthEpidemics]: Severity.S3,
  [IncidentCategory.DisastersWeather]: Severity.S4,
  [IncidentCategory.Misinformation]: Severity.S3,
};

type Signal = 'death' | 'fall' | 'abuse' | 'injury' | 'violence' | 'poisoning' | 'mass' | 'police' | 'disaster';

interface SignalEntry extends PhraseEntry {
  readonly signal: Signal;
}

const SIGNAL_ROWS: Readonly<Record<Signal, readonly string[]>> = {
  death: [
    'tử vong',
    'thiệt mạng',
    'tử nạn',
    'tự tử',
    'tự sát',
    'đuối nước',
    'chết đuối',
    'qua đời',
    'thương vong',
    'tử tự',
  ],
  fall: ['rơi từ tầng', 'ngã từ tầng', 'rơi từ lan can', 'ngã từ lan can', 'té từ tầng', 'rơi xuống từ tầng'],
  abuse: ['xâm hại', 'dâm ô', 'hiếp dâm', 'sàm sỡ', 'quấy rối tình dục', 'bạo hành trẻ'],
  injury: [
    'nhập viện',
    'cấp cứu',
    'đa chấn thương',
    'chấn thương sọ não',
    'gãy xương',
    'bất tỉnh',
    'nguy kịch',
    'hôn mê',
    'vỡ lách',
  ],
  violence: ['đánh', 'đánh đập', 'hành hung', 'bạo lực', 'đâm', 'bạo hành', 'đánh hội đồng', 'tát'],
  poisoning: ['ngộ độc', 'nghi ngộ độc', 'đau bụng', 'nôn ói'],
  mass: ['hàng loạt', 'tập thể', 'hàng chục', 'hàng trăm', 'nhiều học sinh', 'nhiều trẻ'],
  police: ['khởi tố', 'bắt giam', 'tạm giữ', 'công an', 'cơ quan điều tra', 'truy tố'],
  disaster: ['tốc mái', 'sập', 'cây đổ', 'hỏa hoạn', 'bốc cháy'],
};

/** Single-syllable signals that fold onto harmless words need diacritics. */
const STRICT = new Set(['đánh', 'đâm', 'tát', 'sập']);

const signals = new PhraseIndex<SignalEntry>(
  Object.entries(SIGNAL_ROWS).flatMap(([signal, phrases]) =>
    phrases.map((phrase) => ({ signal: signal as Signal, phrase, strict: STRICT.has(phrase) })),
  ),
);

const VICTIMS = new Set(['hoc', 'tre', 'chau', 'em', 'nguoi', 'be', 'giao']);
const MASS_COUNT = 30;
/** Outlets carrying a story before it counts as spreading (the crisis stage after "outbreak"). */
const WIDE_SPREAD = 4;

const RANK: readonly Severity[] = [Severity.S1, Severity.S2, Severity.S3, Severity.S4];

/** Lower rank is more severe: S1 = 0. */
export function severityRank(s: Severity): number {
  return RANK.indexOf(s);
}

function atLeast(current: Severity, floor: Severity): Severity {
  return severityRank(current) <= severityRank(floor) ? current : floor;
}

function raise(current: Severity): Severity {
  return RANK[Math.max(0, severityRank(current) - 1)];
}

export function proposeSeverity(input: SeverityInput): SeverityProposal {
  const found = new Set<Signal>();
  let largestCount = 0;
  for (const text of input.texts) {
    for (const m of signals.findAll(text)) found.add(m.entry.signal);
    largestCount = Math.max(largestCount, victimCount(text));
  }
  if (largestCount >= MASS_COUNT) found.add('mass');
  const reasons: string[] = [];
  let severity = BASE[input.category];
  reasons.push(`nhóm ${input.category}: mức khởi điểm ${severity}`);
  // A rumour's weight is how far it spreads, not what it claims happened.
  if (input.category === IncidentCategory.Misinformation) return spread(input, severity, reasons);
  const physical =
    input.category === IncidentCategory.ViolenceBullying || input.category === IncidentCategory.AbuseSexualMisconduct;
  if (found.has('fall')) {
    severity = Severity.S1;
    reasons.push('ngã, rơi từ trên cao');
  }
  if (found.has('death')) {
    severity = Severity.S1;
    reasons.push('có người tử vong');
  }
  if (found.has('abuse')) {
    severity = Severity.S1;
    reasons.push('có dấu hiệu xâm hại hoặc bạo hành trẻ');
  }
  if (physical && found.has('violence') && found.has('injury')) {
    severity = Severity.S1;
    reasons.push('bạo lực gây thương tích hoặc phải nhập viện');
  }
  if (found.has('poisoning') && found.has('mass')) {
    severity = Severity.S1;
    reasons.push(
      largestCount >= MASS_COUNT ? `ngộ độc thực phẩm ${largestCount} người` : 'ngộ độc thực phẩm hàng loạt',
    );
  } else if (found.has('poisoning') && found.has('injury')) {
    severity = atLeast(severity, Severity.S2);
    reasons.push('ngộ độc phải nhập viện');
  } else if (found.has('injury') && severityRank(severity) > 1) {
    severity = Severity.S2;
    reasons.push('có người bị thương hoặc nhập viện');
  }
  if (found.has('disaster') && severityRank(severity) > 2) {
    severity = Severity.S3;
    reasons.push('hư hại công trình hoặc cháy');
  }
  if (found.has('police') && severityRank(severity) > 1) {
    severity = raise(severity);
    reasons.push('công an, cơ quan điều tra vào cuộc');
  }
  return spread(input, severity, reasons);
}

function spread(input: SeverityInput, current: Severity, reasons: string[]): SeverityProposal {
  let severity = current;
  if ((input.outlets ?? 1) >= WIDE_SPREAD && severityRank(severity) > 0) {
    severity = raise(severity);
    reasons.push(`${input.outlets} cơ quan báo chí cùng đưa tin`);
  }
  return { severity, reasons };
}

/** The largest number written right before a word for people ("45 học sinh", "hơn 20 trẻ"). */
function victimCount(text: Syllables): number {
  let best = 0;
  for (let i = 0; i + 1 < text.folded.length; i++) {
    const s = text.folded[i];
    if (s.charCodeAt(0) < 48 || s.charCodeAt(0) > 57 || !/^\d+$/.test(s)) continue;
    if (VICTIMS.has(text.folded[i + 1])) best = Math.max(best, Number(s));
  }
  return best;
}
