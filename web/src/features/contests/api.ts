// The contest calls of the web app (API.md "Tasks"): types from contracts/tasks.ts, thin wrappers
// over the shared client, and the words contest pages use for failures (lib/errors.ts maps them).

import { infiniteQueryOptions, queryOptions, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { Me } from "../../../../contracts/accounts.ts";
import type {
  Task as AnyTask,
  Entry,
  EntryList as EntryListSchema,
  TaskList as TaskListSchema,
  TaskStatus,
} from "../../../../contracts/tasks.ts";
import type { I18n } from "../../app/i18n/I18nProvider.tsx";
import { api } from "../../lib/api.ts";
import { type ErrorOverrides, errorText } from "../../lib/errors.ts";

export { parseYuan } from "../../lib/parse-money.ts";

export type { AnyTask, Entry, Me, TaskStatus };
/** A contest: the contest pages' task (the API's Task is the union of every way of buying, by mode). */
export type Task = Extract<AnyTask, { mode: "contest" }>;
export const isContest = (task: AnyTask): task is Task => task.mode === "contest";
export type EntryFile = Entry["files"][number];
export type TaskList = z.infer<typeof TaskListSchema>;
export type EntryList = z.infer<typeof EntryListSchema>;

/** The file types an entry may carry (server: ENTRY_TYPES). */
export const ENTRY_ACCEPT = "image/png,image/jpeg,image/webp,image/gif,application/pdf";
/** Upload limits of the server (server/http/uploads.ts), said to people before they pick files. */
export const MAX_FILE_MB = 20;
export const MAX_FILES = 10;

export type ContestListQuery = {
  categoryId?: string;
  status?: TaskStatus;
  sort?: "newest" | "prize" | "deadline";
  buyerId?: string;
  providerId?: string;
  limit?: number;
};

/** Contest lists (browse, mine, entered), page by page over the API's cursor. */
export function contestListQuery(query: ContestListQuery) {
  return infiniteQueryOptions({
    queryKey: ["tasks", "list", query],
    queryFn: ({ signal, pageParam }) =>
      api.get<TaskList>("/tasks", { query: { mode: "contest", ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const contestQuery = (id: string) =>
  queryOptions({
    queryKey: ["tasks", id],
    queryFn: ({ signal }) =>
      api.get<{ task: AnyTask }>(`/tasks/${encodeURIComponent(id)}`, { signal }).then((r) => r.task),
  });

export const entriesQuery = (id: string) =>
  queryOptions({
    queryKey: ["tasks", id, "entries"],
    queryFn: ({ signal }) =>
      api.get<EntryList>(`/tasks/${encodeURIComponent(id)}/entries`, { query: { limit: 100 }, signal }),
  });

/** After anything done on a contest: the contest, its entries and the lists load again. */
export function useContestChanged(id: string) {
  const client = useQueryClient();
  return () =>
    client
      .invalidateQueries({ queryKey: ["tasks", id] })
      .then(() => client.invalidateQueries({ queryKey: ["tasks", "list"] }));
}

/** Contest pages say some failures in their own words (a missing contest, a changed status). */
export const contestErrors: ErrorOverrides = {
  unauthenticated: "contests.error.signIn",
  forbidden: "contests.error.forbidden",
  not_found: "contests.error.notFound",
  insufficient_funds: "contests.error.funds",
  invalid_transition: "contests.error.transition",
  conflict: "contests.error.transition",
  invalid_input: "contests.error.invalid",
  rate_limited: "contests.error.rateLimited",
};

/** A message from the catalogue for any failure on a contest page (never the server's English). */
export function contestErrorText(t: I18n["t"], error: unknown): string {
  return errorText(t, error, contestErrors);
}
