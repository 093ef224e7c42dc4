// Who may see and change a service. Active services are public; a paused or hidden one is seen only
// by its provider and operators — anyone else gets 404, as if it did not exist. Only its provider
// changes it (a signed-in stranger who can see it gets 403).
import { type Actor, isOperator } from "../../core/actor.ts";
import { forbidden, notFound } from "../../core/errors.ts";

export type ServiceForPolicy = Readonly<{ provider_id: string; status: "active" | "paused" | "hidden" }>;

export const isProviderOf = (service: ServiceForPolicy, actor: Actor) =>
  actor.kind === "account" && actor.accountId === service.provider_id;

export function canSeeService(service: ServiceForPolicy, actor: Actor): boolean {
  return service.status === "active" || isProviderOf(service, actor) || isOperator(actor);
}

/** 404 for whoever may not see it, 403 for whoever may see it but is not its provider. */
export function assertProviderOf(service: ServiceForPolicy, actor: Actor): void {
  if (!canSeeService(service, actor)) throw notFound("Service");
  if (!isProviderOf(service, actor)) throw forbidden("Only the service's provider may change it");
}
