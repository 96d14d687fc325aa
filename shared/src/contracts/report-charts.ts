/**
 * The report's charts as Apache ECharts options: plain data, built once here so the dashboard (ECharts in the
 * browser) and the PDF (ECharts' server-side SVG rendering) draw the same charts from the same report. Nothing here
 * imports ECharts; an option is only an object.
 */
import type { Language } from '../enums/organisation';
import { SEVERITIES } from '../enums/analysis';
import { dayLabel, ACK_BANDS, type Report } from './reports';
import { reportWords } from './report-text';

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

const base = (): Record<string, unknown> => ({
  animation: false,
  textStyle: { fontFamily: 'Open Sans, Noto Sans, Arial, sans-serif' },
  grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
});

/** A horizontal bar chart of labelled counts, largest first at the top. */
function horizontalBars(rows: { label: string; value: number }[], colour = BAR): Record<string, unknown> {
  const ordered = [...rows].reverse();
  return {
    ...base(),
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => cut(r.label, 42)),
      axisLabel: { width: 260, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: ordered.map((r) => r.value),
        itemStyle: { color: colour },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** Every chart of the report, in the order the page and the PDF show them. Empty sections draw no chart. */
export function reportCharts(report: Report, language: Language): ReportChart[] {
  const w = reportWords(language);
  const t = w.text;
  const days = report.days.map((d) => shortDay(d.day));
  const charts: ReportChart[] = [];
  const spikesByDay = new Map<string, string[]>();
  for (const s of report.spikes) spikesByDay.set(s.day, [...(spikesByDay.get(s.day) ?? []), s.label]);
  charts.push({
    id: 'days',
    title: t.chartDays as string,
    height: 260,
    option: {
      ...base(),
      legend: { top: 0 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...(['negative', 'neutral', 'positive'] as const).map((tone) => ({
          type: 'bar',
          name: w.sentiment[tone],
          stack: 'tone',
          itemStyle: { color: TONE_COLOURS[tone] },
          data: report.days.map((d) => d[tone]),
        })),
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
      ],
    },
  });
  charts.push({
    id: 'severity',
    title: t.chartSeverity as string,
    height: 220,
    option: {
      ...base(),
      legend: { top: 0 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
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
    charts.push({
      id: 'incidentCategory',
      title: t.chartIncidentCategory as string,
      height: 40 + 26 * report.incidents.byCategory.length,
      option: horizontalBars(
        report.incidents.byCategory.map((r) => ({
          label: (w.category as Record<string, string>)[r.key] ?? (r.key || '—'),
          value: r.count,
        })),
      ),
    });
  }
  if (report.incidents.byUnit.length > 0) {
    charts.push({
      id: 'incidentUnit',
      title: t.chartIncidentUnit as string,
      height: 40 + 26 * report.incidents.byUnit.length,
      option: horizontalBars(report.incidents.byUnit.map((r) => ({ label: r.name, value: r.count }))),
    });
  }
  const bands = new Map(report.incidents.ackBands.map((b) => [b.key, b.count]));
  if (report.incidents.ackBands.some((b) => b.count > 0)) {
    charts.push({
      id: 'ack',
      title: t.chartAck as string,
      height: 220,
      option: {
        ...base(),
        xAxis: { type: 'category', data: ACK_BANDS.map((b) => w.ackBand[b]) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            data: ACK_BANDS.map((b) => ({
              value: bands.get(b) ?? 0,
              itemStyle: { color: b === 'none' ? TONE_COLOURS.negative : BAR },
            })),
            label: { show: true, position: 'top' },
          },
        ],
      },
    });
  }
  const themes = [...report.themes].reverse();
  charts.push({
    id: 'themes',
    title: t.chartThemes as string,
    height: 60 + 30 * themes.length,
    option: {
      ...base(),
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: themes.map((th) => (th.noPositive ? `⚠ ${w.theme[th.theme]}` : w.theme[th.theme])),
        axisLabel: { width: 280, overflow: 'truncate' },
      },
      series: (['negative', 'neutral', 'positive'] as const).map((tone) => ({
        type: 'bar',
        name: w.sentiment[tone],
        stack: 'theme',
        itemStyle: { color: TONE_COLOURS[tone] },
        data: themes.map((th) => th[tone]),
      })),
    },
  });
  if (report.widestStories.length > 0) {
    charts.push({
      id: 'stories',
      title: t.chartStories as string,
      height: 40 + 30 * report.widestStories.length,
      option: horizontalBars(report.widestStories.map((s) => ({ label: s.title, value: s.outlets }))),
    });
  }
  return charts;
}
