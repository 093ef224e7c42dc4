// An operator approves (the payout is queued in the same transaction) or rejects (the hold is
// voided at once: the money is available again).
import { sql } from "kysely";
import type { Withdrawal } from "../../../contracts/wallet.ts";
import { forbidden, notFound } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import type { Jobs } from "../../jobs/jobs.ts";
import { resolvePending } from "../../ledger/ledger.ts";
import { payoutJob } from "./wallet.jobs.ts";
import { presentWithdrawal } from "./wallet.queries.ts";
import { assertTransition } from "./withdrawal-status.ts";

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

export async function approveWithdrawal(
  tx: Tx,
  operatorId: string,
  id: string,
  jobs: Jobs,
): Promise<Withdrawal> {
  const row = await lockWithdrawal(tx, id);
  // Four eyes: nobody approves paying out their own money.
  if (row.account_id === operatorId) throw forbidden("Another operator must approve your own withdrawal");
  assertTransition(row.status, "approved");
  const updated = await tx
    .updateTable("withdrawals")
    .set({ status: "approved", reviewed_by: operatorId, updated_at: sql`now()` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await jobs.enqueue(tx, payoutJob, { withdrawalId: id });
  return presentWithdrawal(updated);
}

export async function rejectWithdrawal(
  tx: Tx,
  operatorId: string,
  id: string,
  reason: string | undefined,
): Promise<Withdrawal> {
  const row = await lockWithdrawal(tx, id);
  assertTransition(row.status, "rejected");
  await resolvePending(tx, "void", `withdrawal:${id}:void`, `withdrawal:${id}`, {
    ref: { type: "withdrawal", id },
  });
  const updated = await tx
    .updateTable("withdrawals")
    .set({
      status: "rejected",
      reviewed_by: operatorId,
      failure_reason: reason ?? "Rejected by an operator",
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentWithdrawal(updated);
}
