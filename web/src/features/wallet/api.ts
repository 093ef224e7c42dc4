// The wallet in the query cache: balances, withdrawals (followed while one is on its way), the
// statement page by page, and a top-up followed until the provider's webhook settles it. Every
// change invalidates ["wallet"], so balances, withdrawals and statement refresh together.
import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { TopUp, Wallet, WalletEntry, Withdrawal } from "../../../../contracts/wallet.ts";
import { ApiError, api } from "../../lib/api.ts";
import { useIdempotencyKey } from "../../lib/idempotency.ts";

export type TopUpMethod = TopUp["method"];
export const TOP_UP_METHODS = ["alipay", "wechat", "card"] as const satisfies readonly TopUpMethod[];

type Page<T> = { items: T[]; nextCursor: string | null };

export const walletKey = ["wallet"] as const;

export const walletQuery = queryOptions({
  queryKey: [...walletKey, "balances"],
  queryFn: ({ signal }) => api.get<Wallet>("/wallet", { signal }),
});

const inFlight = (w: Withdrawal) => w.status === "pending" || w.status === "approved";

export const withdrawalsQuery = queryOptions({
  queryKey: [...walletKey, "withdrawals"],
  queryFn: ({ signal }) => api.get<Page<Withdrawal>>("/wallet/withdrawals", { signal, query: { limit: 10 } }),
  // While a withdrawal is on its way, follow it (an operator's decision, the payout's answer).
  refetchInterval: (query) => (query.state.data?.items.some(inFlight) ? 3000 : false),
});

export const statementQuery = infiniteQueryOptions({
  queryKey: [...walletKey, "entries"],
  queryFn: ({ signal, pageParam }) =>
    api.get<Page<WalletEntry>>("/wallet/entries", { signal, query: { limit: 20, cursor: pageParam } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

/** Withdrawal statuses changed (followed above): balances and statement changed too. */
export function useRefreshOnWithdrawalChange(items: Withdrawal[] | undefined) {
  const client = useQueryClient();
  const signature = items?.map((w) => `${w.id}:${w.status}`).join(",");
  const previous = useRef(signature);
  useEffect(() => {
    if (previous.current !== undefined && signature !== undefined && previous.current !== signature) {
      void client.invalidateQueries({ queryKey: walletQuery.queryKey });
      void client.invalidateQueries({ queryKey: statementQuery.queryKey });
    }
    previous.current = signature;
  }, [signature, client]);
}

/** Asks for a withdrawal (idempotent per body); on success the wallet reloads. */
export function useWithdraw() {
  const client = useQueryClient();
  const key = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: {
      amountMinor: number;
      destination: { method: "alipay" | "bank"; account: string };
    }) =>
      api.post<{ withdrawal: Withdrawal }>("/wallet/withdrawals", body, { idempotencyKey: key.keyFor(body) }),
    onSuccess: () => key.reset(),
    onSettled: () => client.invalidateQueries({ queryKey: walletKey }),
  });
}

/** Starts a top-up at the payment provider (idempotent per body): the answer carries its payUrl. */
export function useStartTopUp() {
  const key = useIdempotencyKey();
  return useMutation({
    mutationFn: async (body: { amountMinor: number; method: TopUpMethod }) => {
      const { topUp } = await api.post<{ topUp: TopUp }>("/wallet/top-ups", body, {
        idempotencyKey: key.keyFor(body),
      });
      return topUp;
    },
  });
}

const POLL_MS = 1000;
const GIVE_UP_MS = 120_000;

/**
 * Follows a top-up (by id, once the payer has gone to the provider's page) until the provider's
 * webhook settles it; then the wallet reloads. `slow` after two minutes still pending.
 */
export function useTopUp(id: string | undefined) {
  const client = useQueryClient();
  const [started] = useState(() => Date.now());
  const query = useQuery({
    queryKey: [...walletKey, "top-up", id],
    queryFn: ({ signal }) =>
      api
        .get<{ topUp: TopUp }>(`/wallet/top-ups/${encodeURIComponent(id ?? "")}`, { signal })
        .then((r) => r.topUp),
    enabled: id !== undefined,
    refetchInterval: (q) =>
      q.state.data?.status === "pending" && Date.now() - started < GIVE_UP_MS ? POLL_MS : false,
    // Unknown stays unknown; a network hiccup is retried by the next poll.
    retry: (failures, error) => !(error instanceof ApiError && error.code === "not_found") && failures < 3,
  });
  const status = query.data?.status;
  useEffect(() => {
    if (status === "succeeded" || status === "failed")
      void client.invalidateQueries({ queryKey: walletKey, refetchType: "active" });
  }, [status, client]);
  return {
    topUp: query.data,
    unknown: query.error instanceof ApiError && query.error.code === "not_found",
    slow: status === "pending" && query.dataUpdatedAt - started > GIVE_UP_MS,
  };
}
