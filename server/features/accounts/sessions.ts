// Sessions: opaque random tokens (256 bits) handed to the client once and stored only as their
// SHA-256. The same token works as a Bearer header and as the HttpOnly session cookie. A session
// ends at its absolute expiry, after the idle timeout, or when revoked.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { Role } from "../../core/actor.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import { recordAudit } from "../audit/record-audit.ts";

const TOKEN_PREFIX = "lj_";
/** last_seen_at is written at most this often per session: no write on every request. */
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

export type SessionMeta = Readonly<{ ip?: string | null; userAgent?: string | null }>;

export type NewSession = Readonly<{ id: string; token: string; expiresAt: Date }>;

export async function createSession(
  tx: Tx,
  accountId: string,
  meta: SessionMeta,
  maxAgeMs: number,
): Promise<NewSession> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + maxAgeMs);
  const row = await tx
    .insertInto("sessions")
    .values({
      account_id: accountId,
      token_hash: hashToken(token),
      expires_at: expiresAt,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 512) ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

export type LiveSession = Readonly<{ sessionId: string; accountId: string; roles: Role[] }>;

/** The live session of a token (not revoked, not expired, not idle too long, account active). */
export async function findLiveSession(
  db: Queryable,
  token: string,
  idleMs: number,
): Promise<LiveSession | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("accounts", "accounts.id", "sessions.account_id")
    .select(["sessions.id", "sessions.account_id", "sessions.last_seen_at", "accounts.roles"])
    .where("sessions.token_hash", "=", hashToken(token))
    .where("sessions.revoked_at", "is", null)
    .where("sessions.expires_at", ">", sql<Date>`now()`)
    .where("sessions.last_seen_at", ">", sql<Date>`now() - make_interval(secs => ${idleMs / 1000})`)
    .where("accounts.status", "=", "active")
    .executeTakeFirst();
  if (!row) return undefined;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("id", "=", row.id).execute();
  }
  return { sessionId: row.id, accountId: row.account_id, roles: row.roles as Role[] };
}

export async function revokeSession(tx: Tx, sessionId: string): Promise<void> {
  await tx
    .updateTable("sessions")
    .set({ revoked_at: sql`now()` })
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .execute();
}

/** Revoke every live session of an account, except `keepSessionId` when given. Returns how many. */
export async function revokeAllSessions(tx: Tx, accountId: string, keepSessionId?: string): Promise<number> {
  let q = tx
    .updateTable("sessions")
    .set({ revoked_at: sql`now()` })
    .where("account_id", "=", accountId)
    .where("revoked_at", "is", null);
  if (keepSessionId) q = q.where("id", "<>", keepSessionId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The audit entry of what an account did to its own sessions or password: actor and subject are the account. */
export async function auditOwnAccount(
  tx: Tx,
  action: string,
  accountId: string,
  ip: string | null | undefined,
  details?: Record<string, unknown>,
): Promise<void> {
  await recordAudit(tx, {
    action,
    actorAccountId: accountId,
    subject: { type: "account", id: accountId },
    ip,
    details,
  });
}

// The CSRF token of a session: an HMAC of the session token, so it needs no storage, changes with
// every log-in, and cannot be computed without the (HttpOnly) session token.
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", "liangjiang-csrf-v1").update(sessionToken).digest("base64url");
}

export function csrfTokenMatches(sessionToken: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The live sessions of an account (devices signed in), most recently used first. */
export async function listLiveSessions(db: Queryable, accountId: string, idleMs: number) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "expires_at", "ip", "user_agent"])
    .where("account_id", "=", accountId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .where("last_seen_at", ">", sql<Date>`now() - make_interval(secs => ${idleMs / 1000})`)
    .orderBy("last_seen_at", "desc")
    .limit(100)
    .execute();
}
