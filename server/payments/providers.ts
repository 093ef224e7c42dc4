// Which providers this process talks to, from the configuration (PAYMENTS_PROVIDER).
import { type Config, ConfigError } from "../config.ts";
import type { PaymentProvider, PayoutProvider } from "./port.ts";
import { sandboxPaymentProvider, sandboxPayoutProvider, sandboxWebhookSecret } from "./sandbox.ts";

export type Providers = Readonly<{ payments: ReadonlyMap<string, PaymentProvider>; payout: PayoutProvider }>;

const cache = new WeakMap<Config, Providers>();

export function providersFor(config: Config): Providers {
  let providers = cache.get(config);
  if (!providers) {
    assertSandboxAllowed(config);
    const sandbox = sandboxPaymentProvider(config.publicUrl, sandboxWebhookSecret(config.dataDir));
    providers = Object.freeze({
      payments: new Map([[sandbox.name, sandbox]]),
      payout: sandboxPayoutProvider(),
    });
    cache.set(config, providers);
  }
  return providers;
}

/** The sandbox is the only rail today and it can mint money: never in production by accident. */
export function assertSandboxAllowed(config: Config): void {
  if (config.env === "production" && !config.allowSandboxPayments) {
    throw new ConfigError(
      "Refusing to start: the sandbox payment provider credits wallets without real money and is the only payment provider. " +
        "Under NODE_ENV=production it runs only with ALLOW_SANDBOX_PAYMENTS=true (a demo install).",
    );
  }
}

/** PAYMENTS_PROVIDER among `providers` (Deps.payments; by default those of the configuration). */
export function defaultPaymentProvider(config: Config, providers = providersFor(config)): PaymentProvider {
  const provider = providers.payments.get(config.paymentsProvider);
  if (!provider) throw new Error(`No payment provider ${config.paymentsProvider}`);
  return provider;
}
