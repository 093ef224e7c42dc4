// Who is making a request. Every route reads `request.actor`; the accounts feature's
// authentication hook sets it from the session (Bearer token or cookie). Policies
// (`<noun>.policy.ts`) take an Actor and decide; routes never look at headers themselves.
import type { FastifyRequest } from "fastify";
import { AppError } from "../core/errors.ts";

export const Roles = { operator: "operator" } as const;
export type Role = (typeof Roles)[keyof typeof Roles];

export type AnonymousActor = Readonly<{ kind: "anonymous" }>;
export type AccountActor = Readonly<{
  kind: "account";
  accountId: string;
  roles: readonly Role[];
  sessionId: string;
}>;
export type Actor = AnonymousActor | AccountActor;

export const anonymous: AnonymousActor = Object.freeze({ kind: "anonymous" });

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
  }
}

export function isOperator(actor: Actor): boolean {
  return actor.kind === "account" && actor.roles.includes(Roles.operator);
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
