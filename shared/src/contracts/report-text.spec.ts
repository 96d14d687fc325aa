import { formatChange, formatCount, formatMinutes, reportSummary } from './report-text';
import { reportCharts } from './report-charts';
import { weekPeriod, type Report, type ReportFigures } from './reports';

const figures = (over: Partial<ReportFigures> = {}): ReportFigures => ({
  mentions: 1530,
  mentionsBySentiment: { negative: 174, neutral: 859, positive: 497 },
  incidentsOpened: 8,
  incidentsBySeverity: { S1: 0, S2: 1, S3: 5, S4: 2 },
  dismissed: 0,
  acknowledged: 8,
  ackMedianMinutes: 193,
  ackP90Minutes: 757,
  escalations: 7,
  openUnacknowledgedAtEnd: 26,
  goodNews: 472,
  ...over,
});

function report(over: Partial<Report> = {}): Report {
  const period = weekPeriod('2026-W48')!;
  return {
    version: 2,
    period,
    previousPeriod: weekPeriod('2026-W47')!,
    scope: null,
    generatedAt: '2026-11-30T00:00:00.000Z',
    figures: figures(),
    previous: figures({ mentions: 1449, incidentsOpened: 5 }),
    mentions: { byCategory: [], topOutlets: [] },
    themes: [],
    days: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'].map(
      (day) => ({ day, negative: 1, neutral: 2, positive: 1200, S1: 0, S2: 0, S3: 1, S4: 0 }),
    ),
    incidents: {
      byCategory: [],
      byUnit: [
        { code: 'A', name: 'Trường Mầm non Thiên Thần Nhỏ Gò Vấp', count: 3 },
        { code: 'B', name: 'Lớp MG BaBy', count: 1 },
      ],
      byStatus: [],
      ackBands: [
        { key: '15m', count: 1 },
        { key: '1h', count: 2 },
        { key: '4h', count: 1 },
        { key: '24h', count: 3 },
        { key: 'later', count: 1 },
        { key: 'none', count: 0 },
      ],
    },
    escalationsByLevel: [],
    openUnacknowledged: [],
    goodNews: [],
    widestStories: [],
    district: null,
    spikes: [],
    ...over,
  };
}

describe('report numbers as readers write them', () => {
  it('groups thousands with a dot in Vietnamese and a comma in English', () => {
    expect(formatCount(1530, 'vi')).toBe('1.530');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(999, 'vi')).toBe('999');
    expect(formatCount(-1530, 'vi')).toBe('-1.530');
    expect(formatChange(81, 'vi')).toBe('+81');
    expect(formatChange(-1200, 'vi')).toBe('-1.200');
    expect(formatChange(0, 'en')).toBe('0');
  });

  it('says durations in days, hours and minutes, never splitting a number from its unit', () => {
    const nb = (s: string) => s.replace(/\u00a0/g, ' ');
    expect(nb(formatMinutes(45, 'vi'))).toBe('45 phút');
    expect(nb(formatMinutes(60, 'vi'))).toBe('1 giờ');
    expect(nb(formatMinutes(193, 'vi'))).toBe('3 giờ 13 phút');
    expect(nb(formatMinutes(3000, 'vi'))).toBe('2 ngày 2 giờ');
    expect(nb(formatMinutes(-138, 'vi'))).toBe('-2 giờ 18 phút');
    expect(nb(formatMinutes(757, 'en'))).toBe('12 h 37 min');
    expect(formatMinutes(193, 'vi')).toBe('3\u00a0giờ 13\u00a0phút');
  });

  it('builds the summary from the figures, telling positive articles from the good news list', () => {
    const lines = reportSummary(report(), 'vi').map((l) => l.replace(/\u00a0/g, ' '));
    expect(lines).toEqual([
      '1.530 tin bài về các đơn vị (+81 so với kỳ trước), trong đó 174 tiêu cực, 859 trung tính, 497 tích cực.',
      '8 sự vụ mới (kỳ trước 5), trong đó 1 sự vụ từ mức nghiêm trọng trở lên; 26 sự vụ còn chưa được tiếp nhận ' +
        'vào cuối kỳ; thời gian tiếp nhận trung vị 3 giờ 13 phút.',
      '472 tin tốt (không tính tin đã lưu trữ); 7 lượt chuyển cấp.',
    ]);
    // A school's report: about the unit, and no "0 of them severe" clause.
    const school = report({
      scope: { unitCode: 'A', unitName: 'Trường A' },
      figures: figures({ incidentsBySeverity: { S1: 0, S2: 0, S3: 1, S4: 0 }, incidentsOpened: 1 }),
    });
    expect(
      reportSummary(school, 'vi')
        .slice(0, 2)
        .map((l) => l.replace(/\u00a0/g, ' ')),
    ).toEqual([
      '1.530 tin bài về đơn vị (+81 so với kỳ trước), trong đó 174 tiêu cực, 859 trung tính, 497 tích cực.',
      '1 sự vụ mới (kỳ trước 5); 26 sự vụ còn chưa được tiếp nhận vào cuối kỳ; thời gian tiếp nhận trung vị 3 giờ 13 phút.',
    ]);
    expect(reportSummary(report(), 'en')[1]?.replace(/\u00a0/g, ' ')).toBe(
      '8 new incidents (previous period 5), 1 of them major or critical; 26 still unacknowledged at the end; ' +
        'median time to acknowledge 3 h 13 min.',
    );
  });
});

describe('report charts laid out for the width they get', () => {
  const option = (width: number, id: string) =>
    reportCharts(report(), 'vi', width).find((c) => c.id === id) as ReturnType<typeof reportCharts>[number];
  const yLabels = (chart: { option: Record<string, unknown> }) =>
    (chart.option.yAxis as { data: string[]; axisLabel: { width: number } }).data;

  it("keeps a bar chart's label column under half of a phone's width, with taller rows for wrapped names", () => {
    const phone = option(340, 'incidentUnit');
    const page = option(700, 'incidentUnit');
    const phoneLabels = (phone.option.yAxis as { axisLabel: { width: number; overflow: string } }).axisLabel;
    expect(phoneLabels.width).toBeLessThanOrEqual(340 / 2);
    expect(phoneLabels.overflow).toBe('break');
    expect(phone.height).toBeGreaterThan(page.height);
    // Nothing is cut at the PDF's width: the longest school name is there in full.
    expect(yLabels(page)).toContain('Trường Mầm non Thiên Thần Nhỏ Gò Vấp');
  });

  it('lists the six acknowledgement bands as rows, fastest on top, so no band name is dropped', () => {
    const ack = option(340, 'ack');
    expect(yLabels(ack)).toEqual([
      'Chưa tiếp nhận',
      'Sau 24 giờ',
      '4–24 giờ',
      '1–4 giờ',
      '15–60 phút',
      'Trong 15 phút',
    ]);
  });

  it('shows weekdays under a week, no spike legend without spikes, and grouped numbers on the axis', () => {
    const days = option(700, 'days');
    expect((days.option.xAxis as { data: string[] }).data[0]).toBe('T2\n23/11');
    const series = days.option.series as { type: string }[];
    expect(series.map((s) => s.type)).toEqual(['bar', 'bar', 'bar']);
    const axis = days.option.yAxis as { axisLabel: { formatter: (v: number) => string } };
    expect(axis.axisLabel.formatter(1200)).toBe('1.200');
    const withSpike = reportCharts(
      report({
        spikes: [{ day: '2026-11-25', dimension: 'unit', key: 'A', label: 'Trường A', articles: 9, baseline: 1 }],
      }),
      'vi',
    )[0];
    expect((withSpike?.option.series as { type: string }[]).map((s) => s.type)).toEqual([
      'bar',
      'bar',
      'bar',
      'scatter',
    ]);
  });

  it('gives a legend that needs two lines on a phone the room of two lines', () => {
    const phone = option(300, 'severity');
    const page = option(700, 'severity');
    expect((phone.option.grid as { top: number }).top).toBeGreaterThan((page.option.grid as { top: number }).top);
    expect(phone.height).toBeGreaterThan(page.height);
  });
});
