import type { GoodNewsListResponse } from '@mw/shared';
import { api, queryString } from '../../../api/http';

export type GoodNewsAction = 'share' | 'propose';

export function fetchGoodNews(status: string, page: number): Promise<GoodNewsListResponse> {
  return api<GoodNewsListResponse>('GET', `/api/good-news${queryString({ status, page })}`);
}

export function actOnGoodNews(id: string, action: GoodNewsAction, note?: string): Promise<unknown> {
  return api<unknown>('POST', `/api/good-news/${encodeURIComponent(id)}/${action}`, note ? { note } : {});
}
