// The orders' timer as a job definition (PRODUCT.md "Timers"; its worker: orders.jobs.ts): what the
// use cases import to enqueue it in the transaction that starts it. The milestones' auto-accept is
// the payables' one job (payables.queues.ts), handled by orderPayableKind.
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

/** TIMER_ORDER_CONFIRM after a service order opened: still unconfirmed → cancelled, refunded. */
export const orderConfirmTimeoutJob = defineJob({
  name: "orders.confirm-timeout",
  schema: z.object({ orderId: z.string().uuid() }),
});
