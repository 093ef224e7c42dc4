// Model-based test of an order's life (fast-check): random orders (a hired bid with 1–3 milestones,
// or a service order) and random steps, each step a batch of up to three clients acting AT ONCE —
// the buyer funds, accepts (sometimes replaying an Idempotency-Key), asks for a revision, cancels;
// the provider confirms, delivers, cancels; the timers (confirmation window, auto-accept, overdue)
// fire by the test clock, possibly twice. After every step: never a 5xx nor an answer outside the
// contract's set, and the invariants hold — the ledger audit passes (balanced; each order's escrow
// = its funded, unpaid milestones), the escrow GET /orders shows agrees, no fen is made or lost
// (buyer + escrow + provider + fees = what the buyer had), the provider holds exactly Σ (amount −
// fee) of the accepted milestones, a completed order has every milestone accepted and a cancelled
// one holds nothing. At the end, time runs out and every milestone is settled: the order is final,
// its escrow 0.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import type { Order } from "../../../contracts/orders.ts";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call, key } from "../../../test/helpers/http.ts";
import { fund, wallet } from "../../../test/helpers/money.ts";
import { testClock } from "../../core/clock.ts";
import { splitFee } from "../../ledger/money.ts";
import { escrowBalance } from "../escrow/escrow.ts";
import { autoAcceptPayable } from "../payables/payables.jobs.ts";
import { HELD_MILESTONE_STATUSES } from "./order-status.ts";
import { audit, getOrder, open } from "./orders.fixtures.ts";
import { orderPayableKind, orderTimers } from "./orders.jobs.ts";

const DAY = 86_400_000;
const FEE_BPS = 1_000;
const clock = testClock("2026-06-01T00:00:00.000Z");
let t: TestApp;
before(async () => {
  t = await startTestApp({ clock, env: { PLATFORM_FEE_BPS: String(FEE_BPS) } });
});
after(() => t.close());

const kinds = { milestone: orderPayableKind };

type Action =
  | { kind: "fund" | "deliver" | "revise"; m: number }
  | { kind: "accept"; m: number; reuseKey: boolean }
  | { kind: "cancel"; byBuyer: boolean }
  | { kind: "confirm" }
  | { kind: "autoAccept"; m: number; days: number }
  | { kind: "confirmTimeout"; hours: number }
  | { kind: "overdue" };

const m = fc.nat(2);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("fund" as const), m }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("deliver" as const), m }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("revise" as const), m }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("accept" as const), m, reuseKey: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const), byBuyer: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("confirm" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("autoAccept" as const),
      m,
      days: fc.integer({ min: 0, max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("confirmTimeout" as const),
      hours: fc.integer({ min: 0, max: 60 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("overdue" as const) }) },
);

/** What each request may answer: anything else (a 5xx above all) fails the run. */
const ALLOWED: Record<string, number[]> = {
  fund: [200, 402, 409],
  deliver: [201, 409],
  revise: [200, 409],
  accept: [200, 409],
  cancel: [200, 409],
  confirm: [200, 409],
};

/** The platform's fees taken out of this order's escrow (transfer code 22), by transfer id. */
async function feesOf(orderId: string): Promise<number> {
  const rows = await t.db
    .selectFrom("ledger_transfers")
    .select("amount")
    .where("id", "like", `order:${orderId}:%`)
    .where("code", "=", 22)
    .execute();
  return rows.reduce((s, r) => s + Number(r.amount), 0);
}

const orderArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant("bid" as const),
      amounts: fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 3 }),
      revisions: fc.constantFrom(1, 2, 0),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("service" as const),
      amounts: fc.tuple(fc.integer({ min: 1, max: 50_000 })).map((a) => [...a]),
      revisions: fc.constantFrom(1, 2, 0),
    }),
  },
);

test("any interleaving of clients and timers keeps escrow = funded unpaid milestones and every fen", async () => {
  /** "<action> <status>" answered at least once over all runs: the runs reach every path. */
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(
      orderArb,
      // How much of the order the buyer has beyond milestone 0 (short wallets meet 402).
      fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 100_000 })),
      fc.array(fc.array(action, { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 12 }),
      async (shape, spare, steps) => {
        const buyer = await signUp(t.app);
        const provider = await signUp(t.app);
        const first = shape.amounts[0] as number;
        let had = first + spare;
        await fund(t, buyer, had);
        const orderId = await open(t, buyer, provider, {
          type: shape.type,
          milestones: shape.amounts.map((amountMinor, i) => ({
            title: `阶段 ${i + 1} Stage ${i + 1}`,
            amountMinor,
            revisions: shape.revisions,
            deliveryDays: 3,
          })),
        });
        const keys: Record<string, string> = {};
        const milestoneId = async (i: number) => {
          const o = await getOrder(t, buyer, orderId);
          return o.milestones[i % o.milestones.length]?.id as string;
        };

        const check = async (label: string): Promise<Order> => {
          const order = await getOrder(t, buyer, orderId);
          const held = order.milestones
            .filter((x) => (HELD_MILESTONE_STATUSES as readonly string[]).includes(x.status))
            .reduce((s, x) => s + x.amountMinor, 0);
          const escrow = await escrowBalance(t.db, { kind: "order", id: orderId });
          assert.equal(escrow, held, `${label}: escrow ${escrow} = held milestones ${held}`);
          const b = await wallet(t, buyer);
          const p = await wallet(t, provider);
          const fees = await feesOf(orderId);
          assert.equal(b.availableMinor + escrow + p.availableMinor + fees, had, `${label}: every fen`);
          const owed = order.milestones
            .filter((x) => x.status === "accepted")
            .reduce((s, x) => s + splitFee(x.amountMinor, FEE_BPS).netMinor, 0);
          assert.equal(p.availableMinor, owed, `${label}: the provider holds Σ accepted − fees`);
          if (order.status === "completed") assert.ok(order.milestones.every((x) => x.status === "accepted"));
          if (order.status === "cancelled")
            assert.equal(held, 0, `${label}: a cancelled order holds nothing`);
          for (const x of order.milestones)
            assert.ok(x.revisionsLeft >= 0 && x.revisionsLeft <= shape.revisions);
          await audit(t);
          return order;
        };

        const run = async (a: Action): Promise<void> => {
          let res: Awaited<ReturnType<typeof call>> | undefined;
          switch (a.kind) {
            case "fund":
              res = await call(t, buyer, "POST", `/milestones/${await milestoneId(a.m)}/fund`, undefined, {
                "idempotency-key": key(),
              });
              break;
            case "deliver":
              res = await call(t, provider, "POST", `/milestones/${await milestoneId(a.m)}/deliveries`, {
                text: "交付 delivery",
              });
              break;
            case "revise":
              res = await call(t, buyer, "POST", `/milestones/${await milestoneId(a.m)}/request-revision`, {
                reason: "请修改 please change",
              });
              break;
            case "accept": {
              const id = await milestoneId(a.m);
              keys[id] = a.reuseKey && keys[id] ? (keys[id] as string) : key();
              res = await call(t, buyer, "POST", `/milestones/${id}/accept`, undefined, {
                "idempotency-key": keys[id] as string,
              });
              break;
            }
            case "cancel":
              res = await call(
                t,
                a.byBuyer ? buyer : provider,
                "POST",
                `/orders/${orderId}/cancel`,
                undefined,
                {
                  "idempotency-key": key(),
                },
              );
              break;
            case "confirm":
              res = await call(t, provider, "POST", `/orders/${orderId}/confirm`);
              break;
            case "autoAccept": {
              clock.advance(a.days * DAY);
              const p = await t.db
                .selectFrom("payables")
                .select("id")
                .where("kind", "=", "milestone")
                .where("source_id", "=", await milestoneId(a.m))
                .executeTakeFirst();
              if (p)
                assert.ok(["paid", "skipped", "not_due"].includes(await autoAcceptPayable(t, kinds, p.id)));
              break;
            }
            case "confirmTimeout":
              clock.advance(a.hours * 3_600_000);
              assert.ok(
                ["cancelled", "skipped", "not_due"].includes(await orderTimers.confirmTimeout(t, orderId)),
              );
              break;
            case "overdue":
              clock.advance(34 * DAY);
              break;
          }
          if (res) {
            seen.add(`${a.kind} ${res.statusCode}`);
            const allowed = ALLOWED[a.kind] ?? [];
            assert.ok(allowed.includes(res.statusCode), `${a.kind}: ${res.statusCode} ${res.body}`);
          }
        };

        for (const [i, batch] of steps.entries()) {
          await Promise.all(batch.map(run));
          await check(`step ${i} ${batch.map((a) => a.kind).join("+")}`);
        }

        // Time runs out: the confirmation window closes (or the provider confirmed), then every
        // milestone is funded (topping the wallet up), delivered and auto-accepted, unless the order
        // ended first.
        clock.advance(3 * DAY);
        await orderTimers.confirmTimeout(t, orderId);
        for (let i = 0; i < shape.amounts.length; i++) {
          const id = await milestoneId(i);
          const before = (await getOrder(t, buyer, orderId)).milestones[i];
          if (before?.status === "pending_funding") {
            await fund(t, buyer, before.amountMinor);
            had += before.amountMinor;
            await call(t, buyer, "POST", `/milestones/${id}/fund`, undefined, { "idempotency-key": key() });
          }
          await call(t, provider, "POST", `/milestones/${id}/deliveries`, { text: "终版 final" });
          clock.advance(6 * DAY);
          const p = await t.db
            .selectFrom("payables")
            .select("id")
            .where("source_id", "=", id)
            .executeTakeFirst();
          if (p) await autoAcceptPayable(t, kinds, p.id);
        }
        const final = await check("end");
        assert.ok(["completed", "cancelled"].includes(final.status), final.status);
        assert.equal(await escrowBalance(t.db, { kind: "order", id: orderId }), 0);
      },
    ),
    { numRuns: Number(process.env.ORDER_FC_RUNS ?? 20), seed: Number(process.env.ORDER_FC_SEED ?? 20261130) },
  );
  for (const path of [
    "fund 200",
    "fund 402",
    "deliver 201",
    "deliver 409",
    "revise 200",
    "accept 200",
    "cancel 200",
  ]) {
    assert.ok(seen.has(path), `the runs reached ${path} (seen: ${[...seen].sort().join(", ")})`);
  }
});

test("racing accepts, funds and cancels of one order: one wins each, money moves once", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, buyer, 60_000);
  const orderId = await open(t, buyer, provider, {
    milestones: [
      { title: "一期 Phase 1", amountMinor: 20_000, revisions: 1, deliveryDays: 3 },
      { title: "二期 Phase 2", amountMinor: 30_000, revisions: 1, deliveryDays: 3 },
    ],
  });
  let order = await getOrder(t, buyer, orderId);
  const [m0, m1] = order.milestones.map((x) => x.id) as [string, string];
  await call(t, provider, "POST", `/milestones/${m0}/deliveries`, { text: "一期" });
  const shared = key();
  const answers = await Promise.all([
    ...Array.from({ length: 4 }, () =>
      call(t, buyer, "POST", `/milestones/${m0}/accept`, undefined, { "idempotency-key": key() }),
    ),
    ...Array.from({ length: 3 }, () =>
      call(t, buyer, "POST", `/milestones/${m1}/fund`, undefined, { "idempotency-key": shared }),
    ),
    ...Array.from({ length: 3 }, () =>
      call(t, buyer, "POST", `/milestones/${m1}/fund`, undefined, { "idempotency-key": key() }),
    ),
  ]);
  for (const r of answers) assert.ok([200, 409].includes(r.statusCode), `${r.statusCode} ${r.body}`);
  assert.equal(answers.slice(0, 4).filter((r) => r.statusCode === 200).length, 1, "one accept");
  order = await getOrder(t, buyer, orderId);
  assert.deepEqual(
    order.milestones.map((x) => x.status),
    ["accepted", "funded"],
  );
  assert.equal((await wallet(t, provider)).availableMinor, 18_000);
  assert.equal((await wallet(t, buyer)).availableMinor, 10_000);
  // Both parties cancel at the same time: agreement or a request, never twice the refund.
  const cancels = await Promise.all([
    call(t, buyer, "POST", `/orders/${orderId}/cancel`, undefined, { "idempotency-key": key() }),
    call(t, provider, "POST", `/orders/${orderId}/cancel`, undefined, { "idempotency-key": key() }),
  ]);
  // The provider's cancel ends it; the buyer's, first, is a request — or, second, finds it cancelled.
  for (const r of cancels) assert.ok([200, 409].includes(r.statusCode), r.body);
  assert.equal(cancels[1]?.statusCode, 200);
  order = await getOrder(t, buyer, orderId);
  assert.equal(order.status, "cancelled", "the provider alone may cancel");
  assert.equal((await wallet(t, buyer)).availableMinor, 40_000);
  await audit(t);
});
