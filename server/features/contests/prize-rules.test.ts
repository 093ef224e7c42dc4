// Issue 8, "Money and contests": prizes are awarded in tier order, a guaranteed contest awards every
// prize a distinct provider can win, and a refundable one keeps its fail fee on the part it does not
// award (API.md "Contest rules the API enforces"). Before the fix a buyer could award only the small
// tiers of a guaranteed contest and take the big one back. Balances are checked to the fen and the
// escrow audit passes after every scenario.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp } from "../../../test/helpers/factories.ts";
import { call, expectError } from "../../../test/helpers/http.ts";
import { contestTransfers, exactWallet, fund, wallet } from "../../../test/helpers/money.ts";
import { audit, enterText, postContest } from "./contests.fixtures.ts";

let t: TestApp;
before(async () => {
  // No workers: no timer fires during these tests (the handover deadline is 7 days away anyway).
  t = await startTestApp({ env: { CONTEST_FAIL_FEE_BPS: "500", PLATFORM_FEE_BPS: "1000" } });
});
after(async () => {
  await t.close();
});

const detail = async (id: string) => (await call(t, undefined, "GET", `/tasks/${id}`)).json().task;
const award = (buyer: SignedUp, taskId: string, awards: { entryId: string; prizeIndex: number }[]) =>
  call(t, buyer, "POST", `/tasks/${taskId}/awards`, { awards });
/** The winner hands the work over and the buyer accepts it (both 200): the prize is paid. */
async function handOverAndAccept(winner: SignedUp, buyer: SignedUp, entryId: string) {
  const handover = await call(t, winner, "POST", `/entries/${entryId}/handover`, { text: "final" });
  assert.equal(handover.statusCode, 200, handover.body);
  const accept = await call(t, buyer, "POST", `/entries/${entryId}/accept`);
  assert.equal(accept.statusCode, 200, accept.body);
}
/** The transfers of one contest with one code (23 refund, 25 fail fee). */
const transfers = (taskId: string, code: number) => contestTransfers(t, taskId, code);

function refused(res: Awaited<ReturnType<typeof call>>, message: RegExp) {
  expectError(res, 400, "invalid_input");
  assert.match(res.json().error.message, message);
}

async function nothingMoved(taskId: string, buyer: SignedUp, poolMinor: number) {
  const task = await detail(taskId);
  assert.equal(task.status, "open");
  assert.equal(task.escrowMinor, poolMinor);
  assert.deepEqual(task.awards, []);
  assert.equal((await wallet(t, buyer)).availableMinor, 0);
}

describe("guaranteed: prizes in tier order, every tier a distinct provider can win", () => {
  test("[¥10,000, ¥100, ¥1] with two providers: lower tiers alone are refused; tiers 0 + 1 awarded, tier 2 refunded", async () => {
    const buyer = await signUp(t.app);
    const [p1, p2] = [await signUp(t.app), await signUp(t.app)];
    await fund(t, buyer, 1_010_100);
    const task = await postContest(t, buyer, { prizesMinor: [1_000_000, 10_000, 100] });
    const e1 = await enterText(t, p1, task.id, "一号方案");
    const e2 = await enterText(t, p2, task.id, "二号方案");

    // The two small tiers only: the ¥10,000 first prize would go back to the buyer.
    refused(
      await award(buyer, task.id, [
        { entryId: e1.id, prizeIndex: 1 },
        { entryId: e2.id, prizeIndex: 2 },
      ]),
      /tier order: prize 2 \(prizeIndex 1, ¥100\.00\) cannot be awarded without prize 1 \(prizeIndex 0, ¥10,000\.00\)/,
    );
    refused(
      await award(buyer, task.id, [{ entryId: e1.id, prizeIndex: 2 }]),
      /without prize 1 \(prizeIndex 0/,
    );
    // Skipping the second tier.
    refused(
      await award(buyer, task.id, [
        { entryId: e1.id, prizeIndex: 0 },
        { entryId: e2.id, prizeIndex: 2 },
      ]),
      /prize 3 \(prizeIndex 2, ¥1\.00\) cannot be awarded without prize 2 \(prizeIndex 1, ¥100\.00\)/,
    );
    // The first prize alone, although a second provider can win the second.
    refused(
      await award(buyer, task.id, [{ entryId: e1.id, prizeIndex: 0 }]),
      /guaranteed contest awards every prize a distinct provider can win \(2 provider\(s\) entered\): prize 2 \(prizeIndex 1, ¥100\.00\) is missing/,
    );
    await nothingMoved(task.id, buyer, 1_010_100);

    const res = await award(buyer, task.id, [
      { entryId: e2.id, prizeIndex: 1 },
      { entryId: e1.id, prizeIndex: 0 },
    ]);
    assert.equal(res.statusCode, 200, res.body);
    const awarded = res.json().task;
    assert.equal(awarded.status, "awarded");
    assert.equal(awarded.escrowMinor, 1_010_000);
    assert.deepEqual(
      awarded.prizes.map((p: { status: string }) => p.status),
      ["awarded", "awarded", "refunded"],
    );
    for (const a of awarded.awards) {
      assert.equal(a.status, "awarded");
      assert.ok(Date.parse(a.handoverDueAt) > Date.parse(a.awardedAt), "a handover deadline");
      assert.equal(a.lapsedAt, null);
    }
    // Tier 2: no third provider exists → back to the buyer, in full (a guaranteed contest has no fail fee).
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 100, inEscrowMinor: 1_010_000 }));
    assert.deepEqual(await transfers(task.id, 23), [{ id: `task:${task.id}:unawarded:refund`, amount: 100 }]);
    assert.deepEqual(await transfers(task.id, 25), []);
    await audit(t);

    // Both winners hand over and are paid: the escrow empties, the contest completes.
    for (const [who, e] of [
      [p1, e1],
      [p2, e2],
    ] as const) {
      await handOverAndAccept(who, buyer, e.id);
    }
    const done = await detail(task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.deepEqual(
      done.prizes.map((p: { status: string }) => p.status),
      ["paid", "paid", "refunded"],
    );
    assert.equal((await wallet(t, p1)).availableMinor, 900_000);
    assert.equal((await wallet(t, p2)).availableMinor, 9_000);
    assert.equal((await wallet(t, buyer)).inEscrowMinor, 0);
    await audit(t);
  });

  test("one entry: the 1-fen tier alone is refused; the first prize is awarded and the rest refunded", async () => {
    const buyer = await signUp(t.app);
    const p1 = await signUp(t.app);
    await fund(t, buyer, 1_010_001);
    const task = await postContest(t, buyer, { prizesMinor: [1_000_000, 10_000, 1] });
    const e1 = await enterText(t, p1, task.id, "the only idea");
    await enterText(t, p1, task.id, "the same provider again");
    refused(
      await award(buyer, task.id, [{ entryId: e1.id, prizeIndex: 2 }]),
      /prize 3 \(prizeIndex 2, ¥0\.01\) cannot be awarded without prize 1 \(prizeIndex 0, ¥10,000\.00\)/,
    );
    refused(
      await award(buyer, task.id, [{ entryId: e1.id, prizeIndex: 1 }]),
      /without prize 1 \(prizeIndex 0/,
    );
    await nothingMoved(task.id, buyer, 1_010_001);

    const res = await award(buyer, task.id, [{ entryId: e1.id, prizeIndex: 0 }]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().task.escrowMinor, 1_000_000);
    assert.deepEqual(
      res.json().task.prizes.map((p: { status: string }) => p.status),
      ["awarded", "refunded", "refunded"],
    );
    assert.deepEqual(
      await wallet(t, buyer),
      exactWallet({ availableMinor: 10_001, inEscrowMinor: 1_000_000 }),
    );
    await audit(t);
  });
});

describe("refundable: the first k tiers, the fail fee on the rest", () => {
  test("the token tier alone is refused; tier 0 of two refunds tier 1 minus 5 % of it", async () => {
    const buyer = await signUp(t.app);
    const [p1, p2] = [await signUp(t.app), await signUp(t.app)];
    await fund(t, buyer, 230_001);
    const task = await postContest(t, buyer, { prizesMinor: [200_000, 30_001], guaranteed: false });
    const e1 = await enterText(t, p1, task.id, "good");
    const e2 = await enterText(t, p2, task.id, "also good");
    // Before the fix: awarding the token tier skipped the fail fee on ¥2,000 and refunded it.
    refused(
      await award(buyer, task.id, [{ entryId: e2.id, prizeIndex: 1 }]),
      /prize 2 \(prizeIndex 1, ¥300\.01\) cannot be awarded without prize 1 \(prizeIndex 0, ¥2,000\.00\)/,
    );
    await nothingMoved(task.id, buyer, 230_001);

    // A refundable contest may award the first prize only (two providers notwithstanding).
    const res = await award(buyer, task.id, [{ entryId: e1.id, prizeIndex: 0 }]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().task.escrowMinor, 200_000);
    // Tier 1 (30,001 fen) back to the buyer minus the fail fee on it: floor(30,001 × 5 %) = 1,500.
    assert.deepEqual(await transfers(task.id, 23), [
      { id: `task:${task.id}:unawarded:refund`, amount: 28_501 },
    ]);
    assert.deepEqual(await transfers(task.id, 25), [
      { id: `task:${task.id}:unawarded:fail_fee`, amount: 1_500 },
    ]);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 28_501, inEscrowMinor: 200_000 }));
    await audit(t);
    await handOverAndAccept(p1, buyer, e1.id);
    const done = await detail(task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.equal((await wallet(t, p1)).availableMinor, 180_000);
    await audit(t);
  });

  test("awarding every tier of a refundable contest keeps no fail fee", async () => {
    const buyer = await signUp(t.app);
    const [p1, p2] = [await signUp(t.app), await signUp(t.app)];
    await fund(t, buyer, 250_000);
    const task = await postContest(t, buyer, { guaranteed: false });
    const e1 = await enterText(t, p1, task.id, "one");
    const e2 = await enterText(t, p2, task.id, "two");
    const res = await award(buyer, task.id, [
      { entryId: e1.id, prizeIndex: 0 },
      { entryId: e2.id, prizeIndex: 1 },
    ]);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(await transfers(task.id, 25), []);
    assert.equal((await wallet(t, buyer)).availableMinor, 0);
    await audit(t);
  });
});
