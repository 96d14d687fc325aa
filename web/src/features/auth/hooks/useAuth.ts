import { useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { session } from '../../../api/session';
import { fetchMe, login, logout } from '../api/auth.api';

/** True while a refresh token is stored: the person is signed in, or can be again without a password. */
export function useHasSession(): boolean {
  return useSyncExternalStore(session.subscribe, () => session.refreshToken() !== null);
}

export function useMe() {
  const hasSession = useHasSession();
  return useQuery<MeResponse>({
    queryKey: queryKeys.me,
    queryFn: fetchMe,
    enabled: hasSession,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) => login(email, password),
    onSuccess: (res) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, res.user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => queryClient.clear(),
  });
}
