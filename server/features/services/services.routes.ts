// Services (API.md "Services (雇佣 / 店铺服务) and orders"): a provider's shop — list and detail for
// everyone (a shop is the list by providerId), create / edit / pause / resume for its provider,
// gallery images added by multipart upload and removed, an operator's hide (moderation) — and
// POST /orders, a buyer ordering one package (money moves: Idempotency-Key). Rules live in the use
// cases and services.policy.ts; these routes parse, call, present.
import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Id, IdParams } from "../../../contracts/common.ts";
import { OrderResponse } from "../../../contracts/orders.ts";
import {
  CreateService,
  HideService,
  OrderService,
  ServiceList,
  ServiceListQuery,
  ServiceResponse,
  UpdateService,
} from "../../../contracts/services.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Tx } from "../../db/database.ts";
import { IMAGE_TYPES } from "../../files/media-types.ts";
import { requireAccount, requireOperator } from "../../http/actor.ts";
import { errors, optionalSignIn, signedIn } from "../../http/openapi.ts";
import { idempotentAs, idempotentSchema } from "../../http/route-kit.ts";
import { maxPixelsForCategory, readUpload, registerMultipart } from "../../http/uploads.ts";
import { getOrderFor } from "../orders/orders.queries.ts";
import { addGalleryImages, checkGallery, MAX_GALLERY } from "./add-gallery-images.ts";
import { createService } from "./create-service.ts";
import { hideService } from "./hide-service.ts";
import { orderService } from "./order-service.ts";
import { pauseService, resumeService } from "./pause-service.ts";
import { removeGalleryImage } from "./remove-gallery-image.ts";
import { findServiceRow, getServiceFor, listServices } from "./services.queries.ts";
import { updateService } from "./update-service.ts";

export const serviceRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const tags = ["services"];
    await registerMultipart(app as unknown as FastifyInstance);

    /** `change` one service, then answer { service } as the caller now sees it — one transaction. */
    const changeService = async (actor: AccountActor, id: string, change: (tx: Tx) => Promise<unknown>) => ({
      service: await inTransaction(db, async (tx) => {
        await change(tx);
        return getServiceFor(tx, id, actor);
      }),
    });

    app.post(
      "/services",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "List a service in one's shop: 1–3 packages (basic / standard / premium), tiers unique",
          body: CreateService,
          response: { 201: ServiceResponse },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        const service = await inTransaction(db, async (tx) => {
          const id = await createService(tx, actor, request.body, deps);
          return getServiceFor(tx, id, actor);
        });
        return reply.status(201).send({ service });
      },
    );

    app.get(
      "/services",
      {
        schema: {
          security: optionalSignIn,
          tags,
          summary:
            "Active services (a provider's shop with providerId), filtered and sorted; one's own paused ones too",
          querystring: ServiceListQuery,
          response: { 200: ServiceList },
        },
      },
      async (request) => listServices(db, request.query, request.actor),
    );

    app.get(
      "/services/:id",
      {
        schema: {
          security: optionalSignIn,
          tags,
          summary: "One service (a paused or hidden one: its provider and operators only, else 404)",
          params: IdParams,
          response: { 200: ServiceResponse, ...errors(404) },
        },
      },
      async (request) => ({ service: await getServiceFor(db, request.params.id, request.actor) }),
    );

    app.patch(
      "/services/:id",
      {
        schema: {
          security: signedIn,
          tags,
          summary:
            "Its provider edits a service (packages replace the set); orders already placed keep theirs",
          params: IdParams,
          body: UpdateService,
          response: { 200: ServiceResponse, ...errors(403, 404) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return changeService(actor, request.params.id, (tx) =>
          updateService(tx, actor, request.params.id, request.body, deps),
        );
      },
    );

    for (const [verb, change, summary] of [
      ["pause", pauseService, "Its provider pauses a service: unlisted, no new orders"],
      ["resume", resumeService, "Its provider lists a paused service again"],
    ] as const) {
      app.post(
        `/services/:id/${verb}`,
        {
          schema: {
            security: signedIn,
            tags,
            summary,
            params: IdParams,
            response: { 200: ServiceResponse, ...errors(403, 404, 409) },
          },
        },
        async (request) => {
          const actor = requireAccount(request);
          return changeService(actor, request.params.id, (tx) => change(tx, actor, request.params.id, deps));
        },
      );
    }

    app.post(
      "/services/:id/gallery",
      {
        schema: {
          security: signedIn,
          tags,
          summary: `Its provider adds images to the gallery: multipart \`files\` (raster images, at most ${MAX_GALLERY} in all)`,
          params: IdParams,
          response: { 201: ServiceResponse, ...errors(403, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        // Refuse strangers before storing any upload.
        await checkGallery(db, actor, request.params.id);
        const service = await findServiceRow(db, request.params.id);
        const upload = await readUpload(
          request,
          {
            storage: deps.files,
            limits: { maxPixels: await maxPixelsForCategory(db, service?.category_id ?? null) },
            quota: { db, accountId: actor.accountId },
          },
          { accept: IMAGE_TYPES, requireFile: true, maxFiles: MAX_GALLERY },
        );
        const unknown = Object.keys(upload.fields);
        if (unknown.length > 0) throw invalidInput(`Unknown field(s): ${unknown.join(", ")}`);
        const body = await changeService(actor, request.params.id, (tx) =>
          addGalleryImages(tx, actor, request.params.id, upload.files, deps),
        );
        return reply.status(201).send(body);
      },
    );

    app.delete(
      "/services/:id/gallery/:fileId",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "Its provider removes an image from the gallery",
          params: IdParams.extend({ fileId: Id }),
          response: { 200: ServiceResponse, ...errors(403, 404) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        const { id, fileId } = request.params;
        return changeService(actor, id, (tx) => removeGalleryImage(tx, actor, id, fileId, deps));
      },
    );

    app.post(
      "/admin/services/:id/hide",
      {
        schema: {
          security: signedIn,
          tags: ["admin"],
          summary:
            "An operator hides a service (moderation): out of every list, no new orders; its provider is told",
          params: IdParams,
          body: HideService,
          response: { 200: ServiceResponse, ...errors(403, 404, 409) },
        },
      },
      async (request) => {
        const operator = requireOperator(request);
        return changeService(operator, request.params.id, (tx) =>
          hideService(tx, operator, request.params.id, request.body.reason, deps),
        );
      },
    );

    app.post(
      "/orders",
      {
        schema: {
          tags: ["orders"],
          summary:
            "Order a service package (not one's own): one milestone for its price, funded now (402 when short), waiting for the provider's confirmation",
          ...idempotentSchema,
          body: OrderService,
          response: { 201: OrderResponse, ...errors(402, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        return idempotentAs(db, request, reply, async (tx, actor) => {
          const id = await orderService(tx, actor, request.body, deps);
          return { status: 201, body: { order: await getOrderFor(tx, id, actor) } };
        });
      },
    );
  };
