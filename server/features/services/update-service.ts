// Its provider edits a service: text, category, or the whole set of packages. Orders already placed
// copied their package when they were placed (order-service.ts), so an edit changes new orders
// only and the rows are simply updated. The lock on the service row orders an edit after any order
// being placed (which holds it shared), so an order reads one package, before or after the edit.
import type { UpdateService } from "../../../contracts/services.ts";
import type { AccountActor } from "../../core/actor.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { assertCategory, fromPriceOf, insertPackages, type ServiceDeps } from "./create-service.ts";
import { assertProviderOf } from "./services.policy.ts";
import { lockService } from "./services.queries.ts";

export async function updateService(
  tx: Tx,
  actor: AccountActor,
  serviceId: string,
  input: UpdateService,
  deps: ServiceDeps,
): Promise<void> {
  const service = await lockService(tx, serviceId);
  assertProviderOf(service, actor);
  if (input.categoryId !== undefined) await assertCategory(tx, input.categoryId);
  const now = deps.clock.now();
  await tx
    .updateTable("services")
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
      ...(input.packages ? { from_price_minor: fromPriceOf(input.packages) } : {}),
      updated_at: now,
    })
    .where("id", "=", service.id)
    .execute();
  if (input.packages) {
    await tx.deleteFrom("service_packages").where("service_id", "=", service.id).execute();
    await insertPackages(tx, service.id, input.packages);
  }
  await appendEvent(tx, {
    subject: { type: "service", id: service.id },
    type: "service.edited",
    data: { fields: Object.keys(input).filter((k) => input[k as keyof UpdateService] !== undefined) },
    actor,
    at: now,
  });
}
