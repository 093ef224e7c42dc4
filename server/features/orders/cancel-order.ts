// Cancelling an order (API.md POST /orders/:id/cancel, PRODUCT.md "Timers"):
//   pending_confirmation — either party, at once; or the TIMER_ORDER_CONFIRM timer (expireOrder);
//   in_progress — the provider alone; or both parties: the first call records cancel_requested_by,
//     the other party's call completes it; or the buyer alone once a milestone not delivered is
//     TIMER_MILESTONE_OVERDUE past its due date.
// Cancelled: every milestone funded and not accepted (funded, delivered, revision_requested) is
// refunded to the buyer under its own transfer id and its payable cancelled; accepted ones stay
// paid. A disputed milestone blocks cancellation (its money waits for the dispute's decision).
import type { AccountActor, SystemActor } from "../../core/actor.ts";
import { systemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { refundEscrow } from "../escrow/escrow.ts";
import { cancelPayable } from "../payables/payables.ts";
import { milestoneKey, orderEscrow } from "./order-escrow.ts";
import { milestoneMachine, milestoneSubject, orderMachine, orderSubject } from "./order-status.ts";
import { isBuyer, isParty, isProvider } from "./orders.policy.ts";
import { lockMilestones, lockOrder, type MilestoneRow, type OrderRow } from "./orders.queries.ts";

export type CancelReason = "before_confirmation" | "by_provider" | "by_agreement" | "overdue" | "unconfirmed";

/** Why `by` may cancel this in-progress order alone now, or undefined (then it is a request). */
function cancelReason(
  order: OrderRow,
  milestones: readonly MilestoneRow[],
  by: AccountActor,
  now: Date,
  overdueMs: number,
): CancelReason | undefined {
  if (order.cancel_requested_by !== null && order.cancel_requested_by !== by.accountId) return "by_agreement";
  if (isProvider(order, by)) return "by_provider";
  const overdue = milestones.some(
    (m) =>
      (m.status === "funded" || m.status === "revision_requested") &&
      m.due_at !== null &&
      new Date(m.due_at).getTime() + overdueMs <= now.getTime(),
  );
  return isBuyer(order, by) && overdue ? "overdue" : undefined;
}

/** "cancelled", or "requested" when the other party's agreement is still needed. */
export async function cancelOrder(
  tx: Tx,
  by: AccountActor,
  orderId: string,
  deps: Pick<Deps, "config" | "clock">,
): Promise<"cancelled" | "requested"> {
  const order = await lockOrder(tx, orderId, by);
  if (!isParty(order, by)) throw forbidden("Only the order's buyer or provider cancels it");
  const milestones = await lockMilestones(tx, order.id);
  const now = deps.clock.now();
  if (order.status !== "in_progress") {
    // pending_confirmation: either party at once; completed or cancelled: 409 from the machine.
    await settleCancelled(tx, by, order, milestones, { name: "cancel", reason: "before_confirmation", now });
    return "cancelled";
  }
  assertNoDispute(milestones);
  const reason = cancelReason(order, milestones, by, now, deps.config.timers.milestoneOverdueMs);
  if (reason) {
    await settleCancelled(tx, by, order, milestones, { name: "cancel", reason, now });
    return "cancelled";
  }
  // Asked again by the same party: already recorded, nothing changes.
  if (order.cancel_requested_by === by.accountId) return "requested";
  await transition(tx, {
    subject: orderSubject(order.id),
    machine: orderMachine,
    name: "requestCancel",
    actor: by,
    at: now,
    patch: { cancel_requested_by: by.accountId },
    event: "cancel_requested",
    data: { by: isBuyer(order, by) ? "buyer" : "provider" },
  });
  return "requested";
}

export const CONFIRM_TIMER = systemActor("orders.confirm-timeout");

/**
 * TIMER_ORDER_CONFIRM: an order still unconfirmed at its confirm_by (by the injected clock) is
 * cancelled and refunded. "skipped" when it was confirmed or cancelled meanwhile (a second or a late
 * run), "not_due" before its time (the worker retries).
 */
export async function expireOrder(
  tx: Tx,
  orderId: string,
  deps: Pick<Deps, "clock">,
): Promise<"cancelled" | "skipped" | "not_due"> {
  const order = await lockOrder(tx, orderId, CONFIRM_TIMER);
  if (!orderMachine.can("expire", order.status)) return "skipped";
  const now = deps.clock.now();
  if (order.confirm_by !== null && new Date(order.confirm_by) > now) return "not_due";
  const milestones = await lockMilestones(tx, order.id);
  await settleCancelled(tx, CONFIRM_TIMER, order, milestones, { name: "expire", reason: "unconfirmed", now });
  return "cancelled";
}

function assertNoDispute(milestones: readonly MilestoneRow[]) {
  const disputed = milestones.find((m) => m.status === "disputed");
  if (disputed) {
    throw new AppError(
      "invalid_transition",
      "A milestone of this order is disputed: the dispute decides first",
      {
        transition: "cancel",
        milestoneId: disputed.id,
      },
    );
  }
}

/** The order → cancelled; every funded, unaccepted milestone refunded (under its own key). */
async function settleCancelled(
  tx: Tx,
  by: AccountActor | SystemActor,
  order: OrderRow,
  milestones: readonly MilestoneRow[],
  how: { name: "cancel" | "expire"; reason: CancelReason; now: Date },
): Promise<void> {
  const { now } = how;
  const refunded = milestones.filter((m) => milestoneMachine.can("refund", m.status));
  const refundedMinor = refunded.reduce((sum, m) => sum + Number(m.amount_minor), 0);
  await transition(tx, {
    subject: orderSubject(order.id),
    machine: orderMachine,
    name: how.name,
    actor: by,
    at: now,
    patch: { cancelled_at: now },
    event: "cancelled",
    data: { reason: how.reason, refundedMinor },
  });
  for (const m of refunded) {
    await transition(tx, {
      subject: milestoneSubject(m.id),
      machine: milestoneMachine,
      name: "refund",
      actor: by,
      at: now,
      patch: { refunded_at: now },
      data: { orderId: order.id, amountMinor: Number(m.amount_minor) },
    });
    await refundEscrow(tx, orderEscrow(order), { amountMinor: Number(m.amount_minor), key: milestoneKey(m) });
    await cancelPayable(tx, "milestone", m.id, by, now);
  }
}
