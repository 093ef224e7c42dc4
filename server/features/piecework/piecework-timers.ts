// The piece-rate timers' use cases (PRODUCT.md "Timers"), each under the task's row lock and
// idempotent — a second run, or a run after the buyer ended it, finds nothing to do:
//   closePieces (the deadline): no more pieces; nothing waiting → settled now (the rest refunded);
//     else the review period starts and piecework.review-end is enqueued for its end;
//   endReview (TIMER_PIECE_REVIEW after the deadline): waiting pieces accepted earliest first up to
//     the quantity, the rest rejected, the rest of the escrow refunded; completed or refunded.
// Both wait for their time by the injected clock ("not_due": the worker retries).
import { systemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { lockEntry } from "../tasks/entries.queries.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import { payPiece, settle } from "./pieces.ts";
import { pieceCounts, termsOf, waitingPieces } from "./piecework.queries.ts";
import { pieceReviewEndJob } from "./piecework.queues.ts";
import { pieceworkMachine, pieceworkSubject } from "./piecework-status.ts";

type TimerDeps = Pick<Deps, "config" | "jobs" | "clock">;
const DEADLINE = systemActor("piecework.deadline");
const REVIEW_END = systemActor("piecework.review-end");

export async function closePieces(
  tx: Tx,
  taskId: string,
  deps: TimerDeps,
): Promise<"selecting" | "completed" | "refunded" | "skipped" | "not_due"> {
  const task = await lockTask(tx, taskId);
  if (task.mode !== "piecework" || !pieceworkMachine.can("closePieces", task.status)) return "skipped";
  const now = deps.clock.now();
  if (now < new Date(task.deadline_at)) return "not_due";
  const reviewEndsAt = new Date(
    Math.max(now.getTime(), new Date(task.deadline_at).getTime()) + deps.config.timers.pieceReviewMs,
  );
  await tx
    .updateTable("piecework_terms")
    .set({ review_ends_at: reviewEndsAt })
    .where("task_id", "=", task.id)
    .execute();
  await transition(tx, {
    subject: pieceworkSubject(task.id),
    machine: pieceworkMachine,
    name: "closePieces",
    actor: DEADLINE,
    at: now,
    patch: { selection_ends_at: reviewEndsAt, updated_at: now },
    data: { reviewEndsAt: reviewEndsAt.toISOString() },
    event: "pieces_closed",
  });
  if ((await pieceCounts(tx, task.id)).waiting === 0) {
    return settle(tx, { ...task, status: "selecting" }, DEADLINE, now);
  }
  await deps.jobs.enqueue(
    tx,
    pieceReviewEndJob,
    { taskId: task.id },
    { startAfter: reviewEndsAt, singletonKey: `piecework-review-end:${task.id}` },
  );
  return "selecting";
}

export async function endReview(
  tx: Tx,
  taskId: string,
  deps: TimerDeps,
): Promise<"completed" | "refunded" | "skipped" | "not_due"> {
  const task = await lockTask(tx, taskId);
  if (task.mode !== "piecework" || task.status !== "selecting") return "skipped";
  const terms = await termsOf(tx, task.id);
  const now = deps.clock.now();
  if (!terms.reviewEndsAt || now < terms.reviewEndsAt) return "not_due";
  let { paid } = await pieceCounts(tx, task.id);
  for (const id of await waitingPieces(tx, task.id)) {
    if (paid >= terms.quantity) break;
    // payPiece settles the task itself when this piece is the last of the quantity.
    await payPiece(tx, task, await lockEntry(tx, id), REVIEW_END, deps);
    paid++;
  }
  if (paid >= terms.quantity) return "completed";
  return settle(tx, task, REVIEW_END, now);
}
