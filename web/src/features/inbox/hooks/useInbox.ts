import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { acknowledgeIncident } from '../../incidents/api/incidents.api';
import { fetchInbox, fetchUnread, markAllRead, markRead } from '../api/inbox.api';

/** The person's in-app notifications, newest first; refreshed by `notification.created` on their room. */
export function useInbox(enabled = true) {
  return useQuery({ queryKey: queryKeys.notifications.inbox, queryFn: fetchInbox, enabled });
}

/** The bell's count. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: queryKeys.notifications.unread,
    queryFn: async () => (await fetchUnread()).unread,
    enabled,
  });
}

function useNotificationsMutation<V>(run: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}

export const useMarkRead = () => useNotificationsMutation<string>((id) => markRead(id));
export const useMarkAllRead = () => useNotificationsMutation<void>(() => markAllRead());

/**
 * Acknowledging from an alert is acknowledging the incident: the same request, and so the same role and scope checks,
 * as the button on the ticket. The alert is then marked read.
 */
export function useAcknowledgeFromAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ notificationId, incidentId }: { notificationId: string; incidentId: string }) => {
      await acknowledgeIncident(incidentId);
      await markRead(notificationId);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.incidents.all }),
      ]),
  });
}
