// The buyer funds a milestone (API.md POST /milestones/:id/fund): pending_funding → funded, its
// amount from the buyer's wallet into the order's escrow under the milestone's own transfer id (402
// insufficient_funds and nothing written when the wallet is short), and the milestone becomes a
// payable (features/payables) the provider delivers against. In a running order it is due
// deliveryDays from now; in an unconfirmed one, from the confirmation (confirm-order.ts).
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { fundEscrow } from "../escrow/escrow.ts";
import { createPayable } from "../payables/payables.ts";
import { milestoneKey, orderEscrow } from "./order-escrow.ts";
import { milestoneDueAt, milestoneMachine, milestoneSubject } from "./order-status.ts";
import { isBuyer } from "./orders.policy.ts";
import { lockMilestone, type MilestoneRow, type OrderRow } from "./orders.queries.ts";

export async function fundMilestone(
  tx: Tx,
  by: AccountActor,
  milestoneId: string,
  deps: Pick<Deps, "clock">,
): Promise<void> {
  const { order, milestone } = await lockMilestone(tx, milestoneId, by);
  if (!isBuyer(order, by)) throw forbidden("Only the buyer funds a milestone");
  if (order.status !== "pending_confirmation" && order.status !== "in_progress") {
    throw new AppError("invalid_transition", `A ${order.status} order takes no funding`, {
      transition: "fund",
      from: milestone.status,
      orderStatus: order.status,
    });
  }
  await fundLockedMilestone(tx, by, order, milestone, deps);
}

/** Fund a milestone whose order (then the milestone) the caller has locked. */
export async function fundLockedMilestone(
  tx: Tx,
  by: AccountActor,
  order: OrderRow,
  milestone: MilestoneRow,
  deps: Pick<Deps, "clock">,
): Promise<void> {
  const now = deps.clock.now();
  const amountMinor = Number(milestone.amount_minor);
  const dueAt = order.status === "in_progress" ? milestoneDueAt(now, milestone) : null;
  await transition(tx, {
    subject: milestoneSubject(milestone.id),
    machine: milestoneMachine,
    name: "fund",
    actor: by,
    at: now,
    patch: { funded_at: now, due_at: dueAt },
    data: { orderId: order.id, index: milestone.index, amountMinor },
  });
  const escrow = orderEscrow(order);
  await fundEscrow(tx, escrow, {
    amountMinor,
    key: milestoneKey(milestone),
    message: "Not enough available money in the wallet for this milestone",
  });
  await createPayable(
    tx,
    {
      kind: "milestone",
      sourceId: milestone.id,
      escrow,
      releaseKey: milestoneKey(milestone),
      providerId: order.provider_id,
      amountMinor,
      feeBps: order.fee_bps,
      deliveryDueAt: dueAt,
    },
    by,
    now,
  );
}
