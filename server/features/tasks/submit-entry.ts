// A provider's entry to a task (contest entry now; a piece of a piece-rate task later): text and/or
// files already checked and stored by readUpload; the rows, the files and the originality check
// (a job that runs right after commit) in one transaction. Not by the buyer, only while open.
import { randomUUID } from "node:crypto";
import type { Deps } from "../../core/deps.ts";
import { forbidden, invalidInput } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { attachFiles } from "../../files/attach.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import { MIN_TEXT_LENGTH, normaliseText } from "../originality/text.ts";
import { ENTRY_FILES } from "./entries.queries.ts";
import { entryOriginalityJob } from "./entries.queues.ts";
import { modeOf, type TaskModes } from "./task-mode.ts";
import { lockTask } from "./tasks.queries.ts";

export async function submitEntry(
  tx: Tx,
  providerId: string,
  taskId: string,
  input: { text?: string; files: readonly StoredFile[] },
  deps: Pick<Deps, "jobs" | "clock"> & { modes: TaskModes },
): Promise<string> {
  // A share lock: entries may arrive together, but not while the deadline job closes the task.
  const task = await lockTask(tx, taskId, "share");
  if (task.buyer_id === providerId) throw forbidden("The buyer cannot enter their own task");
  await modeOf(deps.modes, task.mode).assertAcceptsEntry(task, deps.clock.now(), {
    q: tx,
    providerId,
    inTransaction: true,
  });
  const text = input.text?.trim() || null;
  if (!text && input.files.length === 0) throw invalidInput("An entry needs text or at least one file");
  const hasImages = input.files.some((f) => f.fingerprint !== null);
  // Images and texts long enough to be authorship (a name, a slogan) are checked for earlier copies.
  const checked = hasImages || (text !== null && [...normaliseText(text)].length >= MIN_TEXT_LENGTH);
  const id = randomUUID();
  await tx
    .insertInto("entries")
    .values({
      id,
      task_id: task.id,
      provider_id: providerId,
      text,
      originality_status: checked ? "pending" : null,
      submitted_at: new Date(),
    })
    .execute();
  await attachFiles(tx, providerId, { type: ENTRY_FILES, id }, input.files);
  // The entry's first event (its later ones, entry.awarded …, come from its mode's transitions).
  await appendEvent(tx, {
    subject: { type: "entry", id },
    type: "entry.submitted",
    data: { to: "submitted", taskId: task.id, files: input.files.length },
    actor: { kind: "account_id", accountId: providerId },
    at: deps.clock.now(),
  });
  if (checked) await deps.jobs.enqueue(tx, entryOriginalityJob, { entryId: id });
  return id;
}
