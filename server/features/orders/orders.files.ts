// Who may download a delivery's files (the policy hook of files/serve.ts, registered in app.ts):
// the order's two parties and operators get the originals; anyone else is told nothing exists (404).
import type { Actor } from "../../core/actor.ts";
import type { Queryable } from "../../db/database.ts";
import type { FileGrant, FilePolicies } from "../../files/serve.ts";
import { isUuid } from "../../lib/uuid.ts";
import { canSeeOrder } from "./orders.policy.ts";
import { DELIVERY_FILES } from "./orders.queries.ts";

async function deliveryGrant(q: Queryable, deliveryId: string, actor: Actor): Promise<FileGrant> {
  if (!isUuid(deliveryId)) return "none";
  const order = await q
    .selectFrom("milestone_deliveries as d")
    .innerJoin("milestones as m", "m.id", "d.milestone_id")
    .innerJoin("orders as o", "o.id", "m.order_id")
    .select(["o.buyer_id", "o.provider_id"])
    .where("d.id", "=", deliveryId)
    .executeTakeFirst();
  return order && canSeeOrder(order, actor) ? "original" : "none";
}

export const orderFilePolicies: FilePolicies = { [DELIVERY_FILES]: deliveryGrant };
