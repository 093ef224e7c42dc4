// Issue 11, must-show 1 and 2, through HTTP on a real database, the timers decided by the injected
// clock (no sleeping): ¥50 × 4 — two accepted, one rejected with its reason shown to its author, one
// accepted by the review-end timer after the deadline, ¥50 refunded, ¥15 of fees, audit green; the
// per-provider limit, strangers, and 30 concurrent accepts (real HTTP requests) paying exactly the 3
// pieces that were left.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp } from "../../../test/helpers/factories.ts";
import { call, expectError, key } from "../../../test/helpers/http.ts";
import { exactWallet, fund, wallet } from "../../../test/helpers/money.ts";
import { testClock } from "../../core/clock.ts";
import { TransferCodes } from "../../ledger/chart.ts";
import { NOT_NEEDED_REASON } from "./pieces.ts";
import {
  accept,
  audit,
  pieceworkBody,
  postPiecework,
  reject,
  sendPiece,
  taskOf,
} from "./piecework.fixtures.ts";
import { pieceworkTimers } from "./piecework.jobs.ts";

const DAY = 86_400_000;
const clock = testClock(new Date(Date.now() + 200 * DAY));
let t: TestApp;
before(async () => {
  t = await startTestApp({
    clock,
    listen: true,
    env: { TIMER_PIECE_REVIEW: "P3D", PLATFORM_FEE_BPS: "1000" },
  });
});
after(() => t?.close());

const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY);
const taskTransfers = (taskId: string, code: number) =>
  t.db
    .selectFrom("ledger_transfers")
    .select(["id", "amount"])
    .where("debit_account_id", "=", `escrow:task:${taskId}`)
    .where("code", "=", code)
    .execute();

describe("must-show 1: ¥50 × 4", () => {
  test("escrow ¥200; two accepted, one rejected (reason shown), one accepted by the timer, ¥50 back", async () => {
    const buyer = await signUp(t.app);
    const [a, b, c, d] = [await signUp(t.app), await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    await fund(t, buyer, 20_000);
    const task = await postPiecework(t, buyer, pieceworkBody(inDays(2)));
    assert.equal(task.mode, "piecework");
    assert.equal(task.status, "open");
    assert.equal(task.escrowMinor, 20_000);
    assert.equal(task.poolMinor, 20_000);
    assert.equal(task.unitPriceMinor, 5_000);
    assert.equal(task.quantity, 4);
    assert.equal(task.maxPerProvider, 1);
    assert.equal(task.feeBps, 1000);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ inEscrowMinor: 20_000 }));

    const pa = await sendPiece(t, a, task.id, "一口好茶");
    const pb = await sendPiece(t, b, task.id, "Tea, slowly");
    const pc = await sendPiece(t, c, task.id, "(a copied slogan)");
    clock.advance(1000);
    const pd = await sendPiece(t, d, task.id, "茶香两江");

    // Pieces: the buyer sees all four, an author their own, anyone else the counts only.
    const asBuyer = (await call(t, buyer, "GET", `/tasks/${task.id}/entries`)).json();
    assert.equal(asBuyer.items.length, 4);
    const asA = (await call(t, a, "GET", `/tasks/${task.id}/entries`)).json();
    assert.deepEqual(
      asA.items.map((e: { id: string }) => e.id),
      [pa.id],
    );
    const asNobody = (await call(t, undefined, "GET", `/tasks/${task.id}/entries`)).json();
    assert.deepEqual(asNobody.items, []);
    assert.equal(asNobody.counts.entries, 4);
    expectError(await call(t, b, "GET", `/entries/${pa.id}`), 404, "not_found");

    for (const [piece, who] of [
      [pa, a],
      [pb, b],
    ] as const) {
      const res = await accept(t, buyer, piece.id);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().entry.status, "paid");
      assert.deepEqual(await wallet(t, who), exactWallet({ availableMinor: 4_500 }));
    }
    const rej = await reject(t, buyer, pc.id, "与已有品牌口号雷同 · Too close to an existing brand's slogan");
    assert.equal(rej.statusCode, 200, rej.body);
    assert.equal(rej.json().entry.status, "rejected");
    // The author reads why.
    const seen = (await call(t, c, "GET", `/entries/${pc.id}`)).json().entry;
    assert.equal(seen.status, "rejected");
    assert.equal(seen.rejection.reason, "与已有品牌口号雷同 · Too close to an existing brand's slogan");

    let now = await taskOf(t, task.id);
    assert.equal(now.escrowMinor, 10_000);
    assert.deepEqual(now.pieces, { paid: 2, waiting: 1, rejected: 1 });

    // The deadline: no more pieces; the review period (3 days) starts.
    assert.equal(await pieceworkTimers.deadline(t, task.id), "not_due");
    clock.set(new Date(task.deadline));
    assert.equal(await pieceworkTimers.deadline(t, task.id), "selecting");
    assert.equal(await pieceworkTimers.deadline(t, task.id), "skipped", "a second run does nothing");
    expectError(
      await call(t, await signUp(t.app), "POST", `/tasks/${task.id}/entries`, { text: "late" }),
      409,
      "invalid_transition",
    );
    now = await taskOf(t, task.id);
    assert.equal(now.status, "selecting");
    assert.equal(now.reviewEndsAt, new Date(new Date(task.deadline).getTime() + 3 * DAY).toISOString());

    // The review end accepts the waiting piece and refunds the rest.
    clock.advance(3 * DAY - 1);
    assert.equal(await pieceworkTimers.reviewEnd(t, task.id), "not_due", "1 ms early");
    clock.advance(1);
    // The review period is over by the clock (its job has not run yet): too late to reject the piece.
    expectError(
      await call(t, buyer, "POST", `/entries/${pd.id}/reject`, { reason: "太晚了 Too late" }),
      409,
      "invalid_transition",
    );
    // Nor to pick it by hand: the timer pays the waiting pieces, earliest first.
    expectError(
      await call(t, buyer, "POST", `/entries/${pd.id}/accept`, undefined, { "idempotency-key": key() }),
      409,
      "invalid_transition",
    );
    assert.equal(await pieceworkTimers.reviewEnd(t, task.id), "completed");
    assert.equal(await pieceworkTimers.reviewEnd(t, task.id), "skipped", "a second run does nothing");
    const dPiece = (await call(t, d, "GET", `/entries/${pd.id}`)).json().entry;
    assert.equal(dPiece.status, "paid");
    assert.deepEqual(await wallet(t, d), exactWallet({ availableMinor: 4_500 }));
    assert.deepEqual(await wallet(t, c), exactWallet({}));
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 5_000 }));

    const done = await taskOf(t, task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.ok(done.closedAt);
    assert.deepEqual(done.pieces, { paid: 3, waiting: 0, rejected: 1 });
    const fees = await taskTransfers(task.id, TransferCodes.platformFee);
    assert.equal(
      fees.reduce((s, f) => s + Number(f.amount), 0),
      1_500,
      "fee total ¥15",
    );
    const refunds = await taskTransfers(task.id, TransferCodes.escrowRefund);
    assert.deepEqual(
      refunds.map((r) => Number(r.amount)),
      [5_000],
    );
    // The timer's acceptance is an event of the system, the buyer's of the buyer.
    const payables = await t.db
      .selectFrom("payables")
      .select(["source_id", "status", "accepted_by", "fee_minor"])
      .where("escrow_id", "=", task.id)
      .execute();
    assert.equal(payables.length, 3);
    assert.ok(payables.every((p) => p.status === "paid" && Number(p.fee_minor) === 500));
    assert.equal(payables.find((p) => p.source_id === pd.id)?.accepted_by, "system:piecework.review-end");
    await audit(t);
  });
});

describe("must-show 2: limits, strangers, the quantity under concurrent accepts", () => {
  test("a piece beyond maxPerProvider → 409; a rejected one frees the place", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 20_000);
    const task = await postPiecework(t, buyer, pieceworkBody(inDays(2)));
    const p = await signUp(t.app);
    const first = await sendPiece(t, p, task.id, "one");
    expectError(await call(t, p, "POST", `/tasks/${task.id}/entries`, { text: "two" }), 409, "conflict");
    expectError(
      await call(t, buyer, "POST", `/tasks/${task.id}/entries`, { text: "mine" }),
      403,
      "forbidden",
    );
    assert.equal((await reject(t, buyer, first.id, "Not a slogan")).statusCode, 200);
    await sendPiece(t, p, task.id, "two, after the rejection");
  });

  test("a provider at their limit (4 pieces) sending a fifth → 409", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 50_000);
    const task = await postPiecework(t, buyer, pieceworkBody(inDays(2), { quantity: 10, maxPerProvider: 4 }));
    const p = await signUp(t.app);
    for (let i = 1; i <= 4; i++) await sendPiece(t, p, task.id, `piece ${i}`);
    expectError(await call(t, p, "POST", `/tasks/${task.id}/entries`, { text: "piece 5" }), 409, "conflict");
  });

  test("10 pieces sent at once by one provider (real HTTP) with maxPerProvider 2: exactly 2 taken", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 50_000);
    const task = await postPiecework(t, buyer, pieceworkBody(inDays(2), { quantity: 10, maxPerProvider: 2 }));
    const p = await signUp(t.app);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${t.url}/api/v1/tasks/${task.id}/entries`, {
          method: "POST",
          headers: { ...p.headers, "content-type": "application/json" },
          body: JSON.stringify({ text: `piece ${i}` }),
        }).then((r) => r.status),
      ),
    );
    assert.deepEqual(statuses.sort(), [201, 201, ...Array(8).fill(409)]);
    assert.equal((await taskOf(t, task.id)).pieces.waiting, 2);
  });

  test("strangers, authors, replays and bad input", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 20_000);
    const task = await postPiecework(t, buyer, pieceworkBody(inDays(2)));
    const p = await signUp(t.app);
    const piece = await sendPiece(t, p, task.id, "a piece");
    const stranger = await signUp(t.app);
    expectError(await accept(t, stranger, piece.id), 404, "not_found");
    expectError(await reject(t, stranger, piece.id, "no"), 404, "not_found");
    expectError(await accept(t, p, piece.id), 403, "forbidden");
    expectError(await accept(t, undefined, piece.id), 401, "unauthenticated");
    expectError(await reject(t, buyer, piece.id, "   "), 400, "invalid_input");
    // The same Idempotency-Key replays the first answer and pays nothing twice.
    const idem = key();
    const first = await accept(t, buyer, piece.id, idem);
    assert.equal(first.statusCode, 200, first.body);
    const again = await accept(t, buyer, piece.id, idem);
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, first.body);
    assert.deepEqual(await wallet(t, p), exactWallet({ availableMinor: 4_500 }));
    expectError(await accept(t, buyer, piece.id), 409, "invalid_transition");
    expectError(await reject(t, buyer, piece.id, "too late"), 409, "invalid_transition");
    // Short wallet → 402; bad terms → 400.
    const poor = await signUp(t.app);
    await fund(t, poor, 100);
    expectError(
      await call(t, poor, "POST", "/tasks", pieceworkBody(inDays(2)), { "idempotency-key": key() }),
      402,
      "insufficient_funds",
    );
    for (const bad of [{ quantity: 0 }, { quantity: 1001 }, { unitPriceMinor: 1.5 }, { maxPerProvider: 0 }]) {
      expectError(
        await call(t, buyer, "POST", "/tasks", pieceworkBody(inDays(2), bad), { "idempotency-key": key() }),
        400,
        "invalid_input",
      );
    }
    expectError(
      await call(t, buyer, "POST", "/tasks", pieceworkBody(inDays(-1)), { "idempotency-key": key() }),
      400,
      "invalid_input",
    );
    // CONTEST_MIN_SUBMISSION_PERIOD (P1D) applies to a piece-rate deadline too: an hour is too soon.
    const soon = await call(t, buyer, "POST", "/tasks", pieceworkBody(inDays(1 / 24)), {
      "idempotency-key": key(),
    });
    expectError(soon, 400, "invalid_input");
    assert.equal(soon.json().error.details.field, "deadline");
    await audit(t);
  });

  test("30 concurrent accepts (real HTTP) on a task with 3 pieces left pay exactly 3", async (ctx) => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 25_000);
    const task = await postPiecework(t, buyer, pieceworkBody(inDays(2), { quantity: 5, maxPerProvider: 12 }));
    const providers: SignedUp[] = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    const early = [
      await sendPiece(t, providers[0] as SignedUp, task.id, "early 1"),
      await sendPiece(t, providers[1] as SignedUp, task.id, "early 2"),
    ];
    for (const e of early) assert.equal((await accept(t, buyer, e.id)).statusCode, 200);
    const pieces: string[] = [];
    for (let i = 0; i < 30; i++) {
      pieces.push((await sendPiece(t, providers[i % 3] as SignedUp, task.id, `piece ${i}`)).id);
    }
    const started = performance.now();
    const results = await Promise.all(
      pieces.map((id) =>
        fetch(`${t.url}/api/v1/entries/${id}/accept`, {
          method: "POST",
          headers: { ...buyer.headers, "idempotency-key": key() },
        }).then(async (r) => ({ status: r.status, body: await r.text() })),
      ),
    );
    ctx.diagnostic(`30 concurrent accepts answered in ${Math.round(performance.now() - started)} ms`);
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 3, JSON.stringify(results.map((r) => r.status)));
    for (const r of results.filter((x) => x.status !== 200))
      expectError({ statusCode: r.status, body: r.body }, 409, "invalid_transition");
    const done = await taskOf(t, task.id);
    assert.equal(done.status, "completed");
    assert.equal(done.escrowMinor, 0);
    assert.deepEqual(done.pieces, { paid: 5, waiting: 0, rejected: 27 });
    const paidTotal = (await Promise.all(providers.map((p) => wallet(t, p)))).reduce(
      (s, w) => s + w.availableMinor,
      0,
    );
    assert.equal(paidTotal, 5 * 4_500);
    // The pieces left over were told why.
    const leftover = (await call(t, buyer, "GET", `/tasks/${task.id}/entries?limit=100`))
      .json()
      .items.filter((e: { status: string }) => e.status === "rejected");
    assert.ok(
      leftover.every((e: { rejection: { reason: string } }) => e.rejection.reason === NOT_NEEDED_REASON),
    );
    // No more pieces.
    expectError(
      await call(t, await signUp(t.app), "POST", `/tasks/${task.id}/entries`, { text: "late" }),
      409,
      "invalid_transition",
    );
    await audit(t);
  });

  test("no piece by the deadline → refunded in full at once; cancel before any piece", async () => {
    const buyer = await signUp(t.app);
    await fund(t, buyer, 40_000);
    const task = await postPiecework(t, buyer, pieceworkBody(inDays(1)));
    clock.set(new Date(task.deadline));
    assert.equal(await pieceworkTimers.deadline(t, task.id), "refunded");
    const other = await postPiecework(t, buyer, pieceworkBody(inDays(1)));
    const res = await call(t, buyer, "POST", `/tasks/${other.id}/cancel`, undefined, {
      "idempotency-key": key(),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().task.status, "cancelled");
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 40_000 }));
    assert.equal((await taskOf(t, task.id)).status, "refunded");
    await audit(t);
  });
});
