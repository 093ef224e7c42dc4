// The wallet's workers (definitions: wallet.queues.ts), listed in app.ts's jobDefinitions.
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, workerOf } from "../../core/jobs.ts";
import { SANDBOX, SIGNATURE_HEADER, sandboxWebhookSecret, signSandbox } from "../../payments/sandbox.ts";
import { completePayout } from "./complete-payout.ts";
import { receiveWebhook } from "./receive-webhook.ts";
import { payoutJob, sandboxWebhookJob } from "./wallet.queues.ts";

export function walletJobs(deps: Deps): RunnableJob[] {
  return [
    workerOf(payoutJob, ({ withdrawalId }) =>
      completePayout(deps.db, deps.payments.payout, withdrawalId, deps.clock),
    ),
    // The sandbox "sends" the webhook to our endpoint's code in-process, signed at delivery time,
    // exactly as the HTTP route receives it (raw body + signature header).
    workerOf(sandboxWebhookJob, ({ body }) =>
      receiveWebhook(
        deps.db,
        deps.payments,
        SANDBOX,
        body,
        {
          [SIGNATURE_HEADER]: signSandbox(body, sandboxWebhookSecret(deps.config.dataDir)),
        },
        deps.clock,
      ),
    ),
  ];
}
