// The sandbox payment and payout providers. They behave like real ones: the payer pays on a page
// of the provider, the provider notifies us with an HMAC-SHA256-signed, timestamped webhook
// (`t=<unix seconds>,v1=<hex hmac of "t.body">`, Stripe's scheme), asynchronously, sometimes twice,
// sometimes late; payouts answer later and fail for destinations containing "fail". The sandbox can
// mint money, so it never starts under NODE_ENV=production unless ALLOW_SANDBOX_PAYMENTS=true
// (providers.ts), its secret is random per install, and a top-up is paid only by its owner or the
// holder of its pay URL's token (payments.routes.ts).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { z } from "zod";
import type { Queryable } from "../db/database.ts";
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
/** Where each install keeps its own random sandbox webhook secret (mode 0600), under DATA_DIR. */
export const secretFile = (dataDir: string) => path.join(dataDir, "secrets", "sandbox-webhook-secret");

const secrets = new Map<string, string>();

/**
 * This install's sandbox webhook secret: made at random the first time (32 bytes, hex) and kept
 * under DATA_DIR, so that every process of the install — and a test that must sign a webhook —
 * reads the same one, and no two installs share it. It was a public constant: anyone could sign a
 * "payment succeeded" and mint money.
 */
export function sandboxWebhookSecret(dataDir: string): string {
  const file = secretFile(dataDir);
  let secret = secrets.get(file);
  if (secret) return secret;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // "wx": only the first process creates it; the others (EEXIST) read what it wrote.
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
  }
  secret = fs.readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{64}$/.test(secret))
    throw new Error(`${file} is not a sandbox webhook secret (64 hex digits)`);
  secrets.set(file, secret);
  return secret;
}

/**
 * The token in a top-up's pay URL: HMAC of its id under the install's secret, so only someone the
 * top-up's owner gave the URL to (or the owner) can pay it, and no table has to remember it.
 */
export function payToken(secret: string, topUpId: string): string {
  return createHmac("sha256", secret).update(`pay:${topUpId}`).digest("base64url");
}

export function payTokenMatches(secret: string, topUpId: string, given: unknown): boolean {
  if (typeof given !== "string" || given.length > 100) return false;
  const expected = Buffer.from(payToken(secret, topUpId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

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

export function signSandbox(rawBody: string, secret: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

export function verifySandboxSignature(
  rawBody: string,
  header: string | string[] | undefined,
  now: Date,
  secret: string,
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

export function sandboxPaymentProvider(publicUrl: string, secret: string): PaymentProvider {
  return Object.freeze({
    name: SANDBOX,
    payUrl: (topUpId: string) =>
      `${publicUrl}/api/v1/payments/sandbox/top-ups/${encodeURIComponent(topUpId)}?token=${payToken(secret, topUpId)}`,
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

/**
 * The sandbox provider's own memory of a charge (`sandbox_charges`, migration 0204): a top-up is
 * charged or failed once (false: it already was). A later `succeeded` notification of the provider
 * overrides a failure (the payer was charged after all); a failure never overrides a charge.
 */
export async function recordSandboxCharge(
  q: Queryable,
  topUpId: string,
  outcome: "succeeded" | "failed",
): Promise<boolean> {
  const { rows } = await sql<{ top_up_id: string }>`
    INSERT INTO sandbox_charges (top_up_id, outcome) VALUES (${topUpId}, ${outcome})
    ON CONFLICT (top_up_id) DO NOTHING RETURNING top_up_id`.execute(q);
  return rows.length > 0;
}

/**
 * Stand in for the sandbox provider (tests, scripts, the bench): charge the top-up at the provider
 * — what its pay page does — and sign the notification the provider would send. The audit
 * reconciles every top-up credit with a charge, so a webhook signed without one is a forgery.
 */
export async function sandboxNotification(
  q: Queryable,
  dataDir: string,
  event: PaymentEvent,
  at = new Date(),
): Promise<{ body: string; headers: Record<string, string> }> {
  const outcome = event.type === "payment.succeeded" ? "succeeded" : "failed";
  if (!(await recordSandboxCharge(q, event.topUpId, outcome)) && outcome === "succeeded") {
    await sql`UPDATE sandbox_charges SET outcome = 'succeeded' WHERE top_up_id = ${event.topUpId}`.execute(q);
  }
  const body = sandboxEventBody(event);
  return {
    body,
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signSandbox(body, sandboxWebhookSecret(dataDir), at),
    },
  };
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
