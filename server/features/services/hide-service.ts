// An operator hides a service (API.md POST /admin/services/:id/hide, moderation): out of every list
// and every stranger's reach (404), no new orders; its provider still sees it. The reason travels
// in the service.hidden event, so its provider can be told (notifications read the events).
import type { AccountActor } from "../../core/actor.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import type { ServiceDeps } from "./create-service.ts";
import { serviceMachine, serviceSubject } from "./service-status.ts";
import { lockService } from "./services.queries.ts";

export async function hideService(
  tx: Tx,
  operator: AccountActor,
  serviceId: string,
  reason: string,
  deps: ServiceDeps,
): Promise<void> {
  const service = await lockService(tx, serviceId);
  const at = deps.clock.now();
  await transition(tx, {
    subject: serviceSubject(service.id),
    machine: serviceMachine,
    name: "hide",
    actor: operator,
    at,
    patch: { updated_at: at },
    data: { reason, providerId: service.provider_id },
  });
}
