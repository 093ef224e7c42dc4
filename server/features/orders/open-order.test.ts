// openOrder, the entry tenders and services call: the order and its milestones are written,
// milestone 0 funded into the order's escrow (402 and nothing written when the wallet is short),
// order.opened appended, and only the parties and operators may read it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { fund, wallet } from "../../../test/helpers/money.ts";
import { eventsOf } from "../../core/events.ts";
import { escrowBalance } from "../escrow/escrow.ts";
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
