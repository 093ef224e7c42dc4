// Reads of threads and messages. Whoever is not a participant gets 404 for a thread — it might as
// well not exist — except operators, who may read any thread (and the original of masked text).
import { sql } from "kysely";
import type { Message, Thread, ThreadSubjectType, ThreadSummary } from "../../../contracts/messages.ts";
import { type Actor, isOperator } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import { listAttachedFiles } from "../../files/attach.ts";
import { fileUrl } from "../../files/serve.ts";
import { isUuid } from "../../lib/uuid.ts";

/** Attachment subject type of a message's files (files/attach.ts). */
export const MESSAGE_FILES = "message";

export type ThreadRow = Readonly<{
  id: string;
  subjectType: ThreadSubjectType;
  subjectId: string;
  createdAt: Date;
  lastMessageAt: Date;
  participantIds: readonly string[];
}>;

/** A thread and its participants, in one query (FOR UPDATE locks the thread's row only). */
async function threadRow(q: Queryable, id: string, lock: boolean): Promise<ThreadRow | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await sql<{
    id: string;
    subject_type: ThreadSubjectType;
    subject_id: string;
    created_at: Date;
    last_message_at: Date;
    participant_ids: string[] | null;
  }>`
    SELECT t.id, t.subject_type, t.subject_id, t.created_at, t.last_message_at,
           (SELECT array_agg(p.account_id ORDER BY p.account_id) FROM thread_participants p
             WHERE p.thread_id = t.id) AS participant_ids
    FROM threads t WHERE t.id = ${id} ${lock ? sql`FOR UPDATE OF t` : sql``}`.execute(q);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    createdAt: new Date(row.created_at),
    lastMessageAt: new Date(row.last_message_at),
    participantIds: row.participant_ids ?? [],
  };
}

/** The thread, locked, when `accountId` takes part in it; 404 otherwise. */
export async function lockThreadOf(tx: Tx, threadId: string, accountId: string): Promise<ThreadRow> {
  const thread = await threadRow(tx, threadId, true);
  if (!thread?.participantIds.includes(accountId)) throw notFound("Thread");
  return thread;
}

/** The thread when the actor may read it (a participant, or an operator); 404 otherwise. */
export async function readableThread(q: Queryable, threadId: string, actor: Actor): Promise<ThreadRow> {
  const thread = await threadRow(q, threadId, false);
  const mine = actor.kind === "account" && thread?.participantIds.includes(actor.accountId);
  if (!thread || !(mine || isOperator(actor))) throw notFound("Thread");
  return thread;
}

async function namesOf(q: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .selectFrom("accounts")
    .select(["id", "display_name"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function presentThread(q: Queryable, thread: ThreadRow): Promise<Thread> {
  const names = await namesOf(q, thread.participantIds);
  return {
    id: thread.id,
    subject: { type: thread.subjectType, id: thread.subjectId },
    participants: thread.participantIds.map((id) => ({ id, displayName: names.get(id) ?? "" })),
    createdAt: thread.createdAt.toISOString(),
    lastMessageAt: thread.lastMessageAt.toISOString(),
  };
}

export type MessageRow = {
  id: string;
  thread_id: string;
  sender_id: string;
  text: string;
  masked_text: string;
  masked: boolean;
  created_at: Date | string;
};

/** Messages as the API shows them to `actor`: the masked text; the original too for operators. */
export async function presentMessages(
  q: Queryable,
  rows: readonly MessageRow[],
  actor: Actor,
): Promise<Message[]> {
  const files = await listAttachedFiles(
    q,
    [MESSAGE_FILES],
    rows.map((r) => r.id),
  );
  const operator = isOperator(actor);
  return rows.map((r) => ({
    id: r.id,
    threadId: r.thread_id,
    senderId: r.sender_id,
    text: r.masked_text,
    masked: r.masked,
    ...(operator ? { originalText: r.text } : {}),
    files: files
      .filter((f) => f.subjectId === r.id)
      .map((f) => ({
        id: f.id,
        name: f.originalName,
        mediaType: f.mediaType,
        byteSize: f.byteSize,
        width: f.width,
        height: f.height,
        thumbnailUrl: f.derived.includes("thumbnail") ? fileUrl(f.id, "thumbnail") : null,
        originalUrl: fileUrl(f.id, "original"),
      })),
    at: new Date(r.created_at).toISOString(),
  }));
}

export async function getMessage(q: Queryable, id: string, actor: Actor): Promise<Message> {
  if (!isUuid(id)) throw notFound("Message");
  const row = await q.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Message");
  await readableThread(q, row.thread_id, actor);
  const [message] = await presentMessages(q, [row], actor);
  if (!message) throw notFound("Message");
  return message;
}

/** A thread's messages, newest first; the cursor pages towards older ones. */
export async function listMessages(
  q: Queryable,
  thread: ThreadRow,
  actor: Actor,
  page: { limit: number; cursor?: string },
): Promise<{ items: Message[]; nextCursor: string | null }> {
  const cursor = decodeCursor("messages", page.cursor, ["instant", "uuid"] as const);
  let s = q.selectFrom("messages").selectAll().where("thread_id", "=", thread.id);
  if (cursor) {
    const [at, id] = cursor;
    s = s.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await s
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: await presentMessages(q, items, actor),
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor("messages", [new Date(last.created_at), last.id])
        : null,
  };
}

/** My threads, newest activity first, each with its unread count and last message. */
export async function listThreads(
  q: Queryable,
  actor: Actor & { kind: "account" },
  page: { limit: number; cursor?: string },
): Promise<{ items: ThreadSummary[]; nextCursor: string | null }> {
  const me = actor.accountId;
  const cursor = decodeCursor("threads", page.cursor, ["instant", "uuid"] as const);
  const after = cursor
    ? sql`AND (t.last_message_at, t.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`
    : sql``;
  const { rows } = await sql<{
    id: string;
    subject_type: ThreadSubjectType;
    subject_id: string;
    created_at: Date;
    last_message_at: Date;
    participant_ids: string[];
    unread: number;
  }>`
    SELECT t.id, t.subject_type, t.subject_id, t.created_at, t.last_message_at,
           (SELECT array_agg(p.account_id ORDER BY p.account_id) FROM thread_participants p
             WHERE p.thread_id = t.id) AS participant_ids,
           (SELECT count(*)::int FROM messages m
             WHERE m.thread_id = t.id AND m.sender_id <> ${me}
               AND m.created_at > coalesce(me.last_read_at, '-infinity')) AS unread
    FROM thread_participants me
    JOIN threads t ON t.id = me.thread_id
    WHERE me.account_id = ${me} ${after}
    ORDER BY t.last_message_at DESC, t.id DESC
    LIMIT ${page.limit + 1}`.execute(q);
  const pageRows = rows.slice(0, page.limit);
  const lastMessages = pageRows.length
    ? await sql<MessageRow>`
        SELECT DISTINCT ON (thread_id) * FROM messages
        WHERE thread_id = ANY(${pageRows.map((r) => r.id)}::uuid[])
        ORDER BY thread_id, created_at DESC, id DESC`.execute(q)
    : { rows: [] as MessageRow[] };
  const presented = await presentMessages(q, lastMessages.rows, actor);
  const names = await namesOf(q, [...new Set(pageRows.flatMap((r) => r.participant_ids))]);
  const items = pageRows.map((r) => ({
    id: r.id,
    subject: { type: r.subject_type, id: r.subject_id },
    participants: r.participant_ids.map((id) => ({ id, displayName: names.get(id) ?? "" })),
    createdAt: new Date(r.created_at).toISOString(),
    lastMessageAt: new Date(r.last_message_at).toISOString(),
    unreadCount: r.unread,
    lastMessage: presented.find((m) => m.threadId === r.id) ?? null,
  }));
  const last = pageRows[pageRows.length - 1];
  return {
    items,
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor("threads", [new Date(last.last_message_at), last.id])
        : null,
  };
}
