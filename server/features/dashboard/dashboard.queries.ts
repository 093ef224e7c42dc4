// What waits for one account, read as it stands (no state of its own): contests to judge, handovers
// to accept, prizes to hand over and lapsed prizes to award again — each with the date it is due by;
// and what the other ways of buying make wait (orders, milestones, bids, pieces), read with plain SQL
// on their tables (migrations 0610–0640) rather than through those features' internals.
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
  const [more, judge, accept, handOver, awaiting, reaward] = await Promise.all([
    // The other ways of buying, in parallel with the contests' queries below.
    listOrderAndTaskActions(q, accountId),
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
    ...more,
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

type MilestoneRow = {
  order_id: string;
  title: string;
  milestone_id: string;
  milestone_title: string;
  amount_minor: string;
};
const milestoneOf = (r: MilestoneRow) => ({
  orderId: r.order_id,
  title: r.title,
  milestoneId: r.milestone_id,
  milestoneTitle: r.milestone_title,
  amountMinor: Number(r.amount_minor),
});
const milestoneColumns = sql`o.id::text AS order_id, o.title, m.id::text AS milestone_id,
  m.title AS milestone_title, m.amount_minor::text`;

/** Orders (as provider and as buyer), tenders' bids and piece-rate pieces waiting on `accountId`. */
async function listOrderAndTaskActions(q: Queryable, accountId: string) {
  const [confirm, deliver, accept, toFund, bids, pieces] = await Promise.all([
    sql<{
      order_id: string;
      title: string;
      buyer_name: string;
      total_minor: string;
      confirm_by: Date | null;
    }>`
      SELECT o.id::text AS order_id, o.title, a.display_name AS buyer_name, o.total_minor::text,
             o.confirm_by
      FROM orders o
      JOIN accounts a ON a.id = o.buyer_id
      WHERE o.provider_id = ${accountId} AND o.status = 'pending_confirmation'
      ORDER BY o.confirm_by NULLS LAST, o.id`.execute(q),
    // Only a running order takes deliveries (a funded milestone of an unconfirmed one waits on the
    // confirmation, listed above).
    sql<MilestoneRow & { status: "funded" | "revision_requested"; due_at: Date | null }>`
      SELECT ${milestoneColumns}, m.status, m.due_at
      FROM milestones m
      JOIN orders o ON o.id = m.order_id
      WHERE o.provider_id = ${accountId} AND o.status = 'in_progress'
        AND m.status IN ('funded', 'revision_requested')
      ORDER BY m.due_at NULLS LAST, m.id`.execute(q),
    sql<MilestoneRow & { provider_name: string; auto_accept_at: Date | null }>`
      SELECT ${milestoneColumns}, a.display_name AS provider_name, p.auto_accept_at
      FROM milestones m
      JOIN orders o ON o.id = m.order_id
      JOIN accounts a ON a.id = o.provider_id
      LEFT JOIN payables p ON p.kind = 'milestone' AND p.source_id = m.id
      WHERE o.buyer_id = ${accountId} AND o.status = 'in_progress' AND m.status = 'delivered'
      ORDER BY p.auto_accept_at NULLS LAST, m.id`.execute(q),
    sql<MilestoneRow>`
      SELECT ${milestoneColumns}
      FROM milestones m
      JOIN orders o ON o.id = m.order_id
      WHERE o.buyer_id = ${accountId} AND o.status = 'in_progress' AND m.status = 'pending_funding'
      ORDER BY o.created_at, o.id, m.index`.execute(q),
    // Bids can be compared (and one accepted) while the tender is open and through its selection.
    sql<{ task_id: string; title: string; bids: number; selection_ends_at: Date | null }>`
      SELECT t.id::text AS task_id, t.title, t.selection_ends_at, count(*)::int AS bids
      FROM tasks t
      JOIN bids b ON b.task_id = t.id AND b.status = 'submitted'
      WHERE t.buyer_id = ${accountId} AND t.mode = 'tender' AND t.status IN ('open', 'selecting')
      GROUP BY t.id
      ORDER BY t.selection_ends_at NULLS LAST, t.id`.execute(q),
    sql<{ task_id: string; title: string; pieces: number; review_ends_at: Date | null }>`
      SELECT t.id::text AS task_id, t.title, pt.review_ends_at, count(*)::int AS pieces
      FROM tasks t
      JOIN piecework_terms pt ON pt.task_id = t.id
      JOIN entries e ON e.task_id = t.id AND e.status = 'submitted'
      WHERE t.buyer_id = ${accountId} AND t.mode = 'piecework'
      GROUP BY t.id, pt.review_ends_at
      ORDER BY pt.review_ends_at NULLS LAST, t.id`.execute(q),
  ]);
  return {
    ordersToConfirm: confirm.rows.map((r) => ({
      orderId: r.order_id,
      title: r.title,
      buyerName: r.buyer_name,
      totalMinor: Number(r.total_minor),
      confirmBy: iso(r.confirm_by),
    })),
    milestonesToDeliver: deliver.rows.map((r) => ({
      ...milestoneOf(r),
      status: r.status,
      dueAt: iso(r.due_at),
    })),
    deliveriesToAccept: accept.rows.map((r) => ({
      ...milestoneOf(r),
      providerName: r.provider_name,
      autoAcceptAt: iso(r.auto_accept_at),
    })),
    milestonesToFund: toFund.rows.map(milestoneOf),
    bidsToCompare: bids.rows.map((r) => ({
      taskId: r.task_id,
      title: r.title,
      bids: r.bids,
      selectionEndsAt: iso(r.selection_ends_at),
    })),
    piecesToReview: pieces.rows.map((r) => ({
      taskId: r.task_id,
      title: r.title,
      pieces: r.pieces,
      reviewEndsAt: iso(r.review_ends_at),
    })),
  };
}
