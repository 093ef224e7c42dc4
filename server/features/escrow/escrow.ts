// Escrow for any subject — a task (a contest's pool; pieces and milestones later) or an order — as
// ledger postings (docs/LEDGER.md "Business events → transfers"). Each subject has its own escrow
// account `escrow:<kind>:<id>` (chart.ts escrowAccountId; no global hot row). Transfer ids are
// derived from the business event (`<kind>:<id>:…`, unchanged for the tasks posted so far), so a
// retried request or a job that runs twice can never move the same money again: the ledger answers
// `exists` and changes nothing. Call every function under the subject's row lock, which every
// movement of its escrow takes first.
import { sql } from "kysely";
import type { Queryable, Tx } from "../../db/database.ts";
import { accounts, type EscrowKind, escrowAccountId, TransferCodes } from "../../ledger/chart.ts";
import {
  available,
  ensureAccounts,
  findAccount,
  type PostResult,
  postTransfers,
} from "../../ledger/ledger.ts";
import { splitFee } from "../../ledger/money.ts";
import { asApiErrors } from "../../ledger/money-errors.ts";
// Registers escrow's audit check (every escrow account has its subject).
import "./escrow.audit.ts";

/** The platform's share at `bps` basis points, rounded down, exact for every amount (BigInt product). */
export { feeOf } from "../../ledger/money.ts";

/** Whose money an escrow holds, for what. */
export type EscrowSubject = Readonly<{ kind: EscrowKind; id: string; payerId: string }>;

/** A task's escrow, paid by its buyer. */
export const taskEscrow = (task: { id: string; buyer_id: string }): EscrowSubject => ({
  kind: "task",
  id: task.id,
  payerId: task.buyer_id,
});

const accountOf = (s: EscrowSubject) =>
  s.kind === "task" ? accounts.escrowTask(s.id, s.payerId) : accounts.escrowOrder(s.id, s.payerId);

export const transferIds = {
  /** `key` names one of several fundings (an order's `milestone:1`); none: the subject's one funding. */
  fund: (s: Pick<EscrowSubject, "kind" | "id">, key?: string) =>
    key ? `${s.kind}:${s.id}:${key}:fund` : `${s.kind}:${s.id}:fund`,
  release: (s: Pick<EscrowSubject, "kind" | "id">, key: string) => `${s.kind}:${s.id}:${key}:release`,
  fee: (s: Pick<EscrowSubject, "kind" | "id">, key: string) => `${s.kind}:${s.id}:${key}:fee`,
  /** `key` names a partial refund (`unawarded`, `prize:1`); none: the subject's one whole refund. */
  refund: (s: Pick<EscrowSubject, "kind" | "id">, key?: string) =>
    key ? `${s.kind}:${s.id}:${key}:refund` : `${s.kind}:${s.id}:refund`,
  failFee: (s: Pick<EscrowSubject, "kind" | "id">, key?: string) =>
    key ? `${s.kind}:${s.id}:${key}:fail_fee` : `${s.kind}:${s.id}:fail_fee`,
};

/** Payer wallet → the subject's escrow (402 insufficient_funds when the wallet does not cover it). */
export async function fundEscrow(
  tx: Tx,
  subject: EscrowSubject,
  input: { amountMinor: number; message?: string; key?: string },
): Promise<PostResult> {
  const wallet = accounts.wallet(subject.payerId);
  const escrow = accountOf(subject);
  await ensureAccounts(tx, [wallet, escrow]);
  // The ledger refuses under the wallet's lock and says how short it is (availableMinor,
  // requiredMinor, shortMinor: the web app offers a top-up of the difference).
  return asApiErrors(
    () =>
      postTransfers(tx, [
        {
          id: transferIds.fund(subject, input.key),
          debitAccountId: wallet.id,
          creditAccountId: escrow.id,
          amount: input.amountMinor,
          code: TransferCodes.escrowFund,
          ref: { type: subject.kind, id: subject.id },
        },
      ]),
    input.message ?? "Not enough available money in the wallet for the whole pool",
  );
}

type ReleaseInput = {
  providerId: string;
  amountMinor: number;
  /** The fee snapshotted on the subject when it was created (fees.ts), never re-read. */
  feeBps: number;
  /** What is paid within the subject (`prize:0`, `piece:<entryId>`): posted once only. */
  key: string;
  ref: { type: string; id: string };
};

function releaseLegs(escrowId: string, subject: EscrowSubject, input: ReleaseInput) {
  const { feeMinor, netMinor: paidMinor } = splitFee(input.amountMinor, input.feeBps);
  const wallet = accounts.wallet(input.providerId);
  const feeId = transferIds.fee(subject, input.key);
  const revenue = accounts.platformRevenue(feeId);
  const legs = [];
  if (paidMinor > 0) {
    legs.push({
      id: transferIds.release(subject, input.key),
      debitAccountId: escrowId,
      creditAccountId: wallet.id,
      amount: paidMinor,
      code: TransferCodes.escrowRelease,
      ref: input.ref,
    });
  }
  if (feeMinor > 0) {
    legs.push({
      id: feeId,
      debitAccountId: escrowId,
      creditAccountId: revenue.id,
      amount: feeMinor,
      code: TransferCodes.platformFee,
      ref: input.ref,
    });
  }
  return { paidMinor, feeMinor, legs, accounts: [wallet, revenue] };
}

/**
 * Pay `amountMinor` out of the escrow: amount − fee to the provider's wallet and the fee to a
 * platform revenue sub-account, as one linked posting.
 */
export async function releaseEscrow(
  tx: Tx,
  subject: EscrowSubject,
  input: ReleaseInput,
): Promise<{ paidMinor: number; feeMinor: number; result: PostResult }> {
  const escrow = accountOf(subject);
  const release = releaseLegs(escrow.id, subject, input);
  await ensureAccounts(tx, [escrow, ...release.accounts]);
  const result = await postTransfers(tx, release.legs);
  return { paidMinor: release.paidMinor, feeMinor: release.feeMinor, result };
}

type RefundInput = {
  /** Default: all that is left. */
  amountMinor?: number;
  /** Kept for the platform out of the refund (a refundable contest's fail fee). */
  failFeeMinor?: number;
  /** A partial refund (`unawarded`, `prize:1`); none: the subject's one whole refund. */
  key?: string;
};

const refundAccounts = (subject: EscrowSubject, key?: string) => ({
  buyer: accounts.wallet(subject.payerId),
  revenue: accounts.platformRevenue(transferIds.failFee(subject, key)),
});

async function refundLegs(q: Queryable, escrowId: string, subject: EscrowSubject, input: RefundInput) {
  const { buyer, revenue } = refundAccounts(subject, input.key);
  const balance = Math.min(input.amountMinor ?? Number.MAX_SAFE_INTEGER, await escrowBalance(q, subject));
  const failFeeMinor = Math.min(input.failFeeMinor ?? 0, balance);
  const refundedMinor = balance - failFeeMinor;
  const ref = { type: subject.kind, id: subject.id };
  const legs = [];
  if (refundedMinor > 0) {
    legs.push({
      id: transferIds.refund(subject, input.key),
      debitAccountId: escrowId,
      creditAccountId: buyer.id,
      amount: refundedMinor,
      code: TransferCodes.escrowRefund,
      ref,
    });
  }
  if (failFeeMinor > 0) {
    legs.push({
      id: transferIds.failFee(subject, input.key),
      debitAccountId: escrowId,
      creditAccountId: revenue.id,
      amount: failFeeMinor,
      code: TransferCodes.failFee,
      ref,
    });
  }
  return { refundedMinor, failFeeMinor, legs };
}

/** Return money in the escrow to the payer, keeping `failFeeMinor` of it for the platform. */
export async function refundEscrow(
  tx: Tx,
  subject: EscrowSubject,
  input: RefundInput = {},
): Promise<{ refundedMinor: number; failFeeMinor: number }> {
  const escrow = accountOf(subject);
  const { buyer, revenue } = refundAccounts(subject, input.key);
  await ensureAccounts(tx, [escrow, buyer, revenue]);
  const refund = await refundLegs(tx, escrow.id, subject, input);
  await postTransfers(tx, refund.legs);
  return { refundedMinor: refund.refundedMinor, failFeeMinor: refund.failFeeMinor };
}

/**
 * Settle part of the escrow both ways (a dispute's outcome): `refundMinor` back to the payer and
 * `release.amountMinor` − fee to the provider, as one linked posting — both or neither.
 */
export async function splitEscrow(
  tx: Tx,
  subject: EscrowSubject,
  input: { refundMinor: number; key: string; release: ReleaseInput },
): Promise<{ refundedMinor: number; paidMinor: number; feeMinor: number; result: PostResult }> {
  const escrow = accountOf(subject);
  const { buyer, revenue } = refundAccounts(subject, input.key);
  const release = releaseLegs(escrow.id, subject, input.release);
  await ensureAccounts(tx, [escrow, buyer, revenue, ...release.accounts]);
  const refund = await refundLegs(tx, escrow.id, subject, { amountMinor: input.refundMinor, key: input.key });
  const result = await postTransfers(tx, [...refund.legs, ...release.legs]);
  return {
    refundedMinor: refund.refundedMinor,
    paidMinor: release.paidMinor,
    feeMinor: release.feeMinor,
    result,
  };
}

/** What the subject's escrow holds now (0 before it was funded). */
export async function escrowBalance(
  q: Queryable,
  subject: Pick<EscrowSubject, "kind" | "id">,
): Promise<number> {
  const a = await findAccount(q, escrowAccountId(subject.kind, subject.id));
  return a ? available(a) : 0;
}

/** `escrowAccountId` in SQL, for joins: `escrow:<kind>:` || the subject's id column. */
export function escrowAccountIdSql(kind: EscrowKind, subjectIdRef: string) {
  return sql<string>`${escrowAccountId(kind, "")} || ${sql.ref(subjectIdRef)}`;
}
