import { useQueries } from '@tanstack/react-query';
import { SEVERITIES, type Severity } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { fetchIncidents, type IncidentFilters } from '../api/incidents.api';

/** Exact counts per severity under the current filters: one page-of-one request each, only `total` is read. */
export function useSeverityCounts(filters: IncidentFilters): Partial<Record<Severity, number>> {
  const results = useQueries({
    queries: SEVERITIES.map((severity) => {
      const f: IncidentFilters = { ...filters, severity, page: 1, pageSize: 1 };
      return { queryKey: queryKeys.incidents.list({ ...f }), queryFn: () => fetchIncidents(f) };
    }),
  });
  const counts: Partial<Record<Severity, number>> = {};
  SEVERITIES.forEach((severity, i) => {
    const total = results[i]?.data?.total;
    if (total !== undefined) counts[severity] = total;
  });
  return counts;
}
