// Escrow for any subject: an order's escrow (no order feature yet) funded, split between a refund
// to its payer and a release − fee to its provider as one linked posting, and a replay that moves
// nothing. Tasks use the same functions (the contest tests cover fund, release and refunds).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { fund, platformRevenue, wallet } from "../../../test/helpers/money.ts";
import { inTransaction } from "../../core/transaction.ts";
import { findAccount } from "../../ledger/ledger.ts";
import { escrowBalance, fundEscrow, splitEscrow, transferIds } from "./escrow.ts";

const t = await startTestApp();
after(() => t.close());

test("an order's escrow: fund ¥100, split ¥30 back to the payer and ¥70 to the provider at 10 % (¥63 + ¥7 fee); a replay moves nothing", async () => {
  const payer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, payer, 10_000);
  const revenueBefore = await platformRevenue(t);
  const order = { kind: "order" as const, id: randomUUID(), payerId: payer.user.id };
  await inTransaction(t.db, (tx) => fundEscrow(tx, order, { amountMinor: 10_000 }));
  assert.equal(await escrowBalance(t.db, order), 10_000);
  assert.ok(await findAccount(t.db, `escrow:order:${order.id}`), "the order's own escrow account");

  const split = () =>
    inTransaction(t.db, (tx) =>
      splitEscrow(tx, order, {
        refundMinor: 3_000,
        key: "dispute:1",
        release: {
          providerId: provider.user.id,
          amountMinor: 7_000,
          feeBps: 1_000,
          key: "dispute:1",
          ref: { type: "order", id: order.id },
        },
      }),
    );
  const first = await split();
  assert.deepEqual([first.refundedMinor, first.paidMinor, first.feeMinor], [3_000, 6_300, 700]);
  assert.equal(first.result.status, "created");
  assert.deepEqual(
    first.result.transfers.map((x) => x.id).sort(),
    [
      transferIds.fee(order, "dispute:1"),
      transferIds.refund(order, "dispute:1"),
      transferIds.release(order, "dispute:1"),
    ].sort(),
  );
  assert.equal(await escrowBalance(t.db, order), 0);
  assert.equal((await wallet(t, payer)).availableMinor, 3_000);
  assert.equal((await wallet(t, provider)).availableMinor, 6_300);
  assert.equal((await platformRevenue(t)) - revenueBefore, 700);

  // The same split again: the escrow is empty, nothing is refunded twice, nothing moves.
  const again = await split();
  assert.equal(again.refundedMinor, 0);
  assert.equal((await wallet(t, payer)).availableMinor, 3_000);
  assert.equal((await wallet(t, provider)).availableMinor, 6_300);
});
