// Rows of the files table: written by saveFiles inside the feature's transaction, read by id.
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { notFound } from "../core/errors.ts";
import type { Queryable } from "../db/database.ts";
import type { FilesTable } from "../db/schema.ts";
import { toBits } from "./fingerprint.ts";
import { makeMarkedThumbnail } from "./images.ts";
import type { FileStorage } from "./storage.ts";
import type { StoredFile } from "./stored-file.ts";

export type FileRow = Readonly<{
  id: string;
  sha256: string;
  byteSize: number;
  mediaType: FilesTable["media_type"];
  originalName: string;
  width: number | null;
  height: number | null;
  uploaderId: string | null;
  variant: "original" | "thumbnail" | "preview" | "marked_thumbnail";
  derivedFrom: string | null;
  createdAt: Date;
}>;

/**
 * Record uploaded files (and their thumbnail, preview and fingerprint) for `uploaderId`. Call it
 * in the transaction that attaches the files to their entry, delivery or message.
 */
export async function saveFiles(db: Queryable, uploaderId: string | null, files: readonly StoredFile[]) {
  if (files.length === 0) return;
  const inserted = await db
    .insertInto("files")
    .values(
      files.map((f) => ({
        id: f.id,
        sha256: f.sha256,
        byte_size: f.byteSize,
        media_type: f.mediaType,
        original_name: f.originalName,
        width: f.width,
        height: f.height,
        uploader_id: uploaderId,
      })),
    )
    .returning(["id", "created_at"])
    .execute();
  const createdAt = new Map(inserted.map((r) => [r.id, r.created_at]));
  const derived = files.flatMap((f) =>
    (["thumbnail", "preview", "marked_thumbnail"] as const).flatMap((variant) => {
      const d = variant === "marked_thumbnail" ? f.markedThumbnail : f[variant];
      if (!d) return [];
      const stem = f.originalName.replace(/\.[^.]+$/, "");
      return [
        {
          id: d.id,
          sha256: d.sha256,
          byte_size: d.byteSize,
          media_type: d.mediaType,
          original_name: `${stem}-${variant === "marked_thumbnail" ? "preview-small" : variant}.webp`,
          width: d.width,
          height: d.height,
          uploader_id: uploaderId,
          variant,
          derived_from: f.id,
        },
      ];
    }),
  );
  if (derived.length > 0) await db.insertInto("files").values(derived).execute();
  const fingerprints = files.flatMap((f) =>
    f.fingerprint
      ? [
          {
            file_id: f.id,
            phash: toBits(f.fingerprint.phash),
            phash_trim: toBits(f.fingerprint.phashTrim),
            dhash: toBits(f.fingerprint.dhash),
            dhash_trim: toBits(f.fingerprint.dhashTrim),
            signature: Buffer.from(f.fingerprint.signature),
            signature_trim: Buffer.from(f.fingerprint.signatureTrim),
            phash_mirror: toBits(f.fingerprint.phashMirror),
            phash_trim_mirror: toBits(f.fingerprint.phashTrimMirror),
            thumb: Buffer.from(f.fingerprint.thumb),
            thumb_trim: Buffer.from(f.fingerprint.thumbTrim),
            colour: Buffer.from(f.fingerprint.colour),
            colour_trim: Buffer.from(f.fingerprint.colourTrim),
            edges: Buffer.from(f.fingerprint.edges),
            edges_trim: Buffer.from(f.fingerprint.edgesTrim),
            uploader_id: uploaderId,
            created_at: createdAt.get(f.id) ?? new Date(),
          },
        ]
      : [],
  );
  if (fingerprints.length > 0) await db.insertInto("image_fingerprints").values(fingerprints).execute();
}

const columns = [
  "id",
  "sha256",
  "byte_size",
  "media_type",
  "original_name",
  "width",
  "height",
  "uploader_id",
  "variant",
  "derived_from",
  "created_at",
] as const;

type Selected = Pick<
  FilesTable,
  | "id"
  | "sha256"
  | "byte_size"
  | "media_type"
  | "original_name"
  | "width"
  | "height"
  | "uploader_id"
  | "derived_from"
> & { variant: FileRow["variant"]; created_at: Date };

const present = (r: Selected): FileRow => ({
  id: r.id,
  sha256: r.sha256,
  byteSize: r.byte_size,
  mediaType: r.media_type,
  originalName: r.original_name,
  width: r.width,
  height: r.height,
  uploaderId: r.uploader_id,
  variant: r.variant,
  derivedFrom: r.derived_from,
  createdAt: r.created_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findFile(db: Queryable, id: string): Promise<FileRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await db.selectFrom("files").select(columns).where("id", "=", id).executeTakeFirst();
  return row ? present(row) : undefined;
}

export async function getFile(db: Queryable, id: string): Promise<FileRow> {
  const file = await findFile(db, id);
  if (!file) throw notFound("File");
  return file;
}

/** The thumbnail and preview of an original image, if any. */
export async function listDerivedFiles(db: Queryable, originalId: string): Promise<FileRow[]> {
  if (!UUID.test(originalId)) return [];
  const rows = await db
    .selectFrom("files")
    .select(columns)
    .where("derived_from", "=", originalId)
    .orderBy("variant")
    .execute();
  return rows.map((r) => present(r));
}

/**
 * The watermarked thumbnail of an original image, made from its clean thumbnail the first time it
 * is asked for and kept as a derived row (so uploads older than migration 0402 are covered too).
 * Two first requests at once both make the same bytes; the unique index keeps one row.
 */
export async function markedThumbnailOf(
  db: Queryable,
  storage: FileStorage,
  originalId: string,
): Promise<FileRow | undefined> {
  const derived = await listDerivedFiles(db, originalId);
  const existing = derived.find((d) => d.variant === "marked_thumbnail");
  if (existing) return existing;
  const thumbnail = derived.find((d) => d.variant === "thumbnail");
  if (!thumbnail) return undefined;
  const bytes = await makeMarkedThumbnail(await storage.get(thumbnail.sha256));
  const meta = await sharp(bytes).metadata();
  const blob = await storage.put(bytes);
  await db
    .insertInto("files")
    .values({
      id: randomUUID(),
      sha256: blob.sha256,
      byte_size: blob.byteSize,
      media_type: "image/webp",
      original_name: thumbnail.originalName.replace(/-thumbnail\.webp$/, "-preview-small.webp"),
      width: meta.width as number,
      height: meta.height as number,
      uploader_id: thumbnail.uploaderId,
      variant: "marked_thumbnail",
      derived_from: originalId,
    })
    .onConflict((oc) =>
      oc.columns(["derived_from", "variant"]).where("derived_from", "is not", null).doNothing(),
    )
    .execute();
  return (await listDerivedFiles(db, originalId)).find((d) => d.variant === "marked_thumbnail");
}
