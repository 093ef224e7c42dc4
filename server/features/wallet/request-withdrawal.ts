// A withdrawal holds its amount at once (a pending ledger transfer wallet → payout clearing), so it
// can never exceed what is available, even under concurrent requests (the wallet row is locked).
// At or below WITHDRAWAL_AUTO_APPROVE_MAX_MINOR it is approved at once and the payout is queued.
import { randomUUID } from "node:crypto";
import type { CreateWithdrawal, Withdrawal } from "../../../contracts/wallet.ts";
import type { Config } from "../../config.ts";
import { systemActor } from "../../core/actor.ts";
import { type Clock, systemClock } from "../../core/clock.ts";
import { appendEvent, transition } from "../../core/events.ts";
import type { Jobs } from "../../core/jobs.ts";
import type { Tx } from "../../db/database.ts";
import { accounts, TransferCodes, TransferFlags } from "../../ledger/chart.ts";
import { postTransfers } from "../../ledger/ledger.ts";
import { asApiErrors } from "../../ledger/money-errors.ts";
import { presentWithdrawal } from "./wallet.queries.ts";
import { payoutJob } from "./wallet.queues.ts";
import { withdrawalMachine, withdrawalSubject } from "./withdrawal-status.ts";

export async function requestWithdrawal(
  tx: Tx,
  userId: string,
  input: CreateWithdrawal,
  deps: { config: Config; jobs: Jobs; payoutProvider: string; clock?: Clock },
): Promise<Withdrawal> {
  const id = `wd_${randomUUID()}`;
  const transferId = `withdrawal:${id}`;
  const wallet = accounts.wallet(userId);
  const clearing = accounts.payoutClearing(deps.payoutProvider, transferId);
  const autoApprove = input.amountMinor <= deps.config.withdrawalAutoApproveMaxMinor;
  // No ensureAccounts: the payout clearing sub-accounts exist (migration 0203), and a wallet that
  // does not exist yet has no money (account_not_found → 402 below).
  await asApiErrors(() =>
    postTransfers(tx, [
      {
        id: transferId,
        debitAccountId: wallet.id,
        creditAccountId: clearing.id,
        amount: input.amountMinor,
        code: TransferCodes.withdrawal,
        flags: TransferFlags.pending,
        ref: { type: "withdrawal", id },
      },
    ]),
  );
  const at = (deps.clock ?? systemClock).now();
  let row = await tx
    .insertInto("withdrawals")
    .values({
      id,
      account_id: userId,
      amount_minor: input.amountMinor,
      destination_method: input.destination.method,
      destination_account: input.destination.account,
      provider: deps.payoutProvider,
      status: "pending",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEvent(tx, {
    subject: withdrawalSubject(id),
    type: "withdrawal.requested",
    data: { amountMinor: input.amountMinor, to: "pending" },
    actor: { kind: "account_id", accountId: userId },
    at,
  });
  if (autoApprove) {
    await transition(tx, {
      subject: withdrawalSubject(id),
      machine: withdrawalMachine,
      name: "approve",
      actor: systemActor("withdrawal.auto-approve"),
      at,
      patch: { reviewed_by: "auto" },
    });
    row = await tx.selectFrom("withdrawals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    await deps.jobs.enqueue(tx, payoutJob, { withdrawalId: id });
  }
  return presentWithdrawal(row);
}
