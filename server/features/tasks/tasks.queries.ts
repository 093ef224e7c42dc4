// Reads of tasks: one task with its prizes, awards and counts; the public listing with filters,
// sorts and keyset pagination; and the row lock every write use case starts with.

import { type Selectable, sql } from "kysely";
import type { ContestTerms, Task, TaskListQuery } from "../../../contracts/tasks.ts";
import { notFound } from "../../core/errors.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import type { TasksTable } from "../../db/schema.ts";
import { availableSql } from "../../ledger/ledger.ts";
import { isPlausibleInstant } from "../../lib/instant.ts";
import { escrowAccountIdSql } from "../escrow/escrow.ts";
import { modeOf, type TaskModes } from "./task-mode.ts";

/**
 * A task's row with its mode's terms beside it (contest_terms, migration 0550: what a contest
 * promised at posting). The terms have their own table; the use cases read them with the task.
 */
export type TaskRow = Selectable<TasksTable> & { guaranteed: boolean; fail_fee_bps: number };

/** Task rows joined with their terms (a task of another mode reads the terms' neutral values). */
function taskRows(q: Queryable) {
  return q
    .selectFrom("tasks as t")
    .leftJoin("contest_terms as ct", "ct.task_id", "t.id")
    .selectAll("t")
    .select([
      sql<boolean>`coalesce(ct.guaranteed, false)`.as("guaranteed"),
      sql<number>`coalesce(ct.fail_fee_bps, 0)`.as("fail_fee_bps"),
    ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);

// Re-exported: the tasks feature's other readers (entries) import it from here.
export { isPlausibleInstant };

/** Lock the task row (every write on a task starts here, before entries and ledger accounts). */
export async function lockTask(tx: Tx, id: string, mode: "update" | "share" = "update"): Promise<TaskRow> {
  if (!isUuid(id)) throw notFound("Task");
  const q = taskRows(tx).where("t.id", "=", id);
  const row = await (mode === "update" ? q.forUpdate("t") : q.forShare("t")).executeTakeFirst();
  if (!row) throw notFound("Task");
  return row;
}

export async function findTaskRow(q: Queryable, id: string): Promise<TaskRow | undefined> {
  if (!isUuid(id)) return undefined;
  return taskRows(q).where("t.id", "=", id).executeTakeFirst();
}

export async function getTaskRow(q: Queryable, id: string): Promise<TaskRow> {
  const row = await findTaskRow(q, id);
  if (!row) throw notFound("Task");
  return row;
}

/** A task row with what its presentation needs (the contest's prizes and awards among it). */
export type PresentedTaskRow = TaskRow & {
  buyer_name: string;
  escrow_minor: number | null;
  prizes: number[] | null;
  entry_count: number;
  provider_count: number;
  awards: ContestTerms["awards"] | null;
  prize_states: ContestTerms["prizes"] | null;
  /** A tender's terms (tender_terms) and its bids not withdrawn; null for other modes. */
  tender: { budgetMinor: number | null; bidCount: number } | null;
  /** A piece-rate task's terms (piecework_terms) and its pieces counted by status; null otherwise. */
  piece_terms: {
    unitPriceMinor: number;
    quantity: number;
    maxPerProvider: number;
    reviewEndsAt: string | null;
    paid: number;
    waiting: number;
    rejected: number;
  } | null;
};
type Presented = PresentedTaskRow;

/** Everything a presented task needs, for a set of tasks, in one statement. */
function presentedTasks(q: Queryable) {
  return taskRows(q)
    .innerJoin("accounts as b", "b.id", "t.buyer_id")
    .leftJoin("ledger_accounts as e", (j) => j.on("e.id", "=", escrowAccountIdSql("task", "t.id")))
    .select([
      "b.display_name as buyer_name",
      availableSql("e").as("escrow_minor"),
      sql<number[] | null>`(SELECT array_agg(p.amount_minor ORDER BY p.prize_index)
                             FROM task_prizes p WHERE p.task_id = t.id)`.as("prizes"),
      sql<number>`(SELECT count(*) FROM entries n WHERE n.task_id = t.id)::int`.as("entry_count"),
      sql<number>`(SELECT count(DISTINCT n.provider_id) FROM entries n WHERE n.task_id = t.id)::int`.as(
        "provider_count",
      ),
      sql<ContestTerms["awards"] | null>`(SELECT json_agg(json_build_object(
          'prizeIndex', a.prize_index, 'amountMinor', a.amount_minor, 'entryId', a.entry_id,
          'providerId', a.provider_id, 'status', n.status, 'awardedBy', a.awarded_by,
          'awardedAt', a.awarded_at, 'handoverDueAt', a.handover_due_at, 'lapsedAt', a.lapsed_at,
          'reawardEndsAt', a.reaward_ends_at)
          ORDER BY a.prize_index, a.awarded_at)
        FROM awards a JOIN entries n ON n.id = a.entry_id WHERE a.task_id = t.id)`.as("awards"),
      // A prize's state from its refund and its awards (a live award is one that has not lapsed).
      // (Contests refunded whole before migration 0401 have no refunded_at: their status says it.)
      sql<ContestTerms["prizes"] | null>`(SELECT json_agg(json_build_object(
          'prizeIndex', p.prize_index, 'amountMinor', p.amount_minor,
          'status', CASE
            WHEN p.refunded_at IS NOT NULL OR t.status IN ('refunded', 'cancelled') THEN 'refunded'
            WHEN live.paid_at IS NOT NULL THEN 'paid'
            WHEN live.entry_id IS NOT NULL THEN 'awarded'
            WHEN lapsed.reaward_ends_at IS NOT NULL THEN 'reawardable'
            ELSE 'open' END,
          'reawardEndsAt', CASE WHEN p.refunded_at IS NULL AND live.entry_id IS NULL
                                 AND t.status NOT IN ('refunded', 'cancelled')
                                THEN lapsed.reaward_ends_at END)
          ORDER BY p.prize_index)
        FROM task_prizes p
        LEFT JOIN awards live ON live.task_id = p.task_id AND live.prize_index = p.prize_index
                             AND live.lapsed_at IS NULL
        LEFT JOIN LATERAL (SELECT max(l.reaward_ends_at) AS reaward_ends_at FROM awards l
                           WHERE l.task_id = p.task_id AND l.prize_index = p.prize_index
                             AND l.lapsed_at IS NOT NULL) lapsed ON true
        WHERE p.task_id = t.id)`.as("prize_states"),
      sql<PresentedTaskRow["tender"]>`(SELECT json_build_object('budgetMinor', tt.budget_minor,
          'bidCount', (SELECT count(*) FROM bids bc WHERE bc.task_id = t.id AND bc.status <> 'withdrawn'))
        FROM tender_terms tt WHERE tt.task_id = t.id)`.as("tender"),
      sql<PresentedTaskRow["piece_terms"]>`(SELECT json_build_object(
          'unitPriceMinor', pt.unit_price_minor, 'quantity', pt.quantity,
          'maxPerProvider', pt.max_per_provider, 'reviewEndsAt', pt.review_ends_at,
          'paid', (SELECT count(*) FROM entries n WHERE n.task_id = t.id AND n.status = 'paid'),
          'waiting', (SELECT count(*) FROM entries n WHERE n.task_id = t.id AND n.status = 'submitted'),
          'rejected', (SELECT count(*) FROM entries n WHERE n.task_id = t.id AND n.status = 'rejected'))
        FROM piecework_terms pt WHERE pt.task_id = t.id)`.as("piece_terms"),
    ]);
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The shared fields, then the mode's own terms (TaskMode.presentTerms). */
function present(r: Presented, modes: TaskModes): Task {
  return {
    id: r.id,
    status: r.status,
    title: r.title,
    brief: r.brief,
    categoryId: r.category_id,
    buyerId: r.buyer_id,
    buyer: { id: r.buyer_id, displayName: r.buyer_name },
    currency: "CNY",
    escrowMinor: Number(r.escrow_minor ?? 0),
    poolMinor: r.funded_minor,
    feeBps: r.fee_bps,
    entryCount: r.entry_count,
    providerCount: r.provider_count,
    createdAt: iso(r.created_at),
    closedAt: r.closed_at ? iso(r.closed_at) : null,
    ...modeOf(modes, r.mode).presentTerms(r),
  };
}

export async function findTask(q: Queryable, id: string, modes: TaskModes): Promise<Task | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await presentedTasks(q).where("t.id", "=", id).executeTakeFirst();
  return row ? present(row as Presented, modes) : undefined;
}

export async function getTask(q: Queryable, id: string, modes: TaskModes): Promise<Task> {
  const task = await findTask(q, id, modes);
  if (!task) throw notFound("Task");
  return task;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The public listing: newest first by default, or by prize pool, or by deadline (soonest first). */
export async function listTasks(
  q: Queryable,
  query: TaskListQuery,
  modes: TaskModes,
): Promise<{ items: Task[]; nextCursor: string | null }> {
  let s = presentedTasks(q);
  if (query.mode) s = s.where("t.mode", "=", query.mode);
  if (query.status) s = s.where("t.status", "=", query.status);
  if (query.buyerId) s = s.where("t.buyer_id", "=", query.buyerId);
  if (query.providerId) {
    const providerId = query.providerId;
    // Entered (contests, pieces) or bid on (tenders: any bid, withdrawn ones too).
    s = s.where(({ exists, or, selectFrom }) =>
      or([
        exists(
          selectFrom("entries as pe")
            .select("pe.id")
            .whereRef("pe.task_id", "=", "t.id")
            .where("pe.provider_id", "=", providerId),
        ),
        exists(
          selectFrom("bids as pb")
            .select("pb.id")
            .whereRef("pb.task_id", "=", "t.id")
            .where("pb.provider_id", "=", providerId),
        ),
      ]),
    );
  }
  if (query.categoryId) {
    const category = query.categoryId;
    s = s.where((eb) =>
      eb.or([
        eb("t.category_id", "=", category),
        eb("t.category_id", "in", eb.selectFrom("categories").select("id").where("parent_id", "=", category)),
      ]),
    );
  }
  if (query.minPrizeMinor !== undefined) s = s.where("t.funded_minor", ">=", query.minPrizeMinor);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    s = s.where((eb) => eb.or([eb("t.title", "ilike", pattern), eb("t.brief", "ilike", pattern)]));
  }
  // One cursor kind per sort: a cursor of another sort is not one we gave out for this one.
  const list = `tasks:${query.sort}`;
  if (query.sort === "prize") {
    const cursor = decodeCursor(list, query.cursor, ["int", "uuid"] as const);
    if (cursor) {
      s = s.where(sql<boolean>`(t.funded_minor, t.id) < (${cursor[0]}::bigint, ${cursor[1]}::uuid)`);
    }
    s = s.orderBy("t.funded_minor", "desc").orderBy("t.id", "desc");
  } else if (query.sort === "deadline") {
    const cursor = decodeCursor(list, query.cursor, ["instant", "uuid"] as const);
    if (cursor) {
      s = s.where(sql<boolean>`(t.deadline_at, t.id) > (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`);
    }
    s = s.orderBy("t.deadline_at", "asc").orderBy("t.id", "asc");
  } else {
    const cursor = decodeCursor(list, query.cursor, ["instant", "uuid"] as const);
    if (cursor) {
      s = s.where(sql<boolean>`(t.created_at, t.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`);
    }
    s = s.orderBy("t.created_at", "desc").orderBy("t.id", "desc");
  }
  const rows = (await s.limit(query.limit + 1).execute()) as Presented[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > query.limit && last) {
    const v =
      query.sort === "prize"
        ? last.funded_minor
        : query.sort === "deadline"
          ? new Date(last.deadline_at)
          : new Date(last.created_at);
    nextCursor = encodeCursor(list, [v, last.id]);
  }
  return { items: page.map((r) => present(r, modes)), nextCursor };
}
