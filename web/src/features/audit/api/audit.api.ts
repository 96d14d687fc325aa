import type { AuditEntryView, AuditListQuery, Page } from '@mw/shared';
import { api, queryString } from '../../../api/http';

export function fetchAudit(query: AuditListQuery): Promise<Page<AuditEntryView>> {
  return api<Page<AuditEntryView>>('GET', `/api/audit${queryString({ ...query })}`);
}
