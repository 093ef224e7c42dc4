// A verified provider event, recorded once (inbox keyed by the provider's event id), settles its
// top-up exactly once: the first `payment.succeeded` credits the wallet, the first `payment.failed`
// marks it failed; duplicates and late, out-of-order events change nothing.
import { sql } from "kysely";
import type { Tx } from "../../db/database.ts";
import { accounts, TransferCodes } from "../../ledger/chart.ts";
import { ensureAccounts, postTransfers } from "../../ledger/ledger.ts";
import type { PaymentEvent } from "../../payments/port.ts";

export type SettleOutcome =
  | "duplicate"
  | "settled_succeeded"
  | "settled_failed"
  | "ignored_already_settled"
  | "unknown_top_up"
  | "amount_mismatch";

export async function receivePaymentEvent(
  tx: Tx,
  provider: string,
  event: PaymentEvent,
): Promise<SettleOutcome> {
  // Lock the top-up first: concurrent deliveries of its events queue here, in a stable order.
  const topUp = await tx
    .selectFrom("top_ups")
    .selectAll()
    .where("id", "=", event.topUpId)
    .where("provider", "=", provider)
    .forUpdate()
    .executeTakeFirst();
  const seen = await tx
    .selectFrom("payment_events")
    .select("event_id")
    .where("provider", "=", provider)
    .where("event_id", "=", event.id)
    .executeTakeFirst();
  if (seen) {
    await sql`UPDATE payment_events SET deliveries = deliveries + 1
              WHERE provider = ${provider} AND event_id = ${event.id}`.execute(tx);
    return "duplicate";
  }

  let outcome: SettleOutcome;
  if (!topUp) outcome = "unknown_top_up";
  else if (topUp.amount_minor !== event.amountMinor || topUp.currency !== event.currency)
    outcome = "amount_mismatch";
  else if (topUp.status !== "pending") outcome = "ignored_already_settled";
  else outcome = event.type === "payment.succeeded" ? "settled_succeeded" : "settled_failed";

  await tx
    .insertInto("payment_events")
    .values({
      provider,
      event_id: event.id,
      type: event.type,
      payload: JSON.stringify(event),
      outcome,
    })
    .execute();

  if (topUp && outcome === "settled_succeeded") {
    const transferId = `topup:${topUp.id}`;
    const wallet = accounts.wallet(topUp.account_id, topUp.currency);
    const clearing = accounts.paymentClearing(provider, transferId, topUp.currency);
    await ensureAccounts(tx, [wallet, clearing]);
    await postTransfers(tx, [
      {
        id: transferId,
        debitAccountId: clearing.id,
        creditAccountId: wallet.id,
        amount: topUp.amount_minor,
        code: TransferCodes.topUp,
        ref: { type: "top_up", id: topUp.id },
      },
    ]);
  }
  if (topUp && (outcome === "settled_succeeded" || outcome === "settled_failed")) {
    await tx
      .updateTable("top_ups")
      .set({ status: outcome === "settled_succeeded" ? "succeeded" : "failed", settled_at: sql`now()` })
      .where("id", "=", topUp.id)
      .execute();
  }
  return outcome;
}
