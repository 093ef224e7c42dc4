// What the orders' tests share: opening an order the way tenders and services do (openOrder in a
// transaction, as the signed-up buyer), the ledger audit through the operator's route, and the
// order as a party sees it over HTTP.
import assert from "node:assert/strict";
import type { Order } from "../../../contracts/orders.ts";
import type { TestApp } from "../../../test/helpers/app.ts";
import type { SignedUp } from "../../../test/helpers/factories.ts";
import { call } from "../../../test/helpers/http.ts";
import { ledgerAudit } from "../../../test/helpers/money.ts";
import type { AccountActor } from "../../core/actor.ts";
import { inTransaction } from "../../core/transaction.ts";
import { type OpenOrderInput, openOrder } from "./open-order.ts";

/** The account actor of a signed-up test user (what the auth hook makes of their token). */
export const actorOf = (who: SignedUp): AccountActor => ({
  kind: "account",
  accountId: who.user.id,
  roles: [],
  sessionId: "test",
});

type Milestones = OpenOrderInput["milestones"];

/** Open an order of `buyer` with `provider` through openOrder, as a bid (in_progress) or a service. */
export function open(
  t: TestApp,
  buyer: SignedUp,
  provider: SignedUp,
  options: Partial<{ type: "bid" | "service"; milestones: Milestones; title: string }> = {},
): Promise<string> {
  const type = options.type ?? "bid";
  return inTransaction(t.db, (tx) =>
    openOrder(
      tx,
      actorOf(buyer),
      {
        source: { type, id: crypto.randomUUID() },
        buyerId: buyer.user.id,
        providerId: provider.user.id,
        title: options.title ?? "企业官网 Company website",
        categoryId: null,
        requirements: "首页 + 产品页 Home and product pages",
        status: type === "bid" ? "in_progress" : "pending_confirmation",
        milestones: options.milestones ?? [
          { title: "设计稿 Design", amountMinor: 30_000, revisions: 2, deliveryDays: 7 },
          { title: "开发 Build", amountMinor: 70_001, revisions: 2, deliveryDays: 14 },
        ],
      },
      t,
    ),
  );
}

/** GET /orders/:id as `who`: the order (asserting 200). */
export async function getOrder(t: TestApp, who: SignedUp, orderId: string): Promise<Order> {
  const res = await call(t, who, "GET", `/orders/${orderId}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().order as Order;
}

/** GET /admin/ledger/audit passes, the orders' checks among it. */
export const audit = (t: TestApp) => ledgerAudit(t, "order_escrow_matches_milestones");
