// The configuration table of API.md, parsed once from the environment into a frozen object.
// A bad value stops start-up with a message that names the variable.
import path from "node:path";
import { z } from "zod";
import { MAX_AMOUNT_MINOR } from "../contracts/common.ts";
import { parseDurationMs } from "./lib/duration.ts";

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDurationMs(text);
      if (ms === undefined) {
        ctx.addIssue({
          code: "custom",
          message: `"${text}" is not an ISO-8601 duration such as P7D or PT48H`,
        });
        return z.NEVER;
      }
      return ms;
    });

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"])
    .optional()
    .transform((v) => (v === undefined ? fallback : ["true", "1", "yes"].includes(v)));

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: integer(3000, 0, 65535),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PLATFORM_FEE_BPS: integer(1000, 0, 10000),
  TIMER_CONTEST_SELECTION: duration("P7D"),
  TIMER_AUTO_ACCEPT: duration("P5D"),
  TIMER_ORDER_CONFIRM: duration("PT48H"),
  TIMER_DISPUTE_RESPONSE: duration("P4D"),
  TIMER_REVIEW_WINDOW: duration("P14D"),
  TIMER_HANDOVER: duration("P7D"),
  TIMER_PIECE_REVIEW: duration("P3D"),
  TIMER_TENDER_SELECTION: duration("P14D"),
  TIMER_MILESTONE_OVERDUE: duration("P30D"),
  MAIL_DIGEST_WINDOW: duration("PT5M"),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const parsed = parseTrustProxy(text);
      if (parsed === undefined) {
        ctx.addIssue({
          code: "custom",
          message: "must be true, false, a hop count or a comma-separated list of addresses",
        });
        return z.NEVER;
      }
      return parsed;
    }),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  CONTEST_MIN_SUBMISSION_PERIOD: duration("P1D"),
  CONTEST_FAIL_FEE_BPS: integer(0, 0, 10000),
  PAYMENTS_PROVIDER: z.enum(["sandbox"]).default("sandbox"),
  ALLOW_SANDBOX_PAYMENTS: flag(false),
  WITHDRAWAL_AUTO_APPROVE_MAX_MINOR: integer(0, 0, MAX_AMOUNT_MINOR),
  SEED_DEMO: flag(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_IDLE_TIMEOUT: duration("P7D"),
  SESSION_MAX_AGE: duration("P30D"),
});

export type Config = Readonly<{
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  platformFeeBps: number;
  timers: Readonly<{
    contestSelectionMs: number;
    autoAcceptMs: number;
    orderConfirmMs: number;
    disputeResponseMs: number;
    reviewWindowMs: number;
    handoverMs: number;
    pieceReviewMs: number;
    tenderSelectionMs: number;
    milestoneOverdueMs: number;
    contestMinSubmissionMs: number;
  }>;
  /** Notification e-mails to one person within this window go out as one digest. */
  mailDigestWindowMs: number;
  /** Fastify's `trustProxy`: take the client address from X-Forwarded-For behind a reverse proxy. */
  trustProxy: TrustProxy;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset, it answers loopback only. */
  metricsToken: string | undefined;
  /** The sandbox can mint money: under NODE_ENV=production it runs only when this is true. */
  allowSandboxPayments: boolean;
  /** What a refundable contest keeps of its pool when the buyer awards nothing (PRODUCT.md: default 0). */
  contestFailFeeBps: number;
  paymentsProvider: "sandbox";
  withdrawalAutoApproveMaxMinor: number;
  seedDemo: boolean;
  smtpUrl: string | undefined;
  publicUrl: string;
  /** A session dies after `idleMs` without use, and `maxAgeMs` after log-in whatever happens. */
  sessions: Readonly<{ idleMs: number; maxAgeMs: number }>;
}>;

/** `false` (default), `true` (trust every hop), a hop count, or the proxies' addresses. */
export type TrustProxy = boolean | number | readonly string[];

function parseTrustProxy(text: string | undefined): TrustProxy | undefined {
  if (text === undefined || text === "false" || text === "0") return false;
  if (text === "true") return true;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const addresses = text.split(",").map((a) => a.trim());
  return addresses.every((a) => /^[0-9a-fA-F.:/]+$/.test(a) && a.length > 0)
    ? Object.freeze(addresses)
    : undefined;
}

export class ConfigError extends Error {}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset: `FOO= npm start` should mean "default".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = env.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    platformFeeBps: e.PLATFORM_FEE_BPS,
    timers: Object.freeze({
      contestSelectionMs: e.TIMER_CONTEST_SELECTION,
      autoAcceptMs: e.TIMER_AUTO_ACCEPT,
      orderConfirmMs: e.TIMER_ORDER_CONFIRM,
      disputeResponseMs: e.TIMER_DISPUTE_RESPONSE,
      reviewWindowMs: e.TIMER_REVIEW_WINDOW,
      handoverMs: e.TIMER_HANDOVER,
      pieceReviewMs: e.TIMER_PIECE_REVIEW,
      tenderSelectionMs: e.TIMER_TENDER_SELECTION,
      milestoneOverdueMs: e.TIMER_MILESTONE_OVERDUE,
      contestMinSubmissionMs: e.CONTEST_MIN_SUBMISSION_PERIOD,
    }),
    contestFailFeeBps: e.CONTEST_FAIL_FEE_BPS,
    mailDigestWindowMs: e.MAIL_DIGEST_WINDOW,
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    allowSandboxPayments: e.ALLOW_SANDBOX_PAYMENTS,
    paymentsProvider: e.PAYMENTS_PROVIDER,
    withdrawalAutoApproveMaxMinor: e.WITHDRAWAL_AUTO_APPROVE_MAX_MINOR,
    seedDemo: e.SEED_DEMO,
    smtpUrl: e.SMTP_URL,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === "0.0.0.0" ? "localhost" : e.HOST}:${e.PORT}`,
    sessions: Object.freeze({ idleMs: e.SESSION_IDLE_TIMEOUT, maxAgeMs: e.SESSION_MAX_AGE }),
  });
}
