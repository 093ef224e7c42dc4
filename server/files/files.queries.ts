// Rows of the files table: written by saveFiles inside the feature's transaction, read by id.
import type { Queryable } from "../db/database.ts";
import type { FilesTable } from "../db/schema.ts";
import { toBits } from "../features/originality/fingerprint.ts";
import { notFound } from "../http/errors.ts";
import type { StoredFile } from "../http/uploads.ts";

export type FileRow = Readonly<{
  id: string;
  sha256: string;
  byteSize: number;
  mediaType: FilesTable["media_type"];
  originalName: string;
  width: number | null;
  height: number | null;
  uploaderId: string | null;
  variant: "original" | "thumbnail" | "preview";
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
    (["thumbnail", "preview"] as const).flatMap((variant) => {
      const d = f[variant];
      if (!d) return [];
      const stem = f.originalName.replace(/\.[^.]+$/, "");
      return [
        {
          id: d.id,
          sha256: d.sha256,
          byte_size: d.byteSize,
          media_type: d.mediaType,
          original_name: `${stem}-${variant}.webp`,
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
