// Notifications in the query cache. Everything lives under ["notifications"], so one invalidation
// (a realtime frame, marking read) refreshes the list, the unread count and the bell together.
import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type {
  MarkRead,
  Notification,
  NotificationList,
  NotificationPreferences,
  UnreadCount,
  UpdateNotificationPreferences,
} from "../../../../contracts/notifications.ts";
import { api } from "../../lib/api.ts";

export type { Notification, NotificationPreferences };

export const notificationsKey = ["notifications"] as const;
export const unreadKey = ["notifications", "unread"] as const;

export const unreadCountQuery = queryOptions({
  queryKey: unreadKey,
  queryFn: ({ signal }) => api.get<UnreadCount>("/notifications/unread-count", { signal }),
  select: (r) => r.count,
});

export const notificationsQuery = (filter: { unread: boolean }) =>
  infiniteQueryOptions({
    queryKey: [...notificationsKey, "list", filter],
    queryFn: ({ signal, pageParam }) =>
      api.get<NotificationList>("/notifications", {
        signal,
        query: { limit: 20, cursor: pageParam, ...(filter.unread ? { unread: "true" } : {}) },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const preferencesQuery = queryOptions({
  queryKey: [...notificationsKey, "preferences"],
  queryFn: ({ signal }) => api.get<NotificationPreferences>("/me/notification-preferences", { signal }),
});

export function useUnreadCount(enabled: boolean) {
  return useQuery({ ...unreadCountQuery, enabled });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkRead) => api.post<{ count: number }>("/notifications/read", body),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey }),
  });
}

/** Saves a switch; it shows the new state at once and goes back if the save fails. */
export function useUpdatePreferences() {
  const client = useQueryClient();
  const key = preferencesQuery.queryKey;
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferences) =>
      api.patch<NotificationPreferences>("/me/notification-preferences", body),
    onMutate: async (body) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData(key);
      if (before) client.setQueryData(key, { email: { ...before.email, ...body.email } });
      return { before };
    },
    onError: (_error, _body, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSuccess: (data) => client.setQueryData(key, data),
  });
}
