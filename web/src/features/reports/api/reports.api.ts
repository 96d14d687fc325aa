import type { Page, ReportResponse, StoredReportSummary } from '@mw/shared';
import { api, apiBlob, queryString } from '../../../api/http';

/** The week's report (stored, or computed now); no week: the last complete one; `unit` for one school's. */
export function fetchWeeklyReport(week: string | undefined, unit?: string): Promise<ReportResponse> {
  return api<ReportResponse>('GET', `/api/reports/weekly${queryString({ week, unit })}`);
}

/** The report over whole days from `from` to `to` (YYYY-MM-DD, both included). */
export function fetchRangeReport(from: string, to: string): Promise<ReportResponse> {
  return api<ReportResponse>('GET', `/api/reports${queryString({ from, to })}`);
}

/** The weeks stored and sent for a scope (the district, or `unit`: one school), newest first. */
export function fetchStoredReports(page: number, unit?: string): Promise<Page<StoredReportSummary>> {
  return api<Page<StoredReportSummary>>('GET', `/api/reports/stored${queryString({ page, pageSize: 10, unit })}`);
}

/** What to download: a week (as stored when it was), or a range of days; `unit` for one school's report. */
export interface ReportDownload {
  week?: string;
  from?: string;
  to?: string;
  unit?: string;
}

/** Downloads the same report as PDF or CSV: fetched with the session's token, then saved under the server's name. */
export async function downloadReport(period: ReportDownload, format: 'pdf' | 'csv'): Promise<void> {
  const path = period.week
    ? `/api/reports/weekly${queryString({ week: period.week, unit: period.unit, format })}`
    : `/api/reports${queryString({ from: period.from, to: period.to, unit: period.unit, format })}`;
  const blob = await apiBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `bao-cao-${period.week ?? `${period.from}_${period.to}`}${period.unit ? `-${period.unit}` : ''}.${format}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
