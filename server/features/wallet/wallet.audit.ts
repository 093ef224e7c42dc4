// The wallet's audit checks, beside the ledger's own (server/ledger/audit.ts): top-ups settled once,
// withdrawals consistent with their hold.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import type { AuditCheck } from "../../ledger/audit.ts";

export async function auditWallet(q: Queryable): Promise<AuditCheck[]> {
  const { rows: topUps } = await sql<{ id: string }>`
    SELECT u.id, u.status, u.amount_minor, count(t.id)::int AS transfers, coalesce(sum(t.amount), 0)::bigint AS moved
    FROM top_ups u LEFT JOIN ledger_transfers t ON t.ref_type = 'top_up' AND t.ref_id = u.id AND t.code = 10
    GROUP BY u.id
    HAVING (u.status = 'succeeded' AND (count(t.id) <> 1 OR coalesce(sum(t.amount), 0) <> u.amount_minor))
        OR (u.status <> 'succeeded' AND count(t.id) <> 0)
    LIMIT 20`.execute(q);
  const { rows: withdrawals } = await sql<{ id: string }>`
    SELECT w.id, w.status, h.amount AS held, r.flags AS resolution
    FROM withdrawals w
    LEFT JOIN ledger_transfers h ON h.id = 'withdrawal:' || w.id
    LEFT JOIN ledger_transfers r ON r.pending_id = h.id
    WHERE h.id IS NULL OR h.flags <> 1 OR h.amount <> w.amount_minor
       OR (w.status IN ('pending', 'approved') AND r.id IS NOT NULL)
       OR (w.status = 'paid' AND (r.flags IS DISTINCT FROM 2 OR r.amount <> w.amount_minor))
       OR (w.status IN ('rejected', 'failed') AND r.flags IS DISTINCT FROM 4)
    LIMIT 20`.execute(q);
  return [
    { name: "top_ups_settled_once", ok: topUps.length === 0, details: { topUps } },
    { name: "withdrawals_consistent", ok: withdrawals.length === 0, details: { withdrawals } },
  ];
}
