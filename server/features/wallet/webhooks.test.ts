// Provider webhooks that are not the happy path: a rejected first delivery must not block the
// genuine one with the same event id, and late events in the other direction are handled.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp, signUpOperator } from "../../../test/helpers/factories.ts";
import { createTopUp, postSandboxWebhook, sandboxEvent } from "../../../test/helpers/money.ts";
import { drainConsumer } from "../../jobs/event-consumers.ts";
import { recordSandboxCharge } from "../../payments/sandbox.ts";
import { auditConsumer } from "../audit/audit.consumer.ts";
import { PaymentAuditActions } from "./settle-top-up.ts";

const t = await startTestApp();
after(() => t.close());
const operator = await signUpOperator(t.app, t);

type Event = {
  id: string;
  outcome: "succeeded" | "failed";
  topUpId: string;
  amountMinor: number;
  currency?: string;
};

const body = (e: Event) => sandboxEvent(e);
const deliver = (raw: string, secret?: string) => postSandboxWebhook(t, raw, secret);

/** A new payer's top-up of `amountMinor` that the provider really charged (no webhook delivered yet). */
async function chargedTopUp(amountMinor: number) {
  const u = await signUp(t.app);
  const { id } = await createTopUp(t, u, amountMinor, "wechat");
  await recordSandboxCharge(t.db, id, "succeeded");
  return { u, id };
}

async function state(who: SignedUp, topUpId: string) {
  const [w, u] = await Promise.all([
    t.app.inject({ url: "/api/v1/wallet", headers: who.headers }),
    t.app.inject({ url: `/api/v1/wallet/top-ups/${topUpId}`, headers: who.headers }),
  ]);
  return { available: w.json().availableMinor as number, status: u.json().topUp.status as string };
}

async function auditOk() {
  const res = await t.app.inject({ url: "/api/v1/admin/ledger/audit", headers: operator.headers });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().ok, true, JSON.stringify(res.json().checks.filter((c: { ok: boolean }) => !c.ok)));
}

// State changes reach the audit log through the event consumer: run it first.
async function auditEvents(action: string, topUpId: string) {
  await drainConsumer(t.db, auditConsumer);
  return t.db
    .selectFrom("audit_events")
    .select("details")
    .where("action", "=", action)
    .where("subject_id", "=", topUpId)
    .execute();
}

describe("a rejected delivery does not poison the event id", () => {
  test("a signed first delivery with the wrong amount is refused; the genuine one (same event id) credits", async () => {
    const { u, id } = await chargedTopUp(10_000); // what the provider really charged
    const eventId = `evt_${id}_succeeded`;
    const forged = await deliver(
      body({ id: eventId, outcome: "succeeded", topUpId: id, amountMinor: 99_999_900 }),
    );
    assert.equal(forged.statusCode, 200, forged.body);
    assert.equal(forged.json().outcome, "amount_mismatch");
    const wrongCurrency = await deliver(
      body({ id: eventId, outcome: "succeeded", topUpId: id, amountMinor: 10_000, currency: "USD" }),
    );
    assert.equal(wrongCurrency.json().outcome, "amount_mismatch");
    assert.deepEqual(await state(u, id), { available: 0, status: "pending" });

    const genuine = await deliver(
      body({ id: eventId, outcome: "succeeded", topUpId: id, amountMinor: 10_000 }),
    );
    assert.equal(genuine.json().outcome, "settled_succeeded");
    assert.deepEqual(await state(u, id), { available: 10_000, status: "succeeded" });
    const again = await deliver(
      body({ id: eventId, outcome: "succeeded", topUpId: id, amountMinor: 10_000 }),
    );
    assert.equal(again.json().outcome, "duplicate");
    assert.equal((await state(u, id)).available, 10_000);
    // The operators can see the rejected deliveries.
    assert.equal((await auditEvents(PaymentAuditActions.rejected, id)).length, 2);
    await auditOk();
  });

  test("a badly signed or unknown-top-up delivery with the genuine event id does not block it", async () => {
    const { u, id } = await chargedTopUp(2_000); // what the provider really charged
    const eventId = `evt_${id}_succeeded`;
    const genuineBody = body({ id: eventId, outcome: "succeeded", topUpId: id, amountMinor: 2_000 });
    const badSignature = await deliver(genuineBody, "not-this-install's-secret");
    assert.equal(badSignature.statusCode, 400);
    const unknown = await deliver(
      body({ id: eventId, outcome: "succeeded", topUpId: "tu_nope", amountMinor: 2_000 }),
    );
    assert.equal(unknown.json().outcome, "unknown_top_up");
    const genuine = await deliver(genuineBody);
    assert.equal(genuine.json().outcome, "settled_succeeded");
    assert.deepEqual(await state(u, id), { available: 2_000, status: "succeeded" });
  });
});

describe("late events in the other direction", () => {
  test("succeeded after failed: the payer was charged, so the top-up becomes succeeded and is credited once", async () => {
    const { u, id } = await chargedTopUp(3_300); // what the provider really charged
    const failed = await deliver(
      body({ id: `evt_${id}_failed`, outcome: "failed", topUpId: id, amountMinor: 3_300 }),
    );
    assert.equal(failed.json().outcome, "settled_failed");
    assert.deepEqual(await state(u, id), { available: 0, status: "failed" });

    const ok = body({ id: `evt_${id}_succeeded`, outcome: "succeeded", topUpId: id, amountMinor: 3_300 });
    const results = await Promise.all([deliver(ok), deliver(ok), deliver(ok)]);
    assert.deepEqual(results.map((r) => r.json().outcome).sort(), [
      "duplicate",
      "duplicate",
      "succeeded_after_failed",
    ]);
    assert.deepEqual(await state(u, id), { available: 3_300, status: "succeeded" });
    // The old failure delivered again changes nothing.
    const lateFail = await deliver(
      body({ id: `evt_${id}_failed`, outcome: "failed", topUpId: id, amountMinor: 3_300 }),
    );
    assert.equal(lateFail.json().outcome, "duplicate");
    assert.deepEqual(await state(u, id), { available: 3_300, status: "succeeded" });
    assert.equal((await auditEvents(PaymentAuditActions.succeededAfterFailed, id)).length, 1);
    await auditOk();
  });

  test("failed after succeeded never takes the money back: an anomaly recorded for operators", async () => {
    const { u, id } = await chargedTopUp(4_400); // what the provider really charged
    const ok = await deliver(
      body({ id: `evt_${id}_succeeded`, outcome: "succeeded", topUpId: id, amountMinor: 4_400 }),
    );
    assert.equal(ok.json().outcome, "settled_succeeded");
    const fail = await deliver(
      body({ id: `evt_${id}_failed`, outcome: "failed", topUpId: id, amountMinor: 4_400 }),
    );
    assert.equal(fail.statusCode, 200);
    assert.equal(fail.json().outcome, "anomaly_failed_after_succeeded");
    assert.deepEqual(await state(u, id), { available: 4_400, status: "succeeded" });
    const anomalies = await auditEvents(PaymentAuditActions.failedAfterSucceeded, id);
    assert.equal(anomalies.length, 1);
    assert.equal((anomalies[0]?.details as { eventId?: string } | undefined)?.eventId, `evt_${id}_failed`);
    await auditOk();
  });
});
