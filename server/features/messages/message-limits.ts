// How fast one account may send messages (counters in PostgreSQL: http/rate-limit.ts, as the
// log-in and sign-up limits of accounts/limits.ts). A person typing replies stays far below; a
// script pasting its pitch into every thread does not. Over a limit → 429 rate_limited with
// Retry-After.
import type { Limit } from "../../http/rate-limit.ts";

const MINUTE_MS = 60_000;

export const MessageLimits = {
  /** A burst: 30 messages a minute (one every two seconds, sustained). */
  perMinute: { max: 30, windowMs: MINUTE_MS },
  /** A day's conversation in an hour is plenty. */
  perHour: { max: 300, windowMs: 60 * MINUTE_MS },
} as const satisfies Record<string, Limit>;
