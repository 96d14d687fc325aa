/**
 * The report as CSV: every table of the report, one after the other, each under its own title line and separated by
 * an empty line, in UTF-8 with a byte-order mark so Excel reads Vietnamese correctly. Cells that a spreadsheet would
 * run as a formula (starting with =, +, -, @, a tab or a carriage return) are prefixed with an apostrophe, so a
 * headline written as "=HYPERLINK(...)" stays text. Numbers are written as numbers.
 */
import {
  ACK_BANDS,
  dayLabel,
  fillText,
  periodLine,
  reportWords,
  SEVERITIES,
  type Language,
  type Report,
  type ReportFigures,
} from '@mw/shared';

type Cell = string | number | null;

export const CSV_BOM = '\uFEFF';

/** One cell, quoted when needed and defused when a spreadsheet would read it as a formula. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value.normalize('NFC');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: Cell[]): string => cells.map(csvCell).join(',');

/** Local time of an instant as dd/MM/yyyy HH:mm (Asia/Ho_Chi_Minh). */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const local = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}`;
}

/** One key figure: its label, this period's and the previous period's value, and whether it is a count or minutes. */
export interface FigureRow {
  label: string;
  now: number | null;
  before: number | null;
  kind: 'count' | 'minutes';
}

/** The key figures, in the order every rendering shows them. */
export function figureRows(f: ReportFigures, p: ReportFigures, language: Language, oneUnit = false): FigureRow[] {
  const w = reportWords(language);
  const t = w.text;
  const count = (label: string, now: number | null, before: number | null): FigureRow => ({
    label,
    now,
    before,
    kind: 'count',
  });
  return [
    count((oneUnit ? t.mentionsOne : t.mentions) as string, f.mentions, p.mentions),
    count(t.negative as string, f.mentionsBySentiment.negative, p.mentionsBySentiment.negative),
    count(t.neutral as string, f.mentionsBySentiment.neutral, p.mentionsBySentiment.neutral),
    count(t.positive as string, f.mentionsBySentiment.positive, p.mentionsBySentiment.positive),
    count(t.incidentsOpened as string, f.incidentsOpened, p.incidentsOpened),
    ...SEVERITIES.map((s) => count(`— ${s} ${w.severity[s]}`, f.incidentsBySeverity[s], p.incidentsBySeverity[s])),
    count(t.dismissed as string, f.dismissed ?? null, p.dismissed ?? null),
    count(t.acknowledged as string, f.acknowledged, p.acknowledged),
    { label: t.ackMedian as string, now: f.ackMedianMinutes, before: p.ackMedianMinutes, kind: 'minutes' },
    { label: t.ackP90 as string, now: f.ackP90Minutes, before: p.ackP90Minutes, kind: 'minutes' },
    count(t.escalations as string, f.escalations, p.escalations),
    count(t.unacknowledged as string, f.openUnacknowledgedAtEnd, p.openUnacknowledgedAtEnd),
    count(t.goodNews as string, f.goodNews, p.goodNews),
  ];
}

export function reportCsv(report: Report, language: Language = 'vi'): string {
  const w = reportWords(language);
  const t = w.text;
  const out: string[] = [];
  const table = (title: string, header: Cell[], rows: Cell[][]) => {
    out.push(line([title]), line(header), ...rows.map(line), '');
  };
  out.push(line([t.title as string]), line([periodLine(report.period, language)]));
  out.push(
    line([report.scope ? fillText(t.scopeUnit as string, { unit: report.scope.unitName }) : (t.scopeAll as string)]),
  );
  out.push(line([t.timeRule as string]), '');
  table(
    t.keyFigures as string,
    [
      t.figure as string,
      t.current as string,
      `${t.previous as string} (${periodLine(report.previousPeriod, language)})`,
    ],
    // Spreadsheets get numbers: durations in minutes, the unit in the label.
    figureRows(report.figures, report.previous, language, report.scope !== null).map((r) => [
      r.kind === 'minutes' ? `${r.label} (${t.minutesUnit as string})` : r.label,
      r.now,
      r.before,
    ]),
  );
  table(
    t.chartDays as string,
    [
      t.day as string,
      w.sentiment.negative,
      w.sentiment.neutral,
      w.sentiment.positive,
      ...SEVERITIES.map((s) => `${s}`),
    ],
    report.days.map((d) => [dayLabel(d.day), d.negative, d.neutral, d.positive, d.S1, d.S2, d.S3, d.S4]),
  );
  table(
    t.chartThemes as string,
    [t.theme as string, w.sentiment.negative, w.sentiment.neutral, w.sentiment.positive, t.noPositive as string],
    report.themes.map((th) => [w.theme[th.theme], th.negative, th.neutral, th.positive, th.noPositive ? 'x' : '']),
  );
  table(
    t.mentionsByCategory as string,
    [t.category as string, t.count as string],
    report.mentions.byCategory.map((r) => [w.category[r.key] ?? r.key, r.count]),
  );
  table(
    t.topOutlets as string,
    [t.outlet as string, t.count as string],
    report.mentions.topOutlets.map((r) => [r.key, r.count]),
  );
  table(
    t.chartIncidentCategory as string,
    [t.category as string, t.count as string],
    report.incidents.byCategory.map((r) => [(w.category as Record<string, string>)[r.key] ?? r.key, r.count]),
  );
  table(
    t.chartIncidentUnit as string,
    [t.units as string, t.count as string],
    report.incidents.byUnit.map((r) => [r.name, r.count]),
  );
  table(
    t.incidentsByStatus as string,
    [t.status as string, t.count as string],
    report.incidents.byStatus.map((r) => [w.status[r.key] ?? r.key, r.count]),
  );
  const bands = new Map(report.incidents.ackBands.map((b) => [b.key, b.count]));
  table(
    t.chartAck as string,
    [t.band as string, t.count as string],
    ACK_BANDS.map((b) => [w.ackBand[b], bands.get(b) ?? 0]),
  );
  table(
    t.escalationsByLevel as string,
    [t.levelHeader as string, t.incidentsCount as string],
    report.escalationsByLevel.map((r) => [
      w.escalationLevel[r.level] ?? fillText(t.level as string, { level: r.level }),
      r.incidents,
    ]),
  );
  table(
    t.openUnacknowledged as string,
    ['#', t.incident as string, t.severityCol as string, t.units as string, t.openedAt as string],
    report.openUnacknowledged.map((i) => [
      i.number,
      i.title,
      `${i.severity} ${w.severity[i.severity]}`,
      i.units.join('; '),
      localTime(i.openedAt),
    ]),
  );
  table(
    t.widestStories as string,
    [
      t.story as string,
      t.outlets as string,
      t.articles as string,
      t.recordedAt as string,
      t.publishedAt as string,
      t.outlet as string,
    ],
    report.widestStories.map((s) => [
      s.title,
      s.outlets,
      s.mentions,
      localTime(s.recordedAt),
      localTime(s.publishedAt),
      s.outletNames.join('; '),
    ]),
  );
  table(
    t.goodNewsList as string,
    [t.story as string, t.outlet as string, t.units as string, t.recordedAt as string, t.publishedAt as string, 'URL'],
    report.goodNews.map((g) => [
      g.title,
      g.outlet,
      g.units.join('; '),
      localTime(g.recordedAt),
      localTime(g.publishedAt),
      g.url,
    ]),
  );
  if (report.district) {
    table(
      t.district as string,
      [t.story as string, t.outlet as string, t.tone as string, t.recordedAt as string, t.publishedAt as string, 'URL'],
      report.district.items.map((a) => [
        a.title,
        a.outlet,
        w.sentiment[a.sentiment],
        localTime(a.recordedAt),
        localTime(a.publishedAt),
        a.url,
      ]),
    );
  }
  table(
    t.spikes as string,
    [t.day as string, t.spikeWhat as string, t.articles as string, t.usual as string],
    report.spikes.map((s) => [dayLabel(s.day), s.label, s.articles, s.baseline]),
  );
  return CSV_BOM + out.join('\r\n');
}
