// An order's life through HTTP (API.md "Services and orders"), timers decided by the injected test
// clock: fund, deliver (JSON and multipart), revise until 409, accept (fee exact to the fen),
// auto-accept, the confirmation timeout's refund, cancellation by agreement / by the provider / by
// the buyer once overdue, completion. Wallets exact; the ledger audit passes after each step.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Order } from "../../../contracts/orders.ts";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { call, expectError, key, multipart } from "../../../test/helpers/http.ts";
import { exactWallet, fund, platformRevenue, wallet } from "../../../test/helpers/money.ts";
import { testClock } from "../../core/clock.ts";
import { eventsOf } from "../../core/events.ts";
import { logoPng } from "../contests/contests.fixtures.ts";
import { autoAcceptPayable } from "../payables/payables.jobs.ts";
import { audit, getOrder, open } from "./orders.fixtures.ts";
import { orderPayableKind, orderTimers } from "./orders.jobs.ts";

const DAY = 86_400_000;
const clock = testClock("2026-03-02T02:00:00.000Z");
let t: TestApp;
before(async () => {
  // 12.5 %: 70 001 fen → a fee of 8 750.125, floored to 8 750.
  t = await startTestApp({ clock, env: { PLATFORM_FEE_BPS: "1250" } });
});
after(() => t.close());

const kinds = { milestone: orderPayableKind };

async function people(buyerMinor: number) {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  if (buyerMinor > 0) await fund(t, buyer, buyerMinor);
  return { buyer, provider };
}

async function ok(who: SignedUp, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await call(t, who, "POST", url, body, headers);
  assert.ok(res.statusCode === 200 || res.statusCode === 201, `${url}: ${res.statusCode} ${res.body}`);
  return res.json().order as Order;
}

const milestone = (o: Order, i: number) => {
  const m = o.milestones[i];
  assert.ok(m, `milestone ${i}`);
  return m;
};

test("a hired bid: deliver, revise until 409, accept (fee exact), fund the next, auto-accept, completed", async () => {
  const { buyer, provider } = await people(100_006);
  const orderId = await open(t, buyer, provider, {
    milestones: [
      { title: "设计稿 Design", amountMinor: 30_000, revisions: 2, deliveryDays: 7 },
      { title: "开发 Build", amountMinor: 70_001, revisions: 1, deliveryDays: 14 },
    ],
  });
  let order = await getOrder(t, buyer, orderId);
  const [m0, m1] = [milestone(order, 0).id, milestone(order, 1).id];
  assert.equal(order.status, "in_progress");
  assert.equal(milestone(order, 0).dueAt, new Date(clock.now().getTime() + 7 * DAY).toISOString());
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 70_006, inEscrowMinor: 30_000 }));
  await audit(t);

  // Delivering an unfunded milestone is refused, and so is the buyer delivering.
  expectError(
    await call(t, provider, "POST", `/milestones/${m1}/deliveries`, { text: "x" }),
    409,
    "invalid_transition",
  );
  expectError(await call(t, buyer, "POST", `/milestones/${m0}/deliveries`, { text: "x" }), 403, "forbidden");

  order = await ok(provider, `/milestones/${m0}/deliveries`, { text: "首版设计 First design" });
  assert.equal(milestone(order, 0).status, "delivered");
  assert.equal(milestone(order, 0).autoAcceptAt, new Date(clock.now().getTime() + 5 * DAY).toISOString());
  // Two revisions allowed: two requests, each answered by a new delivery; the third is 409.
  for (const round of [1, 2]) {
    clock.advance(DAY);
    order = await ok(buyer, `/milestones/${m0}/request-revision`, {
      reason: `第${round}轮修改 Round ${round}`,
    });
    assert.equal(milestone(order, 0).status, "revision_requested");
    assert.equal(milestone(order, 0).revisionsLeft, 2 - round);
    order = await ok(provider, `/milestones/${m0}/deliveries`, { text: `修改版 ${round}` });
  }
  expectError(
    await call(t, buyer, "POST", `/milestones/${m0}/request-revision`, { reason: "再改一次" }),
    409,
    "invalid_transition",
  );
  assert.equal(milestone(order, 0).deliveries.length, 3);
  await audit(t);

  // Accept, replayed with the same key: paid once, 30 000 − 12.5 % = 26 250.
  const acceptKey = key();
  const accepted = await call(t, buyer, "POST", `/milestones/${m0}/accept`, undefined, {
    "idempotency-key": acceptKey,
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const replay = await call(t, buyer, "POST", `/milestones/${m0}/accept`, undefined, {
    "idempotency-key": acceptKey,
  });
  assert.equal(replay.statusCode, 200);
  assert.equal(replay.body, accepted.body);
  assert.equal(milestone(accepted.json().order, 0).status, "accepted");
  assert.deepEqual(await wallet(t, provider), exactWallet({ availableMinor: 26_250 }));
  expectError(
    await call(t, buyer, "POST", `/milestones/${m0}/accept`, undefined, { "idempotency-key": key() }),
    409,
    "invalid_transition",
  );
  await audit(t);

  // Fund the next, replayed: moved once; then it is due 14 days from now.
  const fundKey = key();
  const funded = await call(t, buyer, "POST", `/milestones/${m1}/fund`, undefined, {
    "idempotency-key": fundKey,
  });
  assert.equal(funded.statusCode, 200, funded.body);
  const again = await call(t, buyer, "POST", `/milestones/${m1}/fund`, undefined, {
    "idempotency-key": fundKey,
  });
  assert.equal(again.body, funded.body);
  assert.equal(
    milestone(funded.json().order, 1).dueAt,
    new Date(clock.now().getTime() + 14 * DAY).toISOString(),
  );
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 5, inEscrowMinor: 70_001 }));
  expectError(
    await call(t, buyer, "POST", `/milestones/${m1}/fund`, undefined, { "idempotency-key": key() }),
    409,
    "invalid_transition",
  );

  // Delivered with a file (multipart): the parties get the original, a stranger not even a 404's worth.
  const png = await logoPng(7);
  const res = await multipart(t, provider, `/milestones/${m1}/deliveries`, [
    { name: "text", value: "网站上线 Site live" },
    { name: "files", value: png, filename: "home.png", type: "image/png" },
  ]);
  assert.equal(res.statusCode, 201, res.body);
  const file = milestone(res.json().order, 1).deliveries[0]?.files[0];
  assert.ok(file?.originalUrl);
  for (const who of [buyer, provider])
    assert.equal((await call(t, who, "GET", file.originalUrl)).statusCode, 200);
  expectError(await call(t, await signUp(t.app), "GET", file.originalUrl), 404, "not_found");

  // Nobody decides: TIMER_AUTO_ACCEPT (5 days) by the clock accepts it, once.
  const payable = await t.db
    .selectFrom("payables")
    .select("id")
    .where("kind", "=", "milestone")
    .where("source_id", "=", m1)
    .executeTakeFirstOrThrow();
  clock.advance(5 * DAY - 1);
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "not_due");
  clock.advance(1);
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "paid");
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "skipped");
  order = await getOrder(t, provider, orderId);
  assert.equal(order.status, "completed");
  assert.ok(order.completedAt);
  // 26 250 + (70 001 − 8 750) = 87 501; the platform kept 3 750 + 8 750.
  assert.deepEqual(await wallet(t, provider), exactWallet({ availableMinor: 87_501 }));
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 5 }));
  assert.equal(await platformRevenue(t), 12_500);
  const types = (await eventsOf(t.db, { type: "order", id: orderId })).map((e) => e.type);
  assert.deepEqual(types, ["order.opened", "order.completed"]);
  // The order's history, oldest first, says who did what: the revision requests with their words,
  // and the second milestone accepted by the system (the automatic acceptance).
  const said = order.events.map((e) => [e.type, e.actor, e.milestoneIndex ?? "-", e.reason ?? "-"].join(" "));
  assert.deepEqual(said, [
    "order.opened buyer - -",
    "milestone.funded buyer 0 -",
    "milestone.delivered provider 0 -",
    "milestone.revision_requested buyer 0 第1轮修改 Round 1",
    "milestone.delivered provider 0 -",
    "milestone.revision_requested buyer 0 第2轮修改 Round 2",
    "milestone.delivered provider 0 -",
    "milestone.accepted buyer 0 -",
    "milestone.funded buyer 1 -",
    "milestone.delivered provider 1 -",
    "milestone.accepted system 1 -",
    "order.completed system - -",
  ]);
  const times = order.events.map((e) => e.at);
  assert.deepEqual(times, [...times].sort());
  // The buyer and an operator read the same history.
  const operator = await signUpOperator(t.app, t);
  assert.deepEqual((await getOrder(t, operator, orderId)).events, order.events);
  await audit(t);
});

test("a service order: unconfirmed, the timer cancels and refunds it; confirmed, its milestone is due from then", async () => {
  const { buyer, provider } = await people(20_000);
  const service = {
    type: "service" as const,
    milestones: [{ title: "商标注册 Trademark", amountMinor: 10_000, revisions: 1, deliveryDays: 3 }],
  };
  const lapsing = await open(t, buyer, provider, service);
  let order = await getOrder(t, buyer, lapsing);
  assert.equal(order.status, "pending_confirmation");
  assert.equal(order.confirmBy, new Date(clock.now().getTime() + 2 * DAY).toISOString());
  assert.equal(milestone(order, 0).status, "funded");
  assert.equal(milestone(order, 0).dueAt, null, "not due before the provider confirms");
  expectError(
    await call(t, provider, "POST", `/milestones/${milestone(order, 0).id}/deliveries`, { text: "x" }),
    409,
    "invalid_transition",
  );

  assert.equal(await orderTimers.confirmTimeout(t, lapsing), "not_due");
  clock.advance(2 * DAY);
  assert.equal(await orderTimers.confirmTimeout(t, lapsing), "cancelled");
  assert.equal(await orderTimers.confirmTimeout(t, lapsing), "skipped", "a second run does nothing");
  order = await getOrder(t, buyer, lapsing);
  assert.equal(order.status, "cancelled");
  assert.equal(milestone(order, 0).status, "refunded");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 20_000 }));
  assert.deepEqual(
    order.events.slice(-2).map((e) => [e.type, e.actor, e.milestoneIndex ?? null, e.reason ?? null]),
    [
      ["order.cancelled", "system", null, "unconfirmed"],
      ["milestone.refunded", "system", 0, null],
    ],
  );
  expectError(await call(t, provider, "POST", `/orders/${lapsing}/confirm`), 409, "invalid_transition");
  await audit(t);

  const confirmed = await open(t, buyer, provider, service);
  expectError(await call(t, buyer, "POST", `/orders/${confirmed}/confirm`), 403, "forbidden");
  clock.advance(DAY);
  order = await ok(provider, `/orders/${confirmed}/confirm`);
  assert.equal(order.status, "in_progress");
  assert.equal(order.confirmBy, null);
  assert.deepEqual(
    (await eventsOf(t.db, { type: "order", id: confirmed })).map((e) => [e.type, e.actor]),
    [
      ["order.opened", buyer.user.id],
      ["order.confirmed", provider.user.id],
    ],
  );
  assert.equal(milestone(order, 0).dueAt, new Date(clock.now().getTime() + 3 * DAY).toISOString());
  clock.advance(DAY);
  assert.equal(await orderTimers.confirmTimeout(t, confirmed), "skipped", "the timer finds it confirmed");
  assert.equal((await getOrder(t, buyer, confirmed)).status, "in_progress");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 10_000, inEscrowMinor: 10_000 }));

  // Before confirmation either party cancels at once.
  const third = await open(t, buyer, provider, service);
  order = await ok(provider, `/orders/${third}/cancel`, undefined, { "idempotency-key": key() });
  assert.equal(order.status, "cancelled");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 10_000, inEscrowMinor: 10_000 }));
  await audit(t);
});

test("cancelling a running order: by agreement, by the provider (a delivered milestone too), by the buyer once overdue", async () => {
  const { buyer, provider } = await people(100_000);

  // Agreement: the buyer asks (asking again changes nothing), the provider's call completes it.
  const agreed = await open(t, buyer, provider, {
    milestones: [{ title: "一期 Phase 1", amountMinor: 10_000, revisions: 2, deliveryDays: 5 }],
  });
  let order = await ok(buyer, `/orders/${agreed}/cancel`, undefined, { "idempotency-key": key() });
  assert.equal(order.status, "in_progress");
  assert.equal(order.cancelRequestedBy, buyer.user.id);
  order = await ok(buyer, `/orders/${agreed}/cancel`, undefined, { "idempotency-key": key() });
  assert.equal(order.status, "in_progress");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 90_000, inEscrowMinor: 10_000 }));
  order = await ok(provider, `/orders/${agreed}/cancel`, undefined, { "idempotency-key": key() });
  assert.equal(order.status, "cancelled");
  assert.equal(milestone(order, 0).status, "refunded");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 100_000 }));
  expectError(
    await call(t, buyer, "POST", `/orders/${agreed}/cancel`, undefined, { "idempotency-key": key() }),
    409,
    "invalid_transition",
  );
  const types = (await eventsOf(t.db, { type: "order", id: agreed })).map((e) => e.type);
  assert.deepEqual(types, ["order.opened", "order.cancel_requested", "order.cancelled"]);
  assert.deepEqual(
    order.events.map((e) => [e.type, e.actor, e.reason ?? null]),
    [
      ["order.opened", "buyer", null],
      ["milestone.funded", "buyer", null],
      ["order.cancel_requested", "buyer", null],
      ["order.cancelled", "provider", "by_agreement"],
      ["milestone.refunded", "provider", null],
    ],
  );
  await audit(t);

  // The provider alone, with a delivery waiting: refunded, and its auto-accept later pays nobody.
  const dropped = await open(t, buyer, provider, {
    milestones: [{ title: "一期 Phase 1", amountMinor: 20_000, revisions: 2, deliveryDays: 5 }],
  });
  const m = milestone(await getOrder(t, buyer, dropped), 0).id;
  await ok(provider, `/milestones/${m}/deliveries`, { text: "做了一半 Half done" });
  order = await ok(provider, `/orders/${dropped}/cancel`, undefined, { "idempotency-key": key() });
  assert.equal(order.status, "cancelled");
  assert.equal(milestone(order, 0).status, "refunded");
  const payable = await t.db
    .selectFrom("payables")
    .selectAll()
    .where("source_id", "=", m)
    .executeTakeFirstOrThrow();
  assert.equal(payable.status, "lapsed");
  clock.advance(6 * DAY);
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "skipped");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 100_000 }));
  assert.deepEqual(await wallet(t, provider), exactWallet({}));
  await audit(t);

  // The buyer alone: refused (recorded as a request) until a milestone is 30 days past due.
  const late = await open(t, buyer, provider, {
    milestones: [
      { title: "一期 Phase 1", amountMinor: 10_000, revisions: 0, deliveryDays: 2 },
      { title: "二期 Phase 2", amountMinor: 40_000, revisions: 0, deliveryDays: 10 },
    ],
  });
  let o = await getOrder(t, buyer, late);
  await ok(provider, `/milestones/${milestone(o, 0).id}/deliveries`, { text: "一期完成" });
  await ok(buyer, `/milestones/${milestone(o, 0).id}/accept`, undefined, { "idempotency-key": key() });
  o = await ok(buyer, `/milestones/${milestone(o, 1).id}/fund`, undefined, { "idempotency-key": key() });
  const due = new Date(milestone(o, 1).dueAt as string).getTime();
  clock.set(new Date(due + 30 * DAY - 1));
  o = await ok(buyer, `/orders/${late}/cancel`, undefined, { "idempotency-key": key() });
  assert.equal(o.status, "in_progress", "29.99 days overdue: only a request");
  clock.advance(1);
  o = await ok(buyer, `/orders/${late}/cancel`, undefined, { "idempotency-key": key() });
  assert.equal(o.status, "cancelled");
  assert.deepEqual(
    o.milestones.map((x) => x.status),
    ["accepted", "refunded"],
  );
  // Paid stays paid (10 000 − 1 250), the rest came back.
  assert.deepEqual(await wallet(t, provider), exactWallet({ availableMinor: 8_750 }));
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 90_000 }));
  await audit(t);
});

test("an order is private: strangers get 404 on every route, the parties' wrong role 403, anonymous 401", async () => {
  const { buyer, provider } = await people(50_000);
  const id = await open(t, buyer, provider);
  const m = milestone(await getOrder(t, buyer, id), 0).id;
  const stranger = await signUp(t.app);
  const routes: [method: "GET" | "POST", url: string, body?: unknown][] = [
    ["GET", `/orders/${id}`],
    ["POST", `/orders/${id}/confirm`],
    ["POST", `/orders/${id}/cancel`],
    ["POST", `/milestones/${m}/fund`],
    ["POST", `/milestones/${m}/deliveries`, { text: "偷看 peek" }],
    ["POST", `/milestones/${m}/accept`],
    ["POST", `/milestones/${m}/request-revision`, { reason: "偷看 peek" }],
  ];
  for (const [method, url, body] of routes) {
    expectError(await call(t, stranger, method, url, body, { "idempotency-key": key() }), 404, "not_found");
    expectError(await call(t, undefined, method, url, body), 401, "unauthenticated");
  }
  // Ids that never existed, or are not ids at all: the same 404.
  for (const bad of [crypto.randomUUID(), "not-a-uuid"]) {
    expectError(await call(t, buyer, "GET", `/orders/${bad}`), 404, "not_found");
    expectError(
      await call(t, buyer, "POST", `/milestones/${bad}/fund`, undefined, { "idempotency-key": key() }),
      404,
      "not_found",
    );
  }
  // The buyer's wallet (20 000 left) is short of milestone 1 (70 001): 402, and nothing moved.
  const m1 = milestone(await getOrder(t, buyer, id), 1).id;
  const short = await call(t, buyer, "POST", `/milestones/${m1}/fund`, undefined, {
    "idempotency-key": key(),
  });
  expectError(short, 402, "insufficient_funds");
  assert.equal(short.json().error.details.shortMinor, 50_001);
  assert.equal(milestone(await getOrder(t, buyer, id), 1).status, "pending_funding");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 20_000, inEscrowMinor: 30_000 }));
  const listed = await call(t, stranger, "GET", "/orders");
  assert.deepEqual(listed.json().items, []);
  // The provider may not fund, accept or ask for revisions; the buyer may not deliver.
  expectError(
    await call(t, provider, "POST", `/milestones/${m}/accept`, undefined, { "idempotency-key": key() }),
    403,
    "forbidden",
  );
  expectError(
    await call(t, provider, "POST", `/milestones/${m}/request-revision`, { reason: "x" }),
    403,
    "forbidden",
  );
  expectError(await call(t, buyer, "POST", `/milestones/${m}/deliveries`, { text: "x" }), 403, "forbidden");
  // Bad input: the one error shape.
  expectError(
    await call(t, buyer, "POST", `/milestones/${m}/request-revision`, { reason: "" }),
    400,
    "invalid_input",
  );
  expectError(
    await call(t, provider, "POST", `/milestones/${m}/deliveries`, { text: 5 }),
    400,
    "invalid_input",
  );
  expectError(await call(t, buyer, "GET", "/orders?role=boss"), 400, "invalid_input");
  expectError(await call(t, buyer, "GET", "/orders?cursor=forged"), 400, "invalid_input");
  await audit(t);
});

test("my orders: by role and status, newest first, page by page", async () => {
  const { buyer, provider } = await people(100_000);
  const other = await signUp(t.app);
  await fund(t, other, 100_000);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    clock.advance(1000);
    ids.push(await open(t, buyer, provider, { title: `订单 ${i}` }));
  }
  clock.advance(1000);
  const hiredByOther = await open(t, other, buyer, { type: "service" });

  const list = async (who: SignedUp, q: string) => {
    const res = await call(t, who, "GET", `/orders${q}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Order[]; nextCursor: string | null };
  };
  assert.deepEqual(
    (await list(buyer, "?role=buyer")).items.map((o) => o.id),
    [...ids].reverse(),
  );
  assert.deepEqual(
    (await list(buyer, "?role=provider")).items.map((o) => o.id),
    [hiredByOther],
  );
  assert.deepEqual(
    (await list(buyer, "")).items.map((o) => o.id),
    [hiredByOther, ...[...ids].reverse()],
  );
  assert.deepEqual(
    (await list(buyer, "?status=pending_confirmation")).items.map((o) => o.id),
    [hiredByOther],
  );
  assert.deepEqual((await list(provider, "?role=buyer")).items, []);

  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(buyer, `?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
    seen.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor;
  } while (cursor);
  assert.deepEqual(seen, [hiredByOther, ...[...ids].reverse()]);

  // An operator without role: every order, newest first, page by page; with role, only their own.
  const operator = await signUpOperator(t.app, t);
  const everyone: string[] = [];
  cursor = null;
  do {
    const page = await list(operator, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
    everyone.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor;
  } while (cursor);
  const all = await t.db
    .selectFrom("orders")
    .select("id")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  assert.deepEqual(
    everyone,
    all.map((o) => o.id),
  );
  assert.deepEqual(everyone.slice(0, 4), [hiredByOther, ...[...ids].reverse()]);
  assert.deepEqual(
    (await list(operator, "?status=pending_confirmation")).items.map((o) => o.id),
    (
      await t.db
        .selectFrom("orders")
        .select("id")
        .where("status", "=", "pending_confirmation")
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(20)
        .execute()
    ).map((o) => o.id),
  );
  assert.deepEqual((await list(operator, "?role=buyer")).items, []);
  // Everyone else still sees only their own.
  assert.deepEqual(
    (await list(other, "")).items.map((o) => o.id),
    [hiredByOther],
  );
});

test("late by the clock, before the timer's job runs: no confirmation after the window, no revision after the auto-accept time", async () => {
  const { buyer, provider } = await people(20_000);
  const service = {
    type: "service" as const,
    milestones: [{ title: "商标注册 Trademark", amountMinor: 10_000, revisions: 2, deliveryDays: 3 }],
  };
  // The confirmation window (2 days) has closed: the order is the timer's to cancel and refund.
  const lapsed = await open(t, buyer, provider, service);
  clock.advance(2 * DAY);
  expectError(await call(t, provider, "POST", `/orders/${lapsed}/confirm`), 409, "invalid_transition");
  assert.equal(await orderTimers.confirmTimeout(t, lapsed), "cancelled");
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 20_000 }));

  // A delivery not decided on within TIMER_AUTO_ACCEPT (5 days) is accepted: no revision after that.
  const orderId = await open(t, buyer, provider, service);
  await ok(provider, `/orders/${orderId}/confirm`);
  const m0 = milestone(await getOrder(t, buyer, orderId), 0).id;
  await ok(provider, `/milestones/${m0}/deliveries`, { text: "申请已提交 Filed" });
  clock.advance(5 * DAY - 1);
  await ok(buyer, `/milestones/${m0}/request-revision`, { reason: "补充材料 One more document" });
  await ok(provider, `/milestones/${m0}/deliveries`, { text: "已补充 Added" });
  clock.advance(5 * DAY);
  expectError(
    await call(t, buyer, "POST", `/milestones/${m0}/request-revision`, { reason: "太晚了 Too late" }),
    409,
    "invalid_transition",
  );
  const payable = await t.db
    .selectFrom("payables")
    .select("id")
    .where("kind", "=", "milestone")
    .where("source_id", "=", m0)
    .executeTakeFirstOrThrow();
  assert.equal(await autoAcceptPayable(t, kinds, payable.id), "paid");
  assert.equal((await getOrder(t, buyer, orderId)).status, "completed");
  assert.deepEqual(await wallet(t, provider), exactWallet({ availableMinor: 10_000 - 1_250 }));
  await audit(t);
});
