// Orders and milestones over HTTP (API.md "Services (雇佣 / 店铺服务) and orders"): my orders, one
// order, the provider's confirmation, cancellation, and per milestone fund (Idempotency-Key; 402),
// deliveries (JSON or multipart), accept (Idempotency-Key; releases amount − fee) and revision
// requests. Every answer is the order as the caller sees it; whoever is not a party or an operator
// is told the order (and its milestones) do not exist. POST /orders (ordering a service) is the
// services feature's.
import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/common.ts";
import {
  DeliverMilestoneJson,
  OrderList,
  OrderListQuery,
  OrderResponse,
  RequestRevision,
} from "../../../contracts/orders.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Tx } from "../../db/database.ts";
import { requireAccount } from "../../http/actor.ts";
import { errors, signedIn } from "../../http/openapi.ts";
import { idempotentAs, idempotentSchema } from "../../http/route-kit.ts";
import { registerMultipart } from "../../http/uploads.ts";
import { readWork } from "../tasks/tasks.routes.ts";
import { acceptMilestone } from "./accept-milestone.ts";
import { cancelOrder } from "./cancel-order.ts";
import { confirmOrder } from "./confirm-order.ts";
import { checkDeliverMilestone, deliverMilestone } from "./deliver-milestone.ts";
import { fundMilestone } from "./fund-milestone.ts";
import { getOrderFor, getOrderOfMilestone, listOrdersFor } from "./orders.queries.ts";
// Registers the orders' ledger audit check with the app (GET /admin/ledger/audit), whoever opens orders.
import "./orders.audit.ts";
import { requestRevision } from "./request-revision.ts";

export const orderRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const tags = ["orders"];
    await registerMultipart(app as unknown as FastifyInstance);

    /** `change` the order, then answer { order } as the caller now sees it — one transaction. */
    const changeOrder = (actor: AccountActor, orderId: string, change: (tx: Tx) => Promise<unknown>) =>
      inTransaction(db, async (tx) => {
        await change(tx);
        return { order: await getOrderFor(tx, orderId, actor) };
      });
    const changeMilestone = (
      actor: AccountActor,
      milestoneId: string,
      change: (tx: Tx) => Promise<unknown>,
    ) =>
      inTransaction(db, async (tx) => {
        await change(tx);
        return { order: await getOrderOfMilestone(tx, milestoneId, actor) };
      });

    app.get(
      "/orders",
      {
        schema: {
          security: signedIn,
          tags,
          summary:
            "My orders (as buyer, as provider, or both), newest first; an operator without role: every order",
          querystring: OrderListQuery,
          response: { 200: OrderList },
        },
      },
      async (request) => listOrdersFor(db, requireAccount(request), request.query),
    );

    app.get(
      "/orders/:id",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "One order with its milestones and deliveries (its two parties and operators; others 404)",
          params: IdParams,
          response: { 200: OrderResponse, ...errors(404) },
        },
      },
      async (request) => ({ order: await getOrderFor(db, request.params.id, requireAccount(request)) }),
    );

    app.post(
      "/orders/:id/confirm",
      {
        schema: {
          security: signedIn,
          tags,
          summary:
            "The provider takes a service order: in_progress, its milestone due deliveryDays from now (409 once TIMER_ORDER_CONFIRM's window has closed by the clock)",
          params: IdParams,
          response: { 200: OrderResponse, ...errors(403, 404, 409) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return changeOrder(actor, request.params.id, (tx) =>
          confirmOrder(tx, actor, request.params.id, deps),
        );
      },
    );

    app.post(
      "/orders/:id/cancel",
      {
        schema: {
          tags,
          summary:
            "Cancel: before confirmation either party; in progress the provider alone, both parties (the first call records cancelRequestedBy), or the buyer once a milestone is overdue. Funded milestones not accepted are refunded",
          ...idempotentSchema,
          params: IdParams,
          response: { 200: OrderResponse, ...errors(403, 404, 409) },
        },
      },
      async (request, reply) =>
        idempotentAs(db, request, reply, async (tx, actor) => {
          await cancelOrder(tx, actor, request.params.id, deps);
          return { status: 200, body: { order: await getOrderFor(tx, request.params.id, actor) } };
        }),
    );

    app.post(
      "/milestones/:id/fund",
      {
        schema: {
          tags,
          summary: "The buyer funds a milestone from the wallet into the order's escrow (402 when short)",
          ...idempotentSchema,
          params: IdParams,
          response: { 200: OrderResponse, ...errors(402, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        idempotentAs(db, request, reply, async (tx, actor) => {
          await fundMilestone(tx, actor, request.params.id, deps);
          return { status: 200, body: { order: await getOrderOfMilestone(tx, request.params.id, actor) } };
        }),
    );

    app.post(
      "/milestones/:id/deliveries",
      {
        schema: {
          security: signedIn,
          tags,
          summary:
            "The provider delivers a funded (or revision-requested) milestone: JSON { text } or multipart text + files; auto-accepted after TIMER_AUTO_ACCEPT",
          params: IdParams,
          response: { 201: OrderResponse, ...errors(403, 404, 409, 413, 415) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        const milestoneId = request.params.id;
        // Refuse strangers and impossible deliveries before storing any upload.
        const { order } = await inTransaction(db, (tx) => checkDeliverMilestone(tx, actor, milestoneId));
        const work = await readWork(request, deps, DeliverMilestoneJson, undefined, {
          categoryId: order.category_id,
        });
        const body = await changeMilestone(actor, milestoneId, (tx) =>
          deliverMilestone(tx, actor, milestoneId, work, deps),
        );
        return reply.status(201).send(body);
      },
    );

    app.post(
      "/milestones/:id/accept",
      {
        schema: {
          tags,
          summary:
            "The buyer accepts a delivered milestone: its amount minus the platform fee is paid to the provider; the last one completes the order",
          ...idempotentSchema,
          params: IdParams,
          response: { 200: OrderResponse, ...errors(403, 404, 409) },
        },
      },
      async (request, reply) =>
        idempotentAs(db, request, reply, async (tx, actor) => {
          await acceptMilestone(tx, actor, request.params.id, deps);
          return { status: 200, body: { order: await getOrderOfMilestone(tx, request.params.id, actor) } };
        }),
    );

    app.post(
      "/milestones/:id/request-revision",
      {
        schema: {
          security: signedIn,
          tags,
          summary:
            "The buyer asks for changes to a delivery, at most the milestone's revisions (then 409); 409 too once the delivery's auto-accept time has passed",
          params: IdParams,
          body: RequestRevision,
          response: { 200: OrderResponse, ...errors(403, 404, 409) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return changeMilestone(actor, request.params.id, (tx) =>
          requestRevision(tx, actor, request.params.id, request.body, deps),
        );
      },
    );
  };
