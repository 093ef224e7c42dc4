// Tasks (API.md "Tasks"): posting (money moves: Idempotency-Key), the public listing and detail,
// cancellation, entries (JSON or multipart) under the sealed rules, and the entry file downloads,
// which enforce the same rules as the listing.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { RejectPiece } from "../../../contracts/piecework.ts";
import {
  CreateTask,
  EntryList,
  EntryListQuery,
  EntryResponse,
  SubmitEntryJson,
  TaskList,
  TaskListQuery,
  TaskResponse,
} from "../../../contracts/tasks.ts";
import { type AccountActor, isOperator } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden, invalidInput, notFound } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Tx } from "../../db/database.ts";
import { type FileMediaType, IMAGE_TYPES } from "../../files/media-types.ts";
import { fileForDownload, sendStoredFile } from "../../files/serve.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import { requireAccount } from "../../http/actor.ts";
import { optionalSignIn, signedIn } from "../../http/openapi.ts";
import { idempotentAs, idempotentSchema } from "../../http/route-kit.ts";
import { maxPixelsForCategory, readUpload, registerMultipart } from "../../http/uploads.ts";
import { entryFilePolicies } from "./entries.files.ts";
import { canSeeEntry } from "./entries.policy.ts";
import { findEntryRow, getEntry, listEntries } from "./entries.queries.ts";
import { postTask } from "./post-task.ts";
import { submitEntry } from "./submit-entry.ts";
import { modeOf, type TaskDeps, type TaskMode } from "./task-mode.ts";
import { getTask, getTaskRow, listTasks, lockTask } from "./tasks.queries.ts";

const IdParams = z.object({ id: z.string().min(1).max(100) });
const FileParams = z.object({
  id: z.string().min(1).max(100),
  fileId: z.string().min(1).max(100),
  variant: z.enum(["thumbnail", "preview", "original"]),
});
/**
 * What an entry may carry: what the buyer can look at safely (raster images, which get watermarked
 * previews, and PDF as a download). SVG, PSD, EPS and ZIP are deliverables: the handover takes them.
 */
export const ENTRY_TYPES: readonly FileMediaType[] = [...IMAGE_TYPES, "application/pdf"];

/**
 * Text and files of an entry or a handover: JSON `{ text }` or multipart `text` + `files`. Files
 * are checked and stored before any row is written (uploads.ts); the caller saves the rows. They
 * count against the signed-in account's upload quota, and the task's category (given, or that of
 * the entry's task) sets the pixel limit.
 */
export async function readWork(
  request: FastifyRequest,
  deps: Deps,
  json: z.ZodType<{ text: string }>,
  accept?: readonly FileMediaType[],
  of: { categoryId: string | null } | { entryId: string } | undefined = undefined,
): Promise<{ text?: string; files: StoredFile[] }> {
  if (request.isMultipart()) {
    const actor = requireAccount(request);
    const upload = await readUpload(
      request,
      {
        storage: deps.files,
        limits: of ? { maxPixels: await maxPixelsForCategory(deps.db, await categoryOf(deps, of)) } : {},
        quota: { db: deps.db, accountId: actor.accountId },
      },
      { accept },
    );
    const unknown = Object.keys(upload.fields).filter((k) => k !== "text");
    if (unknown.length > 0) throw invalidInput(`Unknown field(s): ${unknown.join(", ")}`);
    const text = upload.fields.text;
    if (text !== undefined && text.length > 10_000) throw invalidInput("text: at most 10000 characters");
    return { text, files: upload.files };
  }
  const parsed = json.safeParse(request.body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw invalidInput(
      first
        ? `body.${first.path.join(".")}: ${first.message}`
        : "Send { text } as JSON, or multipart text + files",
      { issues: parsed.error.issues.map((i) => ({ path: `body.${i.path.join(".")}`, message: i.message })) },
    );
  }
  return { text: parsed.data.text, files: [] };
}

async function categoryOf(deps: Deps, of: { categoryId: string | null } | { entryId: string }) {
  if ("categoryId" in of) return of.categoryId;
  const entry = await findEntryRow(deps.db, of.entryId);
  if (!entry) throw notFound("Entry");
  return (await getTaskRow(deps.db, entry.task_id)).category_id;
}

export const taskRoutes =
  (deps: TaskDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const tags = ["tasks"];
    await registerMultipart(app as unknown as FastifyInstance);

    app.post(
      "/tasks",
      {
        schema: {
          tags,
          summary:
            "Post a task; a contest's whole prize pool moves into its escrow now (402 if the wallet is short)",
          ...idempotentSchema,
          body: CreateTask,
          response: { 201: TaskResponse },
        },
      },
      async (request, reply) => {
        return idempotentAs(db, request, reply, async (tx, actor) => {
          const id = await postTask(tx, actor.accountId, request.body, deps);
          return { status: 201, body: { task: await getTask(tx, id, deps.modes) } };
        });
      },
    );

    app.get(
      "/tasks",
      {
        schema: {
          security: optionalSignIn,
          tags,
          summary: "Tasks, filtered (mode, category incl. its children, status, q, minimum prize) and sorted",
          querystring: TaskListQuery,
          response: { 200: TaskList },
        },
      },
      async (request) => {
        const { providerId } = request.query;
        if (providerId) {
          // Who entered a sealed contest is not public: "my entries" for oneself, or an operator.
          const actor = requireAccount(request);
          if (actor.accountId !== providerId && !isOperator(actor)) {
            throw forbidden("You may list only the tasks you entered");
          }
        }
        return listTasks(db, request.query, deps.modes);
      },
    );

    app.get(
      "/tasks/:id",
      {
        schema: {
          security: [],
          tags,
          summary: "One task",
          params: IdParams,
          response: { 200: TaskResponse },
        },
      },
      async (request) => ({ task: await getTask(db, request.params.id, deps.modes) }),
    );

    app.post(
      "/tasks/:id/cancel",
      {
        schema: {
          tags,
          summary: "Cancel, where the rules allow (a contest: open and without entries; full refund)",
          ...idempotentSchema,
          params: IdParams,
          response: { 200: TaskResponse },
        },
      },
      async (request, reply) => {
        return idempotentAs(db, request, reply, async (tx, actor) => {
          const task = await lockTask(tx, request.params.id);
          await modeOf(deps.modes, task.mode).cancel(tx, actor.accountId, task, deps);
          return { status: 200, body: { task: await getTask(tx, task.id, deps.modes) } };
        });
      },
    );

    app.post(
      "/tasks/:id/entries",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "Enter: JSON { text } or multipart text + files (not the buyer; while open)",
          params: IdParams,
          response: { 201: EntryResponse },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        const task = await getTaskRow(db, request.params.id);
        // Cheap refusals before reading (and storing) any upload.
        if (task.buyer_id === actor.accountId) throw forbidden("The buyer cannot enter their own contest");
        await modeOf(deps.modes, task.mode).assertAcceptsEntry(task, deps.clock.now(), {
          q: db,
          providerId: actor.accountId,
          inTransaction: false,
        });
        const work = await readWork(request, deps, SubmitEntryJson, ENTRY_TYPES, {
          categoryId: task.category_id,
        });
        const entry = await inTransaction(db, async (tx) => {
          const id = await submitEntry(tx, actor.accountId, task.id, work, deps);
          return getEntry(tx, await getTaskRow(tx, task.id), id, actor);
        });
        return reply.status(201).send({ entry });
      },
    );

    app.get(
      "/tasks/:id/entries",
      {
        schema: {
          security: optionalSignIn,
          tags,
          summary: "Entries under the sealed rules (the buyer all, a provider own, others counts only)",
          params: IdParams,
          querystring: EntryListQuery,
          response: { 200: EntryList },
        },
      },
      async (request) => {
        const task = await getTaskRow(db, request.params.id);
        return listEntries(db, task, request.actor, request.query);
      },
    );

    // The buyer decides on an entry; its task's mode does it (a contest: after the handover; a
    // piece: paid at once) — a mode without the decision answers 409.
    const decide = async (
      tx: Tx,
      actor: AccountActor,
      entryId: string,
      decision: "acceptEntry" | "rejectEntry",
      run: (mode: TaskMode) => Promise<unknown>,
    ) => {
      const row = await findEntryRow(tx, entryId);
      if (!row) throw notFound("Entry");
      const task = await getTaskRow(tx, row.task_id);
      const mode = modeOf(deps.modes, task.mode);
      if (!mode[decision]) {
        if (!canSeeEntry(task, row, actor)) throw notFound("Entry");
        throw new AppError(
          "invalid_transition",
          `A ${task.mode} entry cannot be ${decision === "acceptEntry" ? "accepted" : "rejected"} this way`,
        );
      }
      await run(mode);
      return { entry: await getEntry(tx, await getTaskRow(tx, task.id), entryId, actor) };
    };

    app.post(
      "/entries/:id/accept",
      {
        schema: {
          tags,
          summary:
            "The buyer accepts an entry: a contest's handover (the prize), or a piece (paid at once) — the amount minus the platform fee to the provider",
          ...idempotentSchema,
          params: IdParams,
          response: { 200: EntryResponse },
        },
      },
      async (request, reply) => {
        return idempotentAs(db, request, reply, async (tx, actor) => ({
          status: 200,
          body: await decide(tx, actor, request.params.id, "acceptEntry", (mode) =>
            (mode.acceptEntry as NonNullable<TaskMode["acceptEntry"]>)(tx, actor, request.params.id, deps),
          ),
        }));
      },
    );

    app.post(
      "/entries/:id/reject",
      {
        schema: {
          security: signedIn,
          tags,
          summary: "The buyer rejects a piece with a reason its author reads (piece-rate tasks)",
          params: IdParams,
          body: RejectPiece,
          response: { 200: EntryResponse },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        return inTransaction(db, (tx) =>
          decide(tx, actor, request.params.id, "rejectEntry", (mode) =>
            (mode.rejectEntry as NonNullable<TaskMode["rejectEntry"]>)(
              tx,
              actor,
              request.params.id,
              request.body.reason,
              deps,
            ),
          ),
        );
      },
    );

    app.get(
      "/entries/:id",
      {
        schema: {
          security: optionalSignIn,
          tags,
          summary: "One entry (404 when sealed from you)",
          params: IdParams,
          response: { 200: EntryResponse },
        },
      },
      async (request) => {
        const row = await findEntryRow(db, request.params.id);
        if (!row) throw notFound("Entry");
        const task = await getTaskRow(db, row.task_id);
        return { entry: await getEntry(db, task, row.id, request.actor) };
      },
    );

    app.get(
      "/entries/:id/files/:fileId/:variant",
      {
        schema: {
          security: optionalSignIn,
          tags,
          summary:
            "An entry's file: thumbnail and watermarked preview for whoever may see the entry; the original for its provider, operators, and the buyer once paid",
          params: FileParams,
        },
      },
      async (request, reply) => {
        const { id, fileId, variant } = request.params;
        const storage = deps.files;
        // The older URL of an entry's file (responses now give /api/v1/files/:fileId/:variant):
        // the same policy hook, and the file must be this entry's.
        const { file, download } = await fileForDownload(
          db,
          storage,
          entryFilePolicies,
          { fileId, variant, subjectId: id },
          request.actor,
        );
        return sendStoredFile(reply, storage, file, { download });
      },
    );
  };
