// The orders' ledger invariants, beside the ledger's, the wallet's, escrow's and the contests'
// (docs/LEDGER.md "Invariants"):
//   order_escrow_matches_milestones — each order's escrow holds exactly its funded milestones not
//     yet accepted or refunded (funded, delivered, revision_requested, disputed);
//   order_escrows_have_orders — every order escrow account is an order's, held for its buyer;
//   milestones_paid_exactly — an accepted milestone left the escrow once: the release to the
//     provider plus the fee, ⌊amount × the order's fee_bps / 10^4⌋ (snapshotted at opening), is its
//     amount; the release went to the order's provider's wallet and the fee to platform revenue;
//     a milestone not accepted released nothing.
// Registered with the audit run when this module loads (open-order.ts imports it).
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { type AuditCheck, registerAuditChecks } from "../../ledger/audit.ts";
import { AccountCodes, escrowAccountId, TransferCodes } from "../../ledger/chart.ts";
import { availableSql } from "../../ledger/ledger.ts";
import { escrowAccountIdSql } from "../escrow/escrow.ts";
import { HELD_MILESTONE_STATUSES } from "./order-status.ts";

const ORDER_PREFIX = escrowAccountId("order", "");

export async function auditOrders(q: Queryable): Promise<AuditCheck[]> {
  const held = [...HELD_MILESTONE_STATUSES];
  const { rows: escrow } = await sql<{ id: string }>`
    WITH owed AS (
      SELECT o.id, o.status,
             coalesce((SELECT sum(m.amount_minor) FROM milestones m
                       WHERE m.order_id = o.id AND m.status = ANY(${held}::text[])), 0) AS owed_minor
      FROM orders o
    )
    SELECT w.id, w.status, w.owed_minor, coalesce(${availableSql("e")}, 0) AS escrow_minor
    FROM owed w LEFT JOIN ledger_accounts e ON e.id = ${escrowAccountIdSql("order", "w.id")}
    WHERE w.owed_minor <> coalesce(${availableSql("e")}, 0)
    LIMIT 20`.execute(q);
  const { rows: orphans } = await sql<{ id: string }>`
    SELECT e.id, e.owner_id
    FROM ledger_accounts e
    LEFT JOIN orders o ON e.id = ${escrowAccountIdSql("order", "o.id")}
    WHERE e.code = ${AccountCodes.escrowOrder}
      AND (o.id IS NULL OR e.owner_id IS DISTINCT FROM o.buyer_id::text OR e.id NOT LIKE ${`${ORDER_PREFIX}%`})
    LIMIT 20`.execute(q);
  // bigint × integer / integer: exact, truncating = floor for these non-negative amounts (money.ts).
  const { rows: paid } = await sql<{ id: string }>`
    SELECT m.id, m.status, m.amount_minor, o.fee_bps,
           coalesce(sum(x.amount) FILTER (WHERE x.code = ${TransferCodes.escrowRelease}), 0) AS released,
           coalesce(sum(x.amount) FILTER (WHERE x.code = ${TransferCodes.platformFee}), 0) AS fee
    FROM milestones m
    JOIN orders o ON o.id = m.order_id
    LEFT JOIN ledger_transfers x ON x.ref_type = 'payable' AND x.ref_id = m.id::text
      AND x.code IN (${TransferCodes.escrowRelease}, ${TransferCodes.platformFee})
      AND x.debit_account_id = ${escrowAccountIdSql("order", "o.id")}
    GROUP BY m.id, m.status, m.amount_minor, o.fee_bps, o.provider_id
    HAVING NOT bool_and(x.id IS NULL OR (
             (x.code <> ${TransferCodes.escrowRelease} OR x.credit_account_id = 'wallet:' || o.provider_id)
             AND (x.code <> ${TransferCodes.platformFee} OR x.credit_account_id LIKE 'platform:revenue:%')))
        OR (m.status <> 'accepted' AND coalesce(sum(x.amount), 0) <> 0)
        OR (m.status = 'accepted' AND (
              coalesce(sum(x.amount) FILTER (WHERE x.code = ${TransferCodes.platformFee}), 0)
                <> (m.amount_minor * o.fee_bps) / 10000
           OR coalesce(sum(x.amount), 0) <> m.amount_minor))
    LIMIT 20`.execute(q);
  return [
    { name: "order_escrow_matches_milestones", ok: escrow.length === 0, details: { orders: escrow } },
    { name: "order_escrows_have_orders", ok: orphans.length === 0, details: { accounts: orphans } },
    { name: "milestones_paid_exactly", ok: paid.length === 0, details: { milestones: paid } },
  ];
}

registerAuditChecks("orders", auditOrders);
