// Escrow's own invariant, beside the ledger's (docs/LEDGER.md "Invariants"):
//   escrow_accounts_have_subjects — every escrow account is a subject that exists, held for its
//     payer: a task for its buyer (an order's escrow: orders.audit.ts order_escrows_have_orders; before
//     the orders table existed any such account was unexplained money). What each escrow still owes
//     is the mode's to check (contests.audit.ts, orders.audit.ts).
// Registered with the audit run when escrow.ts loads (the ledger imports no feature).
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { type AuditCheck, registerAuditChecks } from "../../ledger/audit.ts";
import { AccountCodes, escrowAccountId } from "../../ledger/chart.ts";

const TASK_PREFIX = escrowAccountId("task", "");
const UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

export async function auditEscrow(q: Queryable): Promise<AuditCheck[]> {
  const { rows: orphans } = await sql<{ id: string }>`
    SELECT e.id, e.code, e.owner_id, e.credits_posted - e.debits_posted AS balance_minor, t.buyer_id
    FROM ledger_accounts e
    LEFT JOIN tasks t ON e.code = ${AccountCodes.escrowTask}
      AND t.id = CASE WHEN e.id ~ ${`^${TASK_PREFIX}${UUID_RE}$`}
                      THEN substring(e.id FROM ${TASK_PREFIX.length + 1}::int)::uuid END
    WHERE (e.code = ${AccountCodes.escrowTask} AND (t.id IS NULL OR e.owner_id IS DISTINCT FROM t.buyer_id::text))
       OR (e.code = ${AccountCodes.escrowOrder} AND to_regclass('public.orders') IS NULL)
    LIMIT 20`.execute(q);
  return [
    { name: "escrow_accounts_have_subjects", ok: orphans.length === 0, details: { accounts: orphans } },
  ];
}

registerAuditChecks("escrow", auditEscrow);
