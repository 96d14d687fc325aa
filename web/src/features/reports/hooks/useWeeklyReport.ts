import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchRangeReport, fetchStoredReports, fetchWeeklyReport } from '../api/reports.api';

/** `unit`: one school's report (office roles: absent for the whole district). */
export function useWeeklyReport(week: string | undefined, unit: string | undefined) {
  return useQuery({
    queryKey: queryKeys.reports.weekly(week ?? 'last', unit),
    queryFn: () => fetchWeeklyReport(week, unit),
    placeholderData: keepPreviousData,
  });
}

export function useRangeReport(from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.reports.range(from, to),
    queryFn: () => fetchRangeReport(from, to),
    placeholderData: keepPreviousData,
  });
}

/** One page of the weeks stored and sent (the past reports, still downloadable). */
export function useStoredReports(page: number, unit: string | undefined) {
  return useQuery({
    queryKey: queryKeys.reports.stored(page, unit),
    queryFn: () => fetchStoredReports(page, unit),
    placeholderData: keepPreviousData,
  });
}
