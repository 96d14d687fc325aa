import { useEffect, useMemo, useRef, useState } from 'react';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { reportCharts, type Language, type Report, type ReportChart } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';

// Only the pieces the report draws, so the page's chunk carries no more of ECharts than it uses.
echarts.use([BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Widths are rounded to this step before the option is rebuilt, so a resize does not rebuild it at every pixel. */
const WIDTH_STEP = 40;

/**
 * One chart, drawn by ECharts from the same option the server draws into the PDF, laid out for the width it has: the
 * label column of a bar chart and the rows' height follow it, so school names and headlines stay readable on a phone.
 */
function Chart({
  report,
  id,
  title,
  language,
}: {
  report: Report;
  id: ReportChart['id'];
  title: string;
  language: Language;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const measure = () => setWidth(Math.max(WIDTH_STEP, Math.round(element.clientWidth / WIDTH_STEP) * WIDTH_STEP));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const chart = useMemo(
    () => (width > 0 ? reportCharts(report, language, width).find((c) => c.id === id) : undefined),
    [report, language, width, id],
  );
  useEffect(() => {
    const element = plot.current;
    if (!element || !chart) return undefined;
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    instance.setOption(chart.option);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, [chart]);
  return (
    <figure className="card report-chart" data-chart={id}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      <div ref={box}>
        <div ref={plot} role="img" aria-label={title} style={{ width: '100%', height: chart?.height ?? 240 }} />
      </div>
    </figure>
  );
}

/** Every chart of the report, in the reader's language. */
export function ReportCharts({ report }: { report: Report }) {
  const { language } = useI18n();
  const lang: Language = language === 'en' ? 'en' : 'vi';
  const charts = reportCharts(report, lang);
  return (
    <div className="report-charts">
      {charts.map((chart) => (
        <Chart
          key={`${chart.id}-${report.period.from}-${report.period.to}`}
          report={report}
          id={chart.id}
          title={chart.title}
          language={lang}
        />
      ))}
    </div>
  );
}
