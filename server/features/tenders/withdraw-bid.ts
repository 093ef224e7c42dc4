// A provider withdraws their bid while the buyer has not decided on it (submitted → withdrawn);
// they may then bid again while the tender is open. Anyone else: 404 when the bid is sealed from
// them, 403 when they can see it but it is not theirs.
import type { AccountActor } from "../../core/actor.ts";
import { forbidden, notFound } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import { canSeeBid, findBidRow, lockBid } from "./bids.queries.ts";
import type { TenderDeps } from "./post-tender.ts";
import { bidMachine, bidSubject } from "./tender-status.ts";

export async function withdrawBid(
  tx: Tx,
  actor: AccountActor,
  bidId: string,
  deps: Pick<TenderDeps, "clock">,
): Promise<void> {
  const found = await findBidRow(tx, bidId);
  if (!found) throw notFound("Bid");
  // The lock order: the tender, then its bids.
  const task = await lockTask(tx, found.task_id);
  const bid = await lockBid(tx, bidId);
  if (bid.provider_id !== actor.accountId) {
    if (!canSeeBid(task, bid, actor)) throw notFound("Bid");
    throw forbidden("Only the bid's provider may withdraw it");
  }
  const now = deps.clock.now();
  await transition(tx, {
    subject: bidSubject(bid.id),
    machine: bidMachine,
    name: "withdraw",
    actor,
    at: now,
    patch: { updated_at: now },
    data: { taskId: task.id },
  });
}
