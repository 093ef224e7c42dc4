// The workers of the orders' timers (PRODUCT.md "Timers"; definition: orders.queues.ts): the
// provider's confirmation window (TIMER_ORDER_CONFIRM → cancelled, refunded). A milestone's
// auto-accept is the payables' one job; orderPayableKind is how it accepts a milestone (app.ts).
// Every handler locks the order and checks its state first: a second or a late run does nothing.
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, workerOf } from "../../core/jobs.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { PayableKindHandlers } from "../payables/payables.jobs.ts";
import { acceptMilestone } from "./accept-milestone.ts";
import { expireOrder } from "./cancel-order.ts";
import { orderConfirmTimeoutJob } from "./orders.queues.ts";

/** The handlers, callable directly (tests, CLI) exactly as the workers run them. */
export const orderTimers = {
  confirmTimeout: (deps: Pick<Deps, "db" | "clock">, orderId: string) =>
    inTransaction(deps.db, (tx) => expireOrder(tx, orderId, deps)),
};

/** A milestone as a kind of payable: auto-accepted as the buyer would, once its time has come. */
export const orderPayableKind: PayableKindHandlers = {
  accept: (tx, by, milestoneId, deps) => acceptMilestone(tx, by, milestoneId, deps, { onlyWhenDue: true }),
};

export function orderJobs(deps: Deps): RunnableJob[] {
  return [
    workerOf(orderConfirmTimeoutJob, async ({ orderId }) => {
      // Before its time by the application's clock (a database clock a little ahead): retried.
      if ((await orderTimers.confirmTimeout(deps, orderId)) === "not_due") {
        throw new Error(
          `order ${orderId}: confirmation window still open by the application's clock; retrying`,
        );
      }
    }),
  ];
}
