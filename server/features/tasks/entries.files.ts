// Who may download an entry's files (the policy hook of files/serve.ts, registered in app.ts), by
// the rules of entries.policy.ts: subject "entry" is the submitted work, "handover" the final files
// (keyed by the entry's id). Whoever may not see the entry (or its handover) gets 404; whoever may
// see it but not have the original gets the watermarked preview and thumbnail.
import type { Actor } from "../../core/actor.ts";
import type { Queryable } from "../../db/database.ts";
import type { FileGrant, FilePolicies } from "../../files/serve.ts";
import { canSeeEntry, canSeeHandover, canSeeOriginal } from "./entries.policy.ts";
import { ENTRY_FILES, findEntryRow, HANDOVER_FILES } from "./entries.queries.ts";
import { getTaskRow } from "./tasks.queries.ts";

async function grantOf(q: Queryable, entryId: string, actor: Actor, handover: boolean): Promise<FileGrant> {
  const entry = await findEntryRow(q, entryId);
  if (!entry) return "none";
  const task = await getTaskRow(q, entry.task_id);
  if (!canSeeEntry(task, entry, actor)) return "none";
  if (handover && !canSeeHandover(task, entry, actor)) return "none";
  return canSeeOriginal(task, entry, actor) ? "original" : "marked";
}

export const entryFilePolicies: FilePolicies = {
  [ENTRY_FILES]: (q, entryId, actor) => grantOf(q, entryId, actor, false),
  [HANDOVER_FILES]: (q, entryId, actor) => grantOf(q, entryId, actor, true),
};
