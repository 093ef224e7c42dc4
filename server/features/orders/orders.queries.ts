// Reading orders: rows for the use cases (find / get / lock), and the API's Order (contracts/
// orders.ts) for the two parties and operators — everyone else is told it does not exist (404).
import type { Selectable } from "kysely";
import type {
  Delivery,
  Milestone,
  Order,
  OrderEvent,
  OrderList,
  OrderListQuery,
} from "../../../contracts/orders.ts";
import { type AccountActor, type Actor, isOperator, type SystemActor } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import type { MilestonesTable, OrdersTable } from "../../db/schema.ts";
import { listAttachedFiles } from "../../files/attach.ts";
import { fileUrl } from "../../files/serve.ts";
import { isUuid } from "../../lib/uuid.ts";
import { canSeeOrder } from "./orders.policy.ts";

export type OrderRow = Selectable<OrdersTable>;
export type MilestoneRow = Selectable<MilestonesTable>;

/** Attachments of a delivery (files/attach.ts subject type), keyed by the delivery's id. */
export const DELIVERY_FILES = "delivery";

export async function findOrderRow(q: Queryable, id: string): Promise<OrderRow | undefined> {
  if (!isUuid(id)) return undefined;
  return q.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findMilestoneRow(q: Queryable, id: string): Promise<MilestoneRow | undefined> {
  if (!isUuid(id)) return undefined;
  return q.selectFrom("milestones").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Lock the order row — every write on an order or its milestones starts here, before its
 * milestones (in id order), its payables and ledger accounts. 404 for whoever may not know it.
 */
export async function lockOrder(tx: Tx, id: string, actor: Actor | SystemActor): Promise<OrderRow> {
  const row = isUuid(id)
    ? await tx.selectFrom("orders").selectAll().where("id", "=", id).forUpdate().executeTakeFirst()
    : undefined;
  if (!row || !canSeeOrder(row, actor)) throw notFound("Order");
  return row;
}

/** The order's milestones, locked in id order (after the order's own lock), by index. */
export async function lockMilestones(tx: Tx, orderId: string): Promise<MilestoneRow[]> {
  const rows = await tx
    .selectFrom("milestones")
    .selectAll()
    .where("order_id", "=", orderId)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.sort((a, b) => a.index - b.index);
}

/** A milestone and its order, both locked (order first); 404 for whoever may not know the order. */
export async function lockMilestone(
  tx: Tx,
  milestoneId: string,
  actor: Actor | SystemActor,
): Promise<{ order: OrderRow; milestone: MilestoneRow }> {
  const found = await findMilestoneRow(tx, milestoneId);
  if (!found) throw notFound("Milestone");
  const order = await tx
    .selectFrom("orders")
    .selectAll()
    .where("id", "=", found.order_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!canSeeOrder(order, actor)) throw notFound("Milestone");
  const milestone = await tx
    .selectFrom("milestones")
    .selectAll()
    .where("id", "=", milestoneId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { order, milestone };
}

/** The order as `actor` may see it: 404 unless a party or an operator. */
export async function getOrderFor(q: Queryable, orderId: string, actor: Actor): Promise<Order> {
  const row = await findOrderRow(q, orderId);
  if (!row || !canSeeOrder(row, actor)) throw notFound("Order");
  const [order] = await present(q, [row]);
  return order as Order;
}

/** The order a milestone belongs to, as `actor` may see it (the milestone routes' answer). */
export async function getOrderOfMilestone(q: Queryable, milestoneId: string, actor: Actor): Promise<Order> {
  const m = await findMilestoneRow(q, milestoneId);
  if (!m) throw notFound("Milestone");
  return getOrderFor(q, m.order_id, actor);
}

const LIST = "orders";

/**
 * "My orders": the ones `actor` is a party of (as buyer, as provider, or both), newest first. An
 * operator without `role` sees every order (they may open any of them anyway); with `role`, their own.
 */
export async function listOrdersFor(
  q: Queryable,
  actor: AccountActor,
  query: OrderListQuery,
): Promise<OrderList> {
  const { accountId } = actor;
  const after = decodeCursor(LIST, query.cursor, ["instant", "uuid"] as const);
  let select = q.selectFrom("orders").selectAll();
  if (query.role === "buyer") select = select.where("buyer_id", "=", accountId);
  else if (query.role === "provider") select = select.where("provider_id", "=", accountId);
  else if (!isOperator(actor))
    select = select.where((eb) => eb.or([eb("buyer_id", "=", accountId), eb("provider_id", "=", accountId)]));
  if (query.status) select = select.where("status", "=", query.status);
  if (after) {
    const [at, id] = after;
    select = select.where((eb) =>
      eb.or([eb("created_at", "<", at), eb.and([eb("created_at", "=", at), eb("id", "<", id)])]),
    );
  }
  const rows = await select
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await present(q, page),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(LIST, [new Date(last.created_at), last.id]) : null,
  };
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

async function present(q: Queryable, orders: readonly OrderRow[]): Promise<Order[]> {
  if (orders.length === 0) return [];
  const milestones = await q
    .selectFrom("milestones as m")
    .leftJoin("payables as p", (j) => j.onRef("p.source_id", "=", "m.id").on("p.kind", "=", "milestone"))
    .selectAll("m")
    .select("p.auto_accept_at")
    .where(
      "m.order_id",
      "in",
      orders.map((o) => o.id),
    )
    .orderBy("m.order_id")
    .orderBy("m.index")
    .execute();
  const deliveries =
    milestones.length === 0
      ? []
      : await q
          .selectFrom("milestone_deliveries")
          .selectAll()
          .where(
            "milestone_id",
            "in",
            milestones.map((m) => m.id),
          )
          .orderBy("at")
          .orderBy("id")
          .execute();
  const files = await listAttachedFiles(
    q,
    [DELIVERY_FILES],
    deliveries.map((d) => d.id),
  );
  // Only the parties and operators get this far: every delivery file is theirs in full.
  const presentDelivery = (d: (typeof deliveries)[number]): Delivery => ({
    id: d.id,
    text: d.text,
    at: new Date(d.at).toISOString(),
    files: files
      .filter((f) => f.subjectId === d.id)
      .map((f) => ({
        id: f.id,
        name: f.originalName,
        mediaType: f.mediaType,
        byteSize: f.byteSize,
        width: f.width,
        height: f.height,
        thumbnailUrl: f.derived.includes("thumbnail") ? fileUrl(f.id, "thumbnail") : null,
        previewUrl: f.derived.includes("preview") ? fileUrl(f.id, "preview") : null,
        originalUrl: fileUrl(f.id, "original"),
      })),
  });
  const events = await eventsOfOrders(q, orders, milestones);
  const presentMilestone = (m: (typeof milestones)[number]): Milestone => ({
    id: m.id,
    index: m.index,
    title: m.title,
    amountMinor: Number(m.amount_minor),
    status: m.status,
    dueAt: iso(m.due_at),
    deliveryDays: m.delivery_days,
    revisionsAllowed: m.revisions_allowed,
    revisionsLeft: m.revisions_allowed - m.revisions_used,
    fundedAt: iso(m.funded_at),
    deliveredAt: iso(m.delivered_at),
    acceptedAt: iso(m.accepted_at),
    refundedAt: iso(m.refunded_at),
    autoAcceptAt: m.status === "delivered" ? iso(m.auto_accept_at) : null,
    deliveries: deliveries.filter((d) => d.milestone_id === m.id).map(presentDelivery),
  });
  return orders.map((o) => ({
    id: o.id,
    source: { type: o.source_type, id: o.source_id },
    buyerId: o.buyer_id,
    providerId: o.provider_id,
    title: o.title,
    categoryId: o.category_id,
    status: o.status,
    totalMinor: Number(o.total_minor),
    feeBps: o.fee_bps,
    cancelRequestedBy: o.cancel_requested_by,
    requirements: o.requirements,
    createdAt: new Date(o.created_at).toISOString(),
    confirmBy: o.status === "pending_confirmation" ? iso(o.confirm_by) : null,
    confirmedAt: iso(o.confirmed_at),
    completedAt: iso(o.completed_at),
    cancelledAt: iso(o.cancelled_at),
    milestones: milestones.filter((m) => m.order_id === o.id).map(presentMilestone),
    events: events.get(o.id) ?? [],
  }));
}

/**
 * The domain events of these orders and of their milestones (subjects "order" and "milestone", as
 * order-status.ts names them), oldest first — id order is the order they were appended in — keyed
 * by order. The actor is said as the viewer needs it: which party, the system (a timer: the
 * confirmation window, the automatic acceptance), or else an operator.
 */
async function eventsOfOrders(
  q: Queryable,
  orders: readonly OrderRow[],
  milestones: readonly Pick<MilestoneRow, "id" | "order_id" | "index">[],
): Promise<Map<string, OrderEvent[]>> {
  const milestoneById = new Map(milestones.map((m) => [m.id, m]));
  const rows = await q
    .selectFrom("domain_events")
    .select(["subject_type", "subject_id", "type", "data", "actor", "occurred_at"])
    // Ids are UUIDs, unique across the two subjects: one IN list for both.
    .where("subject_type", "in", ["order", "milestone"])
    .where("subject_id", "in", [...orders.map((o) => o.id), ...milestones.map((m) => m.id)])
    .orderBy("id")
    .execute();
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const byOrder = new Map<string, OrderEvent[]>();
  for (const e of rows) {
    const m = e.subject_type === "milestone" ? milestoneById.get(e.subject_id) : undefined;
    const order = orderById.get(m ? m.order_id : e.subject_id);
    if (!order) continue;
    const data = (e.data ?? {}) as Record<string, unknown>;
    const event: OrderEvent = {
      type: e.type,
      at: new Date(e.occurred_at).toISOString(),
      actor: e.actor.startsWith("system:")
        ? "system"
        : e.actor === order.buyer_id
          ? "buyer"
          : e.actor === order.provider_id
            ? "provider"
            : "operator",
    };
    if (m) event.milestoneIndex = m.index;
    if (typeof data.reason === "string") event.reason = data.reason;
    const list = byOrder.get(order.id);
    if (list) list.push(event);
    else byOrder.set(order.id, [event]);
  }
  return byOrder;
}
