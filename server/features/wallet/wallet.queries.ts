// Reads of the wallet feature: balances, statement, top-ups, withdrawals, and their presenters.

import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { TopUp, Wallet, WalletEntry, Withdrawal } from "../../../contracts/wallet.ts";
import { notFound } from "../../core/errors.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable } from "../../db/database.ts";
import type { TopUpsTable, WithdrawalsTable } from "../../db/schema.ts";
import { AccountCodes, accounts, CNY, TransferCodes, TransferFlags } from "../../ledger/chart.ts";
import { availableSql, listAccountTransfers, type StatementLine } from "../../ledger/ledger.ts";

export async function getWallet(q: Queryable, userId: string): Promise<Wallet> {
  // One statement, hence one snapshot: money moving between the wallet and an escrow of the same
  // owner (or a withdrawal being held) never shows up twice or not at all in the total.
  const { rows } = await sql<{ available: number; pending: number; escrow: number }>`
    SELECT coalesce(${availableSql("w")}, 0)::bigint AS available,
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

/**
 * What a statement line is about, said in words: the contest's title (and id, to link it) for
 * lines on a task or one of its entries, and for a prize paid out the gross and the platform fee
 * (the fee transfer is the release's sibling: same id with `:fee` for `:release`, see escrow.ts).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function describeEntries(q: Queryable, lines: StatementLine[], items: WalletEntry[]) {
  const idsOf = (type: string) =>
    lines.filter((l) => l.refType === type && UUID.test(l.refId ?? "")).map((l) => l.refId as string);
  const taskIds = idsOf("task");
  const entryIds = idsOf("entry");
  const feeIds = lines
    .filter((l) => l.code === TransferCodes.escrowRelease && l.id.endsWith(":release"))
    .map((l) => `${l.id.slice(0, -":release".length)}:fee`);
  const [tasks, entries, fees] = await Promise.all([
    sql<{ id: string; title: string }>`
      SELECT id::text, title FROM tasks WHERE id = ANY(${taskIds}::uuid[])`.execute(q),
    sql<{ id: string; task_id: string; title: string }>`
      SELECT e.id::text, e.task_id::text, t.title FROM entries e JOIN tasks t ON t.id = e.task_id
      WHERE e.id = ANY(${entryIds}::uuid[])`.execute(q),
    sql<{ id: string; amount: string }>`
      SELECT id, amount::text FROM ledger_transfers
      WHERE id = ANY(${feeIds}::text[])`.execute(q),
  ]);
  const titles = new Map<string, { taskId: string; title: string }>();
  for (const t of tasks.rows) titles.set(`task:${t.id}`, { taskId: t.id, title: t.title });
  for (const e of entries.rows) titles.set(`entry:${e.id}`, { taskId: e.task_id, title: e.title });
  const feeById = new Map(fees.rows.map((f) => [f.id, Number(f.amount)]));
  return items.map((item, i) => {
    const line = lines[i] as StatementLine;
    const about = item.ref ? titles.get(`${item.ref.type}:${item.ref.id}`) : undefined;
    const ref = item.ref && about ? { ...item.ref, ...about } : item.ref;
    if (item.kind !== "escrow_release" || !line.id.endsWith(":release")) return { ...item, ref };
    const feeMinor = feeById.get(`${line.id.slice(0, -":release".length)}:fee`) ?? 0;
    return { ...item, ref, grossMinor: item.amountMinor + feeMinor, feeMinor };
  });
}

/**
 * A withdrawal's payment posts its hold: the money already left the available balance with the
 * hold, so that line moves nothing (a "¥0.00 withdrawal" row). The hold line says the withdrawal;
 * such lines are left out of the statement.
 */
function movesMoney(line: StatementLine): boolean {
  return presentEntry(line).amountMinor !== 0;
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
  // The cursor follows the last line read, shown or not, so a page may hold fewer items than asked.
  const shown = page.filter(movesMoney);
  return {
    items: await describeEntries(q, shown, shown.map(presentEntry)),
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
