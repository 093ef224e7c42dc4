// The piece-rate ledger invariants, beside the ledger's, escrow's and the contests' (docs/LEDGER.md
// "Invariants"); the piecework mode registers them (mode.ts):
//   piecework_escrow_matches_owed — each piece-rate task's escrow holds unit price × the pieces still
//     payable: (quantity − paid) while open or in review, 0 once completed, refunded or cancelled;
//   pieces_within_quantity — never more than `quantity` pieces paid;
//   pieces_paid_once — a paid piece left the escrow exactly once (release + fee = the unit price),
//     an unpaid one never; the fee exactly ⌊unit × the task's fee_bps / 10^4⌋ to platform revenue,
//     the release the rest to the piece's author.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { type AuditCheck, registerAuditChecks } from "../../ledger/audit.ts";
import { TransferCodes } from "../../ledger/chart.ts";
import { availableSql } from "../../ledger/ledger.ts";
import { escrowAccountIdSql } from "../escrow/escrow.ts";

export async function auditPiecework(q: Queryable): Promise<AuditCheck[]> {
  const { rows: escrow } = await sql<{ id: string }>`
    WITH owed AS (
      SELECT t.id, t.status,
             CASE WHEN t.status IN ('open', 'selecting')
                  THEN pt.unit_price_minor * (pt.quantity -
                       (SELECT count(*) FROM entries n WHERE n.task_id = t.id AND n.status = 'paid'))
                  ELSE 0 END AS owed_minor
      FROM tasks t JOIN piecework_terms pt ON pt.task_id = t.id
      WHERE t.mode = 'piecework'
    )
    SELECT o.id, o.status, o.owed_minor, coalesce(${availableSql("e")}, 0) AS escrow_minor
    FROM owed o LEFT JOIN ledger_accounts e ON e.id = ${escrowAccountIdSql("task", "o.id")}
    WHERE o.owed_minor <> coalesce(${availableSql("e")}, 0)
    LIMIT 20`.execute(q);
  const { rows: overpaid } = await sql<{ id: string }>`
    SELECT t.id, pt.quantity, count(n.id)::int AS paid
    FROM tasks t JOIN piecework_terms pt ON pt.task_id = t.id
    JOIN entries n ON n.task_id = t.id AND n.status = 'paid'
    GROUP BY t.id, pt.quantity
    HAVING count(n.id) > pt.quantity
    LIMIT 20`.execute(q);
  // Every piece of every piece-rate task with what left the task's escrow for it.
  const { rows: pieces } = await sql<{ entry_id: string }>`
    SELECT n.id AS entry_id, n.status, pt.unit_price_minor,
           coalesce(sum(x.amount) FILTER (WHERE x.code = ${TransferCodes.escrowRelease}), 0) AS released,
           coalesce(sum(x.amount) FILTER (WHERE x.code = ${TransferCodes.platformFee}), 0) AS fee,
           (pt.unit_price_minor * t.fee_bps) / 10000 AS expected_fee
    FROM entries n
    JOIN tasks t ON t.id = n.task_id AND t.mode = 'piecework'
    JOIN piecework_terms pt ON pt.task_id = t.id
    LEFT JOIN ledger_transfers x ON x.ref_type = 'payable' AND x.ref_id = n.id::text
      AND x.code IN (${TransferCodes.escrowRelease}, ${TransferCodes.platformFee})
    GROUP BY n.id, n.status, pt.unit_price_minor, t.fee_bps, t.id, n.provider_id
    HAVING NOT bool_and(x.id IS NULL OR (x.debit_account_id = ${escrowAccountIdSql("task", "t.id")}
             AND (x.code <> ${TransferCodes.escrowRelease} OR x.credit_account_id = 'wallet:' || n.provider_id)
             AND (x.code <> ${TransferCodes.platformFee} OR x.credit_account_id LIKE 'platform:revenue:%')))
        OR (n.status <> 'paid' AND coalesce(sum(x.amount), 0) <> 0)
        OR (n.status = 'paid' AND (
              coalesce(sum(x.amount) FILTER (WHERE x.code = ${TransferCodes.platformFee}), 0)
                <> (pt.unit_price_minor * t.fee_bps) / 10000
           OR coalesce(sum(x.amount) FILTER (WHERE x.code = ${TransferCodes.escrowRelease}), 0)
                <> pt.unit_price_minor - (pt.unit_price_minor * t.fee_bps) / 10000))
    LIMIT 20`.execute(q);
  // A release or fee out of a piece-rate task's escrow pays one of that task's pieces, nothing else.
  const { rows: stray } = await sql<{ transfer_id: string }>`
    SELECT x.id AS transfer_id, x.ref_type, x.ref_id
    FROM ledger_transfers x
    JOIN tasks t ON t.mode = 'piecework' AND x.debit_account_id = ${escrowAccountIdSql("task", "t.id")}
    WHERE x.code IN (${TransferCodes.escrowRelease}, ${TransferCodes.platformFee})
      AND NOT EXISTS (SELECT 1 FROM entries n WHERE n.task_id = t.id AND x.ref_type = 'payable'
                        AND x.ref_id = n.id::text)
    LIMIT 20`.execute(q);
  return [
    { name: "piecework_escrow_matches_owed", ok: escrow.length === 0, details: { tasks: escrow } },
    { name: "pieces_within_quantity", ok: overpaid.length === 0, details: { tasks: overpaid } },
    { name: "pieces_paid_once", ok: pieces.length === 0 && stray.length === 0, details: { pieces, stray } },
  ];
}

registerAuditChecks("piecework", auditPiecework);
