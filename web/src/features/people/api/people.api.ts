import type {
  CreatePersonRequest,
  Page,
  PersonDetail,
  PersonListQuery,
  PersonView,
  ResetPasswordResponse,
  RoleAssignmentRequest,
  RoleAssignmentView,
  UpdatePersonRequest,
} from '@mw/shared';
import { api, queryString } from '../../../api/http';

/** One page of people; asking with a page makes the server answer a Page rather than every match. */
export function fetchPeople(query: PersonListQuery & { page: number; pageSize: number }): Promise<Page<PersonView>> {
  const params = {
    q: query.q,
    unitCode: query.unitCode,
    role: query.role,
    active: query.active === undefined ? undefined : String(query.active),
    page: query.page,
    pageSize: query.pageSize,
  };
  return api<Page<PersonView>>('GET', `/api/people${queryString(params)}`);
}

export function fetchPerson(id: string): Promise<PersonDetail> {
  return api<PersonDetail>('GET', `/api/people/${encodeURIComponent(id)}`);
}

export function createPerson(body: CreatePersonRequest): Promise<PersonDetail> {
  return api<PersonDetail>('POST', '/api/people', body);
}

export function updatePerson(id: string, body: UpdatePersonRequest): Promise<PersonDetail> {
  return api<PersonDetail>('PATCH', `/api/people/${encodeURIComponent(id)}`, body);
}

export function assignRole(id: string, body: RoleAssignmentRequest): Promise<RoleAssignmentView> {
  return api<RoleAssignmentView>('POST', `/api/people/${encodeURIComponent(id)}/roles`, body);
}

export function renounceRole(id: string, assignmentId: string): Promise<RoleAssignmentView> {
  return api<RoleAssignmentView>(
    'POST',
    `/api/people/${encodeURIComponent(id)}/roles/${encodeURIComponent(assignmentId)}/renounce`,
    {},
  );
}

/** Without a new password the server makes a temporary one and returns it this once. */
export function resetPassword(id: string): Promise<ResetPasswordResponse> {
  return api<ResetPasswordResponse>('POST', `/api/people/${encodeURIComponent(id)}/reset-password`, {});
}
