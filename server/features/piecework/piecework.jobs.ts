// The workers of the piece-rate timers (definitions: piecework.queues.ts), durable jobs enqueued in
// the transaction that starts them, and the piece as a kind of payable (registered in app.ts). A
// handler that finds its time not come by the application's clock throws, so the job is retried
// with backoff: a database clock a little ahead of ours delays a timer, never loses it.
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, workerOf } from "../../core/jobs.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { PayableKindHandlers } from "../payables/payables.jobs.ts";
import { findEntryRow } from "../tasks/entries.queries.ts";
import { pieceDeadlineJob, pieceReviewEndJob } from "./piecework.queues.ts";
import { closePieces, endReview } from "./piecework-timers.ts";

type TimerDeps = Pick<Deps, "db" | "config" | "jobs" | "clock">;

/** The handlers, callable directly (tests, CLI) exactly as the workers run them. */
export const pieceworkTimers = {
  deadline: (deps: TimerDeps, taskId: string) =>
    inTransaction(deps.db, (tx) => closePieces(tx, taskId, deps)),
  reviewEnd: (deps: TimerDeps, taskId: string) => inTransaction(deps.db, (tx) => endReview(tx, taskId, deps)),
};

/**
 * A piece as a kind of payable. A piece's payable is created, delivered and paid in one transaction
 * (pieces.ts), so no payables.auto-accept job is ever enqueued for one; should one run, it settles
 * the piece's task as its review end would, once that is due, and says whether the piece was paid.
 */
export const pieceworkPayableKind: PayableKindHandlers = {
  accept: async (tx, _by, entryId, deps) => {
    const entry = await findEntryRow(tx, entryId);
    if (!entry) return "skipped";
    await endReview(tx, entry.task_id, deps);
    const after = await findEntryRow(tx, entryId);
    return after?.status === "paid" && entry.status !== "paid" ? "paid" : "skipped";
  },
};

const retryUnlessDone = (name: string) => (result: string) => {
  if (result === "not_due") throw new Error(`${name}: not due yet by the application's clock; retrying`);
};

export function pieceworkJobs(deps: Deps): RunnableJob[] {
  return [
    workerOf(pieceDeadlineJob, async ({ taskId }) =>
      retryUnlessDone(pieceDeadlineJob.name)(await pieceworkTimers.deadline(deps, taskId)),
    ),
    workerOf(pieceReviewEndJob, async ({ taskId }) =>
      retryUnlessDone(pieceReviewEndJob.name)(await pieceworkTimers.reviewEnd(deps, taskId)),
    ),
  ];
}
