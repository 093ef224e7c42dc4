// Issue 10, POST /orders: a buyer orders one package of a service — one milestone for its price,
// funded now into the order's escrow, waiting for the provider's confirmation. Refusals (402 when
// short, own service, paused service, unknown tier) write nothing; a replayed request with the same
// Idempotency-Key creates one order and moves the money once; an edit of the service changes the
// orders placed after it only.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Order } from "../../../contracts/orders.ts";
import { startTestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp } from "../../../test/helpers/factories.ts";
import { call, expectError, key } from "../../../test/helpers/http.ts";
import { exactWallet, fund, wallet } from "../../../test/helpers/money.ts";
import { escrowBalance } from "../escrow/escrow.ts";
import { actorOf, audit } from "../orders/orders.fixtures.ts";
import { getOrderFor } from "../orders/orders.queries.ts";
import { postService } from "./services.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

const order = (who: SignedUp | undefined, body: Record<string, unknown>, idempotencyKey = key()) =>
  call(t, who, "POST", "/orders", body, { "idempotency-key": idempotencyKey });

/** Orders of `buyer` in the database (what a refused request must not have written). */
const ordersOf = (buyer: SignedUp) =>
  t.db.selectFrom("orders").select(["id", "total_minor"]).where("buyer_id", "=", buyer.user.id).execute();

describe("ordering a package", () => {
  test("201: pending confirmation, one funded milestone for the package, the price in escrow", async () => {
    const provider = await signUp(t.app);
    const buyer = await signUp(t.app);
    const service = await postService(t, provider);
    await fund(t, buyer, 200_000);

    const res = await order(buyer, { serviceId: service.id, tier: "standard", requirements: "红色 Red" });
    assert.equal(res.statusCode, 201, res.body);
    const placed = res.json().order as Order;
    assert.equal(placed.status, "pending_confirmation");
    assert.deepEqual(placed.source, { type: "service", id: service.id });
    assert.equal(placed.buyerId, buyer.user.id);
    assert.equal(placed.providerId, provider.user.id);
    assert.equal(placed.title, service.title);
    assert.equal(placed.categoryId, "logo");
    assert.equal(placed.requirements, "红色 Red");
    assert.equal(placed.totalMinor, 120_000);
    assert.ok(placed.confirmBy);
    assert.deepEqual(
      placed.milestones.map((m) => [
        m.index,
        m.title,
        m.amountMinor,
        m.status,
        m.revisionsLeft,
        m.deliveryDays,
      ]),
      [[0, `${service.title} · 标准版 Standard`, 120_000, "funded", 2, 5]],
    );
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 80_000, inEscrowMinor: 120_000 }));
    assert.deepEqual(await wallet(t, provider), exactWallet({}));
    assert.equal(await escrowBalance(t.db, { kind: "order", id: placed.id }), 120_000);
    // Its provider sees it too.
    assert.equal((await getOrderFor(t.db, placed.id, actorOf(provider))).id, placed.id);
    await audit(t);
  });

  test("402 when the wallet is short: the error shape, nothing written, nothing moved", async () => {
    const provider = await signUp(t.app);
    const buyer = await signUp(t.app);
    const service = await postService(t, provider);
    await fund(t, buyer, 299_999);
    const k = key();
    expectError(await order(buyer, { serviceId: service.id, tier: "premium" }, k), 402, "insufficient_funds");
    assert.deepEqual(await ordersOf(buyer), []);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 299_999 }));
    // A cheaper package fits.
    assert.equal((await order(buyer, { serviceId: service.id, tier: "standard" })).statusCode, 201);
    await audit(t);
  });

  test("refusals: own service, paused, unknown tier, no such package, unknown service, anonymous", async () => {
    const provider = await signUp(t.app);
    const buyer = await signUp(t.app);
    await fund(t, provider, 500_000);
    await fund(t, buyer, 500_000);
    const service = await postService(t, provider);
    const basicOnly = await postService(t, provider, {
      packages: [{ tier: "basic", priceMinor: 10_000, deliveryDays: 2, revisions: 0 }],
    });

    expectError(await order(provider, { serviceId: service.id, tier: "basic" }), 403, "forbidden");
    expectError(await order(buyer, { serviceId: service.id, tier: "gold" }), 400, "invalid_input");
    expectError(await order(buyer, { serviceId: basicOnly.id, tier: "premium" }), 400, "invalid_input");
    expectError(await order(buyer, { serviceId: service.id }), 400, "invalid_input");
    expectError(
      await order(buyer, { serviceId: service.id, tier: "basic", priceMinor: 1 }),
      400,
      "invalid_input",
    );
    expectError(
      await order(buyer, { serviceId: "00000000-0000-4000-8000-000000000000", tier: "basic" }),
      404,
      "not_found",
    );
    expectError(await order(buyer, { serviceId: "nope", tier: "basic" }), 404, "not_found");
    expectError(await order(undefined, { serviceId: service.id, tier: "basic" }), 401, "unauthenticated");

    await call(t, provider, "POST", `/services/${service.id}/pause`);
    expectError(await order(buyer, { serviceId: service.id, tier: "basic" }), 409, "conflict");
    assert.deepEqual(await ordersOf(buyer), []);
    assert.deepEqual(await ordersOf(provider), []);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 500_000 }));
    assert.deepEqual(await wallet(t, provider), exactWallet({ availableMinor: 500_000 }));

    // Resumed, it takes orders again.
    await call(t, provider, "POST", `/services/${service.id}/resume`);
    assert.equal((await order(buyer, { serviceId: service.id, tier: "basic" })).statusCode, 201);
  });

  test("a replayed request (same Idempotency-Key) creates one order and moves the money once", async () => {
    const provider = await signUp(t.app);
    const buyer = await signUp(t.app);
    const service = await postService(t, provider);
    await fund(t, buyer, 200_000);
    const k = key();
    const body = { serviceId: service.id, tier: "basic" };
    const [first, ...replays] = await Promise.all([
      order(buyer, body, k),
      order(buyer, body, k),
      order(buyer, body, k),
    ]);
    const all = [first, ...replays];
    const created = all.filter((r) => r?.statusCode === 201);
    // Concurrent twins wait for the first (409 while it runs) or replay its answer.
    for (const r of all) assert.ok([201, 409].includes(r?.statusCode ?? 0), r?.body);
    assert.ok(created.length >= 1);
    const ids = new Set(created.map((r) => r?.json().order.id));
    assert.equal(ids.size, 1);
    const again = await order(buyer, body, k);
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().order.id, [...ids][0]);
    assert.equal(again.headers["idempotent-replayed"], "true");
    assert.equal((await ordersOf(buyer)).length, 1);
    assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 150_000, inEscrowMinor: 50_000 }));
    // The same key for another request: refused.
    expectError(await order(buyer, { ...body, tier: "standard" }, k), 422, "idempotency_mismatch");
    await audit(t);
  });
});

test("edits apply to new orders only: an order placed before a price change keeps its price", async () => {
  const provider = await signUp(t.app);
  const buyer = await signUp(t.app);
  const service = await postService(t, provider);
  await fund(t, buyer, 1_000_000);

  const before = (await order(buyer, { serviceId: service.id, tier: "basic" })).json().order as Order;
  const patched = await call(t, provider, "PATCH", `/services/${service.id}`, {
    title: "标志设计（升级）Logo design, revised",
    packages: [{ tier: "basic", priceMinor: 80_000, deliveryDays: 4, revisions: 3, description: "" }],
  });
  assert.equal(patched.statusCode, 200, patched.body);
  const afterRes = await order(buyer, { serviceId: service.id, tier: "basic" });
  assert.equal(afterRes.statusCode, 201, afterRes.body);
  const later = afterRes.json().order as Order;

  const first = await getOrderFor(t.db, before.id, actorOf(buyer));
  assert.equal(first.totalMinor, 50_000);
  assert.equal(first.title, service.title);
  assert.deepEqual(
    first.milestones.map((m) => [m.amountMinor, m.revisionsLeft, m.deliveryDays]),
    [[50_000, 1, 3]],
  );
  assert.equal(later.totalMinor, 80_000);
  assert.equal(later.title, "标志设计（升级）Logo design, revised");
  assert.deepEqual(
    later.milestones.map((m) => [m.amountMinor, m.revisionsLeft, m.deliveryDays]),
    [[80_000, 3, 4]],
  );
  // The standard package is gone with the edit.
  expectError(await order(buyer, { serviceId: service.id, tier: "standard" }), 400, "invalid_input");
  assert.deepEqual(
    await wallet(t, buyer),
    exactWallet({ availableMinor: 1_000_000 - 130_000, inEscrowMinor: 130_000 }),
  );
  await audit(t);
});

test("orders racing an edit each copy one version of the service — title and package from before or from after it", async () => {
  const provider = await signUp(t.app);
  const buyer = await signUp(t.app);
  const service = await postService(t, provider);
  await fund(t, buyer, 2_000_000);
  const newTitle = "标志设计 2.0 · Logo design 2.0";
  const racing = Array.from({ length: 8 }, () => order(buyer, { serviceId: service.id, tier: "basic" }));
  const edit = call(t, provider, "PATCH", `/services/${service.id}`, {
    title: newTitle,
    packages: [{ tier: "basic", priceMinor: 70_000, deliveryDays: 9, revisions: 0, description: "" }],
  });
  const [edited, ...placed] = await Promise.all([edit, ...racing]);
  assert.equal(edited?.statusCode, 200, edited?.body);
  const versions = new Set<string>();
  let total = 0;
  for (const res of placed) {
    assert.equal(res.statusCode, 201, res.body);
    const o = res.json().order as Order;
    const m = o.milestones[0];
    const seen = [o.title, m?.title, m?.amountMinor, m?.revisionsLeft, m?.deliveryDays].join(" | ");
    versions.add(seen);
    total += o.totalMinor;
  }
  const before = `${service.title} | ${service.title} · 基础版 Basic | 50000 | 1 | 3`;
  const after = `${newTitle} | ${newTitle} · 基础版 Basic | 70000 | 0 | 9`;
  for (const v of versions) assert.ok(v === before || v === after, v);
  // After the edit's answer, every new order is of the new version.
  const later = (await order(buyer, { serviceId: service.id, tier: "basic" })).json().order as Order;
  assert.equal(later.totalMinor, 70_000);
  total += 70_000;
  assert.deepEqual(
    await wallet(t, buyer),
    exactWallet({ availableMinor: 2_000_000 - total, inEscrowMinor: total }),
  );
  await audit(t);
});
