// Orders and milestones in the web app (API.md "Tenders, bids and orders", "Services and orders"):
// the order's shape, its queries and the actions of both parties. Money POSTs (fund, accept) carry an
// Idempotency-Key; every change reloads the order, the order lists and the wallet.
import { infiniteQueryOptions, queryOptions, useQueryClient } from "@tanstack/react-query";
import type {
  Delivery,
  Milestone,
  MilestoneStatus,
  Order,
  OrderEvent,
  OrderList,
  OrderStatus,
} from "../../../../contracts/orders.ts";
import type { I18n } from "../../app/i18n/I18nProvider.tsx";
import { api, isApiError } from "../../lib/api.ts";
import { type ErrorOverrides, errorText } from "../../lib/errors.ts";
import { walletKey } from "../wallet/api.ts";

export type { Delivery, Milestone, MilestoneStatus, Order, OrderEvent, OrderList, OrderStatus };
export type PersonRef = { id: string; displayName: string };
export type FileRef = Delivery["files"][number];
export const ORDER_STATUSES = [
  "pending_confirmation",
  "in_progress",
  "completed",
  "cancelled",
] as const satisfies readonly OrderStatus[];

export const ordersKey = ["orders"] as const;

export type OrderListQuery = { role: "buyer" | "provider"; status?: OrderStatus; limit?: number };

export function orderListQuery(query: OrderListQuery) {
  return infiniteQueryOptions({
    queryKey: [...ordersKey, "list", query],
    queryFn: ({ signal, pageParam }) =>
      api.get<OrderList>("/orders", { query: { ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const orderQuery = (id: string) =>
  queryOptions({
    queryKey: [...ordersKey, id],
    queryFn: ({ signal }) =>
      api.get<{ order: Order }>(`/orders/${encodeURIComponent(id)}`, { signal }).then((r) => r.order),
  });

/** After anything done on an order: the order, the lists and the wallet load again. */
export function useOrderChanged() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ordersKey }),
      client.invalidateQueries({ queryKey: walletKey }),
    ]);
}

/** Order pages say some failures in their own words. */
export const orderErrors: ErrorOverrides = {
  unauthenticated: "orders.error.signIn",
  not_found: "orders.error.notFound",
  insufficient_funds: "orders.error.funds",
  invalid_transition: "orders.error.transition",
  conflict: "orders.error.transition",
  forbidden: "orders.error.forbidden",
};

export function orderErrorText(t: I18n["t"], error: unknown): string {
  return errorText(t, error, orderErrors);
}

/** Upload limits of the server (server/http/uploads.ts), said before files are picked. */
export const MAX_FILE_MB = 20;
export const MAX_FILES = 10;

/** How much a 402 says is missing (details.shortMinor; else `fallback`), or null for another failure. */
export function shortOf(error: unknown, fallback: number): number | null {
  if (!isApiError(error, "insufficient_funds")) return null;
  const short = (error.details as { shortMinor?: unknown } | undefined)?.shortMinor;
  return typeof short === "number" && short > 0 ? short : fallback;
}
