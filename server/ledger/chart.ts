// The chart of accounts and the transfer codes of docs/LEDGER.md, and the ids that name accounts.
import { createHash } from "node:crypto";
import { MAX_AMOUNT_MINOR } from "../../contracts/common.ts";

export const CNY = "CNY";

/** Largest amount of one transfer (API.md: above 10^12 fen is invalid input). */
export const MAX_AMOUNT = MAX_AMOUNT_MINOR;

export const AccountFlags = {
  none: 0,
  /** Wallets and escrow: the balance never goes negative. */
  debitsMustNotExceedCredits: 1,
  creditsMustNotExceedDebits: 2,
} as const;

export const AccountCodes = {
  wallet: 1,
  escrowTask: 2,
  escrowOrder: 3,
  platformRevenue: 10,
  paymentClearing: 20,
  payoutClearing: 21,
} as const;

export const TransferFlags = {
  none: 0,
  pending: 1,
  postPending: 2,
  voidPending: 4,
} as const;

export const TransferCodes = {
  topUp: 10,
  escrowFund: 20,
  escrowRelease: 21,
  platformFee: 22,
  escrowRefund: 23,
  disputeSplit: 24,
  /** A refundable contest closed without an award keeps its fail fee (CONTEST_FAIL_FEE_BPS). */
  failFee: 25,
  withdrawal: 30,
  reversal: 90,
} as const;

/** System accounts (no balance flags) are split so that no single row is hot. */
export const SYSTEM_SHARDS = 16;

export function shardOf(key: string, shards = SYSTEM_SHARDS): string {
  const n = createHash("sha1").update(key).digest().readUInt32BE(0) % shards;
  return String(n).padStart(2, "0");
}

export type AccountSpec = Readonly<{
  id: string;
  ledger: string;
  code: number;
  flags: number;
  ownerId: string | null;
}>;

/** What an escrow holds money for: a task (contest pool, pieces, milestones) or an order. */
export type EscrowKind = "task" | "order";

/** The one spelling of an escrow account's id (`escrow:task:<id>`, `escrow:order:<id>`). */
export const escrowAccountId = (kind: EscrowKind, subjectId: string) => `escrow:${kind}:${subjectId}`;

export const accounts = {
  wallet: (userId: string, ledger = CNY): AccountSpec => ({
    id: `wallet:${userId}`,
    ledger,
    code: AccountCodes.wallet,
    flags: AccountFlags.debitsMustNotExceedCredits,
    ownerId: userId,
  }),
  escrowTask: (taskId: string, payerId: string, ledger = CNY): AccountSpec => ({
    id: escrowAccountId("task", taskId),
    ledger,
    code: AccountCodes.escrowTask,
    flags: AccountFlags.debitsMustNotExceedCredits,
    ownerId: payerId,
  }),
  escrowOrder: (orderId: string, payerId: string, ledger = CNY): AccountSpec => ({
    id: escrowAccountId("order", orderId),
    ledger,
    code: AccountCodes.escrowOrder,
    flags: AccountFlags.debitsMustNotExceedCredits,
    ownerId: payerId,
  }),
  /** One of the platform revenue sub-accounts, chosen by the transfer id that credits it. */
  platformRevenue: (transferId: string, ledger = CNY): AccountSpec => ({
    id: `platform:revenue:${shardOf(transferId)}`,
    ledger,
    code: AccountCodes.platformRevenue,
    flags: AccountFlags.none,
    ownerId: null,
  }),
  paymentClearing: (provider: string, transferId: string, ledger = CNY): AccountSpec => ({
    id: `clearing:payments:${provider}:${shardOf(transferId)}`,
    ledger,
    code: AccountCodes.paymentClearing,
    flags: AccountFlags.none,
    ownerId: null,
  }),
  payoutClearing: (provider: string, transferId: string, ledger = CNY): AccountSpec => ({
    id: `clearing:payouts:${provider}:${shardOf(transferId)}`,
    ledger,
    code: AccountCodes.payoutClearing,
    flags: AccountFlags.none,
    ownerId: null,
  }),
};
