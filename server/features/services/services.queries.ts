// Reads of services: one service with its packages, provider and gallery; the public list (a
// provider's shop is the list filtered by providerId) with filters, sorts and keyset pagination;
// and the row lock every write starts with.
import { type Selectable, sql } from "kysely";
import type { Service, ServiceListQuery, ServiceTier } from "../../../contracts/services.ts";
import type { Actor } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import type { ServicesTable } from "../../db/schema.ts";
import { listAttachedFiles } from "../../files/attach.ts";
import { fileUrl } from "../../files/serve.ts";
import { isUuid } from "../../lib/uuid.ts";
import { canSeeService } from "./services.policy.ts";

export type ServiceRow = Selectable<ServicesTable>;

/** Attachment subject type of a service's gallery images (keyed by the service id). */
export const SERVICE_GALLERY = "service_gallery";

export const TIERS: readonly ServiceTier[] = ["basic", "standard", "premium"];

export async function findServiceRow(q: Queryable, id: string): Promise<ServiceRow | undefined> {
  if (!isUuid(id)) return undefined;
  return q.selectFrom("services").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Lock a service row (a write on a service starts here, before any order or ledger row): "share"
 * for an order, so that an edit of its packages waits for the order and the order reads one
 * consistent package; "update" for an edit.
 */
export async function lockService(
  tx: Tx,
  id: string,
  mode: "update" | "share" = "update",
): Promise<ServiceRow> {
  if (!isUuid(id)) throw notFound("Service");
  const q = tx.selectFrom("services").selectAll().where("id", "=", id);
  const row = await (mode === "update" ? q.forUpdate() : q.forShare()).executeTakeFirst();
  if (!row) throw notFound("Service");
  return row;
}

export type PackageRow = Readonly<{
  tier: ServiceTier;
  priceMinor: number;
  deliveryDays: number;
  revisions: number;
  description: string;
}>;

/** A service's packages in tier order (basic, standard, premium). */
export async function listPackages(q: Queryable, serviceId: string): Promise<PackageRow[]> {
  const rows = await q
    .selectFrom("service_packages")
    .selectAll()
    .where("service_id", "=", serviceId)
    .execute();
  return rows
    .map((r) => ({
      tier: r.tier,
      priceMinor: Number(r.price_minor),
      deliveryDays: r.delivery_days,
      revisions: r.revisions,
      description: r.description,
    }))
    .sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
}

type Presented = ServiceRow & { provider_name: string; packages: unknown };

function presentedServices(q: Queryable) {
  return q
    .selectFrom("services as s")
    .innerJoin("accounts as a", "a.id", "s.provider_id")
    .selectAll("s")
    .select([
      "a.display_name as provider_name",
      sql<unknown>`(SELECT json_agg(json_build_object(
          'tier', p.tier, 'priceMinor', p.price_minor, 'deliveryDays', p.delivery_days,
          'revisions', p.revisions, 'description', p.description)
          ORDER BY array_position(ARRAY['basic', 'standard', 'premium'], p.tier))
        FROM service_packages p WHERE p.service_id = s.id)`.as("packages"),
    ]);
}

const iso = (d: Date | string) => new Date(d).toISOString();

async function present(q: Queryable, rows: readonly Presented[]): Promise<Service[]> {
  const files = await listAttachedFiles(
    q,
    [SERVICE_GALLERY],
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    provider: { id: r.provider_id, displayName: r.provider_name },
    title: r.title,
    description: r.description,
    categoryId: r.category_id,
    status: r.status,
    currency: "CNY" as const,
    packages: ((r.packages ?? []) as Service["packages"]).map((p) => ({
      ...p,
      priceMinor: Number(p.priceMinor),
    })),
    fromPriceMinor: Number(r.from_price_minor),
    gallery: files
      .filter((f) => f.subjectId === r.id)
      .map((f) => ({
        id: f.id,
        name: f.originalName,
        width: f.width,
        height: f.height,
        thumbnailUrl: f.derived.includes("thumbnail") ? fileUrl(f.id, "thumbnail") : null,
        previewUrl: f.derived.includes("preview") ? fileUrl(f.id, "preview") : null,
      })),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

/** One service as `actor` may see it; 404 when it does not exist or is not theirs to see. */
export async function getServiceFor(q: Queryable, id: string, actor: Actor): Promise<Service> {
  const row = isUuid(id)
    ? ((await presentedServices(q).where("s.id", "=", id).executeTakeFirst()) as Presented | undefined)
    : undefined;
  if (!row || !canSeeService(row, actor)) throw notFound("Service");
  const [service] = await present(q, [row]);
  return service as Service;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Services anyone may see (active), plus the caller's own paused or hidden ones; newest first, or
 * by the cheapest package's price. A category includes its children.
 */
export async function listServices(
  q: Queryable,
  query: ServiceListQuery,
  actor: Actor,
): Promise<{ items: Service[]; nextCursor: string | null }> {
  let s = presentedServices(q);
  const me = actor.kind === "account" ? actor.accountId : undefined;
  s = s.where((eb) =>
    me ? eb.or([eb("s.status", "=", "active"), eb("s.provider_id", "=", me)]) : eb("s.status", "=", "active"),
  );
  if (query.providerId) s = s.where("s.provider_id", "=", query.providerId);
  if (query.categoryId) {
    const category = query.categoryId;
    s = s.where((eb) =>
      eb.or([
        eb("s.category_id", "=", category),
        eb("s.category_id", "in", eb.selectFrom("categories").select("id").where("parent_id", "=", category)),
      ]),
    );
  }
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    s = s.where((eb) => eb.or([eb("s.title", "ilike", pattern), eb("s.description", "ilike", pattern)]));
  }
  // One cursor kind per sort: a cursor of another sort is not one we gave out for this one.
  const list = `services:${query.sort}`;
  if (query.sort === "newest") {
    const cursor = decodeCursor(list, query.cursor, ["instant", "uuid"] as const);
    if (cursor) {
      s = s.where(sql<boolean>`(s.created_at, s.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`);
    }
    s = s.orderBy("s.created_at", "desc").orderBy("s.id", "desc");
  } else {
    const asc = query.sort === "price_asc";
    const cursor = decodeCursor(list, query.cursor, ["int", "uuid"] as const);
    if (cursor) {
      const after = asc ? sql`>` : sql`<`;
      s = s.where(
        sql<boolean>`(s.from_price_minor, s.id) ${after} (${cursor[0]}::bigint, ${cursor[1]}::uuid)`,
      );
    }
    // The cheapest package's price, kept on the row (services_price_idx).
    s = s.orderBy("s.from_price_minor", asc ? "asc" : "desc").orderBy("s.id", asc ? "asc" : "desc");
  }
  const rows = (await s.limit(query.limit + 1).execute()) as Presented[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(
          list,
          query.sort === "newest"
            ? [new Date(last.created_at), last.id]
            : [Number(last.from_price_minor), last.id],
        )
      : null;
  return { items: await present(q, page), nextCursor };
}
