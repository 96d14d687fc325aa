import type { InAppNotificationList, UnreadCount } from '@mw/shared';
import { api } from '../../../api/http';

const base = '/api/notifications';

export const fetchInbox = () => api<InAppNotificationList>('GET', base);
export const fetchUnread = () => api<UnreadCount>('GET', `${base}/unread`);
export const markRead = (id: string) => api<void>('POST', `${base}/${encodeURIComponent(id)}/read`, {});
export const markAllRead = () => api<UnreadCount>('POST', `${base}/read`, {});
