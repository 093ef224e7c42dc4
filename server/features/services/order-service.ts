// A buyer orders one package of a service (API.md POST /orders): the order is opened through the
// orders feature's openOrder — one milestone for the package, funded now from the buyer's wallet
// (402 and nothing written when short), waiting for the provider's confirmation (TIMER_ORDER_CONFIRM).
// The package is copied into the milestone (price, delivery days, revisions), so a later edit of
// the service changes new orders only. The service row is held shared while the order is placed,
// so an edit (which locks it for update) waits and the order reads one consistent package.
import type { OrderService, ServiceTier } from "../../../contracts/services.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { conflict, forbidden, invalidInput, notFound } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { openOrder } from "../orders/open-order.ts";
import { canSeeService, isProviderOf } from "./services.policy.ts";
import { listPackages, lockService } from "./services.queries.ts";

/** How a package's tier is named in its order's milestone (zh-CN first, English). */
export const TIER_NAMES: Record<ServiceTier, string> = {
  basic: "基础版 Basic",
  standard: "标准版 Standard",
  premium: "高级版 Premium",
};

/** Returns the new order's id. */
export async function orderService(
  tx: Tx,
  actor: AccountActor,
  input: OrderService,
  deps: Pick<Deps, "config" | "jobs" | "clock">,
): Promise<string> {
  const service = await lockService(tx, input.serviceId, "share");
  // A paused service is its provider's pause, not a secret: a buyer who saw it listed is told it
  // takes no orders now (409 below). One hidden by an operator is gone for everyone else (404).
  if (service.status === "hidden" && !canSeeService(service, actor)) throw notFound("Service");
  if (isProviderOf(service, actor)) throw forbidden("You cannot order your own service");
  if (service.status !== "active") {
    throw conflict(`This service is ${service.status}: it takes no orders now`, { status: service.status });
  }
  const pkg = (await listPackages(tx, service.id)).find((p) => p.tier === input.tier);
  if (!pkg) {
    throw invalidInput(`tier: this service has no ${input.tier} package`, { field: "tier" });
  }
  return openOrder(
    tx,
    actor,
    {
      source: { type: "service", id: service.id },
      buyerId: actor.accountId,
      providerId: service.provider_id,
      title: service.title,
      categoryId: service.category_id,
      requirements: input.requirements ?? null,
      status: "pending_confirmation",
      milestones: [
        {
          title: `${service.title} · ${TIER_NAMES[input.tier]}`,
          amountMinor: pkg.priceMinor,
          revisions: pkg.revisions,
          deliveryDays: pkg.deliveryDays,
        },
      ],
    },
    deps,
  );
}
