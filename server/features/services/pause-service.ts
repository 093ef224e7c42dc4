// Its provider pauses a service (out of the public list, no new orders; orders already placed go
// on) and resumes it. Both are named transitions of service-status.ts, each with its event.
import type { AccountActor } from "../../core/actor.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import type { ServiceDeps } from "./create-service.ts";
import { serviceMachine, serviceSubject } from "./service-status.ts";
import { assertProviderOf } from "./services.policy.ts";
import { lockService } from "./services.queries.ts";

async function changeStatus(
  tx: Tx,
  actor: AccountActor,
  serviceId: string,
  name: "pause" | "resume",
  deps: ServiceDeps,
): Promise<void> {
  const service = await lockService(tx, serviceId);
  assertProviderOf(service, actor);
  const at = deps.clock.now();
  await transition(tx, {
    subject: serviceSubject(service.id),
    machine: serviceMachine,
    name,
    actor,
    at,
    patch: { updated_at: at },
    // service.paused, service.resumed (not service.active: it says what happened).
    event: name === "pause" ? "paused" : "resumed",
  });
}

export const pauseService = (tx: Tx, actor: AccountActor, serviceId: string, deps: ServiceDeps) =>
  changeStatus(tx, actor, serviceId, "pause", deps);

export const resumeService = (tx: Tx, actor: AccountActor, serviceId: string, deps: ServiceDeps) =>
  changeStatus(tx, actor, serviceId, "resume", deps);
