// Services (雇佣 / 店铺服务) in the web app (API.md "Services and orders"): a provider's shop of
// services with 1–3 packages, their gallery, and the buyer's order of one package (POST /orders,
// Idempotency-Key; the package price is funded at once, 402 when short).
import { infiniteQueryOptions, queryOptions, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  Service,
  ServiceList as ServiceListSchema,
  ServiceStatus,
  ServiceTier,
} from "../../../../contracts/services.ts";
import type { I18n } from "../../app/i18n/I18nProvider.tsx";
import type { MessageKey } from "../../app/i18n/messages.ts";
import { api } from "../../lib/api.ts";
import { type ErrorOverrides, errorText } from "../../lib/errors.ts";

export type { Service, ServiceStatus, ServiceTier };
export type ServicePackage = Service["packages"][number];
export type ServiceList = z.infer<typeof ServiceListSchema>;

export const TIERS = ["basic", "standard", "premium"] as const satisfies readonly ServiceTier[];
export const tierKey: Record<ServiceTier, MessageKey> = {
  basic: "services.tier.basic",
  standard: "services.tier.standard",
  premium: "services.tier.premium",
};
/** Gallery images a service may show (server: MAX_GALLERY), and the types it takes. */
export const MAX_GALLERY = 12;
export const GALLERY_ACCEPT = "image/png,image/jpeg,image/webp";

export type ServiceListQuery = {
  categoryId?: string;
  providerId?: string;
  q?: string;
  sort?: "newest" | "price_asc" | "price_desc";
  limit?: number;
};

export const servicesKey = ["services"] as const;

export function serviceListQuery(query: ServiceListQuery) {
  return infiniteQueryOptions({
    queryKey: [...servicesKey, "list", query],
    queryFn: ({ signal, pageParam }) =>
      api.get<ServiceList>("/services", { query: { ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const serviceQuery = (id: string) =>
  queryOptions({
    queryKey: [...servicesKey, id],
    queryFn: ({ signal }) =>
      api.get<{ service: Service }>(`/services/${encodeURIComponent(id)}`, { signal }).then((r) => r.service),
  });

/** After an edit, a pause or an upload: the service and the lists load again. */
export function useServiceChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: servicesKey });
}

export const serviceErrors: ErrorOverrides = {
  unauthenticated: "services.error.signIn",
  not_found: "services.error.notFound",
  insufficient_funds: "services.error.funds",
  invalid_transition: "services.error.transition",
  conflict: "services.error.transition",
  forbidden: "services.error.forbidden",
};

export function serviceErrorText(t: I18n["t"], error: unknown): string {
  return errorText(t, error, serviceErrors);
}
