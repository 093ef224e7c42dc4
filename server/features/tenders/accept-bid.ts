// The buyer accepts a bid (API.md "Tenders"; Idempotency-Key on the route): while the tender is open
// and until its selection ends (TIMER_TENDER_SELECTION after the bid deadline). In ONE transaction:
// the tender becomes `hired`, the bid `accepted`, every other waiting bid `declined`, and an order
// opens from the bid (features/orders openOrder: its milestones as the bid split them, 2 revisions
// each, the bid's days as the delivery time, the first milestone funded from the buyer's wallet
// now). When the wallet is short openOrder answers 402 and the whole transaction rolls back:
// nothing changes. Locks: the tender, then its bids in id order, then (openOrder) ledger accounts.
import type { AccountActor } from "../../core/actor.ts";
import { AppError, forbidden, notFound } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { openOrder } from "../orders/open-order.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import { canSeeBid, declineWaitingBids, findBidRow, lockWaitingBids } from "./bids.queries.ts";
import type { TenderDeps } from "./post-tender.ts";
import { bidMachine, bidSubject, tenderMachine, tenderSubject } from "./tender-status.ts";

/** Revisions per milestone of an order opened from a bid (API.md: "bids: 2"). */
export const BID_REVISIONS = 2;

/** Accept `bidId`; the id of the order it opened. */
export async function acceptBid(tx: Tx, by: AccountActor, bidId: string, deps: TenderDeps): Promise<string> {
  const found = await findBidRow(tx, bidId);
  if (!found) throw notFound("Bid");
  const task = await lockTask(tx, found.task_id);
  if (task.buyer_id !== by.accountId) {
    if (!canSeeBid(task, found, by)) throw notFound("Bid");
    throw forbidden("Only the tender's buyer may accept a bid");
  }
  const now = deps.clock.now();
  tenderMachine.assert("hire", task.status);
  if (task.selection_ends_at && new Date(task.selection_ends_at).getTime() <= now.getTime()) {
    throw new AppError("invalid_transition", "The selection period of this tender has ended", {
      selectionEndsAt: new Date(task.selection_ends_at).toISOString(),
    });
  }
  // Every waiting bid of the tender under lock, in id order (the one this bid must be among).
  const waiting = await lockWaitingBids(tx, task.id);
  const bid = waiting.find((b) => b.id === bidId);
  if (!bid) {
    // Withdrawn, declined or accepted already: 409 naming its status.
    bidMachine.assert("accept", found.status);
    throw new AppError("invalid_transition", "This bid is no longer waiting for a decision");
  }
  const milestones = bid.milestones as { title: string; amountMinor: number }[];
  const orderId = await openOrder(
    tx,
    by,
    {
      source: { type: "bid", id: bid.id },
      buyerId: task.buyer_id,
      providerId: bid.provider_id,
      title: task.title,
      categoryId: task.category_id,
      requirements: task.brief,
      status: "in_progress",
      milestones: milestones.map((m) => ({
        title: m.title,
        amountMinor: Number(m.amountMinor),
        revisions: BID_REVISIONS,
        // The bid promises the whole work in `days`: each milestone is due within them.
        deliveryDays: bid.days,
      })),
    },
    deps,
  );
  await transition(tx, {
    subject: bidSubject(bid.id),
    machine: bidMachine,
    name: "accept",
    actor: by,
    at: now,
    patch: { order_id: orderId, updated_at: now },
    data: { taskId: task.id, orderId, amountMinor: Number(bid.amount_minor) },
  });
  await declineWaitingBids(tx, task.id, by, now, "other_bid_accepted");
  await transition(tx, {
    subject: tenderSubject(task.id),
    machine: tenderMachine,
    name: "hire",
    actor: by,
    at: now,
    patch: { closed_at: now, updated_at: now },
    data: { bidId: bid.id, providerId: bid.provider_id, orderId },
  });
  return orderId;
}
