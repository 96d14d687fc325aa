/**
 * The report's charts as Apache ECharts options: plain data, built once here so the dashboard (ECharts in the
 * browser) and the PDF (ECharts' server-side SVG rendering) draw the same charts from the same report. Nothing here
 * imports ECharts; an option is an object (with number formatters as functions, so it is built, never stored). Each
 * chart is laid out for a width: label columns, wrapped lines and legend rows follow it, so the same chart reads on a
 * 390 px phone and on an A4 page.
 */
import type { Language } from '../enums/organisation';
import { SEVERITIES } from '../enums/analysis';
import { dayLabel, ACK_BANDS, type Report } from './reports';
import { formatCount, reportWords } from './report-text';

export interface ReportChart {
  id: 'days' | 'severity' | 'incidentCategory' | 'incidentUnit' | 'ack' | 'themes' | 'stories';
  title: string;
  /** Height in CSS pixels the chart is drawn at (width follows the page). */
  height: number;
  option: Record<string, unknown>;
}

export const TONE_COLOURS = { negative: '#c62828', neutral: '#90a4ae', positive: '#2e7d32' } as const;
export const SEVERITY_COLOURS = { S1: '#7f0000', S2: '#d84315', S3: '#f9a825', S4: '#9e9d24' } as const;
const BAR = '#1565c0';
const SPIKE = '#6a1b9a';

const shortDay = (day: string): string => dayLabel(day).slice(0, 5);
const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const WEEKDAYS: Record<Language, string[]> = {
  vi: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** An axis label of a day: with its weekday ("T2\n23/11") in a short period, where a reader thinks in weekdays. */
function dayAxisLabel(day: string, language: Language, withWeekday: boolean): string {
  if (!withWeekday) return shortDay(day);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return `${WEEKDAYS[language][weekday]}\n${shortDay(day)}`;
}

/** Default width, in CSS pixels, a chart is laid out for (the PDF's A4 text width). */
export const CHART_WIDTH = 700;

/** Width of the label column of a horizontal bar chart: wide enough to read, never most of a phone's width. */
const labelWidthFor = (width: number): number => Math.round(Math.min(300, Math.max(96, width * 0.4)));
/** Characters of a 12 px label that fit on one line of `px` pixels (Vietnamese text averages about 6.4 px). */
const charsPerLine = (px: number): number => Math.max(10, Math.floor(px / 6.4));
const LINE = 15;

const base = (): Record<string, unknown> => ({
  animation: false,
  textStyle: { fontFamily: 'Open Sans, Noto Sans, Arial, sans-serif' },
  grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
});

/**
 * The legend on top, over as many lines as its names need at this width (every colour stays explained on a phone),
 * and the room it takes: the plot starts below it and the chart grows by the extra lines.
 */
function legendFor(names: string[], width: number): { legend: Record<string, unknown>; top: number; extra: number } {
  const itemWidths = names.map((name) => 25 + 10 + name.length * 6.4);
  let lines = 1;
  let used = 0;
  for (const w of itemWidths) {
    if (used > 0 && used + w > width - 16) {
      lines++;
      used = 0;
    }
    used += w;
  }
  return { legend: { top: 0, left: 'center' }, top: 14 + 22 * lines, extra: 22 * (lines - 1) };
}

/** A value axis whose numbers read as the reader writes them (1.200 in Vietnamese, not 1,200). */
const valueAxis = (language: Language): Record<string, unknown> => ({
  type: 'value',
  minInterval: 1,
  axisLabel: { formatter: (v: number) => formatCount(v, language) },
});

/** The count printed at the end of a bar, grouped the same way. */
const barLabel = (language: Language, position: string): Record<string, unknown> => ({
  show: true,
  position,
  formatter: (p: { value: unknown }) =>
    typeof p.value === 'number' ? formatCount(p.value, language) : String(p.value),
});

interface Bars {
  option: Record<string, unknown>;
  height: number;
}

/**
 * Horizontal bars of labelled counts, largest first at the top. Labels wrap onto at most `maxLines` lines in a column
 * sized for the chart's width (cut with … beyond that), and each row is as tall as its label, so a long school name
 * or headline stays readable on a phone and in the PDF alike.
 */
function horizontalBars(
  rows: { label: string; value: number; colour?: string }[],
  width: number,
  language: Language,
  options: { colour?: string; maxLines?: number } = {},
): Bars {
  const labelWidth = labelWidthFor(width);
  const perLine = charsPerLine(labelWidth);
  const maxLines = options.maxLines ?? 2;
  const labels = rows.map((r) => cut(r.label, perLine * maxLines));
  const lines = labels.map((l) => Math.min(maxLines, Math.ceil(l.length / perLine)));
  const rowHeight = Math.max(26, Math.max(...lines, 1) * LINE + 10);
  const ordered = rows.map((r, i) => ({ ...r, label: labels[i] as string })).reverse();
  return {
    height: 44 + rowHeight * rows.length,
    option: {
      ...base(),
      grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
      xAxis: valueAxis(language),
      yAxis: {
        type: 'category',
        data: ordered.map((r) => r.label),
        axisLabel: { width: labelWidth, overflow: 'break', lineHeight: LINE, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          data: ordered.map((r) => ({ value: r.value, itemStyle: { color: r.colour ?? options.colour ?? BAR } })),
          label: barLabel(language, 'right'),
          barMaxWidth: 28,
        },
      ],
    },
  };
}

/**
 * Every chart of the report, in the order the page and the PDF show them, laid out for `width` CSS pixels (the PDF
 * uses CHART_WIDTH; the dashboard passes the width it has, so labels fit a phone). Empty sections draw no chart.
 */
export function reportCharts(report: Report, language: Language, width = CHART_WIDTH): ReportChart[] {
  const w = reportWords(language);
  const t = w.text;
  const withWeekday = report.days.length <= 14;
  const days = report.days.map((d) => dayAxisLabel(d.day, language, withWeekday));
  const charts: ReportChart[] = [];
  const spikesByDay = new Map<string, string[]>();
  for (const s of report.spikes) spikesByDay.set(s.day, [...(spikesByDay.get(s.day) ?? []), s.label]);
  const dayAxis = { type: 'category', data: days, axisLabel: { lineHeight: LINE, hideOverlap: true } };
  const toneNames = (['negative', 'neutral', 'positive'] as const).map((tone) => w.sentiment[tone]);
  const dayLegend = legendFor(report.spikes.length > 0 ? [...toneNames, t.spikes as string] : toneNames, width);
  charts.push({
    id: 'days',
    title: t.chartDays as string,
    height: 260 + dayLegend.extra,
    option: {
      ...base(),
      legend: dayLegend.legend,
      grid: { left: 8, right: 16, top: dayLegend.top, bottom: 8, containLabel: true },
      xAxis: dayAxis,
      yAxis: valueAxis(language),
      series: [
        ...(['negative', 'neutral', 'positive'] as const).map((tone) => ({
          type: 'bar',
          name: w.sentiment[tone],
          stack: 'tone',
          itemStyle: { color: TONE_COLOURS[tone] },
          data: report.days.map((d) => d[tone]),
        })),
        // The spike marker only when there is a spike: an empty legend entry would only puzzle the reader.
        ...(report.spikes.length === 0
          ? []
          : [
              {
                type: 'scatter',
                name: w.text.spikes,
                symbol: 'triangle',
                symbolSize: 14,
                itemStyle: { color: SPIKE },
                data: report.days.map((d) =>
                  spikesByDay.has(d.day)
                    ? { value: d.negative + d.neutral + d.positive, name: (spikesByDay.get(d.day) ?? []).join(', ') }
                    : null,
                ),
              },
            ]),
      ],
    },
  });
  const severityLegend = legendFor(
    SEVERITIES.map((s) => `${s} ${w.severity[s]}`),
    width,
  );
  charts.push({
    id: 'severity',
    title: t.chartSeverity as string,
    height: 220 + severityLegend.extra,
    option: {
      ...base(),
      legend: severityLegend.legend,
      grid: { left: 8, right: 16, top: severityLegend.top, bottom: 8, containLabel: true },
      xAxis: dayAxis,
      yAxis: valueAxis(language),
      series: SEVERITIES.map((s) => ({
        type: 'bar',
        name: `${s} ${w.severity[s]}`,
        stack: 'severity',
        itemStyle: { color: SEVERITY_COLOURS[s] },
        data: report.days.map((d) => d[s]),
      })),
    },
  });
  if (report.incidents.byCategory.length > 0) {
    const bars = horizontalBars(
      report.incidents.byCategory.map((r) => ({
        label: (w.category as Record<string, string>)[r.key] ?? (r.key || '—'),
        value: r.count,
      })),
      width,
      language,
    );
    charts.push({ id: 'incidentCategory', title: t.chartIncidentCategory as string, ...bars });
  }
  if (report.incidents.byUnit.length > 0) {
    const bars = horizontalBars(
      report.incidents.byUnit.map((r) => ({ label: r.name, value: r.count })),
      width,
      language,
    );
    charts.push({ id: 'incidentUnit', title: t.chartIncidentUnit as string, ...bars });
  }
  const bands = new Map(report.incidents.ackBands.map((b) => [b.key, b.count]));
  if (report.incidents.ackBands.some((b) => b.count > 0)) {
    // Bars across, one band per row: six band names never fit side by side under a phone's or a page's axis.
    const bars = horizontalBars(
      ACK_BANDS.map((b) => ({
        label: w.ackBand[b],
        value: bands.get(b) ?? 0,
        colour: b === 'none' ? TONE_COLOURS.negative : BAR,
      })),
      width,
      language,
      { maxLines: 1 },
    );
    charts.push({ id: 'ack', title: t.chartAck as string, ...bars });
  }
  const themes = [...report.themes].reverse();
  const themeLabelWidth = labelWidthFor(width);
  const themeLines = Math.min(
    3,
    Math.max(...themes.map((th) => Math.ceil((w.theme[th.theme].length + 2) / charsPerLine(themeLabelWidth)))),
  );
  const themeLegend = legendFor(toneNames, width);
  charts.push({
    id: 'themes',
    title: t.chartThemes as string,
    height: 24 + themeLegend.top + Math.max(30, themeLines * LINE + 10) * themes.length,
    option: {
      ...base(),
      legend: themeLegend.legend,
      grid: { left: 8, right: 24, top: themeLegend.top, bottom: 8, containLabel: true },
      xAxis: valueAxis(language),
      yAxis: {
        type: 'category',
        data: themes.map((th) => (th.noPositive ? `⚠ ${w.theme[th.theme]}` : w.theme[th.theme])),
        axisLabel: { width: themeLabelWidth, overflow: 'break', lineHeight: LINE, interval: 0 },
      },
      series: (['negative', 'neutral', 'positive'] as const).map((tone) => ({
        type: 'bar',
        name: w.sentiment[tone],
        stack: 'theme',
        itemStyle: { color: TONE_COLOURS[tone] },
        data: themes.map((th) => th[tone]),
        barMaxWidth: 28,
      })),
    },
  });
  if (report.widestStories.length > 0) {
    const bars = horizontalBars(
      report.widestStories.map((s) => ({ label: s.title, value: s.outlets })),
      width,
      language,
      { maxLines: 3 },
    );
    charts.push({ id: 'stories', title: t.chartStories as string, ...bars });
  }
  return charts;
}
