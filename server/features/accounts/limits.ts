// Brute-force limits for log-in and sign-up (counters in PostgreSQL: server/http/rate-limit.ts).
// Log-in failures slow the attacker, never the owner (docs/decisions/0003): they are counted per
// IP + e-mail pair (known or not, so both answer alike), per e-mail across all IPs and per IP. No
// count ever refuses the right password from another IP; a distributed attack on one account only
// makes its log-ins need a CAPTCHA. Going over a hard limit → 429 rate_limited with Retry-After.
import type { Limit } from "../../http/rate-limit.ts";

const MINUTE_MS = 60_000;

export const LoginLimits = {
  /** Wrong passwords for one e-mail from one IP: after 5 a CAPTCHA, after 20 a 429 for that pair. */
  failuresPerPair: { max: 20, windowMs: 15 * MINUTE_MS },
  captchaAfterPairFailures: 5,
  /** Wrong passwords for one e-mail from any IP: a CAPTCHA for every log-in to it, never a block. */
  failuresPerAccount: { max: 30, windowMs: 15 * MINUTE_MS },
  /** Wrong passwords from one IP: the spraying of many accounts. */
  failuresPerIp: { max: 50, windowMs: 15 * MINUTE_MS },
} as const;

/**
 * The wait before a wrong password is answered, by the pair's failure count: none for the first
 * three (typos), then 250 ms doubling up to 2 s. It is counted before the check, so parallel
 * guesses wait too.
 */
export function loginDelayMs(pairFailures: number): number {
  return pairFailures <= 3 ? 0 : Math.min(2000, 250 * 2 ** (pairFailures - 4));
}

/** Wrong current passwords in a password change, per session (a stolen session's guesses). */
export const PasswordChangeLimits = {
  failuresPerSession: { max: 10, windowMs: 15 * MINUTE_MS },
} as const satisfies Record<string, Limit>;

export const SignupLimits = {
  perIp: { max: 20, windowMs: 60 * MINUTE_MS },
  /** "This address is taken" answers per IP; then every sign-up from it waits (no e-mail oracle). */
  takenPerIp: { max: 5, windowMs: 60 * MINUTE_MS },
  /** "Someone tried to sign up with your address" e-mails per account. */
  takenNoticePerAccount: { max: 1, windowMs: 24 * 60 * MINUTE_MS },
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

/** Forgot password: requests per IP and per address (known or not: both answer alike), link life. */
export const PasswordResetLimits = {
  perIp: { max: 20, windowMs: 60 * MINUTE_MS },
  /** Also caps the e-mails one address can be sent (no mail-bombing through this form). */
  perEmail: { max: 5, windowMs: 60 * MINUTE_MS },
  ttlMs: 60 * MINUTE_MS,
} as const;
