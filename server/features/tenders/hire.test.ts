// Issue 10, must-show 1 — a tender end to end through HTTP, as a buyer and three providers would:
// three bids; the buyer's short wallet refused with 402 and nothing changed; a hire (the tender
// hired, the bid accepted, the others declined, an order in progress with milestone 1 funded);
// milestone 1 delivered, revised, delivered again, accepted; milestone 2 funded, delivered and
// auto-accepted by the payables' timer (decided by the injected clock); the order completed;
// every wallet exact to the fen; the ledger audit passes. Then: a replayed accept moves money
// once; who may accept, and until when.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call, expectError, key } from "../../../test/helpers/http.ts";
import { exactWallet, fund, platformRevenue, wallet } from "../../../test/helpers/money.ts";
import { testClock } from "../../core/clock.ts";
import { eventsOf } from "../../core/events.ts";
import { audit } from "../contests/contests.fixtures.ts";
import { orderPayableKind } from "../orders/orders.jobs.ts";
import { autoAcceptPayable } from "../payables/payables.jobs.ts";
import { DAY, placeBid, postTender, tenderOf } from "./tenders.fixtures.ts";
import { tenderTimers } from "./tenders.jobs.ts";

const clock = testClock(new Date(Date.now() + 10 * DAY));
let t: TestApp;
before(async () => {
  t = await startTestApp({
    clock,
    env: { PLATFORM_FEE_BPS: "1000", TIMER_AUTO_ACCEPT: "P5D", TIMER_TENDER_SELECTION: "P14D" },
  });
});
after(() => t?.close());

type OrderView = {
  id: string;
  status: string;
  source: { type: string; id: string };
  buyerId: string;
  providerId: string;
  totalMinor: number;
  feeBps: number;
  milestones: {
    id: string;
    index: number;
    title: string;
    amountMinor: number;
    status: string;
    revisionsAllowed: number;
    revisionsLeft: number;
    deliveryDays: number | null;
    dueAt: string | null;
  }[];
};

const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
  const r = await res;
  assert.equal(r.statusCode, status, r.body);
  return r.json() as Record<string, unknown>;
};
const orderAs = async (who: Parameters<typeof call>[1], id: string) =>
  (await ok(call(t, who, "GET", `/orders/${id}`))).order as OrderView;
const bidStatuses = async (buyer: Parameters<typeof call>[1], taskId: string) =>
  ((await ok(call(t, buyer, "GET", `/tasks/${taskId}/bids`))).items as { id: string; status: string }[]).map(
    (b) => [b.id, b.status],
  );

describe("must-show 1: a tender from bids to a completed order", () => {
  test("three bids, 402 with nothing changed, a hire, two milestones (revised, auto-accepted), wallets exact", async () => {
    const buyer = await signUp(t.app, { displayName: "王女士 Ms Wang", locale: "zh-CN" });
    const [a, b, c] = [
      await signUp(t.app, { displayName: "山城软件 Shancheng Soft" }),
      await signUp(t.app, { displayName: "Li Studio" }),
      await signUp(t.app, { displayName: "Nomad Dev" }),
    ];
    const revenueBefore = await platformRevenue(t);
    await fund(t, buyer, 200_000);
    const task = await postTender(t, clock, buyer);
    assert.deepEqual(
      await wallet(t, buyer),
      exactWallet({ availableMinor: 200_000 }),
      "posting escrows nothing",
    );

    // Three bids (a plan in two milestones, one in one, one in two).
    const bidA = await placeBid(t, a, task.id, [300_000, 400_000]);
    const bidB = await placeBid(t, b, task.id, [650_000], { days: 20 });
    const bidC = await placeBid(t, c, task.id, [250_000, 500_000]);
    assert.equal((await tenderOf(t, task.id)).bidCount, 3);

    // The first milestone (¥3,000.00) is more than the wallet (¥2,000.00): 402, nothing changes.
    const eventsBefore = (await eventsOf(t.db, { type: "tender", id: task.id })).length;
    const short = await call(t, buyer, "POST", `/bids/${bidA.id}/accept`, undefined, {
      "idempotency-key": key(),
    });
    expectError(short, 402, "insufficient_funds");
    assert.equal((await tenderOf(t, task.id)).status, "open");
    assert.deepEqual(await bidStatuses(buyer, task.id), [
      [bidA.id, "submitted"],
      [bidB.id, "submitted"],
      [bidC.id, "submitted"],
    ]);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 200_000 }));
    const orders = await t.db.selectFrom("orders").select("id").where("source_id", "=", bidA.id).execute();
    assert.deepEqual(orders, [], "no order written");
    assert.equal((await eventsOf(t.db, { type: "tender", id: task.id })).length, eventsBefore);
    assert.deepEqual(
      (await eventsOf(t.db, { type: "bid", id: bidA.id })).map((e) => e.type),
      ["bid.submitted"],
    );

    // Topped up, the buyer hires A: 201 { order }, in progress, milestone 1 funded now.
    await fund(t, buyer, 600_000);
    const acceptKey = key();
    const accepted = await call(t, buyer, "POST", `/bids/${bidA.id}/accept`, undefined, {
      "idempotency-key": acceptKey,
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const order = accepted.json().order as OrderView;
    assert.equal(order.status, "in_progress");
    assert.deepEqual(order.source, { type: "bid", id: bidA.id });
    assert.equal(order.buyerId, buyer.user.id);
    assert.equal(order.providerId, a.user.id);
    assert.equal(order.totalMinor, 700_000);
    assert.equal(order.feeBps, 1000);
    assert.deepEqual(
      order.milestones.map((m) => [m.index, m.amountMinor, m.status, m.revisionsAllowed, m.deliveryDays]),
      [
        [0, 300_000, "funded", 2, 30],
        [1, 400_000, "pending_funding", 2, 30],
      ],
    );
    assert.deepEqual(
      order.milestones.map((m) => m.title),
      bidA.milestones.map((m) => m.title),
    );
    assert.deepEqual(
      await wallet(t, buyer),
      exactWallet({ availableMinor: 500_000, inEscrowMinor: 300_000 }),
    );

    // The replayed request answers the same and moves nothing again.
    const replay = await call(t, buyer, "POST", `/bids/${bidA.id}/accept`, undefined, {
      "idempotency-key": acceptKey,
    });
    assert.equal(replay.statusCode, 201, replay.body);
    assert.deepEqual(replay.json(), accepted.json());
    assert.deepEqual(
      await wallet(t, buyer),
      exactWallet({ availableMinor: 500_000, inEscrowMinor: 300_000 }),
    );
    // A new request (another key) is a new decision: the tender is hired already.
    expectError(
      await call(t, buyer, "POST", `/bids/${bidB.id}/accept`, undefined, { "idempotency-key": key() }),
      409,
      "invalid_transition",
    );
    assert.equal(
      (await t.db.selectFrom("orders").select("id").where("source_id", "=", bidA.id).execute()).length,
      1,
    );

    // The tender hired, A accepted (with its order, for its two parties), B and C declined.
    assert.equal((await tenderOf(t, task.id)).status, "hired");
    assert.deepEqual(await bidStatuses(buyer, task.id), [
      [bidA.id, "accepted"],
      [bidB.id, "declined"],
      [bidC.id, "declined"],
    ]);
    assert.equal(
      ((await ok(call(t, a, "GET", `/bids/${bidA.id}`))).bid as { orderId: string }).orderId,
      order.id,
    );
    assert.equal(
      ((await ok(call(t, buyer, "GET", `/bids/${bidA.id}`))).bid as { orderId: string }).orderId,
      order.id,
    );
    // Nobody else learns that the order exists: a declined bidder, a stranger, no one.
    for (const who of [b, c, await signUp(t.app), undefined]) {
      const res = await call(t, who, "GET", `/orders/${order.id}`);
      if (who) expectError(res, 404, "not_found");
      else assert.equal(res.statusCode, 401, res.body);
    }
    assert.equal((await orderAs(a, order.id)).id, order.id);
    // The selection timer later finds it hired: nothing happens.
    clock.set(task.selectionEndsAt as string);
    assert.equal(await tenderTimers.selectionEnd(t, task.id), "skipped");
    assert.equal((await tenderOf(t, task.id)).status, "hired");

    // Milestone 1: delivered, a revision requested, delivered again, accepted: ¥3,000.00 − 10 %.
    const [m1, m2] = order.milestones as [OrderView["milestones"][0], OrderView["milestones"][0]];
    await ok(
      call(t, a, "POST", `/milestones/${m1.id}/deliveries`, { text: "首页和点餐流程的设计稿 Designs v1" }),
      201,
    );
    await ok(
      call(t, buyer, "POST", `/milestones/${m1.id}/request-revision`, { reason: "Bigger buttons, please" }),
    );
    let now = await orderAs(buyer, order.id);
    assert.equal(now.milestones[0]?.status, "revision_requested");
    assert.equal(now.milestones[0]?.revisionsLeft, 1);
    await ok(
      call(t, a, "POST", `/milestones/${m1.id}/deliveries`, { text: "Designs v2 with bigger buttons" }),
      201,
    );
    const m1Key = key();
    await ok(call(t, buyer, "POST", `/milestones/${m1.id}/accept`, undefined, { "idempotency-key": m1Key }));
    await ok(call(t, buyer, "POST", `/milestones/${m1.id}/accept`, undefined, { "idempotency-key": m1Key }));
    now = await orderAs(buyer, order.id);
    assert.equal(now.milestones[0]?.status, "accepted");
    assert.equal(now.status, "in_progress");
    assert.deepEqual(await wallet(t, a), exactWallet({ availableMinor: 270_000 }));
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 500_000 }));

    // Milestone 2: funded (replayed once: one movement), delivered, auto-accepted after 5 days.
    const fundKey = key();
    await ok(call(t, buyer, "POST", `/milestones/${m2.id}/fund`, undefined, { "idempotency-key": fundKey }));
    await ok(call(t, buyer, "POST", `/milestones/${m2.id}/fund`, undefined, { "idempotency-key": fundKey }));
    assert.deepEqual(
      await wallet(t, buyer),
      exactWallet({ availableMinor: 100_000, inEscrowMinor: 400_000 }),
    );
    await ok(
      call(t, a, "POST", `/milestones/${m2.id}/deliveries`, { text: "The mini-program, live 上线" }),
      201,
    );
    const deliveredAt = clock.now().getTime();
    const payable = await t.db
      .selectFrom("payables")
      .selectAll()
      .where("kind", "=", "milestone")
      .where("source_id", "=", m2.id)
      .executeTakeFirstOrThrow();
    assert.equal(new Date(payable.auto_accept_at as Date).getTime(), deliveredAt + 5 * DAY);
    const kinds = { milestone: orderPayableKind };
    clock.advance(5 * DAY - 1);
    assert.equal(await autoAcceptPayable(t, kinds, payable.id), "not_due", "1 ms before");
    assert.equal((await orderAs(buyer, order.id)).milestones[1]?.status, "delivered");
    clock.advance(1);
    assert.equal(await autoAcceptPayable(t, kinds, payable.id), "paid");
    assert.equal(await autoAcceptPayable(t, kinds, payable.id), "skipped", "a second run pays nobody");

    // The order completed; every wallet exact to the fen; the platform kept 10 % of ¥7,000.00.
    const done = await orderAs(buyer, order.id);
    assert.equal(done.status, "completed");
    assert.deepEqual(
      done.milestones.map((m) => m.status),
      ["accepted", "accepted"],
    );
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 100_000 }));
    assert.deepEqual(await wallet(t, a), exactWallet({ availableMinor: 630_000 }));
    assert.deepEqual(await wallet(t, b), exactWallet({}));
    assert.deepEqual(await wallet(t, c), exactWallet({}));
    assert.equal((await platformRevenue(t)) - revenueBefore, 70_000);
    assert.deepEqual(
      (await eventsOf(t.db, { type: "tender", id: task.id })).map((e) => e.type),
      ["tender.posted", "tender.hired"],
    );
    assert.deepEqual(
      (await eventsOf(t.db, { type: "bid", id: bidB.id })).map((e) => [e.type, e.data.reason]),
      [
        ["bid.submitted", undefined],
        ["bid.declined", "other_bid_accepted"],
      ],
    );
    await audit(t);
  });
});

describe("accepting a bid", () => {
  test("only the buyer (its provider: 403, a stranger: 404), only a waiting bid, only until the selection ends", async () => {
    const buyer = await signUp(t.app);
    const [a, b] = [await signUp(t.app), await signUp(t.app)];
    await fund(t, buyer, 1_000_000);
    const task = await postTender(t, clock, buyer);
    const bidA = await placeBid(t, a, task.id, [100_000]);
    const bidB = await placeBid(t, b, task.id, [120_000]);
    const accept = (who: Parameters<typeof call>[1], id: string) =>
      call(t, who, "POST", `/bids/${id}/accept`, undefined, { "idempotency-key": key() });
    expectError(await accept(a, bidA.id), 403, "forbidden");
    expectError(await accept(b, bidA.id), 404, "not_found");
    expectError(await accept(await signUp(t.app), bidA.id), 404, "not_found");
    expectError(await accept(buyer, "00000000-0000-4000-8000-000000000000"), 404, "not_found");
    await ok(call(t, b, "POST", `/bids/${bidB.id}/withdraw`));
    expectError(await accept(buyer, bidB.id), 409, "invalid_transition");
    // After the end of selection (by the injected clock): 409, nothing moves.
    const saved = clock.now();
    try {
      clock.set(task.selectionEndsAt as string);
      expectError(await accept(buyer, bidA.id), 409, "invalid_transition");
      assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 1_000_000 }));
      assert.equal((await tenderOf(t, task.id)).status, "open");
    } finally {
      clock.set(saved);
    }
    // Before the bid deadline is fine: accepting ends the bidding.
    const order = (await ok(accept(buyer, bidA.id), 201)).order as OrderView;
    assert.equal(order.milestones[0]?.status, "funded");
    expectError(
      await call(t, await signUp(t.app), "POST", `/tasks/${task.id}/bids`, {
        amountMinor: 1,
        days: 1,
        proposal: "p",
        milestones: [{ title: "m", amountMinor: 1 }],
      }),
      409,
      "invalid_transition",
    );
    expectError(await call(t, buyer, "POST", `/tasks/${task.id}/cancel`), 409, "invalid_transition");
    await audit(t);
  });

  test("two accepts of different bids at once: one order, one hire, money moved once", async () => {
    const buyer = await signUp(t.app);
    const [a, b] = [await signUp(t.app), await signUp(t.app)];
    await fund(t, buyer, 1_000_000);
    const task = await postTender(t, clock, buyer);
    const bidA = await placeBid(t, a, task.id, [100_000]);
    const bidB = await placeBid(t, b, task.id, [200_000]);
    const results = await Promise.all(
      [bidA, bidB].map((bid) =>
        call(t, buyer, "POST", `/bids/${bid.id}/accept`, undefined, { "idempotency-key": key() }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [201, 409], results.map((r) => r.body).join("\n"));
    const winner = results.find((r) => r.statusCode === 201)?.json().order as OrderView;
    const inEscrow = winner.totalMinor;
    assert.deepEqual(
      await wallet(t, buyer),
      exactWallet({ availableMinor: 1_000_000 - inEscrow, inEscrowMinor: inEscrow }),
    );
    await audit(t);
  });
});
