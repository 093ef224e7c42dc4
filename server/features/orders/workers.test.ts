// The orders' timers as the running application fires them: real workers (pg-boss) and the real
// clock, the timers shortened — the confirmation window cancels and refunds an unconfirmed service
// order, and a delivered milestone is auto-accepted (the payables' job → orderPayableKind), which
// completes the order. Waits on conditions, never on durations.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Order } from "../../../contracts/orders.ts";
import { startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signUp } from "../../../test/helpers/factories.ts";
import { call } from "../../../test/helpers/http.ts";
import { exactWallet, fund, wallet } from "../../../test/helpers/money.ts";
import { waitFor } from "../../../test/helpers/wait.ts";
import { audit, getOrder, open } from "./orders.fixtures.ts";

let t: TestApp;
before(async () => {
  t = await startTestApp({
    workers: true,
    env: { TIMER_ORDER_CONFIRM: "PT1S", TIMER_AUTO_ACCEPT: "PT1S", PLATFORM_FEE_BPS: "1000" },
  });
});
after(() => t.close());

test("the workers cancel an unconfirmed order and auto-accept a delivery", async () => {
  const buyer = await signUp(t.app);
  const provider = await signUp(t.app);
  await fund(t, buyer, 30_000);

  const unconfirmed = await open(t, buyer, provider, {
    type: "service",
    milestones: [{ title: "Logo 标志", amountMinor: 10_000, revisions: 1, deliveryDays: 2 }],
  });
  const cancelled = await waitFor(
    () => getOrder(t, buyer, unconfirmed),
    (o: Order) => o.status === "cancelled",
  );
  assert.equal(cancelled.milestones[0]?.status, "refunded");

  const hired = await open(t, buyer, provider, {
    milestones: [{ title: "Site 网站", amountMinor: 20_000, revisions: 1, deliveryDays: 5 }],
  });
  const m = (await getOrder(t, buyer, hired)).milestones[0]?.id as string;
  const res = await call(t, provider, "POST", `/milestones/${m}/deliveries`, { text: "上线 live" });
  assert.equal(res.statusCode, 201, res.body);
  const completed = await waitFor(
    () => getOrder(t, provider, hired),
    (o: Order) => o.status === "completed",
  );
  assert.equal(completed.milestones[0]?.status, "accepted");
  assert.deepEqual(await wallet(t, provider), exactWallet({ availableMinor: 18_000 }));
  assert.deepEqual(await wallet(t, buyer), exactWallet({ availableMinor: 10_000 }));
  await audit(t);
});
