import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MentionListQuery, StoryListQuery } from '@mw/shared';
import { queryKeys } from '../../../api/query-keys';
import { fetchMention, fetchMentions, fetchOutlets, fetchStories, fetchStory } from '../api/mentions.api';

export function useMentions(query: MentionListQuery) {
  return useQuery({
    queryKey: queryKeys.mentions.list({
      ...query,
      incident: query.incident === undefined ? undefined : String(query.incident),
    }),
    queryFn: () => fetchMentions(query),
    placeholderData: keepPreviousData,
  });
}

export function useMention(id: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.mentions.detail(id), queryFn: () => fetchMention(id), enabled });
}

export function useStories(query: StoryListQuery) {
  return useQuery({
    queryKey: queryKeys.stories.list({ ...query }),
    queryFn: () => fetchStories(query),
    placeholderData: keepPreviousData,
  });
}

export function useStory(id: string | undefined) {
  return useQuery({ queryKey: queryKeys.stories.detail(id ?? ''), queryFn: () => fetchStory(id ?? ''), enabled: !!id });
}

/** The outlets of the person's mentions, for the outlet filter. */
export function useOutlets() {
  return useQuery({ queryKey: [...queryKeys.mentions.all, 'outlets'], queryFn: fetchOutlets, staleTime: 300_000 });
}
