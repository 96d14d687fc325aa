import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatePersonRequest, RoleAssignmentRequest, UpdatePersonRequest } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import {
  assignRole,
  createPerson,
  fetchPeople,
  fetchPerson,
  renounceRole,
  resetPassword,
  updatePerson,
} from '../api/people.api';

export const PEOPLE_PAGE_SIZE = 20;

export function usePeople(filters: { q: string; unitCode: string; page: number }) {
  return useQuery({
    queryKey: queryKeys.people.list(filters),
    queryFn: () =>
      fetchPeople({
        q: filters.q || undefined,
        unitCode: filters.unitCode || undefined,
        page: filters.page,
        pageSize: PEOPLE_PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.people.detail(id ?? ''),
    queryFn: () => fetchPerson(id ?? ''),
    enabled: !!id,
  });
}

/**
 * Every write to a person can change the list, the detail and the unit networks, and adds an audit entry; it can
 * also be the signed-in admin's own roles (renouncing their admin role takes the admin screens away), so `me` too.
 */
function usePeopleMutation<V, R>(run: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.people.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.units.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]);
    },
  });
}

export const useCreatePerson = () => usePeopleMutation((body: CreatePersonRequest) => createPerson(body));
export const useUpdatePerson = () =>
  usePeopleMutation(({ id, body }: { id: string; body: UpdatePersonRequest }) => updatePerson(id, body));
export const useAssignRole = () =>
  usePeopleMutation(({ id, body }: { id: string; body: RoleAssignmentRequest }) => assignRole(id, body));
export const useRenounceRole = () =>
  usePeopleMutation(({ id, assignmentId }: { id: string; assignmentId: string }) => renounceRole(id, assignmentId));
export const useResetPassword = () => usePeopleMutation((id: string) => resetPassword(id));
