// Issue 10, must-show 2, through HTTP: a service order
//   - left unconfirmed is cancelled and refunded by the TIMER_ORDER_CONFIRM job (the app's clock is
//     a test clock; the real worker runs the job);
//   - confirmed, delivered and sent back for revision until the package's revisions run out (409),
//     then accepted: the price minus the fee to the provider;
//   - confirmed, then cancelled by agreement (the buyer asks, the provider agrees): the funded
//     milestone is refunded.
// Wallets exact to the fen, the ledger audit passes after each; the events name every step.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { Order } from "../../../contracts/orders.ts";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { call, expectError, key } from "../../../test/helpers/http.ts";
import { exactWallet, fund, wallet } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { testClock } from "../../core/clock.ts";
import { eventsOf } from "../../core/events.ts";
import { audit } from "../orders/orders.fixtures.ts";
import { postService } from "./services.fixtures.ts";

const HOUR = 3_600_000;
// The app's clock stands 100 days ahead of the real one: only the injected clock decides timers.
const clock = testClock(new Date(Date.now() + 100 * 24 * HOUR));
let t: TestApp;
before(async () => {
  t = await startTestApp({ clock, workers: true, env: { TIMER_ORDER_CONFIRM: "PT48H" } });
});
after(() => t?.close());

const getOrder = async (who: SignedUp, id: string): Promise<Order> => {
  const res = await call(t, who, "GET", `/orders/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().order;
};

/** A provider's service, a buyer with `balance`, and the buyer's order of `tier` (201). */
async function ordered(tier: "basic" | "standard" | "premium", balance: number) {
  const provider = await signUp(t.app);
  const buyer = await signUp(t.app);
  const service = await postService(t, provider);
  await fund(t, buyer, balance);
  const res = await call(
    t,
    buyer,
    "POST",
    "/orders",
    { serviceId: service.id, tier },
    { "idempotency-key": key() },
  );
  assert.equal(res.statusCode, 201, res.body);
  return { provider, buyer, service, order: res.json().order as Order };
}

describe("must-show 2: service orders", () => {
  test("unconfirmed: the TIMER_ORDER_CONFIRM job cancels the order and refunds it", async () => {
    const { provider, buyer, order } = await ordered("basic", 100_000);
    const placedAt = clock.now();
    assert.equal(order.confirmBy, new Date(placedAt.getTime() + 48 * HOUR).toISOString());
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 50_000, inEscrowMinor: 50_000 }));

    // The job waits in the queue for the confirmation window's end.
    const job = async () =>
      (
        await sql<{ id: string; state: string; start_after: Date }>`
          SELECT id, state, start_after FROM pgboss.job
          WHERE name = 'orders.confirm-timeout' AND data->>'orderId' = ${order.id}`.execute(t.db)
      ).rows;
    const [queued] = await job();
    assert.equal(new Date(queued?.start_after as Date).toISOString(), order.confirmBy);

    // 47 hours on, the provider still has not confirmed. The queue (the database's real clock) is
    // told the time has come; the job runs, finds the window still open by the app's clock, does
    // nothing and is retried.
    clock.advance(47 * HOUR);
    await sql`UPDATE pgboss.job SET start_after = now() WHERE id = ${queued?.id}::uuid`.execute(t.db);
    await waitFor(
      () => job(),
      (rows) => rows[0]?.state === "retry" || rows[0]?.state === "failed",
      20_000,
    );
    assert.equal((await getOrder(buyer, order.id)).status, "pending_confirmation");

    // 48 hours: the next run cancels and refunds.
    clock.advance(HOUR);
    await sql`UPDATE pgboss.job SET start_after = now() WHERE id = ${queued?.id}::uuid`.execute(t.db);
    const cancelled = await waitFor(
      () => getOrder(buyer, order.id),
      (o) => o.status === "cancelled",
      20_000,
    );
    assert.deepEqual(
      cancelled.milestones.map((m) => m.status),
      ["refunded"],
    );
    assert.ok(cancelled.cancelledAt);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 100_000 }));
    assert.deepEqual(await wallet(t, provider), exactWallet({}));
    // Too late to confirm now.
    expectError(await call(t, provider, "POST", `/orders/${order.id}/confirm`), 409, "invalid_transition");
    const events = await eventsOf(t.db, { type: "order", id: order.id });
    assert.deepEqual(
      events.map((e) => [e.type, e.actor]),
      [
        ["order.opened", buyer.user.id],
        ["order.cancelled", "system:orders.confirm-timeout"],
      ],
    );
    await audit(t);
  });

  test("confirmed: revisions until the package's count is used up (409), then accepted — price minus fee", async () => {
    // The standard package: 120 000 fen, 5 days, 2 revisions.
    const { provider, buyer, order } = await ordered("standard", 150_000);
    const milestoneId = order.milestones[0]?.id as string;
    const deliver = (text: string) =>
      call(t, provider, "POST", `/milestones/${milestoneId}/deliveries`, { text });
    const revise = (reason: string) =>
      call(t, buyer, "POST", `/milestones/${milestoneId}/request-revision`, { reason });

    // Nothing is delivered before the provider takes the order; only its provider confirms.
    expectError(await deliver("too early"), 409, "invalid_transition");
    expectError(await call(t, buyer, "POST", `/orders/${order.id}/confirm`), 403, "forbidden");
    const confirmedAt = clock.now();
    const confirmed = await call(t, provider, "POST", `/orders/${order.id}/confirm`);
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().order.status, "in_progress");
    assert.equal(
      confirmed.json().order.milestones[0].dueAt,
      new Date(confirmedAt.getTime() + 5 * 24 * HOUR).toISOString(),
    );

    for (const [round, left] of [
      [1, 1],
      [2, 0],
    ] as const) {
      assert.equal((await deliver(`第 ${round} 稿 Draft ${round}`)).statusCode, 201);
      const res = await revise(`请修改 Please change ${round}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().order.milestones[0].status, "revision_requested");
      assert.equal(res.json().order.milestones[0].revisionsLeft, left);
    }
    assert.equal((await deliver("定稿 Final")).statusCode, 201);
    expectError(await revise("once more"), 409, "invalid_transition");
    const delivered = await getOrder(buyer, order.id);
    assert.equal(delivered.milestones[0]?.status, "delivered");
    assert.equal(delivered.milestones[0]?.deliveries.length, 3);

    const k = key();
    const accepted = await call(t, buyer, "POST", `/milestones/${milestoneId}/accept`, undefined, {
      "idempotency-key": k,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().order.status, "completed");
    // Replayed: the same answer, no second payment.
    const replay = await call(t, buyer, "POST", `/milestones/${milestoneId}/accept`, undefined, {
      "idempotency-key": k,
    });
    assert.equal(replay.statusCode, 200);
    const fee = (120_000 * order.feeBps) / 10_000;
    assert.equal(fee, 12_000, "the default 10 % fee");
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 30_000 }));
    assert.deepEqual(await wallet(t, provider), exactWallet({ availableMinor: 120_000 - fee }));
    await audit(t);
  });

  test("confirmed, then cancelled by agreement: the funded milestone is refunded", async () => {
    const { provider, buyer, order } = await ordered("premium", 300_000);
    assert.equal((await call(t, provider, "POST", `/orders/${order.id}/confirm`)).statusCode, 200);
    const cancel = (who: SignedUp) =>
      call(t, who, "POST", `/orders/${order.id}/cancel`, undefined, { "idempotency-key": key() });

    // The buyer alone cannot cancel a running order (nothing is overdue): it is a request.
    const asked = await cancel(buyer);
    assert.equal(asked.statusCode, 200, asked.body);
    assert.equal(asked.json().order.status, "in_progress");
    assert.equal(asked.json().order.cancelRequestedBy, buyer.user.id);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ inEscrowMinor: 300_000 }));

    // A stranger learns nothing.
    const stranger = await signUp(t.app);
    expectError(await cancel(stranger), 404, "not_found");

    const agreed = await cancel(provider);
    assert.equal(agreed.statusCode, 200, agreed.body);
    assert.equal(agreed.json().order.status, "cancelled");
    assert.deepEqual(
      agreed.json().order.milestones.map((m: { status: string }) => m.status),
      ["refunded"],
    );
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 300_000 }));
    assert.deepEqual(await wallet(t, provider), exactWallet({}));
    await audit(t);
  });
});

test("the audit log records a service's life from its events (created, edited, paused, resumed, hidden)", async () => {
  const provider = await signUp(t.app);
  const operator = await signUpOperator(t.app, t);
  const service = await postService(t, provider);
  assert.equal(
    (await call(t, provider, "PATCH", `/services/${service.id}`, { title: "新 New" })).statusCode,
    200,
  );
  assert.equal((await call(t, provider, "POST", `/services/${service.id}/pause`)).statusCode, 200);
  assert.equal((await call(t, provider, "POST", `/services/${service.id}/resume`)).statusCode, 200);
  const hide = await call(t, operator, "POST", `/admin/services/${service.id}/hide`, { reason: "广告 Spam" });
  assert.equal(hide.statusCode, 200, hide.body);
  const actions = await waitFor(
    async () => {
      const res = await call(t, operator, "GET", `/admin/audit?accountId=${provider.user.id}&limit=50`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as { action: string; subject: { id: string } | null }[])
        .filter((e) => e.subject?.id === service.id)
        .map((e) => e.action)
        .reverse();
    },
    (list) => list.length >= 4,
    20_000,
  );
  assert.deepEqual(actions, ["service.created", "service.edited", "service.paused", "service.resumed"]);
  const byOperator = await waitFor(
    async () =>
      (await call(t, operator, "GET", `/admin/audit?action=service.hidden&limit=50`)).json().items as {
        subject: { id: string } | null;
        details: { reason?: string };
      }[],
    (items) => items.some((e) => e.subject?.id === service.id),
    20_000,
  );
  assert.equal(byOperator.find((e) => e.subject?.id === service.id)?.details.reason, "广告 Spam");
});
