import * as echarts from 'echarts';
import type { ReportChart } from '@mw/shared';

/** Width, in CSS pixels, every chart is drawn at in the PDF (the A4 page's text width at 96 dpi). */
export const PDF_CHART_WIDTH = 700;

/**
 * One chart as an SVG string, drawn by Apache ECharts' server-side renderer (no DOM, no canvas): the same option the
 * dashboard draws in the browser. The instance is disposed at once, so nothing is kept between reports.
 */
export function chartSvg(chart: ReportChart, width = PDF_CHART_WIDTH): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: chart.height });
  try {
    instance.setOption({ ...chart.option, animation: false, tooltip: undefined });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
