// A top-up starts as a pending payment at the provider; money moves only when the provider's
// signed webhook says it succeeded (settle-top-up.ts).
import { randomUUID } from "node:crypto";
import type { CreateTopUp, TopUp } from "../../../contracts/wallet.ts";
import { type Clock, systemClock } from "../../core/clock.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import type { PaymentProvider } from "../../payments/port.ts";
import { topUpSubject } from "./top-up-status.ts";
import { presentTopUp } from "./wallet.queries.ts";

export async function createTopUp(
  tx: Tx,
  userId: string,
  input: CreateTopUp,
  provider: PaymentProvider,
  clock: Clock = systemClock,
): Promise<TopUp> {
  const row = await tx
    .insertInto("top_ups")
    .values({
      id: `tu_${randomUUID()}`,
      account_id: userId,
      amount_minor: input.amountMinor,
      method: input.method,
      provider: provider.name,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The top-up's first event; its settlement (top_up.succeeded / failed) follows from the webhook.
  await appendEvent(tx, {
    subject: topUpSubject(row.id),
    type: "top_up.created",
    data: { to: "pending", amountMinor: row.amount_minor, method: row.method, provider: row.provider },
    actor: { kind: "account_id", accountId: userId },
    at: clock.now(),
  });
  return presentTopUp(row, provider.payUrl(row.id));
}
