// Which providers this process talks to, from the configuration (PAYMENTS_PROVIDER).
import type { Config } from "../config.ts";
import type { PaymentProvider, PayoutProvider } from "./port.ts";
import { sandboxPaymentProvider, sandboxPayoutProvider } from "./sandbox.ts";

export type Providers = Readonly<{ payments: ReadonlyMap<string, PaymentProvider>; payout: PayoutProvider }>;

const cache = new WeakMap<Config, Providers>();

export function providersFor(config: Config): Providers {
  let providers = cache.get(config);
  if (!providers) {
    const sandbox = sandboxPaymentProvider(config.publicUrl);
    providers = Object.freeze({
      payments: new Map([[sandbox.name, sandbox]]),
      payout: sandboxPayoutProvider(),
    });
    cache.set(config, providers);
  }
  return providers;
}

export function defaultPaymentProvider(config: Config): PaymentProvider {
  const provider = providersFor(config).payments.get(config.paymentsProvider);
  if (!provider) throw new Error(`No payment provider ${config.paymentsProvider}`);
  return provider;
}
