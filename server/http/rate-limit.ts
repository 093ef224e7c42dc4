// Fixed-window rate limits kept in PostgreSQL. Why not @fastify/rate-limit's memory store: with
// several app processes each would count alone (N processes = N× the limit) and a restart would
// forget every counter; an attacker would just spread attempts. One upsert per check is cheap next
// to the argon2 hash it protects, and needs no Redis.
import { sql } from "kysely";
import { AppError } from "../core/errors.ts";
import type { Queryable } from "../db/database.ts";

export type Limit = Readonly<{ max: number; windowMs: number }>;

export type RateState = Readonly<{ hits: number; retryAfterSeconds: number; limited: boolean }>;

function windowStart(now: number, windowMs: number): Date {
  return new Date(Math.floor(now / windowMs) * windowMs);
}

function retryAfter(now: number, windowMs: number): number {
  return Math.max(1, Math.ceil((windowStart(now, windowMs).getTime() + windowMs - now) / 1000));
}

/** Count one hit (or `amount`, e.g. bytes) for `key` and say whether it went over the limit. */
export async function hit(
  db: Queryable,
  key: string,
  limit: Limit,
  now = Date.now(),
  amount = 1,
): Promise<RateState> {
  const start = windowStart(now, limit.windowMs);
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: start, hits: amount })
    .onConflict((oc) =>
      oc.columns(["key", "window_start"]).doUpdateSet({ hits: sql`rate_limits.hits + ${amount}` }),
    )
    .returning("hits")
    .executeTakeFirstOrThrow();
  // Old windows are useless: sweep now and then instead of running a job for it.
  if (Math.random() < 0.01) {
    await db
      .deleteFrom("rate_limits")
      .where("window_start", "<", new Date(now - 86_400_000))
      .execute();
  }
  return {
    hits: row.hits,
    retryAfterSeconds: retryAfter(now, limit.windowMs),
    limited: row.hits > limit.max,
  };
}

/** Take back one hit of the current window (e.g. the attempt turned out not to be a failure). */
export async function unhit(db: Queryable, key: string, limit: Limit, now = Date.now()): Promise<void> {
  await db
    .updateTable("rate_limits")
    .set({ hits: sql`greatest(rate_limits.hits - 1, 0)` })
    .where("key", "=", key)
    .where("window_start", "=", windowStart(now, limit.windowMs))
    .execute();
}

/** Read a counter without counting (e.g. "has this account failed too often?"). */
export async function peek(db: Queryable, key: string, limit: Limit, now = Date.now()): Promise<RateState> {
  const row = await db
    .selectFrom("rate_limits")
    .select("hits")
    .where("key", "=", key)
    .where("window_start", "=", windowStart(now, limit.windowMs))
    .executeTakeFirst();
  const hits = row?.hits ?? 0;
  return { hits, retryAfterSeconds: retryAfter(now, limit.windowMs), limited: hits >= limit.max };
}

/** The 429 of API.md; the error handler turns `details.retryAfterSeconds` into a Retry-After header. */
export function rateLimited(retryAfterSeconds: number, message = "Too many attempts; try again later") {
  return new AppError("rate_limited", message, { retryAfterSeconds });
}
