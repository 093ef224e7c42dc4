// The awarded provider hands over the final work (text and/or files) — until the award lapses
// (TIMER_HANDOVER after the award, lapse-award.ts; a lapsed entry is 409). The auto-accept timer
// starts: if the buyer neither accepts nor disputes within TIMER_AUTO_ACCEPT, the prize is released.
// The handover delivers the award's payable (features/payables): its one auto-accept job.
import type { AccountActor } from "../../core/actor.ts";
import { AppError, forbidden, invalidInput } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { attachFiles } from "../../files/attach.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import { deliverPayable } from "../payables/payables.ts";
import { HANDOVER_FILES } from "../tasks/entries.queries.ts";
import { lockContestEntry } from "./contest-entry.ts";
import { assertEntryTransition, entryMachine, entrySubject } from "./contest-status.ts";
import type { ContestDeps } from "./post-contest.ts";

/** May `actor` hand this entry over now? (Also asked before an upload is read and stored.) */
export async function checkHandOver(tx: Tx, actor: AccountActor, entryId: string) {
  const { task, entry } = await lockContestEntry(tx, entryId, actor);
  if (entry.provider_id !== actor.accountId) throw forbidden("Only the entry's provider hands it over");
  if (task.status !== "awarded") {
    throw new AppError("invalid_transition", `A ${task.status} contest takes no handover`);
  }
  return { task, entry, to: assertEntryTransition("handOver", entry.status) };
}

export async function handOver(
  tx: Tx,
  actor: AccountActor,
  entryId: string,
  input: { text?: string; files: readonly StoredFile[] },
  deps: ContestDeps,
): Promise<void> {
  const { task } = await checkHandOver(tx, actor, entryId);
  const text = input.text?.trim() || null;
  if (!text && input.files.length === 0) throw invalidInput("A handover needs text or at least one file");
  const now = deps.clock.now();
  await transition(tx, {
    subject: entrySubject(entryId),
    machine: entryMachine,
    name: "handOver",
    actor,
    at: now,
    patch: { handover_text: text, handed_over_at: now },
    data: { taskId: task.id, files: input.files.length },
  });
  await attachFiles(tx, actor.accountId, { type: HANDOVER_FILES, id: entryId }, input.files);
  await deliverPayable(tx, "contest_award", entryId, actor, deps);
}
