// The order's state machines (API.md "Services and orders", PRODUCT.md the order paragraph), on
// core/state-machine.ts; every change goes through core/events.ts transition() as a named
// transition with its domain event (order.confirmed, milestone.delivered …).
//
//   order:     pending_confirmation ─confirm→ in_progress ─complete→ completed
//                  │  (expire: TIMER_ORDER_CONFIRM)   │ ↺ requestCancel (cancel_requested_by)
//                  └──────────── cancel ──────────────┴──→ cancelled
//   milestone: pending_funding ─fund→ funded ─deliver→ delivered ─accept→ accepted
//                                       │          ↑  └requestRevision→ revision_requested ─deliver┘
//                                       └─ refund (funded, delivered, revision_requested) → refunded
// `disputed` and `split` belong to disputes: the states exist here, their transitions come with it.
import { MilestoneStatus, OrderStatus } from "../../../contracts/orders.ts";
import type { Subject } from "../../core/events.ts";
import { defineMachine } from "../../core/state-machine.ts";

export const orderTransitions = {
  /** The provider takes a service order: its milestone is due deliveryDays from now. */
  confirm: { from: ["pending_confirmation"], to: "in_progress" },
  /** Not confirmed within TIMER_ORDER_CONFIRM: cancelled, refunded (the timer). */
  expire: { from: ["pending_confirmation"], to: "cancelled" },
  /** One party of an in-progress order asks to cancel; the other's cancel completes it. */
  requestCancel: { from: ["in_progress"], to: "in_progress" },
  cancel: { from: ["pending_confirmation", "in_progress"], to: "cancelled" },
  /** The last milestone was accepted. */
  complete: { from: ["in_progress"], to: "completed" },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;

export const milestoneTransitions = {
  fund: { from: ["pending_funding"], to: "funded" },
  deliver: { from: ["funded", "revision_requested"], to: "delivered" },
  requestRevision: { from: ["delivered"], to: "revision_requested" },
  accept: { from: ["delivered"], to: "accepted" },
  /** The order was cancelled: money funded and not accepted goes back to the buyer. */
  refund: { from: ["funded", "delivered", "revision_requested"], to: "refunded" },
} as const satisfies Record<string, { from: readonly MilestoneStatus[]; to: MilestoneStatus }>;

const describeOrder: Record<keyof typeof orderTransitions, string> = {
  confirm: "be confirmed",
  expire: "expire unconfirmed",
  requestCancel: "be asked to cancel",
  cancel: "be cancelled",
  complete: "be completed",
};
const describeMilestone: Record<keyof typeof milestoneTransitions, string> = {
  fund: "be funded",
  deliver: "be delivered",
  requestRevision: "get a revision request",
  accept: "be accepted",
  refund: "be refunded",
};

export const orderMachine = defineMachine({
  name: "order",
  states: OrderStatus.options,
  transitions: orderTransitions,
  describe: (name, from) => `An order that is ${from} cannot ${describeOrder[name]}`,
});

export const milestoneMachine = defineMachine({
  name: "milestone",
  states: MilestoneStatus.options,
  transitions: milestoneTransitions,
  describe: (name, from) => `A milestone that is ${from} cannot ${describeMilestone[name]}`,
});

/** Milestones whose money is in the order's escrow (funded, not yet paid or refunded). */
export const HELD_MILESTONE_STATUSES = ["funded", "delivered", "revision_requested", "disputed"] as const;

export const orderSubject = (id: string): Subject<"orders"> => ({ type: "order", table: "orders", id });
export const milestoneSubject = (id: string): Subject<"milestones"> => ({
  type: "milestone",
  table: "milestones",
  id,
});

const DAY_MS = 86_400_000;

/** When a milestone whose work starts `now` is due: deliveryDays later (none: no due date). */
export const milestoneDueAt = (now: Date, m: Readonly<{ delivery_days: number | null }>): Date | null =>
  m.delivery_days === null ? null : new Date(now.getTime() + m.delivery_days * DAY_MS);
