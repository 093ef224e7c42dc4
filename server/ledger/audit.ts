// The ledger's invariants (docs/LEDGER.md, "Invariants checked by the audit"), as queries, and the
// audit run: the ledger's own checks, then every feature's (which reconcile the ledger with the
// feature's rows — top-ups with provider charges, releases with awards …). Features register their
// checks here (registerAuditChecks); the ledger imports no feature. Everything runs in one
// REPEATABLE READ, read-only transaction so that every check sees the same snapshot.

import { sql } from "kysely";
import { inTransaction } from "../core/transaction.ts";
import type { Database, Queryable } from "../db/database.ts";

export type AuditCheck = { name: string; ok: boolean; details: unknown };
export type AuditChecks = (q: Queryable) => Promise<AuditCheck[]>;

const featureChecks = new Map<string, AuditChecks>();

/** A feature adds its invariants to every audit run (call it when its module loads; a name once). */
export function registerAuditChecks(feature: string, checks: AuditChecks): void {
  featureChecks.set(feature, checks);
}

/** Every check on one consistent snapshot: `{ ok, checks: [{ name, ok, details }] }`. */
export async function runAudit(db: Database): Promise<{ ok: boolean; checks: AuditCheck[] }> {
  const checks = await inTransaction(
    db,
    async (tx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(tx);
      const all = await auditLedger(tx);
      for (const run of featureChecks.values()) all.push(...(await run(tx)));
      return all;
    },
    { isolation: "repeatable read" },
  );
  return { ok: checks.every((c) => c.ok), checks };
}

/** Expired pending transfers are voided by a job; this is how late it may be before the audit fails. */
const EXPIRY_GRACE_SECONDS = 300;

export async function auditLedger(q: Queryable): Promise<AuditCheck[]> {
  const checks: AuditCheck[] = [];

  const { rows: sums } = await sql<{
    ledger: string;
    debits_posted: string;
    credits_posted: string;
    debits_pending: string;
    credits_pending: string;
  }>`SELECT ledger, sum(debits_posted)::text AS debits_posted, sum(credits_posted)::text AS credits_posted,
            sum(debits_pending)::text AS debits_pending, sum(credits_pending)::text AS credits_pending
     FROM ledger_accounts GROUP BY ledger ORDER BY ledger`.execute(q);
  const unbalanced = sums.filter(
    (s) => s.debits_posted !== s.credits_posted || s.debits_pending !== s.credits_pending,
  );
  checks.push({ name: "sum_zero", ok: unbalanced.length === 0, details: { ledgers: sums } });

  const { rows: negative } = await sql<{ id: string }>`
    SELECT id, flags, debits_posted, debits_pending, credits_posted, credits_pending FROM ledger_accounts
    WHERE ((flags & 1) <> 0 AND debits_posted + debits_pending > credits_posted)
       OR ((flags & 2) <> 0 AND credits_posted + credits_pending > debits_posted)
    LIMIT 20`.execute(q);
  checks.push({ name: "no_negative_flagged", ok: negative.length === 0, details: { accounts: negative } });

  const { rows: mismatched } = await sql<{ id: string }>`
    WITH t AS (
      SELECT t.debit_account_id, t.credit_account_id, t.flags, t.amount, p.amount AS pending_amount
      FROM ledger_transfers t LEFT JOIN ledger_transfers p ON p.id = t.pending_id
    ), effects AS (
      SELECT debit_account_id AS id,
             CASE WHEN flags IN (0, 2) THEN amount ELSE 0 END AS d_posted,
             CASE WHEN flags = 1 THEN amount WHEN flags IN (2, 4) THEN -pending_amount ELSE 0 END AS d_pending,
             0 AS c_posted, 0 AS c_pending
      FROM t
      UNION ALL
      SELECT credit_account_id, 0, 0,
             CASE WHEN flags IN (0, 2) THEN amount ELSE 0 END,
             CASE WHEN flags = 1 THEN amount WHEN flags IN (2, 4) THEN -pending_amount ELSE 0 END
      FROM t
    ), sums AS (
      SELECT id, sum(d_posted) AS d_posted, sum(d_pending) AS d_pending,
             sum(c_posted) AS c_posted, sum(c_pending) AS c_pending
      FROM effects GROUP BY id
    )
    SELECT a.id, a.debits_posted, a.debits_pending, a.credits_posted, a.credits_pending,
           coalesce(s.d_posted, 0)::text AS from_transfers_debits_posted,
           coalesce(s.d_pending, 0)::text AS from_transfers_debits_pending,
           coalesce(s.c_posted, 0)::text AS from_transfers_credits_posted,
           coalesce(s.c_pending, 0)::text AS from_transfers_credits_pending
    FROM ledger_accounts a LEFT JOIN sums s ON s.id = a.id
    WHERE a.debits_posted <> coalesce(s.d_posted, 0) OR a.debits_pending <> coalesce(s.d_pending, 0)
       OR a.credits_posted <> coalesce(s.c_posted, 0) OR a.credits_pending <> coalesce(s.c_pending, 0)
    LIMIT 20`.execute(q);
  checks.push({
    name: "balances_match_transfers",
    ok: mismatched.length === 0,
    details: { accounts: mismatched },
  });

  const { rows: overdue } = await sql<{ id: string }>`
    SELECT t.id, t.timeout_at FROM ledger_transfers t
    WHERE t.flags = 1 AND t.timeout_at IS NOT NULL
      AND t.timeout_at < now() - make_interval(secs => ${EXPIRY_GRACE_SECONDS})
      AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.pending_id = t.id)
    LIMIT 20`.execute(q);
  checks.push({
    name: "pending_resolved_or_in_time",
    ok: overdue.length === 0,
    details: { transfers: overdue },
  });

  const { rows: overposted } = await sql<{ id: string }>`
    SELECT r.id FROM ledger_transfers r JOIN ledger_transfers p ON p.id = r.pending_id
    WHERE p.flags <> 1 OR r.amount > p.amount OR r.debit_account_id <> p.debit_account_id
       OR r.credit_account_id <> p.credit_account_id
    LIMIT 20`.execute(q);
  checks.push({
    name: "resolutions_match_pending",
    ok: overposted.length === 0,
    details: { transfers: overposted },
  });

  return checks;
}
