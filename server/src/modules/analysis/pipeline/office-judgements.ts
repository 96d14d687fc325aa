/**
 * The analysis scored against the office's own judgements: the lines `labels export` prints (incidents module,
 * flows/judgements.ts), one per mention a person judged through its ticket: "incident" when the ticket was
 * acknowledged or opened by a person, "false_match" when it was dismissed. These are real Gò Vấp items, which the news
 * archive lacks, so `npm run eval -- --office FILE` reads the Gò Vấp incident decision on them twice: as the analyzer
 * that stored each mention decided it (the line's `analysed`), and as the build at hand decides it now.
 *
 * The judged items are not a sample of the news: a person judges what reached a ticket (the analyzer's alarms, the
 * coverage later attached to them by story). Precision is therefore well measured; recall counts only the misses that
 * reached a ticket anyway, so read it as an upper bound. A ticket opened by hand from a link carries no article text
 * and is not exported.
 */
import { loadSeedGazetteer, type Gazetteer } from '../matching/unit-matcher';
import { committedModel, type AnalysisModel } from './analysis-model';
import { analyzeInputsInOrder, row } from './evaluate-real';
import { scoreDecisions, type BinaryScore } from './real-scores';

export interface OfficeJudgement {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly outlet?: string;
  readonly publishedAt?: string;
  readonly incident: boolean;
  /** What the analyzer said when it stored the mention; null when the export could not tell. */
  readonly analysedIncident: boolean | null;
}

export interface OfficeReport {
  readonly items: number;
  readonly incidents: number;
  readonly falseMatches: number;
  /** The analyzer that stored each mention, over the lines that say what it decided. */
  readonly atTheTime: BinaryScore & { readonly items: number };
  /** The build at hand, over every line. */
  readonly thisBuild: BinaryScore;
  /** The lines the build at hand decides against the office, in the export's order. */
  readonly mistakes: readonly { readonly id: string; readonly incident: boolean; readonly title: string }[];
}

const JUDGEMENTS = new Set(['incident', 'false_match']);

/** One exported line, checked; a string naming the field when it is not one. */
export function parseOfficeLine(line: string): OfficeJudgement | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'invalid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '') return 'id must be a non-empty string';
  if (typeof v.title !== 'string' || v.title.trim() === '') return 'title must be a non-empty string';
  if (v.summary !== undefined && v.summary !== null && typeof v.summary !== 'string') return 'summary must be a string';
  if (typeof v.judgement !== 'string' || !JUDGEMENTS.has(v.judgement)) {
    return 'judgement must be "incident" or "false_match"';
  }
  for (const field of ['outlet', 'publishedAt'] as const) {
    if (v[field] !== undefined && v[field] !== null && typeof v[field] !== 'string') return `${field} must be a string`;
  }
  const analysed = v.analysed;
  let analysedIncident: boolean | null = null;
  if (analysed !== undefined && analysed !== null) {
    const incident = (analysed as Record<string, unknown>).incident;
    if (typeof analysed !== 'object' || typeof incident !== 'boolean') return 'analysed.incident must be true or false';
    analysedIncident = incident;
  }
  const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
  return {
    id: v.id,
    title: v.title,
    summary: text(v.summary) ?? '',
    outlet: text(v.outlet),
    publishedAt: text(v.publishedAt),
    incident: v.judgement === 'incident',
    analysedIncident,
  };
}

/** Every non-empty line of an export, or the problems found, each naming its line number and field. */
export function parseOfficeJudgements(text: string): { items: OfficeJudgement[]; errors: string[] } {
  const items: OfficeJudgement[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseOfficeLine(line);
    if (typeof parsed === 'string') errors.push(`line ${i + 1}: ${parsed}`);
    else items.push(parsed);
  });
  return { items, errors };
}

/**
 * The Gò Vấp incident decision against the office's judgements. `decide` is the build at hand: whether it would open
 * a ticket for the item (units matched and an incident category: AnalyzeOutput.incident).
 */
export function scoreOfficeJudgements(
  items: readonly OfficeJudgement[],
  decide: (item: OfficeJudgement) => boolean,
): OfficeReport {
  const known = items.filter((i) => i.analysedIncident !== null);
  const incidents = items.filter((i) => i.incident).length;
  const decided = items.map(decide);
  return {
    items: items.length,
    incidents,
    falseMatches: items.length - incidents,
    atTheTime: { ...scoreDecisions(known.map((i) => [i.incident, i.analysedIncident === true])), items: known.length },
    thisBuild: scoreDecisions(items.map((i, k) => [i.incident, decided[k] as boolean])),
    mistakes: items
      .filter((i, k) => decided[k] !== i.incident)
      .map((i) => ({ id: i.id, incident: i.incident, title: i.title })),
  };
}

/** The build at hand's decision on each item (would it open a ticket), read in publication order. */
export function analyzeJudged(
  items: readonly OfficeJudgement[],
  gazetteer: Gazetteer = loadSeedGazetteer(),
  model: AnalysisModel = committedModel(),
): Map<string, boolean> {
  const outputs = analyzeInputsInOrder(items, gazetteer, model);
  return new Map([...outputs].map(([id, out]) => [id, out.incident]));
}

/** The report; with `mistakes`, every line the build at hand decides against the office, by mention id. */
export function formatOfficeReport(file: string, r: OfficeReport, options: { mistakes?: boolean } = {}): string {
  const missed = (m: OfficeReport['mistakes'][number]): string =>
    `  ${m.id}  office: ${m.incident ? 'incident' : 'false match'}, this build: ${m.incident ? 'no' : 'yes'}  ${m.title}`;
  return [
    `OFFICE JUDGEMENTS (${file}: ${r.items} judged mentions; incidents ${r.incidents}, false matches ${r.falseMatches})`,
    row('as analysed then', r.atTheTime) + `  (${r.atTheTime.items} lines say what it decided)`,
    row('this build', r.thisBuild),
    '  recall counts only the misses that reached a ticket (coverage attached to one): an upper bound',
    ...(options.mistakes ? [`  this build's mistakes (${r.mistakes.length}):`, ...r.mistakes.map(missed)] : []),
    '',
  ].join('\n');
}
