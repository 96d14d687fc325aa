import type { HealthResponse } from '@mw/shared';
import { getJson } from '../../../api/http';

/** 503 still carries a health body (database down), so it is data here, not an error. */
export async function fetchHealth(): Promise<HealthResponse> {
  const { data } = await getJson<HealthResponse>('/api/health');
  return data;
}
