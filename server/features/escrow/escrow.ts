// A task's money, as ledger postings (docs/LEDGER.md "Business events → transfers"). Every task has
// its own escrow account `escrow:task:<id>` (no global hot row). Transfer ids are derived from the
// business event, so a retried request or a job that runs twice can never move the same money
// again: the ledger answers `exists` and changes nothing. Shared by every way of buying from a task
// (contest prizes now; piece-rate pieces and tender milestones later).
import type { Queryable, Tx } from "../../db/database.ts";
import { accounts, TransferCodes } from "../../ledger/chart.ts";
import { ensureAccounts, findAccount, type PostResult, postTransfers } from "../../ledger/ledger.ts";
import { splitFee } from "../../ledger/money.ts";
import { asApiErrors } from "../../ledger/money-errors.ts";

/** The platform's share at `bps` basis points, rounded down, exact for every amount (BigInt product). */
export { feeOf } from "../../ledger/money.ts";

export const transferIds = {
  fund: (taskId: string) => `task:${taskId}:fund`,
  release: (taskId: string, key: string) => `task:${taskId}:${key}:release`,
  fee: (taskId: string, key: string) => `task:${taskId}:${key}:fee`,
  /** `key` names a partial refund (`unawarded`, `prize:1`); none: the task's one whole refund. */
  refund: (taskId: string, key?: string) => (key ? `task:${taskId}:${key}:refund` : `task:${taskId}:refund`),
  failFee: (taskId: string, key?: string) =>
    key ? `task:${taskId}:${key}:fail_fee` : `task:${taskId}:fail_fee`,
};

/** Buyer wallet → the task's escrow (402 insufficient_funds when the wallet does not cover it). */
export async function fundEscrow(
  tx: Tx,
  input: { taskId: string; buyerId: string; amountMinor: number },
): Promise<PostResult> {
  const wallet = accounts.wallet(input.buyerId);
  const escrow = accounts.escrowTask(input.taskId, input.buyerId);
  await ensureAccounts(tx, [wallet, escrow]);
  // The ledger refuses under the wallet's lock and says how short it is (availableMinor,
  // requiredMinor, shortMinor: the web app offers a top-up of the difference).
  return asApiErrors(
    () =>
      postTransfers(tx, [
        {
          id: transferIds.fund(input.taskId),
          debitAccountId: wallet.id,
          creditAccountId: escrow.id,
          amount: input.amountMinor,
          code: TransferCodes.escrowFund,
          ref: { type: "task", id: input.taskId },
        },
      ]),
    "Not enough available money in the wallet for the whole pool",
  );
}

/**
 * Pay `amountMinor` out of the escrow: amount − fee to the provider's wallet and the fee to a
 * platform revenue sub-account, as one linked posting. `key` names what is paid within the task
 * (`prize:0`, `piece:<entryId>`), so the same payment can be posted once only.
 */
export async function releaseEscrow(
  tx: Tx,
  input: {
    taskId: string;
    buyerId: string;
    providerId: string;
    amountMinor: number;
    feeBps: number;
    key: string;
    ref: { type: string; id: string };
  },
): Promise<{ paidMinor: number; feeMinor: number; result: PostResult }> {
  const { feeMinor, netMinor: paidMinor } = splitFee(input.amountMinor, input.feeBps);
  const escrow = accounts.escrowTask(input.taskId, input.buyerId);
  const wallet = accounts.wallet(input.providerId);
  const feeId = transferIds.fee(input.taskId, input.key);
  const revenue = accounts.platformRevenue(feeId);
  await ensureAccounts(tx, [escrow, wallet, revenue]);
  const legs = [];
  if (paidMinor > 0) {
    legs.push({
      id: transferIds.release(input.taskId, input.key),
      debitAccountId: escrow.id,
      creditAccountId: wallet.id,
      amount: paidMinor,
      code: TransferCodes.escrowRelease,
      ref: input.ref,
    });
  }
  if (feeMinor > 0) {
    legs.push({
      id: feeId,
      debitAccountId: escrow.id,
      creditAccountId: revenue.id,
      amount: feeMinor,
      code: TransferCodes.platformFee,
      ref: input.ref,
    });
  }
  const result = await postTransfers(tx, legs);
  return { paidMinor, feeMinor, result };
}

/**
 * Return money in the escrow to the buyer: `amountMinor` (default: all that is left), keeping
 * `failFeeMinor` (a refundable contest's fail fee) of it for the platform. One refund per task and
 * `key` (a part of the pool, e.g. one lapsed prize): call it under the task's row lock, which every
 * movement of the task's escrow takes first.
 */
export async function refundEscrow(
  tx: Tx,
  input: { taskId: string; buyerId: string; failFeeMinor?: number; amountMinor?: number; key?: string },
): Promise<{ refundedMinor: number; failFeeMinor: number }> {
  const escrow = accounts.escrowTask(input.taskId, input.buyerId);
  const buyer = accounts.wallet(input.buyerId);
  const failFeeId = transferIds.failFee(input.taskId, input.key);
  const revenue = accounts.platformRevenue(failFeeId);
  await ensureAccounts(tx, [escrow, buyer, revenue]);
  const balance = Math.min(
    input.amountMinor ?? Number.MAX_SAFE_INTEGER,
    await escrowBalance(tx, input.taskId),
  );
  const failFeeMinor = Math.min(input.failFeeMinor ?? 0, balance);
  const refundedMinor = balance - failFeeMinor;
  const legs = [];
  if (refundedMinor > 0) {
    legs.push({
      id: transferIds.refund(input.taskId, input.key),
      debitAccountId: escrow.id,
      creditAccountId: buyer.id,
      amount: refundedMinor,
      code: TransferCodes.escrowRefund,
      ref: { type: "task", id: input.taskId },
    });
  }
  if (failFeeMinor > 0) {
    legs.push({
      id: failFeeId,
      debitAccountId: escrow.id,
      creditAccountId: revenue.id,
      amount: failFeeMinor,
      code: TransferCodes.failFee,
      ref: { type: "task", id: input.taskId },
    });
  }
  await postTransfers(tx, legs);
  return { refundedMinor, failFeeMinor };
}

/** What the task's escrow holds now (0 before it was funded). */
export async function escrowBalance(q: Queryable, taskId: string): Promise<number> {
  const a = await findAccount(q, `escrow:task:${taskId}`);
  return a ? a.creditsPosted - a.debitsPosted - a.debitsPending : 0;
}
