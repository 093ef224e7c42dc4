// The piece-rate calls of the web app (API.md "Piece-rate tasks"): types from contracts, thin
// wrappers over the shared client. The task and its pieces share the contest pages' cache keys
// (["tasks", id] …): /tasks/:id loads the task once and hands a piece-rate task to this feature.
import { infiniteQueryOptions, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { PieceworkTask as PieceworkTaskSchema } from "../../../../contracts/tasks.ts";
import { api } from "../../lib/api.ts";
import { newIdempotencyKey } from "../../lib/idempotency.ts";
import type { Entry, AnyTask as Task, TaskList, TaskStatus } from "../contests/api.ts";

export type PieceworkTask = z.infer<typeof PieceworkTaskSchema>;
export type { Entry, Task, TaskStatus };

export const isPiecework = (task: Task): task is PieceworkTask => task.mode === "piecework";

/** The browse list: piece-rate tasks, newest first (or soonest deadline), over the API's cursor. */
export function pieceworkListQuery(query: {
  status?: TaskStatus;
  sort?: "newest" | "deadline";
  limit?: number;
}) {
  return infiniteQueryOptions({
    queryKey: ["tasks", "list", { mode: "piecework", ...query }],
    queryFn: ({ signal, pageParam }) =>
      api.get<TaskList>("/tasks", { query: { mode: "piecework", ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Accept a piece: pays it at once (money moves: one Idempotency-Key per click, replayed on retry). */
export const acceptPiece = (entryId: string, idempotencyKey = newIdempotencyKey()) =>
  api
    .post<{ entry: Entry }>(`/entries/${encodeURIComponent(entryId)}/accept`, undefined, { idempotencyKey })
    .then((r) => r.entry);

export const rejectPiece = (entryId: string, reason: string) =>
  api
    .post<{ entry: Entry }>(`/entries/${encodeURIComponent(entryId)}/reject`, { reason })
    .then((r) => r.entry);

/** After a decision: the task (progress, escrow), its pieces and the lists load again. */
export function usePieceworkChanged(id: string) {
  const client = useQueryClient();
  return () =>
    client
      .invalidateQueries({ queryKey: ["tasks", id] })
      .then(() => client.invalidateQueries({ queryKey: ["tasks", "list"] }));
}

/** ¥ of what a provider receives for one piece: the unit price less the fee snapshotted on the task. */
export const netOfFee = (task: Pick<PieceworkTask, "unitPriceMinor" | "feeBps">) =>
  task.unitPriceMinor - Math.floor((task.unitPriceMinor * task.feeBps) / 10_000);
