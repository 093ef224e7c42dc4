// Money in tests moves as in production: a top-up through the sandbox provider's signed webhook,
// balances read through GET /wallet, platform revenue summed from the ledger.
import assert from "node:assert/strict";
import { AccountCodes, CNY } from "../../server/ledger/chart.ts";
import { sumAccounts } from "../../server/ledger/ledger.ts";
import {
  SIGNATURE_HEADER,
  sandboxEventBody,
  sandboxNotification,
  sandboxWebhookSecret,
  signSandbox,
} from "../../server/payments/sandbox.ts";
import type { TestApp } from "./app.ts";
import { type SignedUp, signUpOperator } from "./factories.ts";
import { call } from "./http.ts";

/**
 * As the sandbox provider: charge (or fail) a top-up, then deliver its signed webhook
 * synchronously (the audit reconciles credits with charges).
 */
export async function deliverTopUp(
  t: TestApp,
  topUp: { id: string; amountMinor: number },
  outcome: "succeeded" | "failed" = "succeeded",
) {
  const { body, headers } = await sandboxNotification(t.db, t.config.dataDir, {
    id: `evt_${topUp.id}_${outcome}`,
    type: outcome === "succeeded" ? "payment.succeeded" : "payment.failed",
    topUpId: topUp.id,
    amountMinor: topUp.amountMinor,
    currency: "CNY",
  });
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/payments/webhooks/sandbox",
    headers,
    payload: body,
  });
  assert.equal(res.statusCode, 200, res.body);
}

/** A sandbox payment event's raw body, as the provider would send it. */
export function sandboxEvent(e: {
  id?: string;
  topUpId: string;
  amountMinor: number;
  outcome?: "succeeded" | "failed";
  currency?: string;
}): string {
  const outcome = e.outcome ?? "succeeded";
  return sandboxEventBody({
    id: e.id ?? `evt_${e.topUpId}_${outcome}`,
    type: outcome === "succeeded" ? "payment.succeeded" : "payment.failed",
    topUpId: e.topUpId,
    amountMinor: e.amountMinor,
    currency: e.currency ?? "CNY",
  });
}

/**
 * POST a raw sandbox webhook body, signed now with the install's secret (or `secret`) — without
 * recording a charge at the provider (use deliverTopUp for a real payment).
 */
export function postSandboxWebhook(
  t: TestApp,
  body: string,
  secret = sandboxWebhookSecret(t.config.dataDir),
) {
  return t.app.inject({
    method: "POST",
    url: "/api/v1/payments/webhooks/sandbox",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signSandbox(body, secret) },
    payload: body,
  });
}

/** POST /wallet/top-ups (201): a pending top-up, not paid yet. */
export async function createTopUp(
  t: TestApp,
  who: SignedUp,
  amountMinor: number,
  method: "alipay" | "wechat" = "alipay",
) {
  const res = await call(t, who, "POST", "/wallet/top-ups", { amountMinor, method });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().topUp as { id: string; payUrl: string; status: string };
}

/** Top up `amountMinor` into someone's wallet (a tests' shortcut for "they have money"). */
export async function fund(t: TestApp, who: SignedUp, amountMinor: number) {
  const topUp = await createTopUp(t, who, amountMinor);
  await deliverTopUp(t, { id: topUp.id, amountMinor });
}

/** Someone's balances, as GET /wallet shows them. */
export async function wallet(t: TestApp, who: SignedUp) {
  const res = await call(t, who, "GET", "/wallet");
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { availableMinor: number; inEscrowMinor: number; pendingWithdrawalMinor: number };
}

/** The platform's fee revenue so far (ledger sum). */
export const platformRevenue = (t: TestApp) => sumAccounts(t.db, AccountCodes.platformRevenue, CNY);

/** A contest's ledger transfers with one transfer code (23 refund, 25 fail fee, …), by id: `task:<id>:…`. */
export const contestTransfers = (t: Pick<TestApp, "db">, taskId: string, code: number) =>
  t.db
    .selectFrom("ledger_transfers")
    .select(["id", "amount"])
    .where("id", "like", `task:${taskId}:%`)
    .where("code", "=", code)
    .orderBy("id")
    .execute();

/**
 * A whole GET /wallet answer to assert a wallet exactly: in CNY, the balances given, every other
 * balance 0 — `assert.deepEqual(await wallet(t, u), exactWallet({ availableMinor: 100 }))`.
 */
export const exactWallet = (
  balances: Partial<{ availableMinor: number; inEscrowMinor: number; pendingWithdrawalMinor: number }>,
) => ({ currency: "CNY", availableMinor: 0, inEscrowMinor: 0, pendingWithdrawalMinor: 0, ...balances });

const auditors = new WeakMap<TestApp, SignedUp>();

/**
 * GET /admin/ledger/audit as an operator (one per app, made on first use): every check passes, and
 * `check` — the check a feature registers, e.g. "escrow_matches_owed" — is among them.
 */
export async function ledgerAudit(t: TestApp, check: string) {
  const operator = auditors.get(t) ?? (await signUpOperator(t.app, t));
  auditors.set(t, operator);
  const res = await call(t, operator, "GET", "/admin/ledger/audit");
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { ok: boolean; checks: { name: string; ok: boolean }[] };
  assert.equal(body.ok, true, JSON.stringify(body.checks.filter((c) => !c.ok)));
  assert.ok(
    body.checks.some((c) => c.name === check),
    `no ${check} check in ${body.checks.map((c) => c.name)}`,
  );
  return body;
}
