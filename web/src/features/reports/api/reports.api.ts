import type { WeeklyReportResponse } from '@mw/shared';
import { api, queryString } from '../../../api/http';

/** The week's report (stored, or computed now); no week: the last complete one. */
export function fetchWeeklyReport(week: string | undefined): Promise<WeeklyReportResponse> {
  return api<WeeklyReportResponse>('GET', `/api/reports/weekly${queryString({ week })}`);
}
