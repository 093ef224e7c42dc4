// The submission deadline (a durable job): no entries → the whole pool back to the buyer
// (`refunded`, guaranteed or not); entries → `selecting`, and the selection-end timer starts.
// Idempotent: a second run finds the contest no longer open and does nothing.
import type { Tx } from "../../db/database.ts";
import { refundEscrow } from "../tasks/escrow.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import { assertTransition, canTransition } from "./contest-status.ts";
import { selectionEndJob } from "./contests.jobs.ts";
import type { ContestDeps } from "./post-contest.ts";
import { markPrizesRefunded } from "./prizes.ts";

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
    const status = assertTransition("refund", task.status);
    await refundEscrow(tx, { taskId: task.id, buyerId: task.buyer_id });
    await markPrizesRefunded(tx, task.id);
    await tx
      .updateTable("tasks")
      .set({ status, closed_at: now, updated_at: now })
      .where("id", "=", task.id)
      .execute();
    return "refunded";
  }
  const status = assertTransition("closeSubmissions", task.status);
  const ends = new Date(
    Math.max(now.getTime(), new Date(task.deadline_at).getTime()) + deps.config.timers.contestSelectionMs,
  );
  await tx
    .updateTable("tasks")
    .set({ status, selection_ends_at: ends, updated_at: now })
    .where("id", "=", task.id)
    .execute();
  await deps.jobs.enqueue(
    tx,
    selectionEndJob,
    { taskId: task.id },
    { startAfter: ends, singletonKey: `contest-selection:${task.id}` },
  );
  return "selecting";
}
