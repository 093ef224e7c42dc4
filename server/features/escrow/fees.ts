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
