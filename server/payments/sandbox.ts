// The sandbox payment and payout providers. They behave like real ones: the payer pays on a page
// of the provider, the provider notifies us with an HMAC-SHA256-signed, timestamped webhook
// (`t=<unix seconds>,v1=<hex hmac of "t.body">`, Stripe's scheme), asynchronously, sometimes twice,
// sometimes late; payouts answer later and fail for destinations containing "fail".
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import {
  type PaymentEvent,
  type PaymentProvider,
  type PayoutProvider,
  type PayoutRequest,
  type PayoutResult,
  WebhookRejected,
} from "./port.ts";

export const SANDBOX = "sandbox";
export const SIGNATURE_HEADER = "liangjiang-sandbox-signature";
/** Deliveries older (or newer) than this are refused: a replayed capture of an old webhook moves nothing. */
export const TOLERANCE_SECONDS = 300;
/**
 * The sandbox's shared secret. It is a sandbox: the secret is public on purpose, so that scripts
 * and tests can sign webhooks. Real providers get theirs from the environment.
 */
export const SANDBOX_WEBHOOK_SECRET = "whsec_sandbox_liangjiang_not_a_secret";

const EventBody = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(["payment.succeeded", "payment.failed"]),
  data: z.object({
    topUpId: z.string().min(1).max(200),
    amountMinor: z.number().int().positive(),
    currency: z.string().length(3),
  }),
});

export function sandboxEventBody(event: PaymentEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    data: { topUpId: event.topUpId, amountMinor: event.amountMinor, currency: event.currency },
  });
}

export function signSandbox(rawBody: string, at = new Date(), secret = SANDBOX_WEBHOOK_SECRET): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

export function verifySandboxSignature(
  rawBody: string,
  header: string | string[] | undefined,
  now = new Date(),
  secret = SANDBOX_WEBHOOK_SECRET,
): void {
  if (typeof header !== "string" || header.length > 500) throw new WebhookRejected("missing signature");
  const parts = new Map(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isSafeInteger(t) || !/^[0-9a-f]{64}$/.test(v1))
    throw new WebhookRejected("malformed signature");
  if (Math.abs(now.getTime() / 1000 - t) > TOLERANCE_SECONDS) {
    throw new WebhookRejected("signature timestamp outside the tolerance window");
  }
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, "hex"))) throw new WebhookRejected("bad signature");
}

export function sandboxPaymentProvider(publicUrl: string, secret = SANDBOX_WEBHOOK_SECRET): PaymentProvider {
  return Object.freeze({
    name: SANDBOX,
    payUrl: (topUpId: string) =>
      `${publicUrl}/api/v1/payments/sandbox/top-ups/${encodeURIComponent(topUpId)}`,
    verifyWebhook(rawBody, headers, now = new Date()) {
      verifySandboxSignature(rawBody, headers[SIGNATURE_HEADER], now, secret);
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw new WebhookRejected("body is not JSON");
      }
      const parsed = EventBody.safeParse(json);
      if (!parsed.success) throw new WebhookRejected("not a payment event");
      const e = parsed.data;
      return {
        id: e.id,
        type: e.type,
        topUpId: e.data.topUpId,
        amountMinor: e.data.amountMinor,
        currency: e.data.currency,
      };
    },
  });
}

/** Pays everything except destinations containing the word "fail" (API.md). */
export function sandboxPayoutProvider(): PayoutProvider {
  return Object.freeze({
    name: SANDBOX,
    async pay(request: PayoutRequest): Promise<PayoutResult> {
      // A real provider answers after a network round trip.
      await new Promise((r) => setTimeout(r, 20));
      return /fail/i.test(request.destination.account)
        ? { status: "failed", reason: "The sandbox payout provider refused this destination" }
        : { status: "paid" };
    },
  });
}
