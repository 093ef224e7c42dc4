// The wallet's job definitions (their workers: wallet.jobs.ts): the payout of an approved withdrawal, and
// the sandbox provider's webhook deliveries (asynchronous, signed at delivery time, sometimes twice,
// sometimes late). Stored queue names kept (queued jobs carry them).
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

/** An approved withdrawal is paid out by the payout provider. */
export const payoutJob = defineJob({
  name: "wallet-payout",
  schema: z.object({ withdrawalId: z.string().min(1) }),
});

/** One delivery of a sandbox payment event to our webhook code. */
export const sandboxWebhookJob = defineJob({
  name: "payments-sandbox-webhook",
  schema: z.object({ body: z.string().min(2), delivery: z.number().int().min(1) }),
});
