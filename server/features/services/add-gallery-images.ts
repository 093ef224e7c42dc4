// Its provider adds images to a service's gallery. The files were checked and stored by the upload
// (http/uploads.ts → files/ingest.ts: type by content, pixel limits, thumbnail and watermarked
// preview); here they are recorded and attached to the service (files/attach.ts) in one
// transaction. A gallery holds at most MAX_GALLERY images.
import type { AccountActor } from "../../core/actor.ts";
import { invalidInput, notFound } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import { attachFiles } from "../../files/attach.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import type { ServiceDeps } from "./create-service.ts";
import { assertProviderOf } from "./services.policy.ts";
import { findServiceRow, lockService, SERVICE_GALLERY } from "./services.queries.ts";

export const MAX_GALLERY = 12;

/** Refuses strangers before anything is stored (the route calls it before reading the upload). */
export async function checkGallery(q: Queryable, actor: AccountActor, serviceId: string): Promise<void> {
  const service = await findServiceRow(q, serviceId);
  if (!service) throw notFound("Service");
  assertProviderOf(service, actor);
}

export async function addGalleryImages(
  tx: Tx,
  actor: AccountActor,
  serviceId: string,
  files: readonly StoredFile[],
  deps: ServiceDeps,
): Promise<void> {
  const service = await lockService(tx, serviceId);
  assertProviderOf(service, actor);
  if (files.length === 0) throw invalidInput("Send at least one image in the field `files`");
  const { n } = await tx
    .selectFrom("attachments")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("subject_type", "=", SERVICE_GALLERY)
    .where("subject_id", "=", service.id)
    .executeTakeFirstOrThrow();
  if (Number(n) + files.length > MAX_GALLERY) {
    throw invalidInput(`A gallery holds at most ${MAX_GALLERY} images (it has ${n})`);
  }
  await attachFiles(tx, actor.accountId, { type: SERVICE_GALLERY, id: service.id }, files);
  const at = deps.clock.now();
  await tx.updateTable("services").set({ updated_at: at }).where("id", "=", service.id).execute();
  await appendEvent(tx, {
    subject: { type: "service", id: service.id },
    type: "service.gallery_added",
    data: { fileIds: files.map((f) => f.id) },
    actor,
    at,
  });
}
