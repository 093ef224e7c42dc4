// The provider delivers a milestone (API.md POST /milestones/:id/deliveries): text and/or files, on
// a funded milestone or one whose revision was requested, in a running order → delivered. The
// milestone's payable is delivered with it: its one auto-accept timer (TIMER_AUTO_ACCEPT) starts.
// Delivering an unfunded milestone (or in an unconfirmed or ended order) is 409 invalid_transition.
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden, invalidInput } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { attachFiles } from "../../files/attach.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import { deliverPayable } from "../payables/payables.ts";
import { milestoneMachine, milestoneSubject } from "./order-status.ts";
import { isProvider } from "./orders.policy.ts";
import { DELIVERY_FILES, lockMilestone } from "./orders.queries.ts";

/** May `by` deliver this milestone now? (Also asked before an upload is read and stored.) */
export async function checkDeliverMilestone(tx: Tx, by: AccountActor, milestoneId: string) {
  const { order, milestone } = await lockMilestone(tx, milestoneId, by);
  if (!isProvider(order, by)) throw forbidden("Only the order's provider delivers");
  if (order.status !== "in_progress") {
    throw new AppError("invalid_transition", `An order that is ${order.status} takes no delivery`, {
      transition: "deliver",
      from: milestone.status,
      orderStatus: order.status,
    });
  }
  milestoneMachine.assert("deliver", milestone.status);
  return { order, milestone };
}

export async function deliverMilestone(
  tx: Tx,
  by: AccountActor,
  milestoneId: string,
  input: { text?: string; files: readonly StoredFile[] },
  deps: Pick<Deps, "config" | "jobs" | "clock">,
): Promise<string> {
  const { order, milestone } = await checkDeliverMilestone(tx, by, milestoneId);
  const text = input.text?.trim() || null;
  if (!text && input.files.length === 0) throw invalidInput("A delivery needs text or at least one file");
  const now = deps.clock.now();
  const delivery = await tx
    .insertInto("milestone_deliveries")
    .values({ milestone_id: milestone.id, text, at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await attachFiles(tx, by.accountId, { type: DELIVERY_FILES, id: delivery.id }, input.files);
  await transition(tx, {
    subject: milestoneSubject(milestone.id),
    machine: milestoneMachine,
    name: "deliver",
    actor: by,
    at: now,
    patch: { delivered_at: now },
    data: { orderId: order.id, deliveryId: delivery.id, files: input.files.length },
  });
  await deliverPayable(tx, "milestone", milestone.id, by, deps);
  return delivery.id;
}
