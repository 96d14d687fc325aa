import { useQuery } from '@tanstack/react-query';
import type { Severity, SeverityLevelView } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { fetchSeverityLevels } from '../api/incidents.api';

/** Severity levels are data on the server (name, colour, deadlines); they change rarely. */
export function useSeverityLevels(): Map<Severity, SeverityLevelView> {
  const query = useQuery({ queryKey: queryKeys.severityLevels, queryFn: fetchSeverityLevels, staleTime: 30 * 60_000 });
  return new Map((query.data ?? []).map((level) => [level.code, level]));
}
