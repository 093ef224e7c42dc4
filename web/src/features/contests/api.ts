// The contest calls of the web app (API.md "Tasks"): types from contracts/tasks.ts, thin wrappers
// over the shared client, and the one place that turns an ApiError into a catalogue message.
import type { z } from "zod";
import type { Me } from "../../../../contracts/accounts.ts";
import type { CategoryTree } from "../../../../contracts/categories.ts";
import type {
  Entry,
  EntryList as EntryListSchema,
  Task,
  TaskList as TaskListSchema,
  TaskStatus,
} from "../../../../contracts/tasks.ts";
import type { MessageKey } from "../../app/i18n/messages.ts";
import { ApiError, api, isApiError } from "../../lib/api.ts";

export { parseYuan } from "../../lib/parse-money.ts";

export type { Entry, Me, Task, TaskStatus };
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
  cursor?: string;
  limit?: number;
};

export function listContests(query: ContestListQuery, signal?: AbortSignal) {
  return api.get<TaskList>("/tasks", { query: { mode: "contest", ...query }, signal });
}

export function getContest(id: string, signal?: AbortSignal) {
  return api.get<{ task: Task }>(`/tasks/${encodeURIComponent(id)}`, { signal });
}

export function listEntries(id: string, cursor?: string, signal?: AbortSignal) {
  return api.get<EntryList>(`/tasks/${encodeURIComponent(id)}/entries`, {
    query: { limit: 100, cursor },
    signal,
  });
}

export function getCategories(signal?: AbortSignal) {
  return api.get<CategoryTree>("/categories", { signal });
}

/** A fresh Idempotency-Key; keep it for retries of the same request. */
export function newKey(): string {
  return crypto.randomUUID();
}

/** `{ id → { zh-CN, en } }` for every category and sub-category. */
export function categoryNames(tree: CategoryTree | undefined) {
  const names = new Map<string, { "zh-CN": string; en: string }>();
  for (const c of tree?.items ?? []) {
    names.set(c.id, c.name);
    for (const child of c.children) names.set(child.id, child.name);
  }
  return names;
}

/** A message from the catalogue for any failure (never the server's English `message`). */
export function errorMessageKey(error: unknown): MessageKey {
  if (!isApiError(error)) return "error.generic";
  switch (error.code) {
    case "network_error":
      return "error.network";
    case "unauthenticated":
      return "contests.error.signIn";
    case "forbidden":
      return "contests.error.forbidden";
    case "not_found":
      return "contests.error.notFound";
    case "insufficient_funds":
      return "contests.error.funds";
    case "invalid_transition":
    case "conflict":
      return "contests.error.transition";
    case "payload_too_large":
      return "contests.error.tooLarge";
    case "unsupported_media_type":
      return "contests.error.fileType";
    case "invalid_input":
      return "contests.error.invalid";
    case "rate_limited":
      return "contests.error.rateLimited";
    default:
      return "error.generic";
  }
}

/** The server's reason for a 400 (its English text), shown as detail under the translated message. */
export function errorDetail(error: unknown): string | undefined {
  return error instanceof ApiError && error.code === "invalid_input" ? error.message : undefined;
}
