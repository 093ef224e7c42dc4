// A verified provider event settles its top-up exactly once. The inbox (`payment_events`, keyed by
// the provider's event id) records an event only once it was verified and applied to a top-up we
// know, with the amount and currency we asked for: a rejected delivery — unknown top-up, wrong
// amount (a forgery, or a provider bug) — is not recorded, so it can never mark the genuine event
// with the same id as a duplicate. (A bad signature never gets here: receive-webhook.ts, 400.)
//
// What each verified event does to its top-up (docs/LEDGER.md, "Payments and payouts"):
//   pending   + succeeded → credit the wallet once (`topup:<id>`), status succeeded
//   pending   + failed    → status failed, no money
//   failed    + succeeded → the provider did charge the payer after all: credit once, succeeded
//   succeeded + failed    → never un-credit; recorded as an anomaly for operators (audit log)
//   same status again     → recorded, nothing changes
import { sql } from "kysely";
import { systemActor } from "../../core/actor.ts";
import { type Clock, systemClock } from "../../core/clock.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { accounts, TransferCodes } from "../../ledger/chart.ts";
import { ensureAccounts, postTransfers } from "../../ledger/ledger.ts";
import type { PaymentEvent } from "../../payments/port.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { topUpMachine, topUpSubject } from "./top-up-status.ts";

export type SettleOutcome =
  | "duplicate"
  | "settled_succeeded"
  | "settled_failed"
  | "succeeded_after_failed"
  | "anomaly_failed_after_succeeded"
  | "ignored_already_settled"
  | "unknown_top_up"
  | "amount_mismatch";

/**
 * Audit-log actions of payment events operators should look at. A late success is a state change:
 * its entry comes from the domain event (audit.consumer.ts); the other two change nothing.
 */
export const PaymentAuditActions = {
  rejected: "payment.event_rejected",
  succeededAfterFailed: "top_up.succeeded_after_failed",
  failedAfterSucceeded: "payment.failed_after_succeeded",
} as const;

export async function receivePaymentEvent(
  tx: Tx,
  provider: string,
  event: PaymentEvent,
  clock: Clock = systemClock,
): Promise<SettleOutcome> {
  // Lock the top-up first: concurrent deliveries of its events queue here, in a stable order.
  const topUp = await tx
    .selectFrom("top_ups")
    .selectAll()
    .where("id", "=", event.topUpId)
    .where("provider", "=", provider)
    .forUpdate()
    .executeTakeFirst();
  if (!topUp || topUp.amount_minor !== event.amountMinor || topUp.currency !== event.currency) {
    // Not recorded in the inbox: the genuine delivery of this event id must still be applied.
    const outcome = topUp ? "amount_mismatch" : "unknown_top_up";
    await recordAudit(tx, {
      action: PaymentAuditActions.rejected,
      subject: { type: "top_up", id: event.topUpId },
      details: {
        provider,
        outcome,
        eventId: event.id,
        type: event.type,
        amountMinor: event.amountMinor,
        currency: event.currency,
        ...(topUp ? { expectedAmountMinor: topUp.amount_minor, expectedCurrency: topUp.currency } : {}),
      },
    });
    return outcome;
  }

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

  const succeeded = event.type === "payment.succeeded";
  let outcome: SettleOutcome;
  if (topUp.status === "pending") outcome = succeeded ? "settled_succeeded" : "settled_failed";
  else if (topUp.status === "failed" && succeeded) outcome = "succeeded_after_failed";
  else if (topUp.status === "succeeded" && !succeeded) outcome = "anomaly_failed_after_succeeded";
  else outcome = "ignored_already_settled";

  await tx
    .insertInto("payment_events")
    .values({ provider, event_id: event.id, type: event.type, payload: JSON.stringify(event), outcome })
    .execute();

  if (outcome === "settled_succeeded" || outcome === "succeeded_after_failed") {
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
  if (
    outcome === "settled_succeeded" ||
    outcome === "settled_failed" ||
    outcome === "succeeded_after_failed"
  ) {
    const late = outcome === "succeeded_after_failed";
    await transition(tx, {
      subject: topUpSubject(topUp.id),
      machine: topUpMachine,
      name: late ? "succeedAfterFailed" : succeeded ? "succeed" : "fail",
      actor: systemActor(`payments.${provider}`),
      at: clock.now(),
      patch: { settled_at: clock.now() },
      data: { provider, eventId: event.id, accountId: topUp.account_id, amountMinor: topUp.amount_minor },
      event: late ? "succeeded_after_failed" : undefined,
    });
  }
  if (outcome === "anomaly_failed_after_succeeded") {
    await recordAudit(tx, {
      action: PaymentAuditActions.failedAfterSucceeded,
      subject: { type: "top_up", id: topUp.id },
      details: { provider, eventId: event.id, accountId: topUp.account_id, amountMinor: topUp.amount_minor },
    });
  }
  return outcome;
}
