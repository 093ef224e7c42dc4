// Who may load a service's gallery images (the policy hook of files/serve.ts, registered in app.ts):
// whoever may see the service (services.policy.ts) gets the thumbnail and the watermarked preview;
// its provider and operators the originals too. Anyone else: 404.
import { isOperator } from "../../core/actor.ts";
import type { FilePolicies } from "../../files/serve.ts";
import { canSeeService, isProviderOf } from "./services.policy.ts";
import { findServiceRow, SERVICE_GALLERY } from "./services.queries.ts";

export const serviceFilePolicies: FilePolicies = {
  [SERVICE_GALLERY]: async (q, serviceId, actor) => {
    const service = await findServiceRow(q, serviceId);
    if (!service || !canSeeService(service, actor)) return "none";
    return isProviderOf(service, actor) || isOperator(actor) ? "original" : "marked";
  },
};
