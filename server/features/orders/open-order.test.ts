// openOrder, the entry tenders and services call: the order and its milestones are written,
// milestone 0 funded into the order's escrow (402 and nothing written when the wallet is short),
// order.opened appended, and only the parties and operators may read it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { fund, wallet } from "../../../test/helpers/money.ts";
import { eventsOf } from "../../core/events.ts";
import { inTransaction } from "../../core/transaction.ts";
import { escrowBalance } from "../escrow/escrow.ts";
import { setFeeRule } from "../escrow/fees.ts";
import { actorOf, audit, open } from "./orders.fixtures.ts";
import { getOrderFor } from "./orders.queries.ts";

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test("openOrder writes the order, funds milestone 0, and 402s with nothing written when short", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, buyer, 50_000);

  const id = await open(t, buyer, provider);
  const order = await getOrderFor(t.db, id, actorOf(buyer));
  assert.equal(order.status, "in_progress");
  assert.equal(order.totalMinor, 100_001);
  assert.deepEqual(
    order.milestones.map((m) => [m.index, m.status, m.amountMinor, m.revisionsLeft]),
    [
      [0, "funded", 30_000, 2],
      [1, "pending_funding", 70_001, 2],
    ],
  );
  assert.ok(order.milestones[0]?.dueAt);
  assert.equal(await escrowBalance(t.db, { kind: "order", id }), 30_000);
  assert.equal((await wallet(t, buyer)).availableMinor, 20_000);
  assert.deepEqual(
    (await eventsOf(t.db, { type: "order", id })).map((e) => e.type),
    ["order.opened"],
  );

  // 20 000 left, 30 000 needed: refused, and no second order exists.
  await assert.rejects(open(t, buyer, provider), (e: { code?: string }) => e.code === "insufficient_funds");
  const count = await t.db
    .selectFrom("orders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  assert.equal(Number(count?.n), 1);

  // Private: a stranger is told it does not exist; an operator sees it.
  const stranger = await signUp(t.app);
  await assert.rejects(
    getOrderFor(t.db, id, actorOf(stranger)),
    (e: { code?: string }) => e.code === "not_found",
  );
  const operator = await signUpOperator(t.app, t);
  assert.equal((await getOrderFor(t.db, id, { ...actorOf(operator), roles: ["operator"] })).id, id);
  await audit(t);
});

test("the fee is snapshotted at opening from the rule for its way of buying (tender for bids, service for services)", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, buyer, 200_002);
  await inTransaction(t.db, async (tx) => {
    await setFeeRule(tx, { categoryId: null, mode: "tender", feeBps: 800 });
    await setFeeRule(tx, { categoryId: null, mode: "service", feeBps: 1500 });
  });
  const bid = await open(t, buyer, provider, { type: "bid" });
  const service = await open(t, buyer, provider, { type: "service" });
  // A later change applies to new orders only.
  await inTransaction(t.db, (tx) => setFeeRule(tx, { categoryId: null, mode: "tender", feeBps: 100 }));
  assert.equal((await getOrderFor(t.db, bid, actorOf(buyer))).feeBps, 800);
  assert.equal((await getOrderFor(t.db, service, actorOf(buyer))).feeBps, 1500);
  await inTransaction(t.db, async (tx) => {
    await setFeeRule(tx, { categoryId: null, mode: "tender", feeBps: null });
    await setFeeRule(tx, { categoryId: null, mode: "service", feeBps: null });
  });
});

test("openOrder refuses what no order can be: no milestones, a float or zero amount, hiring oneself", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, buyer, 10_000);
  const bad: [string, Parameters<typeof open>[3]][] = [
    ["no milestones", { milestones: [] }],
    ["a float", { milestones: [{ title: "x", amountMinor: 10.5, revisions: 0, deliveryDays: 1 }] }],
    ["zero", { milestones: [{ title: "x", amountMinor: 0, revisions: 0, deliveryDays: 1 }] }],
    ["negative revisions", { milestones: [{ title: "x", amountMinor: 1, revisions: -1, deliveryDays: 1 }] }],
    ["no title", { milestones: [{ title: " ", amountMinor: 1, revisions: 0, deliveryDays: 1 }] }],
  ];
  for (const [label, options] of bad) {
    await assert.rejects(
      open(t, buyer, provider, options),
      (e: { code?: string }) => e.code === "invalid_input",
      label,
    );
  }
  await assert.rejects(
    open(t, buyer, buyer),
    (e: { code?: string }) => e.code === "invalid_input",
    "oneself",
  );
  assert.deepEqual(await wallet(t, buyer), {
    currency: "CNY",
    availableMinor: 10_000,
    inEscrowMinor: 0,
    pendingWithdrawalMinor: 0,
  });
});
