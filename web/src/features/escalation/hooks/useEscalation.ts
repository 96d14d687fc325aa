import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Severity, UpdateEscalationSettingsRequest, UpdateSeverityLevelRequest } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { fetchSeverityLevels } from '../../incidents/api/incidents.api';
import { fetchEscalationSettings, updateEscalationSettings, updateSeverityLevel } from '../api/escalation.api';

/** The full list (not the Map of useSeverityLevels), in the server's order, for the settings screen. */
export function useSeverityLevelList() {
  return useQuery({ queryKey: queryKeys.severityLevels, queryFn: fetchSeverityLevels });
}

export function useEscalationSettings() {
  return useQuery({ queryKey: queryKeys.escalationSettings, queryFn: fetchEscalationSettings });
}

export function useUpdateSeverityLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: Severity; body: UpdateSeverityLevelRequest }) =>
      updateSeverityLevel(code, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.severityLevels }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit.all }),
      ]),
  });
}

export function useUpdateEscalationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateEscalationSettingsRequest) => updateEscalationSettings(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.escalationSettings, saved);
      return queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
    },
  });
}
