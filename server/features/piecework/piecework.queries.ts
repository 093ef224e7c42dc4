// Reads of a piece-rate task: its terms (piecework_terms, fixed at posting) and its pieces counted by
// status — the numbers every rule here speaks in (paid ≤ quantity, a provider's live pieces ≤
// maxPerProvider, the escrow = unit × (quantity − paid)).
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";

export type PieceTerms = Readonly<{
  unitPriceMinor: number;
  quantity: number;
  maxPerProvider: number;
  reviewEndsAt: Date | null;
}>;

export async function termsOf(q: Queryable, taskId: string): Promise<PieceTerms> {
  const row = await q
    .selectFrom("piecework_terms")
    .selectAll()
    .where("task_id", "=", taskId)
    .executeTakeFirstOrThrow();
  return {
    unitPriceMinor: Number(row.unit_price_minor),
    quantity: row.quantity,
    maxPerProvider: row.max_per_provider,
    reviewEndsAt: row.review_ends_at ? new Date(row.review_ends_at) : null,
  };
}

export type PieceCounts = { paid: number; waiting: number; rejected: number };

/** The task's pieces by status (read under the task's row lock when a rule depends on it). */
export async function pieceCounts(q: Queryable, taskId: string): Promise<PieceCounts> {
  const { rows } = await sql<PieceCounts>`
    SELECT count(*) FILTER (WHERE status = 'paid')::int AS paid,
           count(*) FILTER (WHERE status = 'submitted')::int AS waiting,
           count(*) FILTER (WHERE status = 'rejected')::int AS rejected
    FROM entries WHERE task_id = ${taskId}`.execute(q);
  return rows[0] ?? { paid: 0, waiting: 0, rejected: 0 };
}

/** A provider's pieces on the task that count against maxPerProvider: all but the rejected ones. */
export async function livePiecesOf(q: Queryable, taskId: string, providerId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM entries
    WHERE task_id = ${taskId} AND provider_id = ${providerId} AND status <> 'rejected'`.execute(q);
  return rows[0]?.n ?? 0;
}

/** The pieces still waiting for the buyer, earliest first (the review end accepts them in this order). */
export async function waitingPieces(q: Queryable, taskId: string): Promise<string[]> {
  const rows = await q
    .selectFrom("entries")
    .select("id")
    .where("task_id", "=", taskId)
    .where("status", "=", "submitted")
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}
