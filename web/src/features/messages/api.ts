// The messages calls of the web app (API.md "Messages and notifications"). Query keys are agreed
// with the realtime layer (features/notifications): a "message" frame invalidates ["threads"] and
// ["thread", id, "messages"], so an open inbox or thread shows a new message without reloading.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  Message,
  Thread,
  ThreadList,
  ThreadSubject,
  ThreadSummary,
} from "../../../../contracts/messages.ts";
import { api } from "../../lib/api.ts";

export type { Message, Thread, ThreadSubject, ThreadSummary };

/** Files a message may carry (server: every known upload type), and how many. */
export const MESSAGE_ACCEPT = "image/png,image/jpeg,image/webp,image/gif,application/pdf,application/zip";
export const MAX_MESSAGE_FILES = 5;
export const MESSAGE_TEXT_MAX = 5000;

export const threadsKey = ["threads"] as const;
export const messagesKey = (threadId: string) => ["thread", threadId, "messages"] as const;

/** My threads (the newest 100 — the inbox pages beyond with its own list). */
export const threadsQuery = queryOptions({
  queryKey: threadsKey,
  queryFn: ({ signal }) => api.get<ThreadList>("/threads", { query: { limit: 100 }, signal }),
});

/** The inbox, page by page (under ["threads"], so a new message refreshes it too). */
export const inboxQuery = infiniteQueryOptions({
  queryKey: [...threadsKey, "inbox"],
  queryFn: ({ signal, pageParam }) =>
    api.get<ThreadList>("/threads", { query: { limit: 30, cursor: pageParam }, signal }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

/** A thread's messages, newest first, page by page towards older ones. */
export const messagesQuery = (threadId: string) =>
  infiniteQueryOptions({
    queryKey: messagesKey(threadId),
    queryFn: ({ signal, pageParam }) =>
      api.get<{ items: Message[]; nextCursor: string | null }>(
        `/threads/${encodeURIComponent(threadId)}/messages`,
        {
          query: { limit: 30, cursor: pageParam },
          signal,
        },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Open (or find) the thread about a subject with its owner / other party. */
export function useOpenThread() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (subject: ThreadSubject) =>
      api.post<{ thread: Thread }>("/threads", { subject }).then((r) => r.thread),
    onSuccess: () => client.invalidateQueries({ queryKey: threadsKey }),
  });
}

export function useSendMessage(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ text, files }: { text: string; files: File[] }) => {
      const path = `/threads/${encodeURIComponent(threadId)}/messages`;
      if (files.length === 0) return api.post<{ message: Message }>(path, { text });
      const form = new FormData();
      if (text) form.append("text", text);
      for (const file of files) form.append("files", file);
      return api.post<{ message: Message }>(path, form);
    },
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: messagesKey(threadId) }),
        client.invalidateQueries({ queryKey: threadsKey }),
      ]),
  });
}

/** Mark a thread read (when it is on screen with unread messages). */
export function useMarkRead(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/threads/${encodeURIComponent(threadId)}/read`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: threadsKey }),
  });
}

/** The other participant of a thread (threads have two). */
export function otherParty(thread: Pick<Thread, "participants">, meId: string) {
  return thread.participants.find((p) => p.id !== meId) ?? thread.participants[0];
}

export function sameSubject(a: ThreadSubject, b: ThreadSubject) {
  return a.type === b.type && a.id === b.id;
}
