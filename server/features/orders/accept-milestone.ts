// Accepting a delivered milestone — by the buyer (API.md POST /milestones/:id/accept) or by the
// payables' auto-accept timer (TIMER_AUTO_ACCEPT after the delivery, orderPayableKind): its payable
// is accepted and paid — amount − the order's snapshotted fee to the provider, the fee to platform
// revenue, out of the order's escrow as one linked posting whose ids name the milestone (a replay or
// a second run of the job never pays twice). The last accepted milestone completes the order.
import type { AccountActor, SystemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { payableMachine } from "../payables/payable-status.ts";
import { acceptPayable, autoAcceptDue, findPayable } from "../payables/payables.ts";
import { milestoneMachine, milestoneSubject, orderMachine, orderSubject } from "./order-status.ts";
import { isBuyer } from "./orders.policy.ts";
import { lockMilestone, lockMilestones } from "./orders.queries.ts";

export async function acceptMilestone(
  tx: Tx,
  by: AccountActor | SystemActor,
  milestoneId: string,
  deps: Pick<Deps, "clock">,
  options: { onlyWhenDue?: boolean } = {},
): Promise<"paid" | "skipped"> {
  const { order, milestone } = await lockMilestone(tx, milestoneId, by);
  const now = deps.clock.now();
  if (by.kind === "system") {
    // The buyer decided first (accepted, asked for a revision, disputed), the order was cancelled,
    // or (a worker's run) its time by the injected clock has not come: nothing to do.
    if (!milestoneMachine.can("accept", milestone.status)) return "skipped";
    const payable = await findPayable(tx, "milestone", milestoneId);
    if (!payable || !payableMachine.can("accept", payable.status)) return "skipped";
    if (options.onlyWhenDue && !autoAcceptDue(payable, now)) return "skipped";
  } else if (!isBuyer(order, by)) {
    throw forbidden("Only the buyer accepts a delivery");
  }
  milestoneMachine.assert("accept", milestone.status);
  const { feeMinor, paidMinor } = await acceptPayable(tx, "milestone", milestoneId, by, deps.clock);
  await transition(tx, {
    subject: milestoneSubject(milestone.id),
    machine: milestoneMachine,
    name: "accept",
    actor: by,
    at: now,
    patch: { accepted_at: now },
    data: { orderId: order.id, amountMinor: Number(milestone.amount_minor), feeMinor, paidMinor },
  });
  const milestones = await lockMilestones(tx, order.id);
  if (milestones.every((m) => m.status === "accepted")) {
    await transition(tx, {
      subject: orderSubject(order.id),
      machine: orderMachine,
      name: "complete",
      actor: by,
      at: now,
      patch: { completed_at: now },
    });
  }
  return "paid";
}
