// The provider takes a service order (API.md POST /orders/:id/confirm): pending_confirmation →
// in_progress, and its funded milestones are due deliveryDays from now (the confirmation, not the
// ordering, starts the work). After TIMER_ORDER_CONFIRM the timer cancels it instead (cancel-order.ts).
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { milestoneDueAt, orderMachine, orderSubject } from "./order-status.ts";
import { isProvider } from "./orders.policy.ts";
import { lockMilestones, lockOrder } from "./orders.queries.ts";

export async function confirmOrder(
  tx: Tx,
  by: AccountActor,
  orderId: string,
  deps: Pick<Deps, "clock">,
): Promise<void> {
  const order = await lockOrder(tx, orderId, by);
  if (!isProvider(order, by)) throw forbidden("Only the order's provider confirms it");
  const now = deps.clock.now();
  // The window is decided by the clock, not by when the timer's job runs: once confirm_by has
  // passed the order is the timer's to cancel and refund (the buyer was promised it), even if the
  // job has not run yet.
  if (order.status === "pending_confirmation" && order.confirm_by && new Date(order.confirm_by) <= now) {
    throw new AppError("invalid_transition", "The confirmation window of this order has closed", {
      transition: "confirm",
      from: order.status,
      confirmBy: new Date(order.confirm_by).toISOString(),
    });
  }
  await transition(tx, {
    subject: orderSubject(order.id),
    machine: orderMachine,
    name: "confirm",
    actor: by,
    at: now,
    patch: { confirmed_at: now, confirm_by: null },
    event: "confirmed",
  });
  for (const m of await lockMilestones(tx, order.id)) {
    if (m.status !== "funded" || m.due_at !== null) continue;
    await tx
      .updateTable("milestones")
      .set({ due_at: milestoneDueAt(now, m) })
      .where("id", "=", m.id)
      .execute();
  }
}
