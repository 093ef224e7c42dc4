// The originality guard for one entry (PRODUCT.md "Trust and fairness"): every image it submitted
// is compared with all earlier images on the platform (server/features/originality); matches that
// are submitted entries by other providers become the entry's evidence: the earlier entry, its task,
// the distance and its time — unless the provider's own look-alike work is older still (then the
// other entry is the copy, not this one). Idempotent: running it twice writes the same answer.
import { sql } from "kysely";
import type { Queryable } from "../../db/database.ts";
import { findNearDuplicatesOfFile } from "../originality/originality.queries.ts";

export type OriginalityMatch = { entryId: string; taskId: string; distance: number; submittedAt: string };

export async function checkEntryOriginality(
  db: Queryable,
  entryId: string,
): Promise<{ status: "ok" | "flagged"; matches: OriginalityMatch[] } | undefined> {
  const entry = await db
    .selectFrom("entries")
    .select(["id", "provider_id"])
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
  if (files.length === 0) return undefined;
  const best = new Map<string, OriginalityMatch>();
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
      const prior = best.get(hit.entry_id);
      if (!prior || n.distance < prior.distance) {
        best.set(hit.entry_id, {
          entryId: hit.entry_id,
          taskId: hit.task_id,
          distance: n.distance,
          submittedAt: new Date(hit.submitted_at).toISOString(),
        });
      }
    }
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
