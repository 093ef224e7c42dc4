// Which files belong to what: one `attachments` table (migration 0540) for every subject — an
// entry's submitted work ("entry"), its handover ("handover", keyed by the entry's id), and later
// deliveries, messages and dispute evidence. A subject type is a plain word; the feature that owns
// it registers who may download what (serve.ts registerFilePolicy). files/ imports no feature.
import { sql } from "kysely";
import type { Queryable, Tx } from "../db/database.ts";
import type { FilesTable } from "../db/schema.ts";
import { saveFiles } from "./files.queries.ts";
import type { StoredFile } from "./stored-file.ts";

export type Subject = Readonly<{ type: string; id: string }>;

/**
 * Record ingested files (saveFiles: rows, derived images, fingerprints) and attach them to
 * `subject`, after the files it already has. Call it in the transaction that writes the subject.
 */
export async function attachFiles(
  tx: Tx,
  uploaderId: string | null,
  subject: Subject,
  files: readonly StoredFile[],
): Promise<void> {
  if (files.length === 0) return;
  await saveFiles(tx, uploaderId, files);
  const { next } = await tx
    .selectFrom("attachments")
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as("next"))
    .where("subject_type", "=", subject.type)
    .where("subject_id", "=", subject.id)
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("attachments")
    .values(
      files.map((f, i) => ({
        file_id: f.id,
        subject_type: subject.type,
        subject_id: subject.id,
        position: next + i,
      })),
    )
    .execute();
}

/**
 * Take one file off `subject` (a gallery image removed by its owner): its attachment row goes, so
 * no policy grants it any more (404). The file's rows and bytes stay (content-addressed; another
 * upload may share them). False when the file was not attached to that subject.
 */
export async function detachFile(tx: Tx, subject: Subject, fileId: string): Promise<boolean> {
  if (!UUID.test(fileId)) return false;
  const gone = await tx
    .deleteFrom("attachments")
    .where("file_id", "=", fileId)
    .where("subject_type", "=", subject.type)
    .where("subject_id", "=", subject.id)
    .executeTakeFirst();
  return Number(gone.numDeletedRows) > 0;
}

/** An attached original file as the API presents it, with the derived variants it has. */
export type AttachedFile = Readonly<{
  subjectType: string;
  subjectId: string;
  id: string;
  originalName: string;
  mediaType: FilesTable["media_type"];
  byteSize: number;
  width: number | null;
  height: number | null;
  /** "thumbnail", "preview", "marked_thumbnail" — whichever exist. */
  derived: readonly string[];
}>;

/** The files attached to these subjects (of the given types), in subject then position order. */
export async function listAttachedFiles(
  q: Queryable,
  types: readonly string[],
  subjectIds: readonly string[],
): Promise<AttachedFile[]> {
  if (subjectIds.length === 0 || types.length === 0) return [];
  const { rows } = await sql<{
    subject_type: string;
    subject_id: string;
    id: string;
    original_name: string;
    media_type: FilesTable["media_type"];
    byte_size: number | string;
    width: number | null;
    height: number | null;
    derived: string[] | null;
  }>`
    SELECT a.subject_type, a.subject_id, f.id, f.original_name, f.media_type, f.byte_size, f.width, f.height,
           (SELECT array_agg(d.variant ORDER BY d.variant) FROM files d WHERE d.derived_from = f.id) AS derived
    FROM attachments a JOIN files f ON f.id = a.file_id
    WHERE a.subject_type = ANY(${types}::text[]) AND a.subject_id = ANY(${subjectIds}::uuid[])
    ORDER BY a.subject_id, a.subject_type, a.position`.execute(q);
  return rows.map((r) => ({
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    id: r.id,
    originalName: r.original_name,
    mediaType: r.media_type,
    byteSize: Number(r.byte_size),
    width: r.width,
    height: r.height,
    derived: r.derived ?? [],
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an (original) file is attached to, if anything. */
export async function findAttachment(q: Queryable, fileId: string): Promise<Subject | undefined> {
  if (!UUID.test(fileId)) return undefined;
  const row = await q
    .selectFrom("attachments")
    .select(["subject_type", "subject_id"])
    .where("file_id", "=", fileId)
    .executeTakeFirst();
  return row ? { type: row.subject_type, id: row.subject_id } : undefined;
}
