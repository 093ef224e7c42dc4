// The demo seed's tenders: open ones with sealed and open bids, a hired one whose order is in
// progress (first milestone funded and delivered), in both languages; the ledger audit passes.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { call } from "../../../test/helpers/http.ts";
import { DEMO_ACCOUNTS } from "../accounts/demo-accounts.ts";
import { audit } from "../contests/contests.fixtures.ts";
import { seedDemo } from "../demo/seed.ts";

const t = await startTestApp();
after(() => t.close());

test("a new installation shows open tenders with bids and a hired one with its order in progress", async () => {
  assert.equal((await seedDemo(t.db, t)).seeded, true);
  const list = (await call(t, undefined, "GET", "/tasks?mode=tender&limit=50")).json();
  const tenders = list.items as {
    id: string;
    title: string;
    status: string;
    bidCount: number;
    sealedBids: boolean;
  }[];
  assert.deepEqual(tenders.map((x) => x.status).sort(), ["hired", "open", "open"]);
  assert.ok(tenders.every((x) => x.bidCount >= 2));
  assert.ok(tenders.some((x) => /[\u4e00-\u9fff]/.test(x.title)));
  // The open-bids tender shows amounts and proposals to anyone; a sealed one only its count.
  const open = tenders.find((x) => !x.sealedBids) as (typeof tenders)[number];
  const visible = (await call(t, undefined, "GET", `/tasks/${open.id}/bids`)).json();
  assert.equal(visible.items.length, 2);
  assert.ok(
    visible.items.every((b: { amountMinor: number; proposal: string }) => b.amountMinor > 0 && b.proposal),
  );
  const sealed = tenders.find((x) => x.sealedBids && x.status === "open") as (typeof tenders)[number];
  const hidden = (await call(t, undefined, "GET", `/tasks/${sealed.id}/bids`)).json();
  assert.deepEqual(hidden.items, []);
  assert.equal(hidden.counts.bids, 3);

  // The demo buyer sees the hired tender's order: in progress, milestone 1 delivered.
  const login = await call(t, undefined, "POST", "/auth/login", {
    email: DEMO_ACCOUNTS.buyer.email,
    password: DEMO_ACCOUNTS.buyer.password,
  });
  assert.equal(login.statusCode, 200, login.body);
  const buyer = { headers: { authorization: `Bearer ${login.json().token}` } } as Parameters<typeof call>[1];
  const hired = tenders.find((x) => x.status === "hired") as (typeof tenders)[number];
  const bids = (await call(t, buyer, "GET", `/tasks/${hired.id}/bids`)).json();
  const accepted = bids.items.find((b: { status: string }) => b.status === "accepted");
  assert.ok(accepted?.orderId);
  const order = (await call(t, buyer, "GET", `/orders/${accepted.orderId}`)).json().order;
  assert.equal(order.status, "in_progress");
  assert.deepEqual(
    order.milestones.map((m: { status: string }) => m.status),
    ["delivered", "pending_funding"],
  );
  await audit(t);
});
