// Orders and their milestones (API.md "Services (雇佣 / 店铺服务) and orders"): what a buyer hired
// a provider for — from an accepted bid or an ordered service package — and the requests that
// move them. Amounts are integer fen.
import { z } from "zod";
import { ListQuery, Page } from "./common.ts";
import { EntryFile } from "./tasks.ts";

export const OrderStatus = z.enum(["pending_confirmation", "in_progress", "completed", "cancelled"]);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const MilestoneStatus = z.enum([
  "pending_funding",
  "funded",
  "delivered",
  "revision_requested",
  "accepted",
  "refunded",
  "disputed",
  "split",
]);
export type MilestoneStatus = z.infer<typeof MilestoneStatus>;

export const OrderSource = z.object({ type: z.enum(["bid", "service"]), id: z.string() });

/** A file of a delivery: the two parties and operators get the original. */
export const DeliveryFile = EntryFile;

export const Delivery = z
  .object({ id: z.string(), text: z.string().nullable(), files: z.array(DeliveryFile), at: z.string() })
  .meta({ id: "Delivery" });
export type Delivery = z.infer<typeof Delivery>;

export const Milestone = z
  .object({
    id: z.string(),
    /** 0, 1, 2 … in the order the work is done. */
    index: z.number().int(),
    title: z.string(),
    amountMinor: z.number().int(),
    status: MilestoneStatus,
    /** Deliver by then (set once the milestone is funded in a running order); null before. */
    dueAt: z.string().nullable(),
    deliveryDays: z.number().int().nullable(),
    revisionsAllowed: z.number().int(),
    revisionsLeft: z.number().int(),
    fundedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    refundedAt: z.string().nullable(),
    /** Without a decision of the buyer, a delivered milestone is accepted then (TIMER_AUTO_ACCEPT). */
    autoAcceptAt: z.string().nullable(),
    deliveries: z.array(Delivery),
  })
  .meta({ id: "Milestone" });
export type Milestone = z.infer<typeof Milestone>;

/**
 * One thing that happened to an order or one of its milestones (its domain events, oldest first).
 * `type` is the event's name: order.opened, order.confirmed, order.cancel_requested,
 * order.cancelled, order.completed, milestone.funded, milestone.delivered,
 * milestone.revision_requested, milestone.accepted, milestone.refunded — new kinds may appear
 * (clients show an unknown one generically). An acceptance by `system` is the automatic one.
 */
export const OrderEvent = z
  .object({
    type: z.string(),
    at: z.string(),
    actor: z.enum(["buyer", "provider", "system", "operator"]),
    /** Set on milestone events: which milestone (Milestone.index). */
    milestoneIndex: z.number().int().optional(),
    /** A revision request's words; a cancellation's reason (before_confirmation, by_provider,
     * by_agreement, overdue, unconfirmed). */
    reason: z.string().optional(),
  })
  .meta({ id: "OrderEvent" });
export type OrderEvent = z.infer<typeof OrderEvent>;

export const Order = z
  .object({
    id: z.string(),
    source: OrderSource,
    buyerId: z.string(),
    providerId: z.string(),
    title: z.string(),
    categoryId: z.string().nullable(),
    status: OrderStatus,
    totalMinor: z.number().int(),
    /** The platform's fee on each release, in basis points (snapshotted when the order opened). */
    feeBps: z.number().int(),
    /** The party who asked to cancel an in-progress order; the other party's cancel completes it. */
    cancelRequestedBy: z.string().nullable(),
    requirements: z.string().nullable(),
    createdAt: z.string(),
    /** pending_confirmation: unconfirmed by then, the order is cancelled and refunded. */
    confirmBy: z.string().nullable(),
    confirmedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    milestones: z.array(Milestone),
    /** What happened, oldest first (the order's and its milestones' domain events). */
    events: z.array(OrderEvent),
  })
  .meta({ id: "Order" });
export type Order = z.infer<typeof Order>;

export const OrderResponse = z.object({ order: Order });
export const OrderList = Page(Order);
export type OrderList = z.infer<typeof OrderList>;

export const OrderListQuery = ListQuery.extend({
  /** buyer: orders I placed; provider: orders I work on; none: both — for an operator, every order. */
  role: z.enum(["buyer", "provider"]).optional(),
  status: OrderStatus.optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;

export const DeliverMilestoneJson = z.object({ text: z.string().trim().min(1).max(10_000) }).strict();
export const RequestRevision = z.object({ reason: z.string().trim().min(1).max(2_000) }).strict();
export type RequestRevision = z.infer<typeof RequestRevision>;
