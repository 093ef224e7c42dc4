// Operators' queues in the query cache: identity verifications and withdrawals, by status. A
// decision answers with the new item: it replaces the old one in the cached lists (the operator
// sees what was decided, in place) and the lists are marked stale for their next showing.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { IdentityVerification } from "../../../../contracts/accounts.ts";
import type { Withdrawal } from "../../../../contracts/wallet.ts";
import { api } from "../../lib/api.ts";
import { useIdempotencyKey } from "../../lib/idempotency.ts";

type Page<T> = { items: T[]; nextCursor: string | null };

/** The two review queues: where they live in the API and what a decision answers. */
export const queues = {
  verifications: { path: "/admin/verifications", answer: "verification" },
  withdrawals: { path: "/admin/withdrawals", answer: "withdrawal" },
} as const;
export type QueueName = keyof typeof queues;
type ItemOf = { verifications: IdentityVerification; withdrawals: Withdrawal };

export function queueQuery<Q extends QueueName>(queue: Q, status: string) {
  return queryOptions({
    queryKey: ["admin", queue, status],
    queryFn: ({ signal }) =>
      api.get<Page<ItemOf[Q]>>(queues[queue].path, { signal, query: { status, limit: 50 } }),
  });
}

export type Decision = { decision: "approve" | "reject"; reason?: string };

/** Approve or reject one item (idempotent per decision); the queue reloads afterwards. */
export function useDecide<Q extends QueueName>(queue: Q, id: string) {
  const client = useQueryClient();
  const key = useIdempotencyKey();
  return useMutation({
    mutationFn: async ({ decision, reason }: Decision) => {
      const body = decision === "reject" ? (reason ? { reason } : {}) : undefined;
      const result = await api.post<Record<string, ItemOf[Q]>>(
        `${queues[queue].path}/${encodeURIComponent(id)}/${decision}`,
        body,
        { idempotencyKey: key.keyFor({ decision, reason }) },
      );
      return result[queues[queue].answer] as ItemOf[Q];
    },
    onSuccess: (updated) => {
      client.setQueriesData<Page<ItemOf[Q]>>(
        { queryKey: ["admin", queue] },
        (page) =>
          page && { ...page, items: page.items.map((item) => (item.id === updated.id ? updated : item)) },
      );
      void client.invalidateQueries({ queryKey: ["admin", queue], refetchType: "none" });
    },
  });
}
