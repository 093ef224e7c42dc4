// The tasks' ledger invariants, beside the ledger's and the wallet's (docs/LEDGER.md "Invariants"):
//   escrow_matches_owed — each contest's escrow holds exactly its unpaid prizes: the whole pool
//     while open or selecting, once awarded the prizes neither paid nor refunded (a live award not
//     paid yet, or a lapsed one waiting to be awarded again), 0 once completed, refunded or cancelled;
//   tasks_funded_once — each task has one escrow_fund transfer, of the pool it was posted with;
//   prizes_paid_once — a paid prize left the escrow exactly once, release + fee = the prize.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import type { AuditCheck } from "../../ledger/audit.ts";
import { TransferCodes } from "../../ledger/chart.ts";

export async function auditTasks(q: Queryable): Promise<AuditCheck[]> {
  const { rows: escrow } = await sql<{ id: string }>`
    WITH owed AS (
      SELECT t.id, t.status,
             CASE WHEN t.status IN ('open', 'selecting') THEN t.funded_minor
                  WHEN t.status = 'awarded' THEN coalesce(
                    (SELECT sum(p.amount_minor) FROM task_prizes p
                     WHERE p.task_id = t.id AND p.refunded_at IS NULL
                       AND NOT EXISTS (SELECT 1 FROM awards a WHERE a.task_id = t.id
                                         AND a.prize_index = p.prize_index AND a.paid_at IS NOT NULL)), 0)
                  ELSE 0 END AS owed_minor
      FROM tasks t WHERE t.mode = 'contest'
    )
    SELECT o.id, o.status, o.owed_minor,
           coalesce(e.credits_posted - e.debits_posted - e.debits_pending, 0) AS escrow_minor
    FROM owed o LEFT JOIN ledger_accounts e ON e.id = 'escrow:task:' || o.id
    WHERE o.owed_minor <> coalesce(e.credits_posted - e.debits_posted - e.debits_pending, 0)
    LIMIT 20`.execute(q);
  const { rows: funding } = await sql<{ id: string }>`
    SELECT t.id, t.funded_minor, count(f.id)::int AS transfers, coalesce(sum(f.amount), 0) AS funded
    FROM tasks t
    LEFT JOIN ledger_transfers f ON f.ref_type = 'task' AND f.ref_id = t.id::text AND f.code = ${TransferCodes.escrowFund}
    WHERE t.funded_minor > 0
    GROUP BY t.id
    HAVING count(f.id) <> 1 OR coalesce(sum(f.amount), 0) <> t.funded_minor
    LIMIT 20`.execute(q);
  const { rows: prizes } = await sql<{ entry_id: string }>`
    SELECT a.entry_id, a.amount_minor, a.paid_at, coalesce(sum(x.amount), 0) AS released
    FROM awards a
    LEFT JOIN ledger_transfers x ON x.ref_type = 'entry' AND x.ref_id = a.entry_id::text
      AND x.code IN (${TransferCodes.escrowRelease}, ${TransferCodes.platformFee})
    GROUP BY a.entry_id, a.amount_minor, a.paid_at
    HAVING (a.paid_at IS NULL AND coalesce(sum(x.amount), 0) <> 0)
        OR (a.paid_at IS NOT NULL AND coalesce(sum(x.amount), 0) <> a.amount_minor)
    LIMIT 20`.execute(q);
  return [
    { name: "escrow_matches_owed", ok: escrow.length === 0, details: { tasks: escrow } },
    { name: "tasks_funded_once", ok: funding.length === 0, details: { tasks: funding } },
    { name: "prizes_paid_once", ok: prizes.length === 0, details: { awards: prizes } },
  ];
}
