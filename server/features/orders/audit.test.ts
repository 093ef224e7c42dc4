// The orders' ledger audit catches money that left an order's escrow for the wrong person: a
// milestone "paid" with the right amount and fee, but released to someone other than its provider.
// (A bug simulated by calling the escrow directly, in an app of its own: the ledger stays broken.)
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call } from "../../../test/helpers/http.ts";
import { fund } from "../../../test/helpers/money.ts";
import { inTransaction } from "../../core/transaction.ts";
import { releaseEscrow } from "../escrow/escrow.ts";
import { milestoneKey, orderEscrow } from "./order-escrow.ts";
import { auditOrders } from "./orders.audit.ts";
import { getOrder, open } from "./orders.fixtures.ts";
import { findOrderRow } from "./orders.queries.ts";

let t: TestApp;
before(async () => {
  t = await startTestApp({ env: { PLATFORM_FEE_BPS: "1000" } });
});
after(() => t?.close());

const check = async (name: string) => (await auditOrders(t.db)).find((c) => c.name === name);

test("a milestone released to someone other than its provider fails milestones_paid_exactly", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  const stranger = await signUp(t.app);
  await fund(t, buyer, 100_001);
  const orderId = await open(t, buyer, provider);
  const m0 = (await getOrder(t, buyer, orderId)).milestones[0];
  assert.ok(m0);
  const res = await call(t, provider, "POST", `/milestones/${m0.id}/deliveries`, { text: "设计稿 Design" });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal((await check("milestones_paid_exactly"))?.ok, true);

  // The bug: the milestone is accepted and its exact amount and fee leave the escrow — to a stranger.
  await inTransaction(t.db, async (tx) => {
    const order = await findOrderRow(tx, orderId);
    assert.ok(order);
    await releaseEscrow(tx, orderEscrow(order), {
      providerId: stranger.user.id,
      amountMinor: m0.amountMinor,
      feeBps: order.fee_bps,
      key: milestoneKey(m0),
      ref: { type: "payable", id: m0.id },
    });
    await tx.updateTable("milestones").set({ status: "accepted" }).where("id", "=", m0.id).execute();
  });
  // The escrow balance agrees with the milestones (the amount did leave): only the payee is wrong.
  assert.equal((await check("order_escrow_matches_milestones"))?.ok, true);
  const paid = await check("milestones_paid_exactly");
  assert.ok(paid);
  assert.equal(paid.ok, false, "the release went to a stranger's wallet");
  assert.deepEqual(
    (paid.details as { milestones: { id: string }[] }).milestones.map((m) => m.id),
    [m0.id],
  );
});
