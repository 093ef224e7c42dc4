// The payout job: ask the payout provider to pay an approved withdrawal, then post the hold (paid)
// or void it (failed: the money returns to the wallet). Re-runnable: a second run after a crash
// finds the withdrawal no longer `approved` and does nothing; the provider is idempotent per id.
import { systemActor } from "../../core/actor.ts";
import { type Clock, systemClock } from "../../core/clock.ts";
import { transition } from "../../core/events.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Database } from "../../db/database.ts";
import { resolvePending } from "../../ledger/ledger.ts";
import type { PayoutProvider } from "../../payments/port.ts";
import { withdrawalMachine, withdrawalSubject } from "./withdrawal-status.ts";

export async function completePayout(
  db: Database,
  provider: PayoutProvider,
  withdrawalId: string,
  clock: Clock = systemClock,
): Promise<string> {
  const w = await db.selectFrom("withdrawals").selectAll().where("id", "=", withdrawalId).executeTakeFirst();
  if (!w) return "missing";
  if (w.status !== "approved") return w.status;
  const result = await provider.pay({
    withdrawalId: w.id,
    amountMinor: w.amount_minor,
    currency: w.currency,
    destination: { method: w.destination_method, account: w.destination_account },
  });
  return inTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom("withdrawals")
      .select("status")
      .where("id", "=", withdrawalId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.status !== "approved") return row.status;
    const ref = { type: "withdrawal", id: withdrawalId };
    if (result.status === "paid") {
      await resolvePending(tx, "post", `withdrawal:${withdrawalId}:post`, `withdrawal:${withdrawalId}`, {
        ref,
      });
    } else {
      await resolvePending(tx, "void", `withdrawal:${withdrawalId}:void`, `withdrawal:${withdrawalId}`, {
        ref,
      });
    }
    await transition(tx, {
      subject: withdrawalSubject(withdrawalId),
      machine: withdrawalMachine,
      name: result.status === "paid" ? "pay" : "fail",
      actor: systemActor("wallet.payout"),
      at: clock.now(),
      patch: {
        failure_reason: result.status === "failed" ? result.reason : null,
        updated_at: clock.now(),
      },
    });
    return result.status;
  });
}
