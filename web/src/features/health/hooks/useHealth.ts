import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchHealth } from '../api/health.api';

/**
 * GET /api/health, shared by the Settings status and the collection banner. Refetched every `intervalMs` and at
 * once when the server announces `health.changed` or `source.health`.
 */
export function useHealth(intervalMs = 60_000) {
  return useQuery({ queryKey: queryKeys.health, queryFn: fetchHealth, refetchInterval: intervalMs, retry: false });
}
