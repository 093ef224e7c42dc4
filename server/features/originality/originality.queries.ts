// The originality guard's question: which earlier images on the whole platform are copies of this
// one? Two stages (docs/ORIGINALITY.md):
//   1. candidates by pHash, found through an index: multi-index hashing on four 16-bit chunks of each
//      stored hash (migration 0650). A row is offered when one of its chunks is within CHUNK_RADIUS
//      (2) bits of the query's (137 values per chunk, asked for with = ANY on each chunk's index):
//      every row within 11 bits is offered (pigeonhole), and at 12 all but those whose differing
//      bits fall exactly 3 in each chunk; verify.ts's candidateDistance applies the same rule, so
//      the measured rates include it. The query's mirrored hashes are asked too (flipped copies).
//   2. each candidate verified strictly on its thumbnails (verify.ts); rows from before migration
//      0650 have no thumbnails and are verified by their 16×16 signatures as before.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { correlation, type Fingerprint, fromBits, toBits } from "../../files/fingerprint.ts";
import { CANDIDATE_DISTANCE, CHUNK_RADIUS, candidateDistance, passes, verify } from "./verify.ts";

/** The distance under which a pair is a candidate (re-exported under its older name). */
export const MATCH_THRESHOLD = CANDIDATE_DISTANCE;
/** Rows without thumbnails (before migration 0650): the older rule, signature correlation ≥ this. */
export const MIN_SIMILARITY = 0.8;

/** The guard's decision for two fingerprints (the same rule findNearDuplicates applies). */
export function isNearDuplicate(query: Fingerprint, stored: Fingerprint): boolean {
  const c = candidateDistance(query, stored);
  if (c.distance > CANDIDATE_DISTANCE) return false;
  const v = verify(query, stored, [c.mirrored]);
  if (v) return passes(v);
  const s = signatureSimilarity(query, stored);
  return s === undefined || s >= MIN_SIMILARITY;
}

function signatureSimilarity(a: Fingerprint, b: Fingerprint): number | undefined {
  const whole = correlation(a.signature, b.signature);
  const trimmed = correlation(a.signatureTrim, b.signatureTrim);
  if (whole === undefined) return trimmed;
  if (trimmed === undefined) return whole;
  return Math.max(whole, trimmed);
}

export type NearDuplicate = Readonly<{
  fileId: string;
  uploaderId: string | null;
  /** Differing bits of the 64-bit pHash (whole, trimmed or mirrored, whichever is closest). */
  distance: number;
  /** Correlation of the aligned thumbnails (or of the older signatures), null when not stored. */
  similarity: number | null;
  /** The copy is the earlier image mirrored. */
  mirrored: boolean;
  /** When the earlier image was uploaded: the evidence of who was first. */
  submittedAt: Date;
}>;

/** Every 16-bit value within `radius` bits of `value`. */
function near16(value: number, radius: number): number[] {
  const out = [value];
  const grow = (v: number, from: number, left: number) => {
    for (let bit = from; bit < 16; bit++) {
      const w = v ^ (1 << bit);
      out.push(w);
      if (left > 1) grow(w, bit + 1, left - 1);
    }
  };
  if (radius > 0) grow(value, 0, radius);
  return out;
}

/** Chunk i (0 = the highest 16 bits, as SQL's substring from 1) of a 64-bit hash. */
const chunk = (hash: bigint, i: number) =>
  Number((BigInt.asUintN(64, hash) >> BigInt(48 - 16 * i)) & 0xffffn);

/** For each chunk column, the values to ask for: near the query's chunk, straight or mirrored. */
function chunkProbes(straight: bigint, mirrored: bigint | null): number[][] {
  return [0, 1, 2, 3].map((i) => {
    const values = new Set(near16(chunk(straight, i), CHUNK_RADIUS));
    if (mirrored !== null) for (const v of near16(chunk(mirrored, i), CHUNK_RADIUS)) values.add(v);
    return [...values];
  });
}

type FingerprintRow = {
  file_id: string;
  uploader_id: string | null;
  created_at: Date;
  phash: string;
  phash_trim: string;
  phash_mirror: string | null;
  phash_trim_mirror: string | null;
  dhash: string;
  dhash_trim: string;
  signature: Buffer;
  signature_trim: Buffer;
  thumb: Buffer;
  thumb_trim: Buffer;
  colour: Buffer;
  colour_trim: Buffer;
  edges: Buffer;
  edges_trim: Buffer;
};

const fromRow = (row: FingerprintRow): Fingerprint => ({
  phash: fromBits(row.phash),
  phashTrim: fromBits(row.phash_trim),
  phashMirror: row.phash_mirror ? fromBits(row.phash_mirror) : 0n,
  phashTrimMirror: row.phash_trim_mirror ? fromBits(row.phash_trim_mirror) : 0n,
  dhash: fromBits(row.dhash),
  dhashTrim: fromBits(row.dhash_trim),
  signature: new Uint8Array(row.signature),
  signatureTrim: new Uint8Array(row.signature_trim),
  thumb: new Uint8Array(row.thumb),
  thumbTrim: new Uint8Array(row.thumb_trim),
  colour: new Uint8Array(row.colour),
  colourTrim: new Uint8Array(row.colour_trim),
  edges: new Uint8Array(row.edges),
  edgesTrim: new Uint8Array(row.edges_trim),
});

/**
 * Stage 1: the ids of earlier images within CANDIDATE_DISTANCE of the query (straight or mirrored),
 * closest first, through the chunk indexes. Exported for the bench (lookup time at 1 M rows).
 */
export async function findCandidates(
  db: Queryable,
  fingerprint: Fingerprint,
  options: { before: Date; limit?: number },
): Promise<{ fileId: string; distance: number }[]> {
  const hasMirror = fingerprint.phashMirror !== 0n || fingerprint.phashTrimMirror !== 0n;
  const whole = chunkProbes(fingerprint.phash, hasMirror ? fingerprint.phashMirror : null);
  const trim = chunkProbes(fingerprint.phashTrim, hasMirror ? fingerprint.phashTrimMirror : null);
  const q = (h: bigint) => sql`${toBits(h)}::bit(64)`;
  const distance = hasMirror
    ? sql<number>`least(bit_count(phash # ${q(fingerprint.phash)}), bit_count(phash_trim # ${q(fingerprint.phashTrim)}),
        bit_count(phash # ${q(fingerprint.phashMirror)}), bit_count(phash_trim # ${q(fingerprint.phashTrimMirror)}))`
    : sql<number>`least(bit_count(phash # ${q(fingerprint.phash)}), bit_count(phash_trim # ${q(fingerprint.phashTrim)}))`;
  const { rows } = await sql<{ file_id: string; distance: number }>`
    SELECT file_id, ${distance} AS distance
    FROM image_fingerprints
    WHERE (phash_c0 = ANY(${whole[0]}::int[]) OR phash_c1 = ANY(${whole[1]}::int[])
        OR phash_c2 = ANY(${whole[2]}::int[]) OR phash_c3 = ANY(${whole[3]}::int[])
        OR trim_c0 = ANY(${trim[0]}::int[]) OR trim_c1 = ANY(${trim[1]}::int[])
        OR trim_c2 = ANY(${trim[2]}::int[]) OR trim_c3 = ANY(${trim[3]}::int[]))
      AND created_at < ${options.before}
      AND ${distance} <= ${CANDIDATE_DISTANCE}
    ORDER BY distance, created_at
    LIMIT ${options.limit ?? 200}`.execute(db);
  return rows.map((r) => ({ fileId: r.file_id, distance: Number(r.distance) }));
}

/**
 * Earlier images (uploaded strictly before `before`) that are copies of `fingerprint`: candidates
 * by hash, each verified; closest first. Excludes the uploader's own (a provider may reuse their
 * own work) when `excludeProviderId` is given, and the given file ids.
 */
export async function findNearDuplicates(
  db: Queryable,
  fingerprint: Fingerprint,
  options: {
    before: Date;
    excludeProviderId?: string | null;
    excludeFileIds?: readonly string[];
    limit?: number;
  },
): Promise<NearDuplicate[]> {
  const excluded = new Set(options.excludeFileIds ?? []);
  const candidates = (await findCandidates(db, fingerprint, { before: options.before })).filter(
    (c) => !excluded.has(c.fileId),
  );
  if (candidates.length === 0) return [];
  const rows = (await db
    .selectFrom("image_fingerprints")
    .selectAll()
    .where(
      "file_id",
      "in",
      candidates.map((c) => c.fileId),
    )
    .execute()) as unknown as FingerprintRow[];
  const byId = new Map(rows.map((r) => [r.file_id, r]));
  const matches: NearDuplicate[] = [];
  for (const c of candidates) {
    const row = byId.get(c.fileId);
    if (!row) continue;
    if (options.excludeProviderId && row.uploader_id === options.excludeProviderId) continue;
    const stored = fromRow(row);
    const pair = candidateDistance(fingerprint, stored);
    const v = verify(fingerprint, stored, [pair.mirrored]);
    let similarity: number | undefined;
    if (v) {
      if (!passes(v)) continue;
      similarity = v.similarity;
    } else {
      similarity = signatureSimilarity(fingerprint, stored);
      if (similarity !== undefined && similarity < MIN_SIMILARITY) continue;
    }
    matches.push({
      fileId: row.file_id,
      uploaderId: row.uploader_id,
      distance: c.distance,
      similarity: similarity === undefined ? null : Math.round(similarity * 1000) / 1000,
      mirrored: pair.mirrored,
      submittedAt: row.created_at,
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
  const row = (await db
    .selectFrom("image_fingerprints")
    .selectAll()
    .where("file_id", "=", fileId)
    .executeTakeFirst()) as unknown as FingerprintRow | undefined;
  if (!row) return undefined;
  return { ...fromRow(row), createdAt: row.created_at, uploaderId: row.uploader_id };
}

/** Near-duplicates of a stored image among the images uploaded before it. */
export async function findNearDuplicatesOfFile(
  db: Queryable,
  fileId: string,
  options: { excludeProviderId?: string | null; limit?: number } = {},
): Promise<NearDuplicate[] | null> {
  const fp = await findFingerprint(db, fileId);
  if (!fp) return null;
  return findNearDuplicates(db, fp, {
    before: fp.createdAt,
    excludeProviderId: options.excludeProviderId === undefined ? fp.uploaderId : options.excludeProviderId,
    excludeFileIds: [fileId],
    limit: options.limit,
  });
}
