import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchWeeklyReport } from '../api/reports.api';

export function useWeeklyReport(week: string | undefined) {
  return useQuery({
    queryKey: queryKeys.reports.weekly(week ?? 'last'),
    queryFn: () => fetchWeeklyReport(week),
    placeholderData: keepPreviousData,
  });
}
