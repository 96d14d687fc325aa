import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import {
  acknowledgeIncident,
  actOnResponse,
  addComment,
  proposeDismissal,
  addTask,
  assignIncident,
  completeTask,
  createIncident,
  draftResponse,
  fetchIncident,
  fetchIncidents,
  mergeIncidents,
  splitIncident,
  transitionIncident,
  type IncidentFilters,
  type ResponseAction,
} from '../api/incidents.api';
import type {
  AssignRequest,
  CreateIncidentRequest,
  DraftResponseRequest,
  IncidentDetail,
  IncidentStatus,
  MergeRequest,
  SplitRequest,
  TaskRequest,
} from '@mw/shared';

export function useIncidents(filters: IncidentFilters) {
  return useQuery({
    queryKey: queryKeys.incidents.list({ ...filters }),
    queryFn: () => fetchIncidents(filters),
    placeholderData: keepPreviousData,
  });
}

export function useIncident(id: string) {
  return useQuery({ queryKey: queryKeys.incidents.detail(id), queryFn: () => fetchIncident(id) });
}

/** Every write on a ticket refreshes that ticket and the lists it appears in. */
function useIncidentMutation<V, R = unknown>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all }),
  });
}

export const useAcknowledge = (id: string) => useIncidentMutation<void>(() => acknowledgeIncident(id));
export const useTransition = (id: string) =>
  useIncidentMutation<{ to: IncidentStatus; reason?: string }>(({ to, reason }) => transitionIncident(id, to, reason));
export const useProposeDismissal = (id: string) =>
  useIncidentMutation<string>((reason) => proposeDismissal(id, reason));
export const useAddComment = (id: string) => useIncidentMutation<string>((body) => addComment(id, body));
export const useAddTask = (id: string) => useIncidentMutation<TaskRequest>((body) => addTask(id, body));
export const useCompleteTask = (id: string) => useIncidentMutation<string>((taskId) => completeTask(id, taskId));
export const useDraftResponse = (id: string) =>
  useIncidentMutation<DraftResponseRequest>((body) => draftResponse(id, body));
export const useResponseAction = (id: string) =>
  useIncidentMutation<{ responseId: string; action: ResponseAction }>(({ responseId, action }) =>
    actOnResponse(id, responseId, action),
  );

export const useAssign = (id: string) =>
  useIncidentMutation<AssignRequest, IncidentDetail>((body) => assignIncident(id, body));
/**
 * Merge and split move coverage between tickets, so the mention and story views (which name each one's incident)
 * are refreshed with the incidents; on failure too, since a refusal usually means the tickets changed meanwhile
 * (merged elsewhere, closed) and the lists shown are stale.
 */
function useTriageMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: async (_data, error) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all }),
        ...(error
          ? []
          : [
              queryClient.invalidateQueries({ queryKey: queryKeys.mentions.all }),
              queryClient.invalidateQueries({ queryKey: queryKeys.stories.all }),
            ]),
      ]);
    },
  });
}

/** Merged incidents leave the open lists and this one gains their coverage: every incident query is refreshed. */
export const useMerge = (id: string) =>
  useTriageMutation<MergeRequest, IncidentDetail>((body) => mergeIncidents(id, body));
/** Resolves with the new incident the mentions moved to. */
export const useSplit = (id: string) =>
  useTriageMutation<SplitRequest, IncidentDetail>((body) => splitIncident(id, body));

export function useCreateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIncidentRequest) => createIncident(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all }),
  });
}
