// Idempotency-Key for every money-moving POST (API.md, Stripe semantics):
//   - the first response is stored in the same transaction as the request's effects, so a crash
//     either loses both (the retry runs afresh) or keeps both (the retry replays);
//   - the same key with the same request replays that response (status and body) and moves nothing;
//   - the same key with a different request → 422 idempotency_mismatch;
//   - while the first request is still running → 409 conflict (a transaction-scoped advisory lock
//     on the key, taken without waiting);
//   - keys are scoped to the authenticated account (the caller passes the scope).
// Deterministic refusals (4xx other than 401/409/429) are stored and replayed too; their
// transaction is rolled back with its effects and the refusal is stored in a second one.
// Without the header the handler just runs in a retried transaction.
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import { AppError, invalidInput } from "../core/errors.ts";
import { inTransaction } from "../core/transaction.ts";
import type { Database, Tx } from "../db/database.ts";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
const PRUNE_PROBABILITY = 0.001;

export type HandlerResult<T = unknown> = Readonly<{ status: number; body: T }>;

/** Stable JSON: object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * What a key is bound to: the method, the route (its pattern with its parameters, not the raw URL,
 * so `/x/`, `/x` and `/x?a=1` are one request) and the canonical body.
 */
export function requestHash(method: string, route: string, params: unknown, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${route}\n${canonicalJson(params ?? {})}\n${canonicalJson(body ?? null)}`)
    .digest("hex");
}

/** The route pattern that matched (`/api/v1/admin/withdrawals/:id/approve`), else the path without its query and trailing slash. */
function routeOf(request: FastifyRequest): string {
  const pattern = request.routeOptions?.url ?? request.url.split("?")[0] ?? "";
  return pattern.length > 1 ? pattern.replace(/\/+$/, "") : pattern;
}

function readKey(request: FastifyRequest): string | undefined {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || raw.length < 1 || raw.length > 255 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw invalidInput("Idempotency-Key must be 1–255 visible ASCII characters");
  }
  return raw;
}

/** Errors that are the deterministic answer to this request, hence stored and replayed. */
function isStorable(error: AppError): boolean {
  return error.status >= 400 && error.status < 500 && ![401, 409, 429].includes(error.status);
}

const toJson = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/**
 * Run a money-moving handler under the request's Idempotency-Key (if any) and send its result.
 * `handler` runs inside the transaction and may be re-run on serialization failures/deadlocks.
 */
export async function idempotent<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  handler: (tx: Tx) => Promise<HandlerResult<T>>,
): Promise<T> {
  const key = readKey(request);
  if (key === undefined) {
    const result = await inTransaction(db, handler);
    reply.status(result.status);
    return result.body;
  }
  const hash = requestHash(request.method, routeOf(request), request.params, request.body);

  type Outcome = { replayed: boolean; status: number; body: unknown };
  /** In the transaction: take the key's lock and replay what is stored, or undefined if nothing is. */
  async function claim(tx: Tx): Promise<Outcome | undefined> {
    // Try the key's lock and read a stored response in one round trip. The read's snapshot may
    // predate a first request that committed just before we got the lock: then our insert of the
    // key fails on the primary key and the whole transaction reruns (retryIf), and replays.
    const { rows } = await sql<{
      ok: boolean;
      request_hash: string | null;
      response_status: number | null;
      response_body: unknown;
    }>`
      SELECT pg_try_advisory_xact_lock(hashtextextended(${`idem:${scope}:${key}`}, 0)) AS ok,
             k.request_hash, k.response_status, k.response_body
      FROM (SELECT 1) AS one
      LEFT JOIN idempotency_keys k ON k.scope = ${scope} AND k.key = ${key}`.execute(tx);
    const row = rows[0];
    if (!row?.ok) {
      throw new AppError("conflict", "A request with this Idempotency-Key is still in progress; retry later");
    }
    if (row.request_hash === null) return undefined;
    if (row.request_hash !== hash) {
      throw new AppError(
        "idempotency_mismatch",
        "This Idempotency-Key was used with a different request; use a new key for a new request",
      );
    }
    return { replayed: true, status: row.response_status as number, body: row.response_body };
  }
  async function store(tx: Tx, result: HandlerResult<unknown>): Promise<Outcome> {
    await tx
      .insertInto("idempotency_keys")
      .values({
        scope,
        key: key as string,
        request_hash: hash,
        response_status: result.status,
        response_body: JSON.stringify(result.body),
      })
      .execute();
    return { replayed: false, ...result };
  }

  let outcome: Outcome;
  try {
    // The usual path: effects and their response in one transaction.
    outcome = await inTransaction(
      db,
      async (tx) => {
        const stored = await claim(tx);
        if (stored) return stored;
        const r = await handler(tx);
        return store(tx, { status: r.status, body: toJson(r.body) });
      },
      { retryIf: isKeyRace },
    );
  } catch (error) {
    if (!(error instanceof AppError) || !isStorable(error)) throw error;
    // A deterministic refusal (e.g. 402): its transaction rolled back with every effect; store the
    // refusal under the key in a new one — unless a concurrent retry stored an answer meanwhile.
    const refusal = {
      status: error.status,
      body: {
        error: { code: error.code, message: error.message, details: toJson(error.details) ?? undefined },
        requestId: request.id,
      },
    };
    outcome = await inTransaction(db, async (tx) => (await claim(tx)) ?? store(tx, refusal), {
      retryIf: isKeyRace,
    });
  }
  // Keys live for a day (Stripe's rule): sweep now and then instead of running a job for it.
  if (Math.random() < PRUNE_PROBABILITY) void pruneIdempotencyKeys(db).catch(() => {});
  if (outcome.replayed) reply.header(REPLAYED_HEADER, "true");
  reply.status(outcome.status);
  if (outcome.status >= 400) {
    // A stored refusal: send it as stored, not through the route's success serializer.
    return reply.type("application/json; charset=utf-8").send(JSON.stringify(outcome.body)) as never;
  }
  return outcome.body as T;
}

function isKeyRace(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === "23505" && e.constraint === "idempotency_keys_pkey";
}

/** Forget keys older than `olderThanHours` (a retry after a day is a new request). */
export async function pruneIdempotencyKeys(db: Database, olderThanHours = 24): Promise<number> {
  const result =
    await sql`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => ${olderThanHours})`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0);
}
