// The double-entry core (docs/LEDGER.md). Every function takes the caller's transaction first, so a
// feature's rows, its transfers and its jobs commit together. Imports no feature.
import { sql } from "kysely";
import type { Queryable, Tx } from "../db/database.ts";
import { AccountFlags, type AccountSpec, MAX_AMOUNT, TransferFlags } from "./chart.ts";

export type LedgerErrorCode =
  | "invalid_transfer"
  | "account_not_found"
  | "account_mismatch"
  | "ledger_mismatch"
  | "exceeds_credits"
  | "exceeds_debits"
  | "exists_with_different_fields"
  | "partially_exists"
  | "pending_not_found"
  | "pending_not_pending"
  | "pending_already_resolved"
  | "exceeds_pending_amount";

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: LedgerErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "LedgerError";
    this.code = code;
    this.details = details;
  }
}

export type Account = Readonly<{
  id: string;
  ledger: string;
  code: number;
  flags: number;
  ownerId: string | null;
  debitsPending: number;
  debitsPosted: number;
  creditsPending: number;
  creditsPosted: number;
}>;

export type TransferInput = Readonly<{
  id: string;
  /** Required for plain and pending transfers; post/void take the pending transfer's accounts. */
  debitAccountId?: string;
  creditAccountId?: string;
  /** Required for plain and pending transfers; a post defaults to (and may not exceed) the pending amount; a void always releases the whole pending amount. */
  amount?: number;
  /** Required for plain and pending transfers; post/void default to the pending transfer's code. */
  code?: number;
  flags?: number;
  pendingId?: string;
  ref?: Readonly<{ type: string; id: string }>;
}>;

export type Transfer = Readonly<{
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  ledger: string;
  code: number;
  flags: number;
  pendingId: string | null;
  ref: { type: string; id: string } | null;
}>;

export type PostResult = Readonly<{ status: "created" | "exists"; transfers: readonly Transfer[] }>;

type AccountRow = {
  id: string;
  ledger: string;
  code: number;
  flags: number;
  owner_id: string | null;
  debits_pending: number;
  debits_posted: number;
  credits_pending: number;
  credits_posted: number;
};

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  ledger: r.ledger,
  code: r.code,
  flags: r.flags,
  ownerId: r.owner_id,
  debitsPending: r.debits_pending,
  debitsPosted: r.debits_posted,
  creditsPending: r.credits_pending,
  creditsPosted: r.credits_posted,
});

/** Create the accounts that do not exist yet; an existing account must match its spec. */
export async function ensureAccounts(tx: Tx, specs: readonly AccountSpec[]): Promise<void> {
  const unique = [...new Map(specs.map((s) => [s.id, s])).values()];
  if (unique.length === 0) return;
  // Usually they all exist: one read, no write.
  const existing = await tx
    .selectFrom("ledger_accounts")
    .select(["id", "ledger", "code", "flags", "owner_id"])
    .where(
      "id",
      "in",
      unique.map((s) => s.id),
    )
    .execute();
  const byId = new Map(existing.map((r) => [r.id, r]));
  const missing = unique.filter((s) => !byId.has(s.id));
  if (missing.length > 0) {
    await tx
      .insertInto("ledger_accounts")
      .values(
        missing.map((s) => ({
          id: s.id,
          ledger: s.ledger,
          code: s.code,
          flags: s.flags,
          owner_id: s.ownerId,
        })),
      )
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    // Someone may have created one concurrently: read back what now exists.
    const again = await tx
      .selectFrom("ledger_accounts")
      .select(["id", "ledger", "code", "flags", "owner_id"])
      .where(
        "id",
        "in",
        missing.map((s) => s.id),
      )
      .execute();
    for (const r of again) byId.set(r.id, r);
  }
  for (const spec of unique) {
    const row = byId.get(spec.id);
    if (
      !row ||
      row.ledger !== spec.ledger ||
      row.code !== spec.code ||
      row.flags !== spec.flags ||
      row.owner_id !== spec.ownerId
    ) {
      throw new LedgerError("account_mismatch", `Account ${spec.id} exists with different fields`, {
        id: spec.id,
      });
    }
  }
}

export async function findAccount(q: Queryable, id: string): Promise<Account | undefined> {
  const row = await q.selectFrom("ledger_accounts").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toAccount(row as AccountRow) : undefined;
}

export async function findAccounts(q: Queryable, ids: readonly string[]): Promise<Account[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom("ledger_accounts")
    .selectAll()
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
  return rows.map((r) => toAccount(r as AccountRow));
}

/** What a DMNEC account (wallet, escrow) may still spend: the one formula (availableSql in SQL). */
export function available(a: Pick<Account, "creditsPosted" | "debitsPosted" | "debitsPending">): number {
  return a.creditsPosted - a.debitsPosted - a.debitsPending;
}

/** `available` of the ledger_accounts row `alias` in a query (NULL when a LEFT JOIN found none). */
export function availableSql(alias: string) {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<number | null>`(${col("credits_posted")} - ${col("debits_posted")} - ${col("debits_pending")})`;
}

const isInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

function assertAmount(id: string, amount: unknown): number {
  if (!isInt(amount) || amount <= 0 || amount > MAX_AMOUNT) {
    throw new LedgerError("invalid_transfer", `Transfer ${id}: amount must be an integer in 1..10^12`, {
      id,
      amount,
    });
  }
  return amount;
}

type PendingRow = {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  ledger: string;
  code: number;
  flags: number;
};

type Resolved = {
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  ledger: string | undefined;
  code: number;
  flags: number;
  pendingId: string | null;
  pending: PendingRow | undefined;
  ref: { type: string; id: string } | null;
};

/**
 * Post transfers as one linked unit: all legs or none (they share the caller's transaction; any
 * refused leg throws). Accounts are locked in ascending id order. Posting transfers whose ids all
 * exist with identical fields returns `exists` and moves nothing. The steps, in order:
 */
export async function postTransfers(tx: Tx, inputs: readonly TransferInput[]): Promise<PostResult> {
  if (inputs.length === 0) return { status: "created", transfers: [] };
  const ids = assertUniqueIds(inputs);
  const pendingIds = inputs.flatMap((t) => (t.pendingId ? [t.pendingId] : []));
  const pendings = await readPendings(tx, pendingIds);
  const resolved = inputs.map((t) => resolveInput(t, pendings));
  const { state, before, existing, alreadyResolved } = await lockAccounts(tx, resolved, ids, pendingIds);
  if (existing.length > 0) {
    assertSameAsExisting(resolved, existing);
    return { status: "exists", transfers: resolved.map(present) };
  }
  assertPendingsOpen(pendingIds, alreadyResolved);
  applyLegs(resolved, state, before);
  await writePosting(tx, resolved, [...state.values()]);
  return { status: "created", transfers: resolved.map(present) };
}

/** 0. Each transfer id is 1–200 characters and appears once in the posting. */
function assertUniqueIds(inputs: readonly TransferInput[]): Set<string> {
  const ids = new Set<string>();
  for (const t of inputs) {
    if (typeof t.id !== "string" || t.id.length === 0 || t.id.length > 200) {
      throw new LedgerError("invalid_transfer", "A transfer id is 1–200 characters", { id: t.id });
    }
    if (ids.has(t.id))
      throw new LedgerError("invalid_transfer", `Duplicate transfer id ${t.id} in one posting`);
    ids.add(t.id);
  }
  return ids;
}

/** 1. The pending transfers that posts and voids resolve (immutable rows: no lock needed). */
async function readPendings(tx: Tx, pendingIds: readonly string[]): Promise<Map<string, PendingRow>> {
  const pendings = new Map<string, PendingRow>();
  if (pendingIds.length === 0) return pendings;
  const { rows } = await sql<PendingRow>`
    SELECT id, debit_account_id, credit_account_id, amount, ledger, code, flags
    FROM ledger_transfers WHERE id = ANY(${pendingIds}::text[])`.execute(tx);
  for (const r of rows) pendings.set(r.id, r);
  return pendings;
}

/** 2. One input as a complete row: a post/void takes its accounts and amount from its pending transfer. */
function resolveInput(t: TransferInput, pendings: ReadonlyMap<string, PendingRow>): Resolved {
  const flags = t.flags ?? TransferFlags.none;
  if (![0, 1, 2, 4].includes(flags)) {
    throw new LedgerError("invalid_transfer", `Transfer ${t.id}: at most one of pending/post/void`);
  }
  const ref = t.ref ? { type: t.ref.type, id: t.ref.id } : null;
  return flags === TransferFlags.postPending || flags === TransferFlags.voidPending
    ? resolveResolution(t, flags, ref, pendings)
    : resolveNewLeg(t, flags, ref);
}

/** A post or void of a pending transfer: its accounts and ledger, at most its amount. */
function resolveResolution(
  t: TransferInput,
  flags: number,
  ref: Resolved["ref"],
  pendings: ReadonlyMap<string, PendingRow>,
): Resolved {
  if (!t.pendingId) throw new LedgerError("invalid_transfer", `Transfer ${t.id}: pendingId is required`);
  const p = pendings.get(t.pendingId);
  if (!p) throw new LedgerError("pending_not_found", `Pending transfer ${t.pendingId} not found`);
  if (p.flags !== TransferFlags.pending) {
    throw new LedgerError("pending_not_pending", `Transfer ${t.pendingId} is not pending`);
  }
  if (
    (t.debitAccountId && t.debitAccountId !== p.debit_account_id) ||
    (t.creditAccountId && t.creditAccountId !== p.credit_account_id)
  ) {
    throw new LedgerError("invalid_transfer", `Transfer ${t.id}: accounts differ from the pending transfer`);
  }
  let amount = p.amount;
  if (flags === TransferFlags.postPending && t.amount !== undefined) {
    amount = assertAmount(t.id, t.amount);
    if (amount > p.amount) {
      throw new LedgerError("exceeds_pending_amount", `Transfer ${t.id} posts more than was pending`);
    }
  }
  if (flags === TransferFlags.voidPending && t.amount !== undefined && t.amount !== p.amount) {
    throw new LedgerError("invalid_transfer", `Transfer ${t.id}: a void releases the whole pending amount`);
  }
  return {
    id: t.id,
    debitAccountId: p.debit_account_id,
    creditAccountId: p.credit_account_id,
    amount,
    ledger: p.ledger,
    code: t.code ?? p.code,
    flags,
    pendingId: p.id,
    pending: p,
    ref,
  };
}

/** A plain or pending transfer between two distinct accounts. */
function resolveNewLeg(t: TransferInput, flags: number, ref: Resolved["ref"]): Resolved {
  if (t.pendingId)
    throw new LedgerError("invalid_transfer", `Transfer ${t.id}: pendingId only for post/void`);
  if (!t.debitAccountId || !t.creditAccountId) {
    throw new LedgerError("invalid_transfer", `Transfer ${t.id}: debit and credit accounts are required`);
  }
  if (t.debitAccountId === t.creditAccountId) {
    throw new LedgerError("invalid_transfer", `Transfer ${t.id}: accounts must be different`);
  }
  if (!isInt(t.code) || t.code <= 0)
    throw new LedgerError("invalid_transfer", `Transfer ${t.id}: code required`);

  return {
    id: t.id,
    debitAccountId: t.debitAccountId,
    creditAccountId: t.creditAccountId,
    amount: assertAmount(t.id, t.amount),
    ledger: undefined,
    code: t.code,
    flags,
    pendingId: null,
    pending: undefined,
    ref,
  };
}

type ExistingRow = {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  code: number;
  flags: number;
  pending_id: string | null;
  ref_type: string | null;
  ref_id: string | null;
};

/**
 * 3. Lock every account of the posting, in the global (id) order, and read which of these
 * transfers (and resolutions of these pending transfers) exist — one round trip. The existence
 * reads use the statement's snapshot, which may predate a concurrent posting of the same id that
 * committed while we waited for a lock: our insert then fails on a unique index and
 * inTransaction reruns the whole transaction, which then sees it (isRetryable).
 */
async function lockAccounts(
  tx: Tx,
  resolved: readonly Resolved[],
  ids: ReadonlySet<string>,
  pendingIds: readonly string[],
) {
  const accountIds = [...new Set(resolved.flatMap((r) => [r.debitAccountId, r.creditAccountId]))].sort();
  const { rows: found } = await sql<{ accounts: AccountRow[]; existing: ExistingRow[]; resolved: string[] }>`
    WITH locked AS (
      SELECT id, ledger, code, flags, owner_id, debits_pending, debits_posted, credits_pending, credits_posted
      FROM ledger_accounts WHERE id = ANY(${accountIds}::text[]) ORDER BY id FOR UPDATE
    )
    SELECT
      (SELECT coalesce(json_agg(l), '[]') FROM locked l) AS accounts,
      (SELECT coalesce(json_agg(t), '[]') FROM (
         SELECT id, debit_account_id, credit_account_id, amount, code, flags, pending_id, ref_type, ref_id
         FROM ledger_transfers WHERE id = ANY(${[...ids]}::text[])) t) AS existing,
      (SELECT coalesce(json_agg(pending_id), '[]') FROM ledger_transfers
       WHERE ${pendingIds.length > 0} AND pending_id = ANY(${pendingIds}::text[])) AS resolved`.execute(tx);
  const locked = found[0]?.accounts ?? [];
  const existing = found[0]?.existing ?? [];
  const state = new Map(locked.map((r) => [r.id, { ...r }]));
  for (const id of accountIds) {
    if (!state.has(id)) {
      // A missing wallet has no money: say how much the posting needed from it (402 details).
      const requiredMinor = resolved
        .filter((r) => r.debitAccountId === id && (r.flags === 0 || r.flags === TransferFlags.pending))
        .reduce((sum, r) => sum + r.amount, 0);
      throw new LedgerError("account_not_found", `Account ${id} not found`, {
        id,
        availableMinor: 0,
        requiredMinor,
        shortMinor: requiredMinor,
      });
    }
  }
  // The balances as locked, before this posting: a refusal reports what was really available.
  const before = new Map(locked.map((r) => [r.id, { ...r }]));
  return { state, before, existing, alreadyResolved: found[0]?.resolved ?? [] };
}

/** 4. A posting already made: every leg exists with the same fields, or the retry is refused. */
function assertSameAsExisting(resolved: readonly Resolved[], existing: readonly ExistingRow[]) {
  const byId = new Map(existing.map((e) => [e.id, e]));
  for (const r of resolved) {
    const e = byId.get(r.id);
    if (!e) continue;
    const same =
      e.debit_account_id === r.debitAccountId &&
      e.credit_account_id === r.creditAccountId &&
      e.amount === r.amount &&
      e.code === r.code &&
      e.flags === r.flags &&
      e.pending_id === r.pendingId &&
      e.ref_type === (r.ref?.type ?? null) &&
      e.ref_id === (r.ref?.id ?? null);
    if (!same) {
      throw new LedgerError("exists_with_different_fields", `Transfer ${r.id} exists with different fields`, {
        id: r.id,
      });
    }
  }
  if (existing.length !== resolved.length) {
    throw new LedgerError("partially_exists", "Some transfers of this linked posting exist, some do not");
  }
}

/** 5. Pending transfers resolved at most once. */
function assertPendingsOpen(pendingIds: readonly string[], done: readonly string[]) {
  if (pendingIds.length === 0) return;
  if (done.length > 0) {
    throw new LedgerError("pending_already_resolved", `Pending transfer ${done[0]} already resolved`, {
      pendingId: done[0],
    });
  }
  if (new Set(pendingIds).size !== pendingIds.length) {
    throw new LedgerError("invalid_transfer", "A pending transfer resolved twice in one posting");
  }
}

/** 6. Apply leg by leg, checking the balance flags after each (as TigerBeetle does); not after a pending's timeout. */
function applyLegs(
  resolved: Resolved[],
  state: ReadonlyMap<string, AccountRow>,
  before: ReadonlyMap<string, AccountRow>,
) {
  for (const r of resolved) {
    const debit = state.get(r.debitAccountId) as AccountRow;
    const credit = state.get(r.creditAccountId) as AccountRow;
    if (debit.ledger !== credit.ledger || (r.ledger !== undefined && r.ledger !== debit.ledger)) {
      throw new LedgerError("ledger_mismatch", `Transfer ${r.id}: accounts are on different ledgers`);
    }
    r.ledger = debit.ledger;
    if (r.flags === TransferFlags.pending) {
      debit.debits_pending += r.amount;
      credit.credits_pending += r.amount;
    } else if (r.flags === TransferFlags.postPending || r.flags === TransferFlags.voidPending) {
      const p = r.pending as PendingRow;
      debit.debits_pending -= p.amount;
      credit.credits_pending -= p.amount;
      if (r.flags === TransferFlags.postPending) {
        debit.debits_posted += r.amount;
        credit.credits_posted += r.amount;
      }
    } else {
      debit.debits_posted += r.amount;
      credit.credits_posted += r.amount;
    }
    checkFlags(debit, r.id, before.get(debit.id));
    checkFlags(credit, r.id, before.get(credit.id));
  }
}

/** 7. Write the new balances and the transfers in one statement (one round trip). */
async function writePosting(tx: Tx, resolved: readonly Resolved[], touched: readonly AccountRow[]) {
  const insert = tx.insertInto("ledger_transfers").values(
    resolved.map((r) => ({
      id: r.id,
      debit_account_id: r.debitAccountId,
      credit_account_id: r.creditAccountId,
      amount: r.amount,
      ledger: r.ledger as string,
      code: r.code,
      flags: r.flags,
      pending_id: r.pendingId,
      ref_type: r.ref?.type ?? null,
      ref_id: r.ref?.id ?? null,
    })),
  );
  await sql`
    WITH balances AS (
      UPDATE ledger_accounts AS a
      SET debits_pending = v.dp, debits_posted = v.dpo, credits_pending = v.cp, credits_posted = v.cpo
      FROM (VALUES ${sql.join(
        touched.map(
          (s) =>
            sql`(${s.id}::text, ${s.debits_pending}::bigint, ${s.debits_posted}::bigint, ${s.credits_pending}::bigint, ${s.credits_posted}::bigint)`,
        ),
      )}) AS v (id, dp, dpo, cp, cpo)
      WHERE a.id = v.id
      RETURNING a.id
    )
    ${insert}`.execute(tx);
}

const availableOf = (a: AccountRow) =>
  available({
    creditsPosted: a.credits_posted,
    debitsPosted: a.debits_posted,
    debitsPending: a.debits_pending,
  });

function checkFlags(a: AccountRow, transferId: string, before: AccountRow | undefined) {
  if (
    (a.flags & AccountFlags.debitsMustNotExceedCredits) !== 0 &&
    a.debits_posted + a.debits_pending > a.credits_posted
  ) {
    // What the account had when locked (never negative: the CHECK constraints hold it), and what
    // this posting — all its legs so far — takes from it. Both read under the account's lock.
    const availableMinor = Math.max(0, before ? availableOf(before) : 0);
    const requiredMinor = availableMinor - availableOf(a);
    throw new LedgerError("exceeds_credits", `Transfer ${transferId} would overdraw account ${a.id}`, {
      accountId: a.id,
      transferId,
      availableMinor,
      requiredMinor,
      shortMinor: requiredMinor - availableMinor,
    });
  }
  if (
    (a.flags & AccountFlags.creditsMustNotExceedDebits) !== 0 &&
    a.credits_posted + a.credits_pending > a.debits_posted
  ) {
    throw new LedgerError("exceeds_debits", `Transfer ${transferId} would exceed debits of ${a.id}`, {
      accountId: a.id,
      transferId,
    });
  }
}

function present(r: Resolved): Transfer {
  return {
    id: r.id,
    debitAccountId: r.debitAccountId,
    creditAccountId: r.creditAccountId,
    amount: r.amount,
    ledger: r.ledger ?? "",
    code: r.code,
    flags: r.flags,
    pendingId: r.pendingId,
    ref: r.ref,
  };
}

/** Post or void one pending transfer (the common two-phase step). */
export function resolvePending(
  tx: Tx,
  how: "post" | "void",
  id: string,
  pendingId: string,
  options: { amount?: number; ref?: { type: string; id: string } } = {},
): Promise<PostResult> {
  return postTransfers(tx, [
    {
      id,
      pendingId,
      flags: how === "post" ? TransferFlags.postPending : TransferFlags.voidPending,
      amount: options.amount,
      ref: options.ref,
    },
  ]);
}

/** Σ of the platform revenue sub-accounts: the revenue is never one hot row. */
export async function sumAccounts(q: Queryable, code: number, ledger: string): Promise<number> {
  const { rows } = await sql<{ balance: number }>`
    SELECT coalesce(sum(credits_posted - debits_posted), 0)::bigint AS balance
    FROM ledger_accounts WHERE code = ${code} AND ledger = ${ledger}`.execute(q);
  return rows[0]?.balance ?? 0;
}

export type StatementLine = Readonly<{
  id: string;
  seq: number;
  at: Date;
  code: number;
  flags: number;
  amount: number;
  direction: "debit" | "credit";
  pendingAmount: number | null;
  refType: string | null;
  refId: string | null;
}>;

/** The transfers of one account, newest first, `before` = a seq from the previous page. */
export async function listAccountTransfers(
  q: Queryable,
  accountId: string,
  options: { limit: number; beforeSeq?: number },
): Promise<StatementLine[]> {
  const before = options.beforeSeq ?? Number.MAX_SAFE_INTEGER;
  const { rows } = await sql<{
    id: string;
    seq: number;
    created_at: Date;
    code: number;
    flags: number;
    amount: number;
    debit_account_id: string;
    pending_amount: number | null;
    ref_type: string | null;
    ref_id: string | null;
  }>`
    SELECT t.id, t.seq, t.created_at, t.code, t.flags, t.amount, t.debit_account_id, p.amount AS pending_amount,
           t.ref_type, t.ref_id
    FROM (
      (SELECT * FROM ledger_transfers WHERE debit_account_id = ${accountId} AND seq < ${before}
       ORDER BY seq DESC LIMIT ${options.limit})
      UNION ALL
      (SELECT * FROM ledger_transfers WHERE credit_account_id = ${accountId} AND seq < ${before}
       ORDER BY seq DESC LIMIT ${options.limit})
    ) t LEFT JOIN ledger_transfers p ON p.id = t.pending_id
    ORDER BY t.seq DESC LIMIT ${options.limit}`.execute(q);
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    at: r.created_at,
    code: r.code,
    flags: r.flags,
    amount: r.amount,
    direction: r.debit_account_id === accountId ? "debit" : "credit",
    pendingAmount: r.pending_amount,
    refType: r.ref_type,
    refId: r.ref_id,
  }));
}
