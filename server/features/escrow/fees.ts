// The platform's fee for a new task or order: the most specific fee rule (fee_rules, migration
// 0530) for its category and way of buying, else PLATFORM_FEE_BPS. Read once, when the subject is
// created, and snapshotted on it (tasks.fee_bps): a release uses the snapshot, never this.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";

export type FeeSubject = Readonly<{ categoryId: string | null; mode: string | null }>;

/**
 * Specificity: the exact category beats its root category, which beats no category; within each, a
 * rule for the mode beats one for any mode.
 */
export async function feeBpsFor(q: Queryable, subject: FeeSubject, defaultBps: number): Promise<number> {
  const { rows } = await sql<{ fee_bps: number }>`
    SELECT r.fee_bps
    FROM fee_rules r
    LEFT JOIN categories c ON c.id = ${subject.categoryId}
    WHERE (r.category_id IS NULL OR r.category_id = c.id OR r.category_id = c.parent_id)
      AND (r.mode IS NULL OR r.mode = ${subject.mode})
    ORDER BY CASE WHEN r.category_id = c.id THEN 2 WHEN r.category_id IS NOT NULL THEN 1 ELSE 0 END DESC,
             (r.mode IS NOT NULL) DESC
    LIMIT 1`.execute(q);
  return rows[0]?.fee_bps ?? defaultBps;
}

export type FeeRule = Readonly<{ categoryId: string | null; mode: string | null; feeBps: number }>;

/** Every fee rule: the general ones first. */
export async function listFeeRules(q: Queryable): Promise<FeeRule[]> {
  const { rows } = await sql<{ category_id: string | null; mode: string | null; fee_bps: number }>`
    SELECT category_id, mode, fee_bps FROM fee_rules
    ORDER BY category_id NULLS FIRST, mode NULLS FIRST`.execute(q);
  return rows.map((r) => ({ categoryId: r.category_id, mode: r.mode, feeBps: r.fee_bps }));
}

/**
 * Set (or with `feeBps: null` remove) the rule for (categoryId, mode); what it was before, so that
 * the caller can record the change. Call in a transaction with the audit record.
 */
export async function setFeeRule(
  tx: Queryable,
  rule: Readonly<{ categoryId: string | null; mode: string | null; feeBps: number | null }>,
): Promise<{ fromBps: number | null }> {
  const { rows: old } = await sql<{ fee_bps: number }>`
    DELETE FROM fee_rules WHERE category_id IS NOT DISTINCT FROM ${rule.categoryId}
      AND mode IS NOT DISTINCT FROM ${rule.mode}
    RETURNING fee_bps`.execute(tx);
  if (rule.feeBps !== null) {
    await sql`INSERT INTO fee_rules (category_id, mode, fee_bps, updated_at)
              VALUES (${rule.categoryId}, ${rule.mode}, ${rule.feeBps}, now())`.execute(tx);
  }
  return { fromBps: old[0]?.fee_bps ?? null };
}
