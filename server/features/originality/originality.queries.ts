// The originality guard's question: which earlier images on the whole platform look like this one?
// One sequential pass over the narrow fingerprints table, Hamming distance in SQL (bit_count of
// the XOR, PostgreSQL 14+). Measured threshold and method: docs/ORIGINALITY.md.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import {
  type Fingerprint,
  fingerprintDistance,
  fromBits,
  similarity,
  toBits,
} from "../../files/fingerprint.ts";

/**
 * A near-duplicate: at most MATCH_THRESHOLD of the 64 pHash bits differ (whole or trimmed image),
 * and the 16×16 signatures correlate at least MIN_SIMILARITY. Chosen from bench/originality.ts
 * (docs/ORIGINALITY.md): 96.5 % of edited copies caught, 0.23 % of pairs of distinct designs matched.
 */
export const MATCH_THRESHOLD = 12;
export const MIN_SIMILARITY = 0.8;

/** The guard's decision for two fingerprints (the same rule findNearDuplicates applies). */
export function isNearDuplicate(a: Fingerprint, b: Fingerprint, threshold = MATCH_THRESHOLD): boolean {
  if (fingerprintDistance(a, b) > threshold) return false;
  const s = similarity(a, b);
  return s === undefined || s >= MIN_SIMILARITY;
}

export type NearDuplicate = Readonly<{
  fileId: string;
  uploaderId: string | null;
  /** Differing bits of the 64-bit pHash (whole image or trimmed, whichever is closer). */
  distance: number;
  /** Correlation of the small grey signatures (0.8–1 for a match), null when not stored. */
  similarity: number | null;
  /** When the earlier image was uploaded: the evidence of who was first. */
  submittedAt: Date;
}>;

/**
 * Earlier images (uploaded strictly before `before`) that are near-duplicates of `fingerprint`,
 * closest first, excluding the uploader's own (a provider may reuse their own work) and given file
 * ids. The database finds the candidates by hash; their signatures confirm them here.
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
    .select(["file_id", "uploader_id", "created_at", "signature", "signature_trim", distance.as("distance")])
    .where("created_at", "<", options.before)
    .where(distance, "<=", threshold);
  if (options.excludeProviderId) {
    const provider = options.excludeProviderId;
    query = query.where((eb) => eb.or([eb("uploader_id", "is", null), eb("uploader_id", "!=", provider)]));
  }
  if (options.excludeFileIds && options.excludeFileIds.length > 0) {
    query = query.where("file_id", "not in", options.excludeFileIds);
  }
  const rows = await query.orderBy("distance").orderBy("created_at").limit(500).execute();
  const matches: NearDuplicate[] = [];
  for (const r of rows) {
    const s = similarity(fingerprint, {
      ...fingerprint,
      signature: new Uint8Array(r.signature),
      signatureTrim: new Uint8Array(r.signature_trim),
    });
    if (s !== undefined && s < MIN_SIMILARITY) continue;
    matches.push({
      fileId: r.file_id,
      uploaderId: r.uploader_id,
      distance: Number(r.distance),
      similarity: s === undefined ? null : Math.round(s * 1000) / 1000,
      submittedAt: r.created_at,
    });
    if (matches.length >= (options.limit ?? 20)) break;
  }
  return matches;
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
    signature: new Uint8Array(row.signature),
    signatureTrim: new Uint8Array(row.signature_trim),
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
