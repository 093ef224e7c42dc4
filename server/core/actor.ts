// Who is acting. A request's actor is anonymous or a signed-in account (the accounts feature's
// authentication hook sets `request.actor`); timers and jobs act as the system, with a reason.
// Policies (`<noun>.policy.ts`) take an Actor and decide; use cases that may also run from a
// timer take `AccountActor | SystemActor`.

export const Roles = { operator: "operator" } as const;
export type Role = (typeof Roles)[keyof typeof Roles];

export type AnonymousActor = Readonly<{ kind: "anonymous" }>;
export type AccountActor = Readonly<{
  kind: "account";
  accountId: string;
  roles: readonly Role[];
  sessionId: string;
}>;
/** Who a request can be. */
export type Actor = AnonymousActor | AccountActor;
/** A timer or job acting on its own (`reason` names it, e.g. "contest.auto-accept"). */
export type SystemActor = Readonly<{ kind: "system"; reason: string }>;

export const anonymous: AnonymousActor = Object.freeze({ kind: "anonymous" });

export function systemActor(reason: string): SystemActor {
  return Object.freeze({ kind: "system", reason });
}

export function isOperator(actor: Actor | SystemActor): boolean {
  return actor.kind === "account" && actor.roles.includes(Roles.operator);
}
