// The webhook endpoint's work, shared by the HTTP route and the sandbox's in-process delivery:
// verify the signature and timestamp (400 when not authentic, nothing moves, nothing recorded), then
// settle its top-up once and record the event (settle-top-up.ts).

import { type Clock, systemClock } from "../../core/clock.ts";
import { AppError, invalidInput, notFound } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Database } from "../../db/database.ts";
import { WebhookRejected } from "../../payments/port.ts";
import type { Providers } from "../../payments/providers.ts";
import { receivePaymentEvent, type SettleOutcome } from "./settle-top-up.ts";

export async function receiveWebhook(
  db: Database,
  providers: Providers,
  providerName: string,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  clock: Clock = systemClock,
): Promise<SettleOutcome> {
  const provider = providers.payments.get(providerName);
  if (!provider) throw notFound("Payment provider");
  let event: ReturnType<typeof provider.verifyWebhook>;
  try {
    // The signature's timestamp is the provider's: checked against the real time, not the app's clock.
    event = provider.verifyWebhook(rawBody, headers);
  } catch (error) {
    if (error instanceof WebhookRejected) throw invalidInput(`Webhook rejected: ${error.message}`);
    throw error;
  }
  if (event.topUpId.length > 200) throw new AppError("invalid_input", "Unknown top-up");
  // Deliveries of one event queue on the top-up's row lock; should two still race on the inbox's
  // primary key, rerun, and the second sees a duplicate.
  return inTransaction(db, (tx) => receivePaymentEvent(tx, provider.name, event, clock), {
    retryIf: (error) => {
      const e = error as { code?: string; constraint?: string };
      return e?.code === "23505" && e.constraint === "payment_events_pkey";
    },
  });
}
