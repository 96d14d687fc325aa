import { useEffect, useRef } from 'react';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { reportCharts, type Report, type ReportChart } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';

// Only the pieces the report draws, so the page's chunk carries no more of ECharts than it uses.
echarts.use([BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** One chart, drawn by ECharts from the same option the server draws into the PDF; redrawn on resize. */
function Chart({ chart }: { chart: ReportChart }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
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
    <figure className="card report-chart" data-chart={chart.id}>
      <figcaption>
        <h3>{chart.title}</h3>
      </figcaption>
      <div ref={ref} role="img" aria-label={chart.title} style={{ width: '100%', height: chart.height }} />
    </figure>
  );
}

/** Every chart of the report, in the reader's language. */
export function ReportCharts({ report }: { report: Report }) {
  const { language } = useI18n();
  const charts = reportCharts(report, language === 'en' ? 'en' : 'vi');
  return (
    <div className="report-charts">
      {charts.map((chart) => (
        <Chart key={`${chart.id}-${report.period.from}-${report.period.to}`} chart={chart} />
      ))}
    </div>
  );
}
