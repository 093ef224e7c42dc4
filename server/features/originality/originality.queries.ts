// The originality guard's question: which earlier images on the whole platform look like this one?
// One sequential pass over the narrow fingerprints table, Hamming distance in SQL (bit_count of
// the XOR, PostgreSQL 14+). Measured threshold and method: docs/ORIGINALITY.md.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { type Fingerprint, fromBits, toBits } from "./fingerprint.ts";

/**
 * Largest pHash distance (differing bits of 64) that counts as a near-duplicate. Chosen from
 * bench/originality.ts: at 12, 96.8 % of edited copies are caught and 0.61 % of pairs of distinct
 * generated designs are within it (docs/ORIGINALITY.md).
 */
export const MATCH_THRESHOLD = 12;

export type NearDuplicate = Readonly<{
  fileId: string;
  uploaderId: string | null;
  /** Differing bits of the 64-bit pHash (whole image or trimmed, whichever is closer). */
  distance: number;
  /** When the earlier image was uploaded: the evidence of who was first. */
  submittedAt: Date;
}>;

/**
 * Earlier images (uploaded strictly before `before`) within `threshold` of `fingerprint`, closest
 * first, excluding the uploader's own (a provider may reuse their own work) and given file ids.
 */
export async function findNearDuplicates(
  db: Queryable,
  fingerprint: Fingerprint,
  options: {
    before: Date;
    excludeProviderId?: string | null;
    excludeFileIds?: readonly string[];
    threshold?: number;
    limit?: number;
  },
): Promise<NearDuplicate[]> {
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const distance = sql<number>`least(
    bit_count(phash # ${toBits(fingerprint.phash)}::bit(64)),
    bit_count(phash_trim # ${toBits(fingerprint.phashTrim)}::bit(64)))`;
  let query = db
    .selectFrom("image_fingerprints")
    .select(["file_id", "uploader_id", "created_at", distance.as("distance")])
    .where("created_at", "<", options.before)
    .where(distance, "<=", threshold);
  if (options.excludeProviderId) {
    const provider = options.excludeProviderId;
    query = query.where((eb) => eb.or([eb("uploader_id", "is", null), eb("uploader_id", "!=", provider)]));
  }
  if (options.excludeFileIds && options.excludeFileIds.length > 0) {
    query = query.where("file_id", "not in", options.excludeFileIds);
  }
  const rows = await query
    .orderBy("distance")
    .orderBy("created_at")
    .limit(options.limit ?? 20)
    .execute();
  return rows.map((r) => ({
    fileId: r.file_id,
    uploaderId: r.uploader_id,
    distance: Number(r.distance),
    submittedAt: r.created_at,
  }));
}

/** The stored fingerprint of a file (images only). */
export async function findFingerprint(
  db: Queryable,
  fileId: string,
): Promise<(Fingerprint & { createdAt: Date; uploaderId: string | null }) | undefined> {
  const row = await db
    .selectFrom("image_fingerprints")
    .selectAll()
    .where("file_id", "=", fileId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    phash: fromBits(row.phash),
    phashTrim: fromBits(row.phash_trim),
    dhash: fromBits(row.dhash),
    dhashTrim: fromBits(row.dhash_trim),
    createdAt: row.created_at,
    uploaderId: row.uploader_id,
  };
}

/** Near-duplicates of a stored image among the images uploaded before it. */
export async function findNearDuplicatesOfFile(
  db: Queryable,
  fileId: string,
  options: { excludeProviderId?: string | null; threshold?: number; limit?: number } = {},
): Promise<NearDuplicate[] | null> {
  const fp = await findFingerprint(db, fileId);
  if (!fp) return null;
  return findNearDuplicates(db, fp, {
    before: fp.createdAt,
    excludeProviderId: options.excludeProviderId === undefined ? fp.uploaderId : options.excludeProviderId,
    excludeFileIds: [fileId],
    threshold: options.threshold,
    limit: options.limit,
  });
}
