import { useQueries } from '@tanstack/react-query';
import { OFFICE_UNIT_CODE, type UnitDetail } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { fetchUnit } from '../../units/api/units.api';

/**
 * The units whose networks a ticket may be given to: its own units, and the office for people who see it. A unit the
 * server refuses (a multi-unit ticket reaches beyond a school spokesperson's scope) is left out, not an error.
 */
export function useAssigneeUnits(unitCodes: string[], includeOffice: boolean) {
  const codes = [...new Set(includeOffice ? [...unitCodes, OFFICE_UNIT_CODE] : unitCodes)];
  return useQueries({
    queries: codes.map((code) => ({
      queryKey: queryKeys.units.detail(code),
      queryFn: () => fetchUnit(code),
      staleTime: 60_000,
      retry: false,
    })),
    combine: (results) => ({
      units: results.map((r) => r.data).filter((u): u is UnitDetail => u !== undefined),
      isPending: results.some((r) => r.isPending),
      /** Every unit asked for was read: nobody who handles the ticket can be missing from `units`. */
      complete: results.every((r) => r.data !== undefined),
    }),
  });
}
