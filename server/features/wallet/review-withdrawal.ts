// An operator approves (the payout is queued in the same transaction) or rejects (the hold is
// voided at once: the money is available again).
import type { Withdrawal } from "../../../contracts/wallet.ts";
import { type Clock, systemClock } from "../../core/clock.ts";
import { forbidden, notFound } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Jobs } from "../../core/jobs.ts";
import type { Tx } from "../../db/database.ts";
import { resolvePending } from "../../ledger/ledger.ts";
import { presentWithdrawal } from "./wallet.queries.ts";
import { payoutJob } from "./wallet.queues.ts";
import { withdrawalMachine, withdrawalSubject } from "./withdrawal-status.ts";

async function lockWithdrawal(tx: Tx, id: string) {
  const row = await tx
    .selectFrom("withdrawals")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound("Withdrawal");
  return row;
}

/** An operator's decision on a withdrawal: the state change, signed by the reviewer. */
async function recordReview(
  tx: Tx,
  id: string,
  name: "approve" | "reject",
  operatorId: string,
  clock: Clock,
  patch: { failure_reason?: string } = {},
): Promise<void> {
  await transition(tx, {
    subject: withdrawalSubject(id),
    machine: withdrawalMachine,
    name,
    actor: { kind: "account_id", accountId: operatorId },
    at: clock.now(),
    patch: { reviewed_by: operatorId, ...patch, updated_at: clock.now() },
  });
}

export async function approveWithdrawal(
  tx: Tx,
  operatorId: string,
  id: string,
  jobs: Jobs,
  clock: Clock = systemClock,
): Promise<Withdrawal> {
  const row = await lockWithdrawal(tx, id);
  // Four eyes: nobody approves paying out their own money.
  if (row.account_id === operatorId) throw forbidden("Another operator must approve your own withdrawal");
  await recordReview(tx, id, "approve", operatorId, clock);
  await jobs.enqueue(tx, payoutJob, { withdrawalId: id });
  return presentWithdrawal(await lockWithdrawal(tx, id));
}

export async function rejectWithdrawal(
  tx: Tx,
  operatorId: string,
  id: string,
  reason: string | undefined,
  clock: Clock = systemClock,
): Promise<Withdrawal> {
  const row = await lockWithdrawal(tx, id);
  withdrawalMachine.assert("reject", row.status);
  await resolvePending(tx, "void", `withdrawal:${id}:void`, `withdrawal:${id}`, {
    ref: { type: "withdrawal", id },
  });
  await recordReview(tx, id, "reject", operatorId, clock, {
    failure_reason: reason ?? "Rejected by an operator",
  });
  return presentWithdrawal(await lockWithdrawal(tx, id));
}
