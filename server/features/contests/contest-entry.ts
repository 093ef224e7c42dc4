// The first steps of every write on a contest entry: find it, lock its task and then it (the lock
// order), and answer 404 to callers who may not know it exists.

import type { Actor, SystemActor } from "../../core/actor.ts";
import { notFound } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { canSeeEntry } from "../tasks/entries.policy.ts";
import { type EntryRow, findEntryRow, lockEntry } from "../tasks/entries.queries.ts";
import { lockTask, type TaskRow } from "../tasks/tasks.queries.ts";

export async function lockContestEntry(
  tx: Tx,
  entryId: string,
  actor: Actor | SystemActor,
): Promise<{ task: TaskRow; entry: EntryRow }> {
  const found = await findEntryRow(tx, entryId);
  if (!found) throw notFound("Entry");
  const task = await lockTask(tx, found.task_id);
  const entry = await lockEntry(tx, entryId);
  if (task.mode !== "contest") throw notFound("Entry");
  if (actor.kind !== "system" && !canSeeEntry(task, entry, actor)) throw notFound("Entry");
  return { task, entry };
}
