/**
 * The report as one self-contained HTML page, printed to PDF by Chromium: no script, no external resource (styles
 * inline, charts as inline SVG, the font from the browser's own fontconfig), every text escaped. It is the same
 * report the dashboard shows: the summary, the key figures beside the previous period's, the charts and every table.
 */
import {
  ACK_BANDS,
  dayLabel,
  fillText,
  formatChange,
  formatCount,
  formatMinutes,
  periodLine,
  reportCharts,
  reportSummary,
  reportWords,
  type Language,
  type Report,
} from '@mw/shared';
import { chartSvg } from './chart-svg';
import { figureRows, localTime } from './report-csv';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const STYLE = `
  @page { size: A4; margin: 16mm 14mm 18mm 14mm; }
  * { box-sizing: border-box; }
  body { font-family: 'Open Sans', 'Noto Sans', Arial, sans-serif; font-size: 10.5pt; color: #1b1b1b; margin: 0; }
  h1 { font-size: 17pt; margin: 0 0 4px; }
  h2 { font-size: 12.5pt; margin: 18px 0 6px; border-bottom: 1px solid #ccc; padding-bottom: 2px;
       break-after: avoid; }
  p { margin: 3px 0; }
  .muted { color: #555; font-size: 9pt; }
  .summary { background: #f1f5fb; border-left: 4px solid #1565c0; padding: 8px 10px; margin: 10px 0; }
  .summary ul { margin: 4px 0 0; padding-left: 18px; }
  .summary li { margin: 2px 0; }
  table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; page-break-inside: auto; }
  table.counts { width: 70%; }
  table.figures th:first-child { width: 46%; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #d0d0d0; padding: 3px 5px; text-align: left; vertical-align: top; }
  th { background: #f3f3f3; }
  td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .chart { page-break-inside: avoid; margin: 6px 0 10px; }
  .chart h3 { font-size: 11pt; margin: 6px 0 2px; }
  .flag { color: #c62828; font-weight: 600; }
`;

type Cell = string | number | null;

/** A table; empty text and null print as —, numbers with their thousands grouped. */
function table(
  header: string[],
  rows: Cell[][],
  options: { numeric?: number[]; className?: string; language: Language },
): string {
  if (rows.length === 0) return '';
  const numeric = options.numeric ?? [];
  const text = (v: Cell) =>
    v === null || v === '' ? '—' : typeof v === 'number' ? formatCount(v, options.language) : v;
  const cell = (v: Cell, i: number, tag: 'td' | 'th') =>
    `<${tag}${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(text(v))}</${tag}>`;
  const cls = options.className ? ` class="${options.className}"` : '';
  return `<table${cls}><thead><tr>${header.map((h, i) => cell(h, i, 'th')).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, i) => cell(v, i, 'td')).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function reportHtml(report: Report, language: Language = 'vi'): string {
  const w = reportWords(language);
  const t = w.text;
  const n = (x: number) => formatCount(x, language);
  const parts: string[] = [];
  const section = (title: string, body: string, empty = false) =>
    parts.push(
      `<h2>${escapeHtml(title)}</h2>${empty ? `<p class="muted">${escapeHtml(t.empty as string)}</p>` : body}`,
    );
  const counts = (header: string[], rows: Cell[][]) =>
    table(header, rows, { numeric: [1], className: 'counts', language });
  parts.push(`<h1>${escapeHtml(t.title as string)}</h1>`);
  parts.push(`<p><strong>${escapeHtml(periodLine(report.period, language))}</strong></p>`);
  parts.push(
    `<p>${escapeHtml(report.scope ? fillText(t.scopeUnit as string, { unit: report.scope.unitName }) : (t.scopeAll as string))}</p>`,
  );
  parts.push(
    `<p class="muted">${escapeHtml(fillText(t.generatedAt as string, { at: localTime(report.generatedAt) }))} · ${escapeHtml(t.timeRule as string)}</p>`,
  );
  parts.push(
    `<div class="summary"><strong>${escapeHtml(t.summary as string)}</strong><ul>${reportSummary(report, language)
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ul></div>`,
  );
  // The previous period named once above the table, so its column stays narrow and the labels stay on one line.
  const value = (kind: 'count' | 'minutes', v: number | null) =>
    v === null ? null : kind === 'minutes' ? formatMinutes(v, language) : v;
  const change = (kind: 'count' | 'minutes', now: number | null, before: number | null) => {
    if (now === null || before === null) return null;
    if (kind === 'count') return formatChange(now - before, language);
    return now === before ? '0' : `${now > before ? '+' : ''}${formatMinutes(now - before, language)}`;
  };
  section(
    t.keyFigures as string,
    `<p class="muted">${escapeHtml(`${t.previous as string}: ${periodLine(report.previousPeriod, language)}`)}</p>` +
      table(
        [t.figure as string, t.current as string, t.previous as string, t.change as string],
        figureRows(report.figures, report.previous, language, report.scope !== null).map((r) => [
          r.label,
          value(r.kind, r.now),
          value(r.kind, r.before),
          change(r.kind, r.now, r.before),
        ]),
        { numeric: [1, 2, 3], className: 'figures', language },
      ),
  );
  for (const chart of reportCharts(report, language)) {
    parts.push(`<div class="chart"><h3>${escapeHtml(chart.title)}</h3>${chartSvg(chart)}</div>`);
  }
  const missing = report.themes.filter((th) => th.noPositive);
  section(
    t.chartThemes as string,
    table(
      [t.theme as string, w.sentiment.negative, w.sentiment.neutral, w.sentiment.positive],
      report.themes.map((th) => [
        th.noPositive ? `⚠ ${w.theme[th.theme]} (${t.noPositive as string})` : w.theme[th.theme],
        th.negative,
        th.neutral,
        th.positive,
      ]),
      { numeric: [1, 2, 3], language },
    ) +
      (missing.length > 0
        ? `<p class="flag">${escapeHtml(fillText(t.themesNoPositive as string, { themes: missing.map((th) => w.theme[th.theme]).join(', ') }))}</p>`
        : ''),
  );
  section(
    t.mentionsByCategory as string,
    counts(
      [t.category as string, t.articles as string],
      report.mentions.byCategory.map((r) => [w.category[r.key] ?? r.key, r.count]),
    ),
    report.mentions.byCategory.length === 0,
  );
  section(
    t.topOutlets as string,
    counts(
      [t.outlet as string, t.articles as string],
      report.mentions.topOutlets.map((r) => [r.key, r.count]),
    ),
    report.mentions.topOutlets.length === 0,
  );
  section(
    t.incidentsByStatus as string,
    counts(
      [t.status as string, t.incidentsCount as string],
      report.incidents.byStatus.map((r) => [w.status[r.key] ?? r.key, r.count]),
    ),
    report.incidents.byStatus.length === 0,
  );
  const bands = new Map(report.incidents.ackBands.map((b) => [b.key, b.count]));
  section(
    t.chartAck as string,
    counts(
      [t.band as string, t.incidentsCount as string],
      ACK_BANDS.map((b) => [w.ackBand[b], bands.get(b) ?? 0]),
    ),
  );
  section(
    t.escalationsByLevel as string,
    counts(
      [t.levelHeader as string, t.incidentsCount as string],
      report.escalationsByLevel.map((r) => [
        w.escalationLevel[r.level] ?? fillText(t.level as string, { level: r.level }),
        r.incidents,
      ]),
    ),
    report.escalationsByLevel.length === 0,
  );
  const unacknowledged = report.openUnacknowledged;
  const total = report.figures.openUnacknowledgedAtEnd;
  section(
    t.openUnacknowledged as string,
    (unacknowledged.length < total
      ? `<p class="muted">${escapeHtml(fillText(t.listCut as string, { shown: n(unacknowledged.length), total: n(total) }))}</p>`
      : '') +
      table(
        [t.incident as string, t.severityCol as string, t.units as string, t.openedAt as string],
        unacknowledged.map((i) => [
          `#${i.number} ${i.title}`,
          `${i.severity} ${w.severity[i.severity]}`,
          i.units.join(', '),
          localTime(i.openedAt),
        ]),
        { language },
      ),
    unacknowledged.length === 0,
  );
  section(
    t.widestStories as string,
    table(
      [t.story as string, t.outlets as string, t.recordedAt as string, t.publishedAt as string],
      report.widestStories.map((s) => [
        `${s.title} (${s.outletNames.join(', ')})`,
        s.outlets,
        localTime(s.recordedAt),
        localTime(s.publishedAt),
      ]),
      { numeric: [1], language },
    ),
    report.widestStories.length === 0,
  );
  section(
    t.goodNewsList as string,
    table(
      [t.story as string, t.outlet as string, t.recordedAt as string, t.publishedAt as string],
      report.goodNews.map((g) => [
        `${g.title}${g.units.length ? ` (${g.units.join(', ')})` : ''}`,
        g.outlet,
        localTime(g.recordedAt),
        localTime(g.publishedAt),
      ]),
      { language },
    ),
    report.goodNews.length === 0,
  );
  if (report.district) {
    const d = report.district;
    section(
      t.district as string,
      `<p>${escapeHtml(`${t.districtArticles as string}: ${n(d.articles)} (${t.previousLower as string}: ${n(d.previousArticles)}).`)}</p>` +
        table(
          [t.story as string, t.outlet as string, t.recordedAt as string, t.publishedAt as string],
          d.items.map((a) => [
            `${a.title} (${w.sentiment[a.sentiment].toLowerCase()})`,
            a.outlet,
            localTime(a.recordedAt),
            localTime(a.publishedAt),
          ]),
          { language },
        ),
    );
  }
  section(
    t.spikes as string,
    `<ul>${report.spikes
      .map(
        (s) =>
          `<li>${escapeHtml(fillText(t.spikeLine as string, { day: dayLabel(s.day), label: s.label, articles: n(s.articles), baseline: decimal(s.baseline, language) }))}</li>`,
      )
      .join('')}</ul>`,
    report.spikes.length === 0,
  );
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(
    t.title as string,
  )}</title><style>${STYLE}</style></head><body>${parts.join('\n')}</body></html>`;
}

/** One decimal, with the reader's decimal mark (1,5 in Vietnamese). */
function decimal(x: number, language: Language): string {
  const text = (Math.round(x * 10) / 10).toFixed(1);
  return language === 'vi' ? text.replace('.', ',') : text;
}

/** The footer Chromium prints on every page: "Trang 2/5". Its own classes are filled in by the browser. */
export function pageFooter(language: Language = 'vi'): string {
  const t = reportWords(language).text;
  return `<div style="font-family: 'Open Sans', Arial, sans-serif; font-size: 8pt; color: #555; width: 100%; text-align: center;">${escapeHtml(
    t.page as string,
  )} <span class="pageNumber"></span>${escapeHtml(t.of as string)}<span class="totalPages"></span></div>`;
}
