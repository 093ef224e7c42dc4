// Issue 5, must-show 3: the contest's timers as real durable jobs (short durations here): a contest
// without entries is refunded in full at its deadline; a refundable one with entries and no award
// is refunded (minus the fail fee) at the end of selection; a guaranteed one is auto-awarded by
// rating, then earliest entry, and its winners are paid after handover by the auto-accept timer.
// Handlers run twice change nothing the second time.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import sharp from "sharp";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call, expectError } from "../../../test/helpers/http.ts";
import { exactWallet, fund, platformRevenue, wallet } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { audit, enterImage, enterText, inFuture, logoPng, postContest } from "./contests.fixtures.ts";
import { contestTimers } from "./contests.jobs.ts";

const t = await startTestApp({
  env: {
    CONTEST_MIN_SUBMISSION_PERIOD: "PT1S",
    TIMER_CONTEST_SELECTION: "PT2S",
    TIMER_AUTO_ACCEPT: "PT2S",
    CONTEST_FAIL_FEE_BPS: "500",
  },
  workers: true,
});
after(() => t.close());

const statusOf = async (id: string) => (await call(t, undefined, "GET", `/tasks/${id}`)).json().task;
const until = (id: string, status: string) =>
  waitFor(
    () => statusOf(id),
    (task) => task.status === status,
    20_000,
  );

describe("submission deadline", () => {
  for (const guaranteed of [true, false]) {
    test(`no entries → full refund at the deadline (${guaranteed ? "guaranteed" : "refundable"})`, async () => {
      const buyer = await signUp(t.app);
      await fund(t, buyer, 250_000);
      const task = await postContest(t, buyer, { submissionDeadline: inFuture(2_000), guaranteed });
      assert.equal((await wallet(t, buyer)).availableMinor, 0);
      const done = await until(task.id, "refunded");
      assert.equal(done.escrowMinor, 0);
      assert.ok(done.closedAt);
      assert.deepEqual(
        done.prizes.map((p: { status: string }) => p.status),
        ["refunded", "refunded"],
      );
      assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 250_000 }));
      const fees = await t.db
        .selectFrom("ledger_transfers")
        .select("id")
        .where("ref_id", "=", task.id)
        .where("code", "=", 25)
        .execute();
      assert.deepEqual(fees, [], "no fail fee without entries");
      // The job again: nothing more happens.
      assert.equal(await contestTimers.submissionDeadline(t, task.id), "skipped");
      assert.equal((await wallet(t, buyer)).availableMinor, 250_000);
      await audit(t);
    });
  }

  test("entries → selecting; later entries are refused", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 250_000);
    const provider = await signUp(t.app);
    const task = await postContest(t, buyer, { submissionDeadline: inFuture(4_000), guaranteed: false });
    await enterText(t, provider, task.id, "Just in time");
    const selecting = await until(task.id, "selecting");
    assert.ok(selecting.selectionEndsAt);
    assert.equal(selecting.escrowMinor, 250_000);
    const late = await call(t, await signUp(t.app), "POST", `/tasks/${task.id}/entries`, { text: "late" });
    expectError(late, 409, "invalid_transition");
    expectError(await call(t, buyer, "POST", `/tasks/${task.id}/cancel`), 409, "invalid_transition");
  });
});

describe("selection end", () => {
  test("refundable, entries, no award → refunded minus the fail fee (5 % here)", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 250_000);
    const revenue = await platformRevenue(t);
    const p = await signUp(t.app);
    const task = await postContest(t, buyer, { submissionDeadline: inFuture(4_000), guaranteed: false });
    await enterText(t, p, task.id, "An idea nobody picked");
    const done = await until(task.id, "refunded");
    assert.equal(done.escrowMinor, 0);
    assert.equal((await wallet(t, buyer)).availableMinor, 237_500);
    // (Platform revenue is shared with the other tests here: look at this contest's own transfers.)
    const fees = await t.db
      .selectFrom("ledger_transfers")
      .select(["amount", "credit_account_id"])
      .where("ref_id", "=", task.id)
      .where("code", "=", 25)
      .execute();
    assert.equal(fees.length, 1);
    assert.equal(fees[0]?.amount, 12_500);
    assert.match(fees[0]?.credit_account_id ?? "", /^platform:revenue:/);
    assert.ok((await platformRevenue(t)) - revenue >= 12_500);
    assert.equal((await wallet(t, p)).availableMinor, 0);
    assert.equal(await contestTimers.selectionEnd(t, task.id), "skipped");
    await audit(t);
  });

  test("guaranteed, no award → auto-awarded by rating, then earliest, one prize per provider; auto-accepted after handover", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 250_000);
    // Accounts first (password hashing is slow under load): the entries must beat the deadline.
    const [a, b, c] = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    const task = await postContest(t, buyer, { submissionDeadline: inFuture(5_000) });
    const c1 = await enterText(t, c, task.id, "C: earliest, unrated");
    const a1 = await enterText(t, a, task.id, "A: rated 4");
    const b1 = await enterText(t, b, task.id, "B: rated 5, earlier");
    const a2 = await enterText(t, a, task.id, "A: rated 5, later");
    for (const [id, stars] of [
      [a1.id, 4],
      [b1.id, 5],
      [a2.id, 5],
    ] as const) {
      assert.equal((await call(t, buyer, "POST", `/entries/${id}/rating`, { stars })).statusCode, 200);
    }
    const awarded = await until(task.id, "awarded");
    assert.deepEqual(
      awarded.awards.map((x: { entryId: string; prizeIndex: number; awardedBy: string }) => [
        x.prizeIndex,
        x.entryId,
        x.awardedBy,
      ]),
      [
        [0, b1.id, "timer"],
        [1, a2.id, "timer"],
      ],
    );
    assert.equal(awarded.escrowMinor, 250_000, "auto-award pays nobody by itself");
    assert.equal((await call(t, c, "GET", `/entries/${c1.id}`)).json().entry.status, "submitted");
    assert.equal(await contestTimers.selectionEnd(t, task.id), "skipped");
    // The winners hand over; nobody accepts; the auto-accept timer pays both.
    for (const [who, entry] of [
      [b, b1.id],
      [a, a2.id],
    ] as const) {
      const r = await call(t, who, "POST", `/entries/${entry}/handover`, { text: "final" });
      assert.equal(r.statusCode, 200, r.body);
    }
    const done = await until(task.id, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.equal((await wallet(t, b)).availableMinor, 180_000);
    assert.equal((await wallet(t, a)).availableMinor, 45_000);
    assert.equal((await wallet(t, c)).availableMinor, 0);
    // A late second run of the auto-accept job pays nothing more.
    assert.equal(await contestTimers.autoAccept(t, b1.id), "skipped");
    assert.equal((await wallet(t, b)).availableMinor, 180_000);
    await audit(t);
  });

  test("guaranteed with fewer providers than prizes: the prizes nobody can win go back to the buyer", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 300_000);
    const p = await signUp(t.app);
    const task = await postContest(t, buyer, {
      submissionDeadline: inFuture(4_000),
      prizesMinor: [200_000, 50_000, 50_000],
    });
    const e1 = await enterText(t, p, task.id, "one");
    await enterText(t, p, task.id, "two");
    const awarded = await until(task.id, "awarded");
    assert.deepEqual(
      awarded.awards.map((x: { entryId: string }) => x.entryId),
      [e1.id],
    );
    assert.equal(awarded.escrowMinor, 200_000);
    assert.equal((await wallet(t, buyer)).availableMinor, 100_000);
    await audit(t);
  });
  test("guaranteed auto-award passes over an entry flagged as a copy when ratings do not decide", async () => {
    const [buyer, other] = [await signUp(t.app), await signUp(t.app)];
    const [author, copier, honest] = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    await fund(t, other, 100_000);
    await fund(t, buyer, 100_000);
    const elsewhere = await postContest(t, other, { prizesMinor: [100_000] });
    const design = await logoPng(77, 640, 480);
    await enterImage(t, author, elsewhere.id, design);
    const task = await postContest(t, buyer, { prizesMinor: [100_000], submissionDeadline: inFuture(5_000) });
    const copy = await enterImage(
      t,
      copier,
      task.id,
      await sharp(design).resize(520).jpeg({ quality: 75 }).toBuffer(),
    );
    const own = await enterImage(t, honest, task.id, await logoPng(78, 640, 480));
    const awarded = await until(task.id, "awarded");
    const flag = (await call(t, buyer, "GET", `/entries/${copy.id}`)).json().entry.originality;
    assert.equal(flag.status, "flagged");
    assert.deepEqual(
      awarded.awards.map((x: { entryId: string }) => x.entryId),
      [own.id],
    );
  });
});
