// Tenders (招标) in the web app (API.md "Tenders, bids and orders"): a tender is a task of mode
// "tender" (GET /tasks/:id, the contest page's query and cache key), its bids, and the calls of
// buyers (post, hire) and providers (bid, withdraw). Hiring moves money: Idempotency-Key.
import { infiniteQueryOptions, queryOptions, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TenderTask as TenderTaskSchema } from "../../../../contracts/tasks.ts";
import type { Bid, BidList, BidStatus } from "../../../../contracts/tenders.ts";
import type { I18n } from "../../app/i18n/I18nProvider.tsx";
import { api } from "../../lib/api.ts";
import { type ErrorOverrides, errorText } from "../../lib/errors.ts";

export { MAX_BID_MILESTONES as MAX_MILESTONES } from "../../../../contracts/tenders.ts";

export type TenderTask = z.infer<typeof TenderTaskSchema>;
export type TenderStatus = TenderTask["status"];
export type { Bid, BidList, BidStatus };
export type BidMilestone = Bid["milestones"][number];

export type TenderList = { items: TenderTask[]; nextCursor: string | null };

export function tenderListQuery(query: {
  categoryId?: string;
  status?: string;
  limit?: number;
  buyerId?: string;
}) {
  return infiniteQueryOptions({
    queryKey: ["tasks", "list", { mode: "tender", ...query }],
    queryFn: ({ signal, pageParam }) =>
      api.get<TenderList>("/tasks", { query: { mode: "tender", ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const bidsQuery = (taskId: string) =>
  queryOptions({
    queryKey: ["tasks", taskId, "bids"],
    queryFn: ({ signal }) =>
      api.get<BidList>(`/tasks/${encodeURIComponent(taskId)}/bids`, { query: { limit: 100 }, signal }),
  });

/** How many bids there are (not withdrawn): the list's count, else the task's. */
export function bidCount(list: BidList | undefined, task: TenderTask): number {
  return list?.counts.bids ?? task.bidCount;
}

/** After anything done on a tender: the tender, its bids, the lists and the orders load again. */
export function useTenderChanged(id: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ["tasks", id] }),
      client.invalidateQueries({ queryKey: ["tasks", "list"] }),
      client.invalidateQueries({ queryKey: ["orders"] }),
      client.invalidateQueries({ queryKey: ["wallet"] }),
    ]);
}

export const tenderErrors: ErrorOverrides = {
  unauthenticated: "tenders.error.signIn",
  not_found: "tenders.error.notFound",
  insufficient_funds: "tenders.error.funds",
  invalid_transition: "tenders.error.transition",
  conflict: "tenders.error.conflict",
  forbidden: "tenders.error.forbidden",
};

export function tenderErrorText(t: I18n["t"], error: unknown): string {
  return errorText(t, error, tenderErrors);
}
