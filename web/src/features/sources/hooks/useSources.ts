import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSourceRequest, UpdateSourceRequest } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { createSource, fetchSources, pollSource, testSource, updateSource } from '../api/sources.api';

export function useSources() {
  return useQuery({ queryKey: queryKeys.sources.all, queryFn: fetchSources, refetchInterval: 60_000 });
}

function useSourcesMutation<V, R>(run: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sources.all }),
  });
}

export const useCreateSource = () => useSourcesMutation((body: CreateSourceRequest) => createSource(body));
export const useUpdateSource = () =>
  useSourcesMutation(({ id, body }: { id: string; body: UpdateSourceRequest }) => updateSource(id, body));
export const usePollSource = () => useSourcesMutation((id: string) => pollSource(id));
export const useTestSource = () => useMutation({ mutationFn: (body: CreateSourceRequest) => testSource(body) });
