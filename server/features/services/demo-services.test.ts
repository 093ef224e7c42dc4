// The demo seed's shops: four providers with services in both languages and gallery images, and
// the demo buyer's orders in several states, all on the ledger (the audit passes).
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Order } from "../../../contracts/orders.ts";
import type { Service } from "../../../contracts/services.ts";
import { startTestApp } from "../../../test/helpers/app.ts";
import { call } from "../../../test/helpers/http.ts";
import { DEMO_ACCOUNTS } from "../accounts/demo-accounts.ts";
import { seedDemo } from "../demo/seed.ts";
import { audit } from "../orders/orders.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

test("a new installation shows shops with services, and the demo buyer's orders in several states", async () => {
  assert.equal((await seedDemo(t.db, t)).seeded, true);
  const list = (await call(t, undefined, "GET", "/services?limit=50")).json();
  const services = list.items as Service[];
  assert.ok(services.length >= 6);
  assert.ok(new Set(services.map((s) => s.providerId)).size >= 3, "three shops or more");
  assert.ok(
    services.some((s) => /^[\u4e00-\u9fff]/.test(s.title)),
    "a Chinese-first title",
  );
  assert.ok(
    services.some((s) => /^[A-Za-z]/.test(s.title)),
    "an English-first title",
  );
  for (const s of services) {
    assert.ok(s.packages.length >= 1 && s.packages.length <= 3);
    assert.equal(s.gallery.length, 1);
  }
  const thumb = await call(t, undefined, "GET", services[0]?.gallery[0]?.thumbnailUrl as string);
  assert.equal(thumb.statusCode, 200);

  // The demo buyer signs in and sees their orders.
  const login = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: DEMO_ACCOUNTS.buyer.email, password: DEMO_ACCOUNTS.buyer.password },
  });
  assert.equal(login.statusCode, 200, login.body);
  const headers = { authorization: `Bearer ${login.json().token}` };
  const orders = await t.db.selectFrom("orders").select("id").where("source_type", "=", "service").execute();
  const states = [];
  for (const { id } of orders) {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/orders/${id}`, headers });
    assert.equal(res.statusCode, 200, res.body);
    const order = res.json().order as Order;
    states.push(`${order.status}/${order.milestones.map((m) => m.status).join(",")}`);
  }
  assert.deepEqual(states.sort(), [
    "completed/accepted",
    "in_progress/delivered",
    "in_progress/funded",
    "pending_confirmation/funded",
  ]);
  await audit(t);
});
