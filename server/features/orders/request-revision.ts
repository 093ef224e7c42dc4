// The buyer asks for changes to a delivered milestone (API.md POST /milestones/:id/request-revision):
// delivered → revision_requested, at most revisions_allowed times per milestone (the package's
// revisions; a bid's 2), then 409 invalid_transition. The delivery's auto-accept no longer applies.
import type { RequestRevision } from "../../../contracts/orders.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { autoAcceptDue, findPayable, requestPayableRevision } from "../payables/payables.ts";
import { milestoneMachine, milestoneSubject } from "./order-status.ts";
import { isBuyer } from "./orders.policy.ts";
import { lockMilestone } from "./orders.queries.ts";

export async function requestRevision(
  tx: Tx,
  by: AccountActor,
  milestoneId: string,
  input: RequestRevision,
  deps: Pick<Deps, "clock">,
): Promise<void> {
  const { order, milestone } = await lockMilestone(tx, milestoneId, by);
  if (!isBuyer(order, by)) throw forbidden("Only the buyer asks for a revision");
  milestoneMachine.assert("requestRevision", milestone.status);
  if (milestone.revisions_used >= milestone.revisions_allowed) {
    throw new AppError(
      "invalid_transition",
      "No revisions are left for this milestone: accept it or dispute",
      {
        transition: "requestRevision",
        from: milestone.status,
        revisionsAllowed: milestone.revisions_allowed,
        revisionsUsed: milestone.revisions_used,
      },
    );
  }
  const now = deps.clock.now();
  // TIMER_AUTO_ACCEPT is decided by the clock, not by when its job runs: once the delivery's
  // auto-accept time has passed it is accepted (the job pays it), and a revision request is too late.
  const payable = await findPayable(tx, "milestone", milestone.id);
  if (payable && autoAcceptDue(payable, now)) {
    throw new AppError("invalid_transition", "This delivery's review time is over: it is being accepted", {
      transition: "requestRevision",
      from: milestone.status,
      autoAcceptAt: payable.auto_accept_at ? new Date(payable.auto_accept_at).toISOString() : null,
    });
  }
  const used = milestone.revisions_used + 1;
  await transition(tx, {
    subject: milestoneSubject(milestone.id),
    machine: milestoneMachine,
    name: "requestRevision",
    actor: by,
    at: now,
    patch: { revisions_used: used },
    data: { orderId: order.id, reason: input.reason, revisionsLeft: milestone.revisions_allowed - used },
  });
  await requestPayableRevision(tx, "milestone", milestone.id, by, now, { orderId: order.id });
}
