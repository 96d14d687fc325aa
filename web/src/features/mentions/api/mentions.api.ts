import type { MentionListQuery, MentionView, OutletCount, StoryDetail, StoryListQuery, StoryView } from '@mw/shared';
import { api, queryString } from '../../../api/http';

/** The analysis module answers pages as `{ items, total }`; a bare array is read as one page. */
export interface ListPage<T> {
  items: T[];
  total: number;
}

function asPage<T>(data: ListPage<T> | T[]): ListPage<T> {
  return Array.isArray(data) ? { items: data, total: data.length } : data;
}

export async function fetchMentions(query: MentionListQuery): Promise<ListPage<MentionView>> {
  const { incident, ...rest } = query;
  const qs = queryString({ ...rest, incident: incident === undefined ? undefined : String(incident) });
  return asPage(await api<ListPage<MentionView> | MentionView[]>('GET', `/api/mentions${qs}`));
}

export function fetchMention(id: string): Promise<MentionView> {
  return api<MentionView>('GET', `/api/mentions/${encodeURIComponent(id)}`);
}

export async function fetchStories(query: StoryListQuery): Promise<ListPage<StoryView>> {
  return asPage(await api<ListPage<StoryView> | StoryView[]>('GET', `/api/stories${queryString({ ...query })}`));
}

export function fetchStory(id: string): Promise<StoryDetail> {
  return api<StoryDetail>('GET', `/api/stories/${encodeURIComponent(id)}`);
}

export function fetchOutlets(): Promise<OutletCount[]> {
  return api<OutletCount[]>('GET', '/api/mentions/outlets');
}
