import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { fetchGaps, fetchUnit, fetchUnits } from '../api/units.api';

/** Units change rarely: cached for ten minutes. The server scopes the list to what the person may see. */
export function useUnits() {
  return useQuery({ queryKey: queryKeys.units.list, queryFn: fetchUnits, staleTime: 10 * 60_000 });
}

export function useUnit(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.units.detail(code ?? ''),
    queryFn: () => fetchUnit(code ?? ''),
    enabled: !!code,
  });
}

export function useGaps(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.units.gaps, queryFn: fetchGaps, enabled });
}
