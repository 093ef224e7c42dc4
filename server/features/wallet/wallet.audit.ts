// The wallet's audit checks, beside the ledger's own (server/ledger/audit.ts), registered with the
// audit run when this module loads. Internal consistency (top-ups settled once, withdrawals
// consistent with their hold) and reconciliation with the outside world: every top-up credit has a
// charge at the provider, every movement of payout clearing a withdrawal.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { type AuditCheck, registerAuditChecks } from "../../ledger/audit.ts";
import { AccountCodes, TransferCodes } from "../../ledger/chart.ts";
import { SANDBOX } from "../../payments/sandbox.ts";

/** A charge's webhook arrives within seconds (retried for minutes); after this it is overdue. */
const CHARGE_GRACE_MINUTES = 15;

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

  // Money that entered from a payment provider: each transfer out of payment clearing (or coded as
  // a top-up) is the credit of a known top-up, of its amount, into its owner's wallet — and the
  // provider really charged it (the sandbox's own record, sandbox_charges; a real provider's
  // settlement report will take its place). A forged credit, even with a matching top-up row and
  // a perfectly balanced ledger, fails here.
  const { rows: uncharged } = await sql<{ transfer_id: string }>`
    SELECT t.id AS transfer_id, t.code, t.amount, t.credit_account_id, u.id AS top_up_id,
           u.amount_minor AS top_up_amount_minor, u.account_id, u.provider, c.outcome AS provider_charge
    FROM ledger_transfers t
    LEFT JOIN top_ups u ON t.ref_type = 'top_up' AND u.id = t.ref_id
    LEFT JOIN sandbox_charges c ON c.top_up_id = u.id
    WHERE (t.code = ${TransferCodes.topUp}
           OR t.debit_account_id IN (SELECT id FROM ledger_accounts WHERE code = ${AccountCodes.paymentClearing}))
      AND (t.code <> ${TransferCodes.topUp} OR u.id IS NULL OR t.amount <> u.amount_minor
           OR t.credit_account_id <> 'wallet:' || u.account_id
           OR t.debit_account_id NOT LIKE 'clearing:payments:' || u.provider || ':%'
           OR (u.provider = ${SANDBOX} AND c.outcome IS DISTINCT FROM 'succeeded'))
    LIMIT 20`.execute(q);
  // The other way round: a payer the provider charged long ago whose wallet was never credited.
  const { rows: uncredited } = await sql<{ top_up_id: string }>`
    SELECT c.top_up_id, c.created_at AS charged_at, u.status
    FROM sandbox_charges c JOIN top_ups u ON u.id = c.top_up_id
    WHERE c.outcome = 'succeeded' AND u.status <> 'succeeded'
      AND c.created_at < now() - make_interval(mins => ${CHARGE_GRACE_MINUTES})
    LIMIT 20`.execute(q);

  // Money that left through a payout provider: every movement of payout clearing (or coded as a
  // withdrawal) is the hold, payment or return of a withdrawal, out of its owner's wallet, of its
  // amount; a posted one only for a withdrawal that is paid.
  const { rows: payouts } = await sql<{ transfer_id: string }>`
    SELECT t.id AS transfer_id, t.flags, t.amount, t.debit_account_id, w.id AS withdrawal_id,
           w.amount_minor AS withdrawal_amount_minor, w.account_id, w.status
    FROM ledger_transfers t
    LEFT JOIN withdrawals w ON t.ref_type = 'withdrawal' AND w.id = t.ref_id
    WHERE (t.code = ${TransferCodes.withdrawal}
           OR t.credit_account_id IN (SELECT id FROM ledger_accounts WHERE code = ${AccountCodes.payoutClearing})
           OR t.debit_account_id IN (SELECT id FROM ledger_accounts WHERE code = ${AccountCodes.payoutClearing}))
      AND (w.id IS NULL OR t.code <> ${TransferCodes.withdrawal} OR t.amount <> w.amount_minor
           OR t.debit_account_id <> 'wallet:' || w.account_id
           OR (t.flags = 2 AND w.status <> 'paid'))
    LIMIT 20`.execute(q);

  return [
    { name: "top_ups_settled_once", ok: topUps.length === 0, details: { topUps } },
    { name: "withdrawals_consistent", ok: withdrawals.length === 0, details: { withdrawals } },
    { name: "top_ups_match_provider_charges", ok: uncharged.length === 0, details: { transfers: uncharged } },
    { name: "provider_charges_credited", ok: uncredited.length === 0, details: { charges: uncredited } },
    { name: "payouts_match_withdrawals", ok: payouts.length === 0, details: { transfers: payouts } },
  ];
}

registerAuditChecks("wallet", auditWallet);
