/**
 * Severity of an incident as a whole, re-evaluated each time coverage attaches. The analysis stage proposes a
 * severity per mention from what the text says (a death, abuse, injury, mass poisoning); this adds what only the
 * incident sees: how many outlets carry the story, their combined reach, how fast it spread, and whether it jumped
 * from social media to a mainstream outlet. Spread raises the level at most twice, and automatic re-evaluation
 * never lowers it: a story that calms down is closed by a person, not by the arithmetic.
 */
import { IncidentCategory, Severity, SeverityReasonCode, type Category } from '@mw/shared';
import { analysisReason, type SeverityReason } from './incident-messages';

export interface SeverityEvidence {
  readonly proposed: Severity | null;
  readonly reasons: readonly string[];
  readonly category: Category | null;
  readonly sentiment: number | null;
  readonly reachWeight: number;
  readonly outlet: string;
  /** 'social' for social media; anything else is an outlet of the press or a search of it; null when unknown. */
  readonly sourceKind: string | null;
  readonly at: Date;
}

export interface SeverityAssessment {
  readonly severity: Severity;
  readonly reasons: SeverityReason[];
}

const RANK: readonly Severity[] = [Severity.S1, Severity.S2, Severity.S3, Severity.S4];
const CATEGORY_FLOOR: Partial<Record<Category, Severity>> = {
  [IncidentCategory.AbuseSexualMisconduct]: Severity.S1,
  [IncidentCategory.ViolenceBullying]: Severity.S2,
  [IncidentCategory.FoodSafety]: Severity.S2,
  [IncidentCategory.AccidentInjury]: Severity.S2,
};

export const SPREAD_OUTLETS = 3;
export const SPREAD_REACH = 5;
export const FAST_SPREAD_MENTIONS = 3;
export const FAST_SPREAD_WINDOW_MS = 6 * 3600_000;
const OVERWHELMINGLY_NEGATIVE = -0.8;
const MAX_SPREAD_RAISE = 2;

export function severityRank(s: Severity): number {
  return RANK.indexOf(s);
}

export function moreSevere(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

function raise(s: Severity): Severity {
  return RANK[Math.max(0, severityRank(s) - 1)] as Severity;
}

export function assessSeverity(
  evidence: readonly SeverityEvidence[],
  fallback: Severity = Severity.S3,
): SeverityAssessment {
  if (evidence.length === 0) {
    return { severity: fallback, reasons: [{ code: SeverityReasonCode.ManualNoCoverage, params: {} }] };
  }
  const reasons: SeverityReason[] = [];
  const strongest = evidence.reduce<SeverityEvidence | null>((best, e) => {
    if (!e.proposed) return best;
    if (!best?.proposed) return e;
    return severityRank(e.proposed) < severityRank(best.proposed) ? e : best;
  }, null);
  let severity = strongest?.proposed ?? fallback;
  if (strongest?.proposed) {
    reasons.push({
      code: SeverityReasonCode.AnalysisProposed,
      params: { severity: strongest.proposed, outlet: strongest.outlet },
    });
    reasons.push(...strongest.reasons.map(analysisReason));
  } else {
    reasons.push({ code: SeverityReasonCode.NoProposal, params: { severity: fallback } });
  }

  for (const e of evidence) {
    const floor = e.category ? CATEGORY_FLOOR[e.category] : undefined;
    if (floor && severityRank(floor) < severityRank(severity)) {
      severity = floor;
      reasons.push({
        code: SeverityReasonCode.CategoryFloor,
        params: { category: e.category as string, severity: floor },
      });
    }
  }

  const scores = evidence.map((e) => e.sentiment).filter((s): s is number => s !== null);
  const mean = scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
  if (mean <= OVERWHELMINGLY_NEGATIVE && severityRank(severity) > 1) {
    severity = raise(severity);
    reasons.push({ code: SeverityReasonCode.NegativeTone, params: { mean: Number(mean.toFixed(2)) } });
  }

  let raised = 0;
  const spreadRaise = (reason: SeverityReason) => {
    if (raised >= MAX_SPREAD_RAISE || severity === Severity.S1) return;
    severity = raise(severity);
    raised++;
    reasons.push(reason);
  };
  const byOutlet = new Map<string, SeverityEvidence>();
  for (const e of evidence) {
    const prior = byOutlet.get(e.outlet);
    if (!prior || prior.reachWeight < e.reachWeight) byOutlet.set(e.outlet, e);
  }
  const sorted = [...evidence].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = sorted[0] as SeverityEvidence;
  const jump =
    first.sourceKind === 'social' ? sorted.find((e) => e.sourceKind !== null && e.sourceKind !== 'social') : undefined;
  if (jump) spreadRaise({ code: SeverityReasonCode.SocialJump, params: { from: first.outlet, to: jump.outlet } });
  if (byOutlet.size >= SPREAD_OUTLETS)
    spreadRaise({ code: SeverityReasonCode.Outlets, params: { count: byOutlet.size } });
  const reach = [...byOutlet.values()].reduce((sum, e) => sum + e.reachWeight, 0);
  if (reach >= SPREAD_REACH)
    spreadRaise({ code: SeverityReasonCode.Reach, params: { reach: Number(reach.toFixed(1)) } });
  const fast = sorted.filter((e) => e.at.getTime() - first.at.getTime() <= FAST_SPREAD_WINDOW_MS).length;
  if (fast >= FAST_SPREAD_MENTIONS && byOutlet.size > 1) {
    spreadRaise({
      code: SeverityReasonCode.FastSpread,
      params: { count: fast, hours: FAST_SPREAD_WINDOW_MS / 3600_000 },
    });
  }
  return { severity, reasons };
}
