// A provider lists a service in their shop: the service and its 1–3 packages (tiers unique, prices
// in integer fen — the contract refuses anything else), listed at once (active).
import { randomUUID } from "node:crypto";
import type { CreateService, ServicePackageInput } from "../../../contracts/services.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { categoryExists } from "../categories/categories.queries.ts";

export type ServiceDeps = Pick<Deps, "clock">;

export async function assertCategory(tx: Tx, categoryId: string | null | undefined): Promise<void> {
  if (categoryId != null && !(await categoryExists(tx, categoryId))) {
    throw invalidInput(`categoryId: no category ${categoryId}`, { field: "categoryId" });
  }
}

/** The cheapest package's price: kept on the service row for the price sort (migration 0631). */
export const fromPriceOf = (packages: readonly ServicePackageInput[]) =>
  Math.min(...packages.map((p) => p.priceMinor));

export async function insertPackages(
  tx: Tx,
  serviceId: string,
  packages: readonly ServicePackageInput[],
): Promise<void> {
  await tx
    .insertInto("service_packages")
    .values(
      packages.map((p) => ({
        service_id: serviceId,
        tier: p.tier,
        price_minor: p.priceMinor,
        delivery_days: p.deliveryDays,
        revisions: p.revisions,
        description: p.description,
      })),
    )
    .execute();
}

/** Returns the new service's id. */
export async function createService(
  tx: Tx,
  actor: AccountActor,
  input: CreateService,
  deps: ServiceDeps,
): Promise<string> {
  await assertCategory(tx, input.categoryId);
  const id = randomUUID();
  const now = deps.clock.now();
  await tx
    .insertInto("services")
    .values({
      id,
      provider_id: actor.accountId,
      title: input.title,
      description: input.description,
      category_id: input.categoryId ?? null,
      status: "active",
      from_price_minor: fromPriceOf(input.packages),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertPackages(tx, id, input.packages);
  await appendEvent(tx, {
    subject: { type: "service", id },
    type: "service.created",
    data: { to: "active", tiers: input.packages.map((p) => p.tier) },
    actor,
    at: now,
  });
  return id;
}
