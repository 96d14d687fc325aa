import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditListQuery } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { fetchAudit } from '../api/audit.api';

export const AUDIT_PAGE_SIZE = 25;

export function useAudit(query: AuditListQuery) {
  return useQuery({
    queryKey: queryKeys.audit.list({ ...query }),
    queryFn: () => fetchAudit({ ...query, pageSize: AUDIT_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}
