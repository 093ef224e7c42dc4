// The demo seeders' top-up (server/features/demo/seed.ts): the demo buyer pays at the sandbox
// provider, whose settlement credits the wallet — the same path as a real top-up, so the audit
// (which reconciles every credit with a provider charge) holds from the first start.
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import { defaultPaymentProvider } from "../../payments/providers.ts";
import { recordSandboxCharge } from "../../payments/sandbox.ts";
import { createTopUp } from "./create-top-up.ts";
import { receivePaymentEvent } from "./settle-top-up.ts";

export async function demoTopUp(
  tx: Tx,
  deps: Pick<Deps, "config" | "payments" | "clock">,
  userId: string,
  amountMinor: number,
  method: "alipay" | "wechat" = "alipay",
): Promise<void> {
  const provider = defaultPaymentProvider(deps.config, deps.payments);
  const topUp = await createTopUp(tx, userId, { amountMinor, method }, provider, deps.clock);
  await recordSandboxCharge(tx, topUp.id, "succeeded");
  await receivePaymentEvent(
    tx,
    provider.name,
    {
      id: `evt_${topUp.id}_succeeded`,
      type: "payment.succeeded",
      topUpId: topUp.id,
      amountMinor,
      currency: "CNY",
    },
    deps.clock,
  );
}
