import type {
  AssignRequest,
  CreateIncidentRequest,
  DraftResponseRequest,
  IncidentDetail,
  IncidentListResponse,
  IncidentStatus,
  MergeRequest,
  SeverityLevelView,
  SplitRequest,
  TaskRequest,
} from '@mw/shared';
import { api, queryString } from '../../../api/http';

export interface IncidentFilters {
  /** Search words (title and description, diacritics and case ignored). */
  q?: string;
  status?: string;
  severity?: string;
  unit?: string;
  category?: string;
  /** ISO instants (start of the first day, end of the last day in Asia/Ho_Chi_Minh). */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

const base = '/api/incidents';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function fetchIncidents(filters: IncidentFilters): Promise<IncidentListResponse> {
  return api<IncidentListResponse>('GET', base + queryString({ ...filters }));
}

export function fetchIncident(id: string): Promise<IncidentDetail> {
  return api<IncidentDetail>('GET', one(id));
}

export function createIncident(body: CreateIncidentRequest): Promise<IncidentDetail> {
  return api<IncidentDetail>('POST', base, body);
}

export function acknowledgeIncident(id: string): Promise<unknown> {
  return api<unknown>('POST', `${one(id)}/acknowledge`, {});
}

export function transitionIncident(id: string, to: IncidentStatus, reason?: string): Promise<unknown> {
  return api<unknown>('POST', `${one(id)}/transition`, reason ? { to, reason } : { to });
}

export function proposeDismissal(id: string, reason: string): Promise<unknown> {
  return api<unknown>('POST', `${one(id)}/dismissal-proposal`, { reason });
}

export function addComment(id: string, body: string): Promise<unknown> {
  return api<unknown>('POST', `${one(id)}/comments`, { body });
}

export function addTask(id: string, body: TaskRequest): Promise<unknown> {
  return api<unknown>('POST', `${one(id)}/tasks`, body);
}

export function completeTask(id: string, taskId: string): Promise<unknown> {
  return api<unknown>('POST', `${one(id)}/tasks/${encodeURIComponent(taskId)}/done`, {});
}

export function draftResponse(id: string, body: DraftResponseRequest): Promise<unknown> {
  return api<unknown>('POST', `${one(id)}/responses`, body);
}

export type ResponseAction =
  { kind: 'submit' } | { kind: 'approve' } | { kind: 'send-back'; reason: string } | { kind: 'publish'; url: string };

export function actOnResponse(id: string, responseId: string, action: ResponseAction): Promise<unknown> {
  const path = `${one(id)}/responses/${encodeURIComponent(responseId)}/${action.kind}`;
  const body =
    action.kind === 'send-back' ? { reason: action.reason } : action.kind === 'publish' ? { url: action.url } : {};
  return api<unknown>('POST', path, body);
}

export function assignIncident(id: string, body: AssignRequest): Promise<IncidentDetail> {
  return api<IncidentDetail>('POST', `${one(id)}/assign`, body);
}

/** Folds the named incidents into this one; the answer is this incident. */
export function mergeIncidents(id: string, body: MergeRequest): Promise<IncidentDetail> {
  return api<IncidentDetail>('POST', `${one(id)}/merge`, body);
}

/** Moves the named mentions out into a new incident; the answer is the new incident. */
export function splitIncident(id: string, body: SplitRequest): Promise<IncidentDetail> {
  return api<IncidentDetail>('POST', `${one(id)}/split`, body);
}

export function fetchSeverityLevels(): Promise<SeverityLevelView[]> {
  return api<SeverityLevelView[]>('GET', '/api/severity-levels');
}
