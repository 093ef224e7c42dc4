// The configuration table of API.md, parsed once from the environment into a frozen object.
// A bad value stops start-up with a message that names the variable.
import path from "node:path";
import { z } from "zod";
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
  CONTEST_MIN_SUBMISSION_PERIOD: duration("P1D"),
  CONTEST_FAIL_FEE_BPS: integer(0, 0, 10000),
  PAYMENTS_PROVIDER: z.enum(["sandbox"]).default("sandbox"),
  WITHDRAWAL_AUTO_APPROVE_MAX_MINOR: integer(0, 0, 1_000_000_000_000),
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
    contestMinSubmissionMs: number;
  }>;
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
      contestMinSubmissionMs: e.CONTEST_MIN_SUBMISSION_PERIOD,
    }),
    contestFailFeeBps: e.CONTEST_FAIL_FEE_BPS,
    paymentsProvider: e.PAYMENTS_PROVIDER,
    withdrawalAutoApproveMaxMinor: e.WITHDRAWAL_AUTO_APPROVE_MAX_MINOR,
    seedDemo: e.SEED_DEMO,
    smtpUrl: e.SMTP_URL,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === "0.0.0.0" ? "localhost" : e.HOST}:${e.PORT}`,
    sessions: Object.freeze({ idleMs: e.SESSION_IDLE_TIMEOUT, maxAgeMs: e.SESSION_MAX_AGE }),
  });
}
