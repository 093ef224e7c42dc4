// The contests' ledger invariants, beside the ledger's, the wallet's and escrow's (docs/LEDGER.md
// "Invariants"); the contest mode registers them (mode.ts):
//   escrow_matches_owed — each contest's escrow holds exactly its unpaid prizes: the whole pool
//     while open or selecting, once awarded the prizes neither paid nor refunded (a live award not
//     paid yet, or a lapsed one waiting to be awarded again), 0 once completed, refunded or cancelled;
//   tasks_funded_once — each task has one escrow_fund transfer, of the pool it was posted with;
//   prizes_paid_once — a paid prize left the escrow exactly once, release + fee = the prize;
//   releases_match_awards — every release/fee out of a task's escrow pays an award of that task:
//     the release to the awarded provider, the fee exactly ⌊prize × the task's fee_bps / 10^4⌋
//     (snapshotted when the task was posted) to platform revenue, the release the rest;
// Registered with the audit run when this module loads (the ledger imports no feature).
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { type AuditCheck, registerAuditChecks } from "../../ledger/audit.ts";
import { escrowAccountId, TransferCodes } from "../../ledger/chart.ts";
import { availableSql } from "../../ledger/ledger.ts";
import { escrowAccountIdSql } from "../escrow/escrow.ts";

export async function auditContests(q: Queryable): Promise<AuditCheck[]> {
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
           coalesce(${availableSql("e")}, 0) AS escrow_minor
    FROM owed o LEFT JOIN ledger_accounts e ON e.id = ${escrowAccountIdSql("task", "o.id")}
    WHERE o.owed_minor <> coalesce(${availableSql("e")}, 0)
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
  // bigint × integer / integer: exact, truncating = floor for these non-negative amounts (money.ts).
  const { rows: releases } = await sql<{ transfer_id: string }>`
    SELECT x.id AS transfer_id, x.code, x.amount, x.debit_account_id, x.credit_account_id,
           a.entry_id, a.task_id, a.provider_id, a.amount_minor AS prize_minor, a.fee_minor, t.fee_bps,
           (a.amount_minor * t.fee_bps) / 10000 AS expected_fee_minor
    FROM ledger_transfers x
    LEFT JOIN awards a ON x.ref_type = 'entry' AND a.entry_id::text = x.ref_id
    LEFT JOIN tasks t ON t.id = a.task_id
    WHERE x.code IN (${TransferCodes.escrowRelease}, ${TransferCodes.platformFee})
      AND x.debit_account_id LIKE ${`${escrowAccountId("task", "")}%`}
      -- Other ways of buying check the releases out of their own tasks' escrow (piecework.audit.ts).
      AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.mode <> 'contest'
                        AND x.debit_account_id = ${escrowAccountIdSql("task", "o.id")})
      AND (a.entry_id IS NULL OR t.id IS NULL
           OR x.debit_account_id <> ${escrowAccountIdSql("task", "a.task_id")}
           OR (x.code = ${TransferCodes.escrowRelease} AND (x.credit_account_id <> 'wallet:' || a.provider_id
                 OR x.amount <> a.amount_minor - (a.amount_minor * t.fee_bps) / 10000))
           OR (x.code = ${TransferCodes.platformFee} AND (x.credit_account_id NOT LIKE 'platform:revenue:%'
                 OR x.amount <> (a.amount_minor * t.fee_bps) / 10000))
           OR (a.fee_minor IS NOT NULL AND a.fee_minor <> (a.amount_minor * t.fee_bps) / 10000))
    LIMIT 20`.execute(q);
  return [
    { name: "escrow_matches_owed", ok: escrow.length === 0, details: { tasks: escrow } },
    { name: "tasks_funded_once", ok: funding.length === 0, details: { tasks: funding } },
    { name: "prizes_paid_once", ok: prizes.length === 0, details: { awards: prizes } },
    { name: "releases_match_awards", ok: releases.length === 0, details: { transfers: releases } },
  ];
}

registerAuditChecks("contests", auditContests);
