// The shapes routes repeat, once: a money-moving POST of a signed-in account (or operator) runs its
// handler under the request's Idempotency-Key (server/http/idempotency.ts) in one retried
// transaction, keys scoped to that account; its schema declares the header and who may call.
import type { FastifyReply, FastifyRequest } from "fastify";
import { IdempotencyHeader } from "../../contracts/common.ts";
import type { AccountActor } from "../core/actor.ts";
import type { Database, Tx } from "../db/database.ts";
import { requireAccount, requireOperator } from "./actor.ts";
import { type HandlerResult, idempotent } from "./idempotency.ts";
import { signedIn } from "./openapi.ts";

/** Spread into a money-moving route's schema: its Idempotency-Key header and its security. */
export const idempotentSchema = { security: signedIn, headers: IdempotencyHeader } as const;

/**
 * The caller is required first (`requireAccount`, or `requireOperator` — 401/403 before anything
 * is read or written), then `handler(tx, actor)` runs once per Idempotency-Key of that account;
 * a retry with the same key replays the stored answer.
 */
export function idempotentAs<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  handler: (tx: Tx, actor: AccountActor) => Promise<HandlerResult<T>>,
  require: (request: FastifyRequest) => AccountActor = requireAccount,
): Promise<T> {
  const actor = require(request);
  return idempotent(db, request, reply, actor.accountId, (tx) => handler(tx, actor));
}

/**
 * An operator's decision on one item (approve, reject …): `idempotentAs` with `requireOperator`,
 * answered 200 with what `decide(tx, operatorId)` returns.
 */
export function operatorDecision<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  decide: (tx: Tx, operatorId: string) => Promise<T>,
): Promise<T> {
  return idempotentAs(
    db,
    request,
    reply,
    async (tx, actor) => ({ status: 200, body: await decide(tx, actor.accountId) }),
    requireOperator,
  );
}
