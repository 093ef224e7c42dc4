// The payments port: what Liangjiang needs from a payment provider (top-ups) and a payout provider
// (withdrawals). The sandbox implements it; Alipay / WeChat Pay adapters plug in behind the same
// interfaces later. Imports no feature.

/** A provider's notification, once its signature and timestamp have been verified. */
export type PaymentEvent = Readonly<{
  /** The provider's own event id: the inbox records each one once. */
  id: string;
  type: "payment.succeeded" | "payment.failed";
  topUpId: string;
  amountMinor: number;
  currency: string;
}>;

export type PaymentProvider = Readonly<{
  name: string;
  /** Where the payer goes to pay (a redirect / QR page). */
  payUrl(topUpId: string): string;
  /** Verify a webhook delivery (raw body + headers); throws WebhookRejected when it is not authentic. */
  verifyWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
    now?: Date,
  ): PaymentEvent;
}>;

export type PayoutRequest = Readonly<{
  withdrawalId: string;
  amountMinor: number;
  currency: string;
  destination: Readonly<{ method: string; account: string }>;
}>;

export type PayoutResult = Readonly<{ status: "paid" } | { status: "failed"; reason: string }>;

export type PayoutProvider = Readonly<{
  name: string;
  /** Pay out; must be idempotent per withdrawalId (a job may call it again after a crash). */
  pay(request: PayoutRequest): Promise<PayoutResult>;
}>;

export class WebhookRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookRejected";
  }
}
