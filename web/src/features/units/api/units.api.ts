import type { OrganisationGapsResponse, UnitDetail, UnitView } from '@mw/shared';
import { api } from '../../../api/http';

export function fetchUnits(): Promise<UnitView[]> {
  return api<UnitView[]>('GET', '/api/units');
}

export function fetchUnit(code: string): Promise<UnitDetail> {
  return api<UnitDetail>('GET', `/api/units/${encodeURIComponent(code)}`);
}

export function fetchGaps(): Promise<OrganisationGapsResponse> {
  return api<OrganisationGapsResponse>('GET', '/api/organisation/gaps');
}
