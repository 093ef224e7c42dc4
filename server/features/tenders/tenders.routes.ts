// Bids on tenders (API.md "Tenders (招标), bids and orders"): bid, withdraw, the list and one bid
// under the sealed rules, and the buyer's acceptance (Idempotency-Key: it moves money) that opens
// the order. Posting, reading and cancelling the tender itself are the shared task routes (mode.ts).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/common.ts";
import { OrderResponse } from "../../../contracts/orders.ts";
import { BidList, BidListQuery, BidResponse, SubmitBid } from "../../../contracts/tenders.ts";
import type { Deps } from "../../core/deps.ts";
import { notFound } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Queryable } from "../../db/database.ts";
import { requireAccount } from "../../http/actor.ts";
import { errors, optionalSignIn, signedIn } from "../../http/openapi.ts";
import { idempotentAs, idempotentSchema } from "../../http/route-kit.ts";
import { getOrderFor } from "../orders/orders.queries.ts";
import { getTaskRow } from "../tasks/tasks.queries.ts";
import { acceptBid } from "./accept-bid.ts";
import { findBidRow, getBid, listBids } from "./bids.queries.ts";
import { submitBid } from "./submit-bid.ts";
import { withdrawBid } from "./withdraw-bid.ts";

/** A tender's row; any other task is not a tender (404). */
async function tenderRow(q: Queryable, id: string) {
  const task = await getTaskRow(q, id);
  if (task.mode !== "tender") throw notFound("Tender");
  return task;
}

/** The tender a bid belongs to (404 when there is no such bid). */
async function tenderOfBid(q: Queryable, bidId: string) {
  const bid = await findBidRow(q, bidId);
  if (!bid) throw notFound("Bid");
  return getTaskRow(q, bid.task_id);
}

export const tenderRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const tags = ["tenders"];

    app.post(
      "/tasks/:id/bids",
      {
        schema: {
          security: signedIn,
          tags,
          summary:
            "Bid on a tender (not its buyer; while open, before the bid deadline): price, days, proposal and 1–10 milestones summing to the price; one active bid per provider (409)",
          params: IdParams,
          body: SubmitBid,
          response: { 201: BidResponse, ...errors(403, 404, 409) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        const bid = await inTransaction(db, async (tx) => {
          const id = await submitBid(tx, actor.accountId, request.params.id, request.body, deps);
          return getBid(tx, await getTaskRow(tx, request.params.id), id, actor);
        });
        return reply.status(201).send({ bid });
      },
    );

    app.get(
      "/tasks/:id/bids",
      {
        schema: {
          security: optionalSignIn,
          tags,
          summary:
            "A tender's bids: the buyer sees all, a provider their own; with sealedBids false others see amounts and proposals, otherwise the count only",
          params: IdParams,
          querystring: BidListQuery,
          response: { 200: BidList },
        },
      },
      async (request) => listBids(db, await tenderRow(db, request.params.id), request.actor, request.query),
    );

    app.get(
      "/bids/:id",
      {
        schema: {
          security: optionalSignIn,
          tags,
          summary: "One bid (404 when sealed from you)",
          params: IdParams,
          response: { 200: BidResponse },
        },
      },
      async (request) => {
        const task = await tenderOfBid(db, request.params.id);
        return { bid: await getBid(db, task, request.params.id, request.actor) };
      },
    );

    app.post(
      "/bids/:id/withdraw",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "Its provider withdraws a bid the buyer has not decided on (then may bid again)",
          params: IdParams,
          response: { 200: BidResponse, ...errors(403, 404, 409) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        const bid = await inTransaction(db, async (tx) => {
          await withdrawBid(tx, actor, request.params.id, deps);
          return getBid(tx, await tenderOfBid(tx, request.params.id), request.params.id, actor);
        });
        return { bid };
      },
    );

    app.post(
      "/bids/:id/accept",
      {
        schema: {
          tags,
          summary:
            "The buyer accepts a bid (until the selection ends): the tender is hired, other bids declined, and an order opens with its first milestone funded from the wallet now (402 when short: nothing changes)",
          ...idempotentSchema,
          params: IdParams,
          response: { 201: OrderResponse, ...errors(402, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        idempotentAs(db, request, reply, async (tx, actor) => {
          const orderId = await acceptBid(tx, actor, request.params.id, deps);
          return { status: 201, body: { order: await getOrderFor(tx, orderId, actor) } };
        }),
    );
  };
