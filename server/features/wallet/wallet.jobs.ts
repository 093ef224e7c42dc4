// The wallet's jobs: the payout of an approved withdrawal, and the sandbox provider's webhook
// deliveries (asynchronous, signed at delivery time, sometimes twice, sometimes late).
import { z } from "zod";
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, runnable } from "../../jobs/jobs.ts";
import { SANDBOX, SIGNATURE_HEADER, sandboxWebhookSecret, signSandbox } from "../../payments/sandbox.ts";
import { completePayout } from "./complete-payout.ts";
import { receiveWebhook } from "./receive-webhook.ts";

export const payoutJob = {
  name: "wallet-payout",
  schema: z.object({ withdrawalId: z.string().min(1) }),
};

export const sandboxWebhookJob = {
  name: "payments-sandbox-webhook",
  schema: z.object({ body: z.string().min(2), delivery: z.number().int().min(1) }),
};

export function walletJobs(deps: Deps): RunnableJob[] {
  const providers = deps.payments;
  const secret = sandboxWebhookSecret(deps.config.dataDir);
  return [
    runnable({
      ...payoutJob,
      handler: async ({ withdrawalId }) => {
        await completePayout(deps.db, providers.payout, withdrawalId, deps.clock);
      },
    }),
    runnable({
      ...sandboxWebhookJob,
      // The sandbox "sends" the webhook to our endpoint's code in-process, signed at delivery time,
      // exactly as the HTTP route receives it (raw body + signature header).
      handler: async ({ body }) => {
        await receiveWebhook(deps.db, providers, SANDBOX, body, {
          [SIGNATURE_HEADER]: signSandbox(body, secret),
        });
      },
    }),
  ];
}
