// Reads of bids under the sealed rules (API.md "Tenders": the buyer sees all; a provider their own;
// with sealedBids false others see amounts and proposals; otherwise others see the count only —
// the same rule as a contest's entries, tasks/entries.policy.ts), and the row locks the bid use
// cases take (after the task's: task, then bids in id order, then ledger accounts).
import { type Selectable, sql } from "kysely";
import type { Bid, BidList } from "../../../contracts/tenders.ts";
import { type Actor, isOperator } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import { type EventActor, transition } from "../../core/events.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import type { BidsTable } from "../../db/schema.ts";
import { entryVisibility, type TaskForPolicy } from "../tasks/entries.policy.ts";
import { isUuid } from "../tasks/tasks.queries.ts";
import { bidMachine, bidSubject } from "./tender-status.ts";

export type BidRow = Selectable<BidsTable>;
type PresentedBidRow = BidRow & { provider_name: string };

const accountOf = (actor: Actor) => (actor.kind === "account" ? actor.accountId : undefined);

/** May `actor` see this bid at all? (Its own provider always; others by the tender's visibility.) */
export function canSeeBid(task: TaskForPolicy, bid: Pick<BidRow, "provider_id" | "status">, actor: Actor) {
  if (accountOf(actor) === bid.provider_id) return true;
  // A withdrawn bid is its provider's business (and operators').
  if (bid.status === "withdrawn" && !isOperator(actor)) return false;
  return entryVisibility(task, actor) === "all";
}

/** The order of an accepted bid: only the order's two parties and operators learn it exists. */
const seesOrder = (task: TaskForPolicy, bid: BidRow, actor: Actor) =>
  isOperator(actor) || accountOf(actor) === task.buyer_id || accountOf(actor) === bid.provider_id;

function present(task: TaskForPolicy, r: PresentedBidRow, actor: Actor): Bid {
  return {
    id: r.id,
    taskId: r.task_id,
    providerId: r.provider_id,
    provider: { id: r.provider_id, displayName: r.provider_name },
    status: r.status,
    amountMinor: Number(r.amount_minor),
    days: r.days,
    proposal: r.proposal,
    milestones: (r.milestones as { title: string; amountMinor: number }[]).map((m) => ({
      title: m.title,
      amountMinor: Number(m.amountMinor),
    })),
    orderId: r.order_id && seesOrder(task, r, actor) ? r.order_id : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const presentedBids = (q: Queryable) =>
  q
    .selectFrom("bids as b")
    .innerJoin("accounts as p", "p.id", "b.provider_id")
    .selectAll("b")
    .select("p.display_name as provider_name");

export async function findBidRow(q: Queryable, id: string): Promise<BidRow | undefined> {
  if (!isUuid(id)) return undefined;
  return q.selectFrom("bids").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One bid as `actor` sees it; 404 when it is sealed from them (or does not exist). */
export async function getBid(q: Queryable, task: TaskForPolicy, id: string, actor: Actor): Promise<Bid> {
  const row = isUuid(id) ? await presentedBids(q).where("b.id", "=", id).executeTakeFirst() : undefined;
  if (!row || !canSeeBid(task, row, actor)) throw notFound("Bid");
  return present(task, row, actor);
}

/** A tender's bids as `actor` may see them, oldest first, page by page; the count is public. */
export async function listBids(
  q: Queryable,
  task: TaskForPolicy & { id: string },
  actor: Actor,
  options: { limit: number; cursor?: string },
): Promise<BidList> {
  const { bids } = await q
    .selectFrom("bids")
    .select(sql<number>`count(*)::int`.as("bids"))
    .where("task_id", "=", task.id)
    .where("status", "<>", "withdrawn")
    .executeTakeFirstOrThrow();
  const visibility = entryVisibility(task, actor);
  const me = accountOf(actor);
  const sealed = visibility !== "all";
  if (visibility === "none") return { items: [], nextCursor: null, counts: { bids }, sealed };
  let s = presentedBids(q).where("b.task_id", "=", task.id);
  if (visibility === "own" && me) s = s.where("b.provider_id", "=", me);
  else if (!isOperator(actor)) {
    // Withdrawn bids: their provider's own only.
    s = me
      ? s.where((eb) => eb.or([eb("b.status", "<>", "withdrawn"), eb("b.provider_id", "=", me)]))
      : s.where("b.status", "<>", "withdrawn");
  }
  const cursor = decodeCursor("bids", options.cursor, ["instant", "uuid"] as const);
  if (cursor) {
    const [at, id] = cursor;
    s = s.where(sql<boolean>`(b.created_at, b.id) > (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await s
    .orderBy("b.created_at")
    .orderBy("b.id")
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > options.limit && last ? encodeCursor("bids", [new Date(last.created_at), last.id]) : null;
  return { items: page.map((r) => present(task, r, actor)), nextCursor, counts: { bids }, sealed };
}

/** Lock one bid's row (after its task's). */
export async function lockBid(tx: Tx, id: string): Promise<BidRow> {
  const row = isUuid(id)
    ? await tx.selectFrom("bids").selectAll().where("id", "=", id).forUpdate().executeTakeFirst()
    : undefined;
  if (!row) throw notFound("Bid");
  return row;
}

/** Lock every bid of a tender still waiting for the buyer, in id order (the one lock order). */
export function lockWaitingBids(tx: Tx, taskId: string): Promise<BidRow[]> {
  return tx
    .selectFrom("bids")
    .selectAll()
    .where("task_id", "=", taskId)
    .where("status", "=", "submitted")
    .orderBy("id")
    .forUpdate()
    .execute();
}

/** The tender is over (a hire, a cancellation, the end of selection): each waiting bid is declined. */
export async function declineWaitingBids(
  tx: Tx,
  taskId: string,
  actor: EventActor,
  at: Date,
  reason: "other_bid_accepted" | "tender_cancelled" | "tender_closed",
): Promise<number> {
  const waiting = await lockWaitingBids(tx, taskId);
  for (const bid of waiting) {
    await transition(tx, {
      subject: bidSubject(bid.id),
      machine: bidMachine,
      name: "decline",
      actor,
      at,
      patch: { updated_at: at },
      data: { taskId, reason },
    });
  }
  return waiting.length;
}
