// The Fastify side of actors (core/actor.ts): every route reads `request.actor`, which the
// accounts feature's authentication hook sets from the session (Bearer token or cookie); routes
// never look at headers themselves.
import type { FastifyRequest } from "fastify";
import { type AccountActor, type Actor, isOperator } from "../core/actor.ts";
import { AppError } from "../core/errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
  }
}

/** The signed-in account, or 401. */
export function requireAccount(request: FastifyRequest): AccountActor {
  const { actor } = request;
  if (actor.kind !== "account") throw new AppError("unauthenticated", "Sign in to continue");
  return actor;
}

/** A signed-in operator, or 401/403. */
export function requireOperator(request: FastifyRequest): AccountActor {
  const actor = requireAccount(request);
  if (!isOperator(actor)) throw new AppError("forbidden", "Only operators may do this");
  return actor;
}
