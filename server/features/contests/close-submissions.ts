// The submission deadline (a durable job): no entries → the whole pool back to the buyer
// (`refunded`, guaranteed or not); entries → `selecting`, and the selection-end timer starts.
// Idempotent: a second run finds the contest no longer open and does nothing.
import { systemActor } from "../../core/actor.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { refundEscrow, taskEscrow } from "../escrow/escrow.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import { canTransition, contestEvents, contestMachine, contestSubject } from "./contest-status.ts";
import { selectionEndJob } from "./contests.queues.ts";
import type { ContestDeps } from "./post-contest.ts";
import { markPrizesRefunded } from "./prizes.ts";

const BY = systemActor("contest.submission-deadline");

export async function closeSubmissions(
  tx: Tx,
  taskId: string,
  deps: ContestDeps,
): Promise<"refunded" | "selecting" | "skipped"> {
  const task = await lockTask(tx, taskId);
  if (task.mode !== "contest" || !canTransition("closeSubmissions", task.status)) return "skipped";
  const now = deps.clock.now();
  const entry = await tx.selectFrom("entries").select("id").where("task_id", "=", task.id).executeTakeFirst();
  if (!entry) {
    await transition(tx, {
      subject: contestSubject(task.id),
      machine: contestMachine,
      name: "refund",
      actor: BY,
      at: now,
      patch: { closed_at: now, updated_at: now },
      data: { reason: "no_entries" },
    });
    await refundEscrow(tx, taskEscrow(task));
    await markPrizesRefunded(tx, task.id);
    return "refunded";
  }
  const ends = new Date(
    Math.max(now.getTime(), new Date(task.deadline_at).getTime()) + deps.config.timers.contestSelectionMs,
  );
  await transition(tx, {
    subject: contestSubject(task.id),
    machine: contestMachine,
    name: "closeSubmissions",
    actor: BY,
    at: now,
    patch: { selection_ends_at: ends, updated_at: now },
    data: { selectionEndsAt: ends.toISOString() },
    event: contestEvents.closeSubmissions,
  });
  await deps.jobs.enqueue(
    tx,
    selectionEndJob,
    { taskId: task.id },
    { startAfter: ends, singletonKey: `contest-selection:${task.id}` },
  );
  return "selecting";
}
