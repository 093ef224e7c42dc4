// Withdrawals and top-ups change status only through transition(): one domain event per change,
// in order, with who did it — and a refused transition (409) leaves none.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { call } from "../../../test/helpers/http.ts";
import { fund } from "../../../test/helpers/money.ts";
import { completePayout } from "./complete-payout.ts";

let t: TestApp;
let operator: SignedUp;
before(async () => {
  t = await startTestApp({ env: { WITHDRAWAL_AUTO_APPROVE_MAX_MINOR: "5000" } });
  operator = await signUpOperator(t.app, t);
});
after(() => t?.close());

const events = async (subjectId: string) =>
  (
    await t.db
      .selectFrom("domain_events")
      .select(["type", "actor", "data"])
      .where("subject_id", "=", subjectId)
      .orderBy("id")
      .execute()
  ).map((e) => `${e.type} by ${e.actor}`);

async function withdraw(u: SignedUp, amountMinor: number) {
  const res = await call(t, u, "POST", "/wallet/withdrawals", {
    amountMinor,
    destination: { method: "alipay", account: "ok@example.cn" },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().withdrawal as { id: string; status: string };
}

test("a top-up, and withdrawals approved, auto-approved, rejected and paid: their events in order", async () => {
  const u = await signUp(t.app);
  await fund(t, u, 30_000);
  const topUp = await t.db
    .selectFrom("top_ups")
    .select("id")
    .where("account_id", "=", u.user.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(await events(topUp.id), [
    `top_up.created by ${u.user.id}`,
    "top_up.succeeded by system:payments.sandbox",
  ]);

  const big = await withdraw(u, 10_000);
  assert.equal(big.status, "pending");
  const approve = await call(t, operator, "POST", `/admin/withdrawals/${big.id}/approve`);
  assert.equal(approve.statusCode, 200, approve.body);
  const again = await call(t, operator, "POST", `/admin/withdrawals/${big.id}/approve`);
  assert.equal(again.statusCode, 409, again.body);
  assert.equal(await completePayout(t.db, t.payments.payout, big.id, t.clock), "paid");
  assert.equal(await completePayout(t.db, t.payments.payout, big.id, t.clock), "paid");
  assert.deepEqual(await events(big.id), [
    `withdrawal.requested by ${u.user.id}`,
    `withdrawal.approved by ${operator.user.id}`,
    "withdrawal.paid by system:wallet.payout",
  ]);

  const small = await withdraw(u, 5_000);
  assert.equal(small.status, "approved");
  assert.deepEqual(await events(small.id), [
    `withdrawal.requested by ${u.user.id}`,
    "withdrawal.approved by system:withdrawal.auto-approve",
  ]);

  const refused = await withdraw(u, 6_000);
  const reject = await call(t, operator, "POST", `/admin/withdrawals/${refused.id}/reject`, { reason: "no" });
  assert.equal(reject.statusCode, 200, reject.body);
  assert.deepEqual(await events(refused.id), [
    `withdrawal.requested by ${u.user.id}`,
    `withdrawal.rejected by ${operator.user.id}`,
  ]);
});
