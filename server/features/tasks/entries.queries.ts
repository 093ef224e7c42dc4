// Reads of entries under the sealed rules of entries.policy.ts: the list of a task's entries, one
// entry, and the file lookups behind the download routes.

import { type Selectable, sql } from "kysely";
import type { Entry } from "../../../contracts/tasks.ts";
import type { Actor } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import type { EntriesTable } from "../../db/schema.ts";
import { type AttachedFile, findAttachment, listAttachedFiles } from "../../files/attach.ts";
import { fileUrl } from "../../files/serve.ts";
import {
  canSeeEntry,
  canSeeHandover,
  canSeeJudging,
  canSeeOriginal,
  entryVisibility,
  type TaskForPolicy,
} from "./entries.policy.ts";
import { isUuid, type TaskRow } from "./tasks.queries.ts";

export type EntryRow = Selectable<EntriesTable>;

/** Attachment subject types: an entry's submitted work, and its handover (keyed by the entry id). */
export const ENTRY_FILES = "entry";
export const HANDOVER_FILES = "handover";

export const API = "/api/v1";

export async function findEntryRow(q: Queryable, id: string): Promise<EntryRow | undefined> {
  if (!isUuid(id)) return undefined;
  return q.selectFrom("entries").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Lock an entry (after its task: the lock order is task, then entries, then ledger accounts). */
export async function lockEntry(tx: Tx, id: string): Promise<EntryRow> {
  const row = await tx.selectFrom("entries").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw notFound("Entry");
  return row;
}

/** An entry's files: its submitted work (subject "entry") and its handover ("handover"). */
const filesOf = (q: Queryable, entryIds: readonly string[]) =>
  listAttachedFiles(q, [ENTRY_FILES, HANDOVER_FILES], entryIds);

type Extra = {
  provider_name: string;
  prize_index: number | null;
  prize_minor: number | null;
  handover_due_at: Date | string | null;
  lapsed_at: Date | string | null;
};

async function present(
  q: Queryable,
  task: TaskForPolicy,
  rows: readonly (EntryRow & Extra)[],
  actor: Actor,
): Promise<Entry[]> {
  const files = await filesOf(
    q,
    rows.map((r) => r.id),
  );
  const judging = canSeeJudging(task, actor);
  return rows.map((r) => {
    const original = canSeeOriginal(task, r, actor);
    const fileOut = (f: AttachedFile) => ({
      id: f.id,
      name: f.originalName,
      mediaType: f.mediaType,
      byteSize: f.byteSize,
      width: f.width,
      height: f.height,
      thumbnailUrl: f.derived?.includes("thumbnail") ? fileUrl(f.id, "thumbnail") : null,
      previewUrl: f.derived?.includes("preview") ? fileUrl(f.id, "preview") : null,
      originalUrl: original ? fileUrl(f.id, "original") : null,
    });
    const mine = files.filter((f) => f.subjectId === r.id);
    const entry: Entry = {
      id: r.id,
      taskId: r.task_id,
      providerId: r.provider_id,
      provider: { id: r.provider_id, displayName: r.provider_name },
      status: r.status,
      text: r.text,
      files: mine.filter((f) => f.subjectType === ENTRY_FILES).map(fileOut),
      rating: judging ? r.rating : null,
      award:
        r.prize_index !== null
          ? {
              prizeIndex: r.prize_index,
              amountMinor: Number(r.prize_minor),
              handoverDueAt: r.handover_due_at ? new Date(r.handover_due_at).toISOString() : null,
              lapsedAt: r.lapsed_at ? new Date(r.lapsed_at).toISOString() : null,
            }
          : null,
      handover:
        r.handed_over_at && canSeeHandover(task, r, actor)
          ? {
              text: r.handover_text,
              files: mine.filter((f) => f.subjectType === HANDOVER_FILES).map(fileOut),
              at: new Date(r.handed_over_at).toISOString(),
            }
          : null,
      submittedAt: new Date(r.submitted_at).toISOString(),
      paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
      // Why the buyer refused it (a piece): its author, the buyer and operators only.
      rejection:
        r.rejected_at && canSeeHandover(task, r, actor)
          ? { reason: r.rejection_reason ?? "", at: new Date(r.rejected_at).toISOString() }
          : null,
    };
    if (judging) {
      entry.originality = r.originality_status
        ? {
            status: r.originality_status,
            matches: ((r.originality_matches as Entry["originality"] & object)?.matches ?? []).map((m) => m),
          }
        : null;
    }
    return entry;
  });
}

function entriesWithExtras(q: Queryable) {
  return q
    .selectFrom("entries as e")
    .innerJoin("accounts as p", "p.id", "e.provider_id")
    .leftJoin("awards as a", "a.entry_id", "e.id")
    .selectAll("e")
    .select([
      "p.display_name as provider_name",
      "a.prize_index",
      "a.amount_minor as prize_minor",
      "a.handover_due_at",
      "a.lapsed_at",
    ]);
}

/** One entry, if the caller may see it (else 404: a sealed entry's existence is not revealed). */
export async function getEntry(q: Queryable, task: TaskRow, entryId: string, actor: Actor): Promise<Entry> {
  if (!isUuid(entryId)) throw notFound("Entry");
  const row = await entriesWithExtras(q).where("e.id", "=", entryId).executeTakeFirst();
  if (!row || row.task_id !== task.id || !canSeeEntry(task, row, actor)) throw notFound("Entry");
  const [entry] = await present(q, task, [row as EntryRow & Extra], actor);
  return entry as Entry;
}

export async function listEntries(
  q: Queryable,
  task: TaskRow,
  actor: Actor,
  options: { limit: number; cursor?: string },
): Promise<{
  items: Entry[];
  nextCursor: string | null;
  counts: { entries: number; providers: number };
  sealed: boolean;
}> {
  const visibility = entryVisibility(task, actor);
  const counts = await q
    .selectFrom("entries")
    .select([
      sql<number>`count(*)::int`.as("entries"),
      sql<number>`count(DISTINCT provider_id)::int`.as("providers"),
    ])
    .where("task_id", "=", task.id)
    .executeTakeFirstOrThrow();
  const sealed = visibility !== "all";
  if (visibility === "none") return { items: [], nextCursor: null, counts, sealed };
  let s = entriesWithExtras(q).where("e.task_id", "=", task.id);
  if (visibility === "own" && actor.kind === "account") s = s.where("e.provider_id", "=", actor.accountId);
  const cursor = decodeCursor("entries", options.cursor, ["instant", "uuid"] as const);
  if (cursor) {
    const [at, id] = cursor;
    s = s.where(sql<boolean>`(e.submitted_at, e.id) > (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await s
    .orderBy("e.submitted_at")
    .orderBy("e.id")
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit) as (EntryRow & Extra)[];
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > options.limit && last
      ? encodeCursor("entries", [new Date(last.submitted_at), last.id])
      : null;
  return { items: await present(q, task, page, actor), nextCursor, counts, sealed };
}

/** The entry a file belongs to, and for what, if it is one of the entry's files. */
export async function findEntryFile(
  q: Queryable,
  entryId: string,
  fileId: string,
): Promise<{ purpose: "submission" | "handover" } | undefined> {
  if (!isUuid(entryId) || !isUuid(fileId)) return undefined;
  const subject = await findAttachment(q, fileId);
  if (!subject || subject.id !== entryId) return undefined;
  if (subject.type === ENTRY_FILES) return { purpose: "submission" };
  if (subject.type === HANDOVER_FILES) return { purpose: "handover" };
  return undefined;
}
