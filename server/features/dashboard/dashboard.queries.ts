// What waits for one account, read as it stands (no state of its own): contests to judge, handovers
// to accept, prizes to hand over and lapsed prizes to award again — each with the date it is due by.
import { sql } from "kysely";
import type { MyActions } from "../../../contracts/dashboard.ts";
import type { Queryable } from "../../db/database.ts";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The columns every entry row of the dashboard starts with. */
type EntryRow = { task_id: string; title: string; entry_id: string };

/**
 * When a handed-over entry is accepted on its own: the payable's auto-accept date where it has one,
 * else the handover + the auto-accept period (the timer started at handover). Needs `e` (entries)
 * and `p`, the LEFT JOIN of `payablesOfEntry`.
 */
const autoAcceptAt = (autoAcceptMs: number) =>
  sql<Date | null>`coalesce(p.auto_accept_at, e.handed_over_at + make_interval(secs => ${autoAcceptMs / 1000}))`;
const payablesOfEntry = sql`LEFT JOIN payables p ON p.kind = 'contest_award' AND p.source_id = e.id`;

export async function listMyActions(
  q: Queryable,
  accountId: string,
  options: { now: Date; autoAcceptMs: number },
): Promise<MyActions> {
  const [judge, accept, handOver, awaiting, reaward] = await Promise.all([
    sql<{ task_id: string; title: string; entries: number; selection_ends_at: Date | null }>`
      SELECT t.id::text AS task_id, t.title, t.selection_ends_at,
             (SELECT count(*) FROM entries e WHERE e.task_id = t.id)::int AS entries
      FROM tasks t
      WHERE t.buyer_id = ${accountId} AND t.status = 'selecting'
      ORDER BY t.selection_ends_at NULLS LAST, t.id`.execute(q),
    sql<EntryRow & { provider_name: string; auto_accept_at: Date | null }>`
      SELECT t.id::text AS task_id, t.title, e.id::text AS entry_id, a.display_name AS provider_name,
             ${autoAcceptAt(options.autoAcceptMs)} AS auto_accept_at
      FROM entries e
      JOIN tasks t ON t.id = e.task_id
      JOIN accounts a ON a.id = e.provider_id
      ${payablesOfEntry}
      WHERE t.buyer_id = ${accountId} AND e.status = 'handed_over'
      ORDER BY auto_accept_at NULLS LAST, e.id`.execute(q),
    sql<EntryRow & { amount_minor: string; handover_due_at: Date | null }>`
      SELECT t.id::text AS task_id, t.title, e.id::text AS entry_id, w.amount_minor::text, w.handover_due_at
      FROM entries e
      JOIN tasks t ON t.id = e.task_id
      JOIN awards w ON w.entry_id = e.id AND w.lapsed_at IS NULL
      WHERE e.provider_id = ${accountId} AND e.status = 'awarded'
      ORDER BY w.handover_due_at NULLS LAST, e.id`.execute(q),
    sql<EntryRow & { amount_minor: string; auto_accept_at: Date | null }>`
      SELECT t.id::text AS task_id, t.title, e.id::text AS entry_id, w.amount_minor::text,
             ${autoAcceptAt(options.autoAcceptMs)} AS auto_accept_at
      FROM entries e
      JOIN tasks t ON t.id = e.task_id
      JOIN awards w ON w.entry_id = e.id AND w.lapsed_at IS NULL
      ${payablesOfEntry}
      WHERE e.provider_id = ${accountId} AND e.status = 'handed_over'
      ORDER BY auto_accept_at NULLS LAST, e.id`.execute(q),
    // A lapsed award whose prize has no live award since and was not refunded, still in its period.
    sql<{ task_id: string; title: string; prize_index: number; amount_minor: string; reaward_ends_at: Date }>`
      SELECT DISTINCT ON (w.task_id, w.prize_index)
             t.id::text AS task_id, t.title, w.prize_index, w.amount_minor::text, w.reaward_ends_at
      FROM awards w
      JOIN tasks t ON t.id = w.task_id
      JOIN task_prizes pr ON pr.task_id = w.task_id AND pr.prize_index = w.prize_index
      WHERE t.buyer_id = ${accountId} AND t.status IN ('selecting', 'awarded')
        AND w.lapsed_at IS NOT NULL AND w.reaward_ends_at > ${options.now}
        AND pr.refunded_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM awards live WHERE live.task_id = w.task_id
                          AND live.prize_index = w.prize_index AND live.lapsed_at IS NULL)
      ORDER BY w.task_id, w.prize_index, w.reaward_ends_at DESC`.execute(q),
  ]);
  return {
    toJudge: judge.rows.map((r) => ({
      taskId: r.task_id,
      title: r.title,
      entries: r.entries,
      selectionEndsAt: iso(r.selection_ends_at),
    })),
    toAccept: accept.rows.map((r) => ({
      taskId: r.task_id,
      title: r.title,
      entryId: r.entry_id,
      providerName: r.provider_name,
      autoAcceptAt: iso(r.auto_accept_at),
    })),
    toHandOver: handOver.rows.map((r) => ({
      taskId: r.task_id,
      title: r.title,
      entryId: r.entry_id,
      amountMinor: Number(r.amount_minor),
      handoverDueAt: iso(r.handover_due_at),
    })),
    awaitingPayment: awaiting.rows.map((r) => ({
      taskId: r.task_id,
      title: r.title,
      entryId: r.entry_id,
      amountMinor: Number(r.amount_minor),
      autoAcceptAt: iso(r.auto_accept_at),
    })),
    toReaward: reaward.rows
      .map((r) => ({
        taskId: r.task_id,
        title: r.title,
        prizeIndex: r.prize_index,
        amountMinor: Number(r.amount_minor),
        reawardEndsAt: new Date(r.reaward_ends_at).toISOString(),
      }))
      .sort((a, b) => a.reawardEndsAt.localeCompare(b.reawardEndsAt)),
  };
}
