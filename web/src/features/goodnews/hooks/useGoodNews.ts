import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { actOnGoodNews, fetchGoodNews, type GoodNewsAction } from '../api/good-news.api';

export function useGoodNews(status: string, page: number) {
  return useQuery({
    queryKey: queryKeys.goodNews.list({ status, page }),
    queryFn: () => fetchGoodNews(status, page),
    placeholderData: keepPreviousData,
  });
}

export function useGoodNewsAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: GoodNewsAction; note?: string }) =>
      actOnGoodNews(id, action, note),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.goodNews.all }),
  });
}
