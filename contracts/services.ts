// Services (雇佣 / 店铺服务): a provider's shop of services, each with one to three packages, and the
// order a buyer places for one package (API.md "Services (雇佣 / 店铺服务) and orders").
import { z } from "zod";
import { AmountMinor, Id, ListQuery, Page } from "./common.ts";
import { PersonRef } from "./tasks.ts";

export const ServiceTier = z.enum(["basic", "standard", "premium"]);
export type ServiceTier = z.infer<typeof ServiceTier>;
export const ServiceStatus = z.enum(["active", "paused", "hidden"]);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/** At most this many packages per service: one per tier. */
export const MAX_PACKAGES = 3;

const Title = z.string().trim().min(1, "must not be empty").max(120);
const Description = z.string().trim().min(1, "must not be empty").max(10_000);
const CategoryId = z.string().min(1).max(40);

export const ServicePackageInput = z
  .object({
    tier: ServiceTier,
    /** Integer fen: a float, zero or a negative is invalid_input. */
    priceMinor: AmountMinor,
    deliveryDays: z.number().int("must be a whole number of days").min(1).max(365),
    revisions: z.number().int("must be a whole number").min(0).max(20),
    description: z.string().trim().max(2_000).default(""),
  })
  .strict();
export type ServicePackageInput = z.infer<typeof ServicePackageInput>;

/** 1–3 packages with unique tiers. */
const Packages = z
  .array(ServicePackageInput)
  .min(1, "at least one package")
  .max(MAX_PACKAGES, `at most ${MAX_PACKAGES} packages (basic, standard, premium)`)
  .superRefine((packages, ctx) => {
    const seen = new Set<string>();
    for (const [i, p] of packages.entries()) {
      if (seen.has(p.tier)) {
        ctx.addIssue({ code: "custom", path: [i, "tier"], message: `tier ${p.tier} is given twice` });
      }
      seen.add(p.tier);
    }
  });

export const CreateService = z
  .object({
    title: Title,
    description: Description,
    categoryId: CategoryId.nullable().optional(),
    packages: Packages,
  })
  .strict();
export type CreateService = z.infer<typeof CreateService>;

/** PATCH: any of the fields; `packages` replaces the whole set. Orders already placed keep theirs. */
export const UpdateService = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    categoryId: CategoryId.nullable().optional(),
    packages: Packages.optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "nothing to change" });
export type UpdateService = z.infer<typeof UpdateService>;

export const ServicePackage = z.object({
  tier: ServiceTier,
  priceMinor: z.number().int(),
  deliveryDays: z.number().int(),
  revisions: z.number().int(),
  description: z.string(),
});

export const GalleryImage = z
  .object({
    id: z.string(),
    name: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** Anyone who may see the service may load these (watermarked for everyone but its provider). */
    thumbnailUrl: z.string().nullable(),
    previewUrl: z.string().nullable(),
  })
  .meta({ id: "GalleryImage" });

export const Service = z
  .object({
    id: z.string(),
    providerId: z.string(),
    provider: PersonRef,
    title: z.string(),
    description: z.string(),
    categoryId: z.string().nullable(),
    status: ServiceStatus,
    currency: z.literal("CNY"),
    /** Basic, standard, premium — whichever exist, in that order. */
    packages: z.array(ServicePackage),
    /** The cheapest package's price. */
    fromPriceMinor: z.number().int(),
    gallery: z.array(GalleryImage),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Service" });
export type Service = z.infer<typeof Service>;
export const ServiceResponse = z.object({ service: Service });

export const ServiceSort = z.enum(["newest", "price_asc", "price_desc"]);
export const ServiceListQuery = ListQuery.extend({
  categoryId: CategoryId.optional(),
  /** A provider's shop. */
  providerId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  sort: ServiceSort.default("newest"),
});
export type ServiceListQuery = z.infer<typeof ServiceListQuery>;
export const ServiceList = Page(Service);

/** POST /orders: order one package of a service (the buyer; Idempotency-Key). */
export const OrderService = z
  .object({
    serviceId: Id,
    tier: ServiceTier,
    requirements: z.string().trim().max(10_000).optional(),
  })
  .strict();
export type OrderService = z.infer<typeof OrderService>;

/** POST /admin/services/:id/hide: the operator's reason, told to the provider. */
export const HideService = z
  .object({ reason: z.string().trim().min(1, "must not be empty").max(2_000) })
  .strict();
export type HideService = z.infer<typeof HideService>;
