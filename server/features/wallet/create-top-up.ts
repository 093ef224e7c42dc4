// A top-up starts as a pending payment at the provider; money moves only when the provider's
// signed webhook says it succeeded (settle-top-up.ts).
import { randomUUID } from "node:crypto";
import type { CreateTopUp, TopUp } from "../../../contracts/wallet.ts";
import type { Tx } from "../../db/database.ts";
import type { PaymentProvider } from "../../payments/port.ts";
import { presentTopUp } from "./wallet.queries.ts";

export async function createTopUp(
  tx: Tx,
  userId: string,
  input: CreateTopUp,
  provider: PaymentProvider,
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
  return presentTopUp(row, provider.payUrl(row.id));
}
