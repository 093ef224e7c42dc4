// Its provider takes an image out of a service's gallery: the attachment goes (files/attach.ts
// detachFile), so nobody is served it any more through this service.
import type { AccountActor } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { detachFile } from "../../files/attach.ts";
import type { ServiceDeps } from "./create-service.ts";
import { assertProviderOf } from "./services.policy.ts";
import { lockService, SERVICE_GALLERY } from "./services.queries.ts";

export async function removeGalleryImage(
  tx: Tx,
  actor: AccountActor,
  serviceId: string,
  fileId: string,
  deps: ServiceDeps,
): Promise<void> {
  const service = await lockService(tx, serviceId);
  assertProviderOf(service, actor);
  if (!(await detachFile(tx, { type: SERVICE_GALLERY, id: service.id }, fileId))) throw notFound("Image");
  const at = deps.clock.now();
  await tx.updateTable("services").set({ updated_at: at }).where("id", "=", service.id).execute();
  await appendEvent(tx, {
    subject: { type: "service", id: service.id },
    type: "service.gallery_removed",
    data: { fileId },
    actor,
    at,
  });
}
