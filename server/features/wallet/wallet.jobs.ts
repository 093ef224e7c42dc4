// The wallet's jobs: the payout of an approved withdrawal, and the sandbox provider's webhook
// deliveries (asynchronous, signed at delivery time, sometimes twice, sometimes late).
import { z } from "zod";
import type { Deps } from "../../core/deps.ts";
import { defineJob, type RunnableJob, workerOf } from "../../jobs/jobs.ts";
import { SANDBOX, SIGNATURE_HEADER, sandboxWebhookSecret, signSandbox } from "../../payments/sandbox.ts";
import { completePayout } from "./complete-payout.ts";
import { receiveWebhook } from "./receive-webhook.ts";

/** An approved withdrawal is paid out by the payout provider (stored queue name kept). */
export const payoutJob = defineJob({
  name: "wallet-payout",
  schema: z.object({ withdrawalId: z.string().min(1) }),
  run: async ({ withdrawalId }, deps: Deps) => {
    await completePayout(deps.db, deps.payments.payout, withdrawalId, deps.clock);
  },
});

/**
 * The sandbox "sends" the webhook to our endpoint's code in-process, signed at delivery time,
 * exactly as the HTTP route receives it (raw body + signature header). Stored queue name kept.
 */
export const sandboxWebhookJob = defineJob({
  name: "payments-sandbox-webhook",
  schema: z.object({ body: z.string().min(2), delivery: z.number().int().min(1) }),
  run: async ({ body }, deps: Deps) => {
    await receiveWebhook(deps.db, deps.payments, SANDBOX, body, {
      [SIGNATURE_HEADER]: signSandbox(body, sandboxWebhookSecret(deps.config.dataDir)),
    });
  },
});

export function walletJobs(deps: Deps): RunnableJob[] {
  return [workerOf(payoutJob, deps), workerOf(sandboxWebhookJob, deps)];
}
