// Threads and messages (API.md "Messages and notifications"). Strangers get 404 on every thread
// route; operators may read any thread and any message with its original text.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/common.ts";
import {
  MESSAGE_TEXT_MAX,
  MessageList,
  MessageListQuery,
  MessageResponse,
  OpenThread,
  ReadResponse,
  SendMessageJson,
  ThreadList,
  ThreadListQuery,
  ThreadResponse,
} from "../../../contracts/messages.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput, notFound } from "../../core/errors.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Queryable } from "../../db/database.ts";
import { requireAccount, requireOperator } from "../../http/actor.ts";
import { errors, signedIn } from "../../http/openapi.ts";
import { hit, type Limit, peek, type RateState, rateLimited } from "../../http/rate-limit.ts";
import { readUpload, registerMultipart } from "../../http/uploads.ts";
import { markThreadRead } from "./mark-thread-read.ts";
import { MessageLimits } from "./message-limits.ts";
import {
  getMessage,
  listMessages,
  listThreads,
  presentMessages,
  presentThread,
  readableThread,
} from "./messages.queries.ts";
import { openThread } from "./open-thread.ts";
import { type NewMessage, sendMessage } from "./send-message.ts";

/** At most this many files in one message. */
const MAX_MESSAGE_FILES = 5;

export const messageRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const tags = ["messages"];
    await registerMultipart(app as unknown as FastifyInstance);

    app.post(
      "/threads",
      {
        schema: {
          tags,
          summary:
            "Open (or find) the thread about a subject: a task or service with its owner, an order or bid between its parties",
          security: signedIn,
          body: OpenThread,
          response: { 200: ThreadResponse, 201: ThreadResponse, ...errors(400, 401, 404, 409) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        const { thread, created } = await inTransaction(db, async (tx) => {
          const opened = await openThread(tx, actor, request.body.subject, deps.clock.now());
          return {
            thread: await presentThread(tx, await readableThread(tx, opened.threadId, actor)),
            ...opened,
          };
        });
        return reply.status(created ? 201 : 200).send({ thread });
      },
    );

    app.get(
      "/threads",
      {
        schema: {
          tags,
          summary: "My threads, newest activity first, each with its unread count and last message",
          security: signedIn,
          querystring: ThreadListQuery,
          response: { 200: ThreadList, ...errors(400, 401) },
        },
      },
      async (request) => listThreads(db, requireAccount(request), request.query),
    );

    app.get(
      "/threads/:id/messages",
      {
        schema: {
          tags,
          summary: "A thread's messages, newest first (participants; operators also see the original text)",
          security: signedIn,
          params: IdParams,
          querystring: MessageListQuery,
          response: { 200: MessageList, ...errors(400, 401, 404) },
        },
      },
      async (request) => {
        requireAccount(request);
        const thread = await readableThread(db, request.params.id, request.actor);
        return listMessages(db, thread, request.actor, request.query);
      },
    );

    app.post(
      "/threads/:id/messages",
      {
        schema: {
          tags,
          summary:
            "Send: JSON { text } or multipart text + files. Contact details are masked (***) until a deal exists between the two",
          security: signedIn,
          params: IdParams,
          response: { 201: MessageResponse, ...errors(400, 401, 404, 413, 415, 429) },
        },
      },
      async (request, reply) => {
        const actor = requireAccount(request);
        if (request.isMultipart()) {
          // Before reading (and storing) an upload: a stranger learns nothing (404), a flood stops.
          const thread = await readableThread(db, request.params.id, actor);
          if (!thread.participantIds.includes(actor.accountId)) throw notFound("Thread");
          await limitSending(db, actor.accountId, peek);
        }
        const input = await readMessage(request, deps, actor.accountId);
        const message = await inTransaction(db, async (tx) => {
          // Counted in the message's own transaction: one commit per message, and a refused
          // message (rolled back) does not count.
          await limitSending(tx, actor.accountId, hit);
          const row = await sendMessage(tx, actor, request.params.id, input, deps);
          const [presented] = await presentMessages(tx, [row], actor);
          if (!presented) throw new Error("a stored message could not be presented");
          return presented;
        });
        return reply.status(201).send({ message });
      },
    );

    app.post(
      "/threads/:id/read",
      {
        schema: {
          tags,
          summary: "Mark the thread read up to its newest message",
          security: signedIn,
          params: IdParams,
          response: { 200: ReadResponse, ...errors(400, 401, 404) },
        },
      },
      async (request) => {
        const actor = requireAccount(request);
        const at = await inTransaction(db, (tx) =>
          markThreadRead(tx, actor, request.params.id, deps.clock.now()),
        );
        return { unreadCount: 0 as const, readAt: at.toISOString() };
      },
    );

    app.get(
      "/admin/messages/:id",
      {
        schema: {
          tags: ["admin"],
          summary: "Operators: one message with its original (unmasked) text",
          security: signedIn,
          params: IdParams,
          response: { 200: MessageResponse, ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const operator = requireOperator(request);
        return { message: await getMessage(db, request.params.id, operator) };
      },
    );
  };

/** 429 when the account is over a MessageLimits limit: `peek` only reads, `hit` counts this message. */
async function limitSending(
  q: Queryable,
  accountId: string,
  count: (q: Queryable, key: string, limit: Limit) => Promise<RateState>,
): Promise<void> {
  for (const [name, limit] of Object.entries(MessageLimits)) {
    const state = await count(q, `messages:${name}:account:${accountId}`, limit);
    if (state.limited) throw rateLimited(state.retryAfterSeconds, "Too many messages; wait a moment");
  }
}

/** JSON { text }, or multipart `text` + `files` (checked and stored before any row is written). */
async function readMessage(request: FastifyRequest, deps: Deps, accountId: string): Promise<NewMessage> {
  if (request.isMultipart()) {
    const upload = await readUpload(
      request,
      { storage: deps.files, quota: { db: deps.db, accountId } },
      { maxFiles: MAX_MESSAGE_FILES },
    );
    const unknown = Object.keys(upload.fields).filter((k) => k !== "text");
    if (unknown.length > 0) throw invalidInput(`Unknown field(s): ${unknown.join(", ")}`);
    const text = upload.fields.text ?? "";
    if (text.length > MESSAGE_TEXT_MAX) throw invalidInput(`text: at most ${MESSAGE_TEXT_MAX} characters`);
    return { text, files: upload.files };
  }
  const parsed = SendMessageJson.safeParse(request.body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw invalidInput(first ? `body.${first.path.join(".")}: ${first.message}` : "Send { text } as JSON", {
      issues: parsed.error.issues.map((i) => ({ path: `body.${i.path.join(".")}`, message: i.message })),
    });
  }
  return { text: parsed.data.text, files: [] };
}
