// The originality guard for one entry (PRODUCT.md "Trust and fairness"): every image it submitted
// is compared with all earlier images on the platform (server/features/originality: candidates by
// hash through an index, then a strict verification), and its text (a name, a slogan) with all
// earlier entries' texts, exactly and nearly (normalised; migration 0650). Matches that are
// submitted entries by other providers become the entry's evidence: the earlier entry, its task,
// the distance, the similarity and its time — unless the provider's own look-alike work is older
// still (then the other entry is the copy, not this one). Idempotent: running it twice writes the
// same answer.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { findNearDuplicatesOfFile } from "../originality/originality.queries.ts";
import { editDistance, MIN_TEXT_LENGTH, MIN_TEXT_SIMILARITY } from "../originality/text.ts";

export type OriginalityMatch = {
  entryId: string;
  taskId: string;
  distance: number;
  submittedAt: string;
  kind: "image" | "text";
  similarity: number | null;
  mirrored?: boolean;
};

export async function checkEntryOriginality(
  db: Queryable,
  entryId: string,
): Promise<{ status: "ok" | "flagged"; matches: OriginalityMatch[] } | undefined> {
  const entry = await db
    .selectFrom("entries")
    .select(["id", "provider_id", "submitted_at", "text_norm"])
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!entry) return undefined;
  const files = await db
    .selectFrom("attachments")
    .innerJoin("image_fingerprints as fp", "fp.file_id", "attachments.file_id")
    .select("attachments.file_id")
    .where("attachments.subject_type", "=", "entry")
    .where("attachments.subject_id", "=", entryId)
    .execute();
  const checksText = entry.text_norm !== null && [...entry.text_norm].length >= MIN_TEXT_LENGTH;
  if (files.length === 0 && !checksText) return undefined;
  const best = new Map<string, OriginalityMatch>();
  const keep = (m: OriginalityMatch) => {
    const prior = best.get(m.entryId);
    if (!prior || (prior.kind === m.kind ? m.distance < prior.distance : m.kind === "image"))
      best.set(m.entryId, m);
  };
  for (const { file_id } of files) {
    // All earlier look-alikes, the provider's own included: a copy of the provider's own earlier
    // work made by someone else later is not evidence against the provider (first author wins).
    const all = await findNearDuplicatesOfFile(db, file_id, { excludeProviderId: null, limit: 50 });
    if (!all || all.length === 0) continue;
    const ownFirst = Math.min(
      ...all.filter((n) => n.uploaderId === entry.provider_id).map((n) => n.submittedAt.getTime()),
    );
    const near = all.filter((n) => n.uploaderId !== entry.provider_id && n.submittedAt.getTime() < ownFirst);
    if (near.length === 0) continue;
    // Only images that are submissions of other entries count (not handovers, not messages).
    const { rows } = await sql<{ file_id: string; entry_id: string; task_id: string; submitted_at: Date }>`
      SELECT a.file_id, e.id AS entry_id, e.task_id, e.submitted_at
      FROM attachments a JOIN entries e ON e.id = a.subject_id
      WHERE a.subject_type = 'entry' AND a.file_id = ANY(${near.map((n) => n.fileId)}::uuid[])
        AND e.provider_id <> ${entry.provider_id} AND e.id <> ${entryId}`.execute(db);
    for (const n of near) {
      const hit = rows.find((r) => r.file_id === n.fileId);
      if (!hit) continue;
      keep({
        entryId: hit.entry_id,
        taskId: hit.task_id,
        distance: n.distance,
        submittedAt: new Date(hit.submitted_at).toISOString(),
        kind: "image",
        similarity: n.similarity,
        ...(n.mirrored ? { mirrored: true } : {}),
      });
    }
  }
  if (checksText && entry.text_norm) {
    for (const m of await earlierTexts(db, entry.text_norm, entry.provider_id, entry.submitted_at, entryId))
      keep(m);
  }
  const matches = [...best.values()].sort(
    (a, b) => a.distance - b.distance || a.submittedAt.localeCompare(b.submittedAt),
  );
  const status = matches.length > 0 ? "flagged" : "ok";
  await db
    .updateTable("entries")
    .set({ originality_status: status, originality_matches: JSON.stringify({ matches }) })
    .where("id", "=", entryId)
    .execute();
  return { status, matches };
}

/**
 * Earlier entries whose normalised text is this one's or nearly (trigram similarity ≥
 * MIN_TEXT_SIMILARITY, through the trigram index), by other providers — unless this provider wrote
 * such a text first.
 */
async function earlierTexts(
  db: Queryable,
  norm: string,
  providerId: string,
  submittedAt: Date,
  entryId: string,
): Promise<OriginalityMatch[]> {
  const { rows } = await sql<{
    id: string;
    task_id: string;
    provider_id: string;
    submitted_at: Date;
    text_norm: string;
    similarity: number;
  }>`
    SELECT id, task_id, provider_id, submitted_at, text_norm, similarity(text_norm, ${norm}) AS similarity
    FROM entries
    WHERE text_norm IS NOT NULL AND (text_norm = ${norm} OR text_norm % ${norm})
      AND submitted_at < ${submittedAt} AND id <> ${entryId}
    ORDER BY submitted_at
    LIMIT 200`.execute(db);
  const similar = rows.filter((r) => r.text_norm === norm || Number(r.similarity) >= MIN_TEXT_SIMILARITY);
  const ownFirst = similar.find((r) => r.provider_id === providerId)?.submitted_at.getTime() ?? Infinity;
  return similar
    .filter((r) => r.provider_id !== providerId && r.submitted_at.getTime() < ownFirst)
    .slice(0, 20)
    .map((r) => ({
      entryId: r.id,
      taskId: r.task_id,
      distance: editDistance(r.text_norm, norm),
      submittedAt: new Date(r.submitted_at).toISOString(),
      kind: "text" as const,
      similarity: r.text_norm === norm ? 1 : Math.round(Number(r.similarity) * 1000) / 1000,
    }));
}
