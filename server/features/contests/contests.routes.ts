// Judging and paying a contest (API.md "Tasks"): ratings, awards (Idempotency-Key) and handovers.
// Acceptance (POST /entries/:id/accept) is the shared tasks route, which calls contestMode.acceptEntry.
import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/common.ts";
import {
  AwardPrizes,
  EntryResponse,
  HandoverJson,
  RateEntry,
  TaskResponse,
} from "../../../contracts/tasks.ts";
import type { AccountActor, Actor } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import { requireAccount } from "../../http/actor.ts";
import { signedIn } from "../../http/openapi.ts";
import { idempotentAs, idempotentSchema } from "../../http/route-kit.ts";
import { registerMultipart } from "../../http/uploads.ts";
import { findEntryRow, getEntry } from "../tasks/entries.queries.ts";
import type { TaskDeps } from "../tasks/task-mode.ts";
import { getTask, getTaskRow } from "../tasks/tasks.queries.ts";
import { readWork } from "../tasks/tasks.routes.ts";
import { awardPrizes } from "./award-prizes.ts";
import { checkHandOver, handOver } from "./hand-over.ts";
import { rateEntry } from "./rate-entry.ts";

export const contestRoutes =
  (deps: TaskDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    /** `change` one entry, then answer { entry } as the caller now sees it — one transaction. */
    const changeEntry = async (
      actor: AccountActor,
      entryId: string,
      change: (tx: Tx) => Promise<unknown>,
    ) => ({
      entry: await inTransaction(db, async (tx) => {
        await change(tx);
        return presentEntry(tx, entryId, actor);
      }),
    });
    const tags = ["contests"];
    await registerMultipart(app as unknown as FastifyInstance);

    app.post(
      "/entries/:id/rating",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "The buyer rates an entry, 1–5 stars",
          params: IdParams,
          body: RateEntry,
          response: { 200: EntryResponse },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return changeEntry(actor, request.params.id, (tx) =>
          rateEntry(tx, actor, request.params.id, request.body.stars),
        );
      },
    );

    app.post(
      "/tasks/:id/awards",
      {
        schema: {
          tags,
          summary:
            "The buyer awards prizes in tier order (while open or selecting; ends submissions; one prize per provider), or again a prize whose award lapsed",
          ...idempotentSchema,
          params: IdParams,
          body: AwardPrizes,
          response: { 200: TaskResponse },
        },
      },
      async (request, reply) => {
        return idempotentAs(db, request, reply, async (tx, actor) => {
          await awardPrizes(tx, actor, request.params.id, request.body, deps);
          return { status: 200, body: { task: await getTask(tx, request.params.id, deps.modes) } };
        });
      },
    );

    app.post(
      "/entries/:id/handover",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "The awarded provider hands over the final work: JSON { text } or multipart text + files",
          params: IdParams,
          response: { 200: EntryResponse },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        // Refuse strangers before storing any upload.
        await inTransaction(db, (tx) => checkHandOver(tx, actor, request.params.id));
        const work = await readWork(request, deps, HandoverJson, undefined, { entryId: request.params.id });
        return changeEntry(actor, request.params.id, (tx) =>
          handOver(tx, actor, request.params.id, work, deps),
        );
      },
    );
  };

async function presentEntry(tx: Queryable, entryId: string, actor: Actor) {
  const row = await findEntryRow(tx, entryId);
  if (!row) throw notFound("Entry");
  return getEntry(tx, await getTaskRow(tx, row.task_id), entryId, actor);
}
