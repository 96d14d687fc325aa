import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchRangeReport, fetchStoredReports, fetchWeeklyReport } from '../api/reports.api';

export function useWeeklyReport(week: string | undefined) {
  return useQuery({
    queryKey: queryKeys.reports.weekly(week ?? 'last'),
    queryFn: () => fetchWeeklyReport(week),
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
export function useStoredReports(page: number) {
  return useQuery({
    queryKey: queryKeys.reports.stored(page),
    queryFn: () => fetchStoredReports(page),
    placeholderData: keepPreviousData,
  });
}
