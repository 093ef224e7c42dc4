// Reads of the wallet feature: balances, statement, top-ups, withdrawals, and their presenters.

import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { TopUp, Wallet, WalletEntry, Withdrawal } from "../../../contracts/wallet.ts";
import { notFound } from "../../core/errors.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable } from "../../db/database.ts";
import type { TopUpsTable, WithdrawalsTable } from "../../db/schema.ts";
import { AccountCodes, accounts, CNY, TransferCodes, TransferFlags } from "../../ledger/chart.ts";
import { listAccountTransfers, type StatementLine } from "../../ledger/ledger.ts";

export async function getWallet(q: Queryable, userId: string): Promise<Wallet> {
  // One statement, hence one snapshot: money moving between the wallet and an escrow of the same
  // owner (or a withdrawal being held) never shows up twice or not at all in the total.
  const { rows } = await sql<{ available: number; pending: number; escrow: number }>`
    SELECT coalesce(w.credits_posted - w.debits_posted - w.debits_pending, 0)::bigint AS available,
           coalesce(w.debits_pending, 0)::bigint AS pending,
           (SELECT coalesce(sum(e.credits_posted - e.debits_posted), 0) FROM ledger_accounts e
            WHERE e.owner_id = ${userId}
              AND e.code IN (${AccountCodes.escrowTask}, ${AccountCodes.escrowOrder}))::bigint AS escrow
    FROM (SELECT 1) AS one
    LEFT JOIN ledger_accounts w ON w.id = ${accounts.wallet(userId).id}`.execute(q);
  const row = rows[0];
  return {
    currency: CNY,
    availableMinor: Number(row?.available ?? 0),
    inEscrowMinor: Number(row?.escrow ?? 0),
    pendingWithdrawalMinor: Number(row?.pending ?? 0),
  };
}

const plainKinds: Record<number, WalletEntry["kind"]> = {
  [TransferCodes.topUp]: "top_up",
  [TransferCodes.escrowFund]: "escrow_fund",
  [TransferCodes.escrowRelease]: "escrow_release",
  [TransferCodes.platformFee]: "platform_fee",
  [TransferCodes.escrowRefund]: "escrow_refund",
  [TransferCodes.disputeSplit]: "dispute_split",
  [TransferCodes.reversal]: "reversal",
};

/** One statement line: its kind and its signed effect on the wallet's available balance. */
export function presentEntry(line: StatementLine): WalletEntry {
  const debit = line.direction === "debit";
  let kind: WalletEntry["kind"] = plainKinds[line.code] ?? "other";
  let amount: number;
  if (line.flags === TransferFlags.pending) {
    kind = line.code === TransferCodes.withdrawal ? "withdrawal_hold" : kind;
    amount = debit ? -line.amount : 0;
  } else if (line.flags === TransferFlags.postPending) {
    kind = line.code === TransferCodes.withdrawal ? "withdrawal_paid" : kind;
    amount = debit ? (line.pendingAmount ?? line.amount) - line.amount : line.amount;
  } else if (line.flags === TransferFlags.voidPending) {
    kind = line.code === TransferCodes.withdrawal ? "withdrawal_returned" : kind;
    amount = debit ? (line.pendingAmount ?? 0) : 0;
  } else {
    amount = debit ? -line.amount : line.amount;
  }
  return {
    id: line.id,
    at: line.at.toISOString(),
    kind,
    amountMinor: amount,
    ref: line.refType && line.refId ? { type: line.refType, id: line.refId } : null,
  };
}

export async function listWalletEntries(
  q: Queryable,
  userId: string,
  options: { limit: number; cursor?: string },
): Promise<{ items: WalletEntry[]; nextCursor: string | null }> {
  const beforeSeq = decodeCursor("wallet-entries", options.cursor, ["int"] as const)?.[0];
  const lines = await listAccountTransfers(q, accounts.wallet(userId).id, {
    limit: options.limit + 1,
    beforeSeq,
  });
  const page = lines.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentEntry),
    nextCursor:
      lines.length > options.limit && last ? encodeCursor("wallet-entries", [Number(last.seq)]) : null,
  };
}

type TopUpRow = Selectable<TopUpsTable>;
type WithdrawalRow = Selectable<WithdrawalsTable>;

export function presentTopUp(row: TopUpRow, payUrl?: string): TopUp {
  return {
    id: row.id,
    status: row.status as TopUp["status"],
    amountMinor: row.amount_minor,
    method: row.method as TopUp["method"],
    ...(payUrl ? { payUrl } : {}),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function presentWithdrawal(row: WithdrawalRow): Withdrawal {
  return {
    id: row.id,
    status: row.status as Withdrawal["status"],
    amountMinor: row.amount_minor,
    destination: { method: row.destination_method as "alipay" | "bank", account: row.destination_account },
    failureReason: row.failure_reason,
    accountId: row.account_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function findTopUp(q: Queryable, id: string): Promise<TopUpRow | undefined> {
  return q.selectFrom("top_ups").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The caller's own top-up, or not_found (also for someone else's). */
export async function getOwnTopUp(q: Queryable, userId: string, id: string): Promise<TopUpRow> {
  const row = await findTopUp(q, id);
  if (!row || row.account_id !== userId) throw notFound("Top-up");
  return row;
}

export async function findWithdrawal(q: Queryable, id: string): Promise<WithdrawalRow | undefined> {
  return q.selectFrom("withdrawals").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getOwnWithdrawal(q: Queryable, userId: string, id: string): Promise<WithdrawalRow> {
  const row = await findWithdrawal(q, id);
  if (!row || row.account_id !== userId) throw notFound("Withdrawal");
  return row;
}

const WITHDRAWAL_ID = /^wd_[\w-]{1,64}$/;

export async function listWithdrawals(
  q: Queryable,
  filter: { accountId?: string; status?: string; limit: number; cursor?: string },
): Promise<{ items: Withdrawal[]; nextCursor: string | null }> {
  let query = q.selectFrom("withdrawals").selectAll();
  if (filter.accountId) query = query.where("account_id", "=", filter.accountId);
  if (filter.status) query = query.where("status", "=", filter.status);
  const cursor = decodeCursor("withdrawals", filter.cursor, ["instant", WITHDRAWAL_ID] as const);
  if (cursor) {
    query = query.where(
      sql<boolean>`(date_trunc('milliseconds', created_at), id) < (${cursor[0]}, ${cursor[1]})`,
    );
  }
  const rows = await query
    .orderBy(sql`date_trunc('milliseconds', created_at)`, "desc")
    .orderBy("id", "desc")
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentWithdrawal),
    nextCursor:
      rows.length > filter.limit && last
        ? encodeCursor("withdrawals", [new Date(last.created_at), last.id])
        : null,
  };
}
