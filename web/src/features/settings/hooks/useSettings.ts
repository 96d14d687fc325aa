import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest, UpdatePreferencesRequest } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { changePassword, updatePreferences } from '../../auth/api/auth.api';

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePreferencesRequest) => updatePreferences(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: ChangePasswordRequest) => changePassword(body) });
}
