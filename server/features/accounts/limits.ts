// Brute-force limits for log-in and sign-up (counters in PostgreSQL: server/http/rate-limit.ts).
// Failures are counted per account (the e-mail typed, known or not, so both answer alike) and per
// IP; sign-ups per IP. Going over → 429 rate_limited with Retry-After.
import type { Limit } from "../../http/rate-limit.ts";

const MINUTE_MS = 60_000;

export const LoginLimits = {
  /** Wrong passwords for one e-mail address: the guessing of one account. */
  failuresPerAccount: { max: 10, windowMs: 15 * MINUTE_MS },
  /** Wrong passwords from one IP: the spraying of many accounts. */
  failuresPerIp: { max: 50, windowMs: 15 * MINUTE_MS },
} as const satisfies Record<string, Limit>;

export const SignupLimits = {
  perIp: { max: 20, windowMs: 60 * MINUTE_MS },
} as const satisfies Record<string, Limit>;

export const CodeLimits = {
  /** Confirmation codes sent per account and channel. */
  sendsPerAccount: { max: 5, windowMs: 60 * MINUTE_MS },
  /** Wrong guesses of one code before it dies. */
  attemptsPerCode: 5,
  ttlMs: 10 * MINUTE_MS,
} as const;

export const IdentityLimits = {
  /** Identity checks submitted per account (each one is a paid call to a real provider). */
  submissionsPerAccount: { max: 5, windowMs: 24 * 60 * MINUTE_MS },
} as const satisfies Record<string, Limit>;
