// The sandbox provider's "pay" button: the payer pays (or fails) a pending top-up; the provider
// then notifies us with a signed webhook, asynchronously — after a random delay, and about one time
// in three a second, later delivery of the same event. One event id per (top-up, outcome), so
// paying twice is one event.

import { AppError, notFound } from "../../core/errors.ts";
import type { Jobs } from "../../core/jobs.ts";
import type { Tx } from "../../db/database.ts";
import { recordSandboxCharge, SANDBOX, sandboxEventBody } from "../../payments/sandbox.ts";
import { sandboxWebhookJob } from "./wallet.queues.ts";

export type SandboxDelivery = { firstDelayMs: number; secondDelayMs?: number };

export function randomDelivery(random = Math.random): SandboxDelivery {
  const firstDelayMs = Math.floor(random() * 1_500);
  return random() < 0.33
    ? { firstDelayMs, secondDelayMs: firstDelayMs + 500 + Math.floor(random() * 3_000) }
    : { firstDelayMs };
}

export async function sandboxPay(
  tx: Tx,
  jobs: Jobs,
  topUpId: string,
  outcome: "succeeded" | "failed",
  delivery: SandboxDelivery = randomDelivery(),
) {
  const topUp = await tx
    .selectFrom("top_ups")
    .selectAll()
    .where("id", "=", topUpId)
    .where("provider", "=", SANDBOX)
    .forUpdate()
    .executeTakeFirst();
  if (!topUp) throw notFound("Top-up");
  if (topUp.status !== "pending") {
    throw new AppError("invalid_transition", `This top-up is already ${topUp.status}`, {
      status: topUp.status,
    });
  }
  // The provider charges (or fails) a payment once: a second click, even before the first webhook
  // has arrived, is refused — so the two outcomes can never race each other to our inbox.
  if (!(await recordSandboxCharge(tx, topUp.id, outcome))) {
    throw new AppError(
      "invalid_transition",
      "This top-up was already paid at the provider; its notification is on its way",
    );
  }
  const body = sandboxEventBody({
    id: `evt_${topUp.id}_${outcome}`,
    type: outcome === "succeeded" ? "payment.succeeded" : "payment.failed",
    topUpId: topUp.id,
    amountMinor: topUp.amount_minor,
    currency: topUp.currency,
  });
  const now = Date.now();
  await jobs.enqueue(
    tx,
    sandboxWebhookJob,
    { body, delivery: 1 },
    { startAfter: new Date(now + delivery.firstDelayMs) },
  );
  if (delivery.secondDelayMs !== undefined) {
    await jobs.enqueue(
      tx,
      sandboxWebhookJob,
      { body, delivery: 2 },
      { startAfter: new Date(now + delivery.secondDelayMs) },
    );
  }
  return topUp;
}
