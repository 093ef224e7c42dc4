// Opening an order — the one entry the ways of buying that hire (tenders: an accepted bid;
// services: an ordered package) call, in their own transaction: the order and its milestones are
// written, milestone 0 is funded from the buyer's wallet (402 insufficient_funds when short: the
// caller's transaction rolls back, nothing is written), `order.opened` is appended, and an order
// waiting for the provider's confirmation gets its TIMER_ORDER_CONFIRM timer.
import { MAX_AMOUNT_MINOR } from "../../../contracts/common.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { forbidden, invalidInput } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { feeBpsFor } from "../escrow/fees.ts";
import { fundLockedMilestone } from "./fund-milestone.ts";
import { orderSubject } from "./order-status.ts";
import { orderConfirmTimeoutJob } from "./orders.queues.ts";
// Registers the orders' ledger audit check (each escrow = its funded, unpaid milestones).
import "./orders.audit.ts";

export type OpenOrderInput = Readonly<{
  source: Readonly<{ type: "bid" | "service"; id: string }>;
  buyerId: string;
  providerId: string;
  title: string;
  categoryId: string | null;
  requirements?: string | null;
  /** bid: "in_progress" (first milestone funded now); service: "pending_confirmation" (its one milestone funded now). */
  status: "pending_confirmation" | "in_progress";
  milestones: ReadonlyArray<
    Readonly<{ title: string; amountMinor: number; revisions: number; deliveryDays: number | null }>
  >;
}>;

/** At most this many milestones per order. */
export const MAX_MILESTONES = 20;

function check(by: AccountActor, input: OpenOrderInput): number {
  if (by.accountId !== input.buyerId) throw forbidden("Only the buyer opens an order");
  if (input.buyerId === input.providerId) throw invalidInput("The buyer cannot hire themselves");
  const title = input.title.trim();
  if (title.length < 1 || title.length > 200) throw invalidInput("title: 1–200 characters");
  if (input.requirements && input.requirements.length > 10_000) {
    throw invalidInput("requirements: at most 10000 characters");
  }
  if (input.milestones.length < 1 || input.milestones.length > MAX_MILESTONES) {
    throw invalidInput(`milestones: 1–${MAX_MILESTONES}`);
  }
  let total = 0;
  for (const [i, m] of input.milestones.entries()) {
    if (!Number.isSafeInteger(m.amountMinor) || m.amountMinor <= 0 || m.amountMinor > MAX_AMOUNT_MINOR) {
      throw invalidInput(`milestones.${i}.amountMinor: a whole number of fen, 1 to 10^12`);
    }
    if (!Number.isInteger(m.revisions) || m.revisions < 0 || m.revisions > 100) {
      throw invalidInput(`milestones.${i}.revisions: 0–100`);
    }
    if (
      m.deliveryDays !== null &&
      (!Number.isInteger(m.deliveryDays) || m.deliveryDays < 1 || m.deliveryDays > 3650)
    ) {
      throw invalidInput(`milestones.${i}.deliveryDays: 1–3650`);
    }
    const t = m.title.trim();
    if (t.length < 1 || t.length > 200) throw invalidInput(`milestones.${i}.title: 1–200 characters`);
    total += m.amountMinor;
  }
  if (total > MAX_AMOUNT_MINOR) throw invalidInput("The milestones add up to more than 10^12 fen");
  return total;
}

/**
 * Inserts the order + milestones, funds milestone 1 from the buyer's wallet (402
 * insufficient_funds, nothing written, when short), emits order.opened, starts
 * TIMER_ORDER_CONFIRM for pending_confirmation. Returns the order id.
 */
export async function openOrder(
  tx: Tx,
  by: AccountActor,
  input: OpenOrderInput,
  deps: Pick<Deps, "config" | "jobs" | "clock">,
): Promise<string> {
  const totalMinor = check(by, input);
  const now = deps.clock.now();
  const mode = input.source.type === "bid" ? "tender" : "service";
  const confirmBy =
    input.status === "pending_confirmation"
      ? new Date(now.getTime() + deps.config.timers.orderConfirmMs)
      : null;
  const order = await tx
    .insertInto("orders")
    .values({
      source_type: input.source.type,
      source_id: input.source.id,
      buyer_id: input.buyerId,
      provider_id: input.providerId,
      title: input.title.trim(),
      category_id: input.categoryId,
      status: input.status,
      total_minor: totalMinor,
      fee_bps: await feeBpsFor(tx, { categoryId: input.categoryId, mode }, deps.config.platformFeeBps),
      requirements: input.requirements?.trim() || null,
      created_at: now,
      confirm_by: confirmBy,
      confirmed_at: input.status === "in_progress" ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const milestones = await tx
    .insertInto("milestones")
    .values(
      input.milestones.map((m, index) => ({
        order_id: order.id,
        index,
        title: m.title.trim(),
        amount_minor: m.amountMinor,
        status: "pending_funding" as const,
        revisions_allowed: m.revisions,
        delivery_days: m.deliveryDays,
      })),
    )
    .returningAll()
    .execute();
  await appendEvent(tx, {
    subject: orderSubject(order.id),
    type: "order.opened",
    data: {
      source: input.source,
      buyerId: input.buyerId,
      providerId: input.providerId,
      totalMinor,
      feeBps: order.fee_bps,
      milestones: milestones.length,
      to: input.status,
    },
    actor: by,
    at: now,
  });
  const first = milestones.find((m) => m.index === 0);
  if (!first) throw new Error("an order without its first milestone");
  await fundLockedMilestone(tx, by, order, first, deps);
  if (confirmBy) {
    await deps.jobs.enqueue(
      tx,
      orderConfirmTimeoutJob,
      { orderId: order.id },
      { startAfter: confirmBy, singletonKey: `order-confirm:${order.id}` },
    );
  }
  return order.id;
}
