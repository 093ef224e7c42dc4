// The contest's timers as job definitions (PRODUCT.md "Timers"; their workers: contests.jobs.ts):
// what the use cases import to enqueue the next timer in the transaction that starts it. Nothing of
// the feature is imported here, so the chain deadline → selection → handover → re-award never
// becomes an import circle. Stored queue names kept (queued jobs carry them).
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

/** TIMER_SUBMISSION after posting: submissions close (selection starts, or refund if nobody entered). */
export const submissionDeadlineJob = defineJob({
  name: "contest-submission-deadline",
  schema: z.object({ taskId: z.string().uuid() }),
});
/** TIMER_CONTEST_SELECTION after the deadline: the buyer did not award, the prizes are awarded or refunded. */
export const selectionEndJob = defineJob({
  name: "contest-selection-end",
  schema: z.object({ taskId: z.string().uuid() }),
});
/** TIMER_HANDOVER after an award: the award lapses unless the winner handed over. */
export const handoverDueJob = defineJob({
  name: "contest-handover-due",
  schema: z.object({ entryId: z.string().uuid() }),
});
/** TIMER_CONTEST_SELECTION after a lapse: the lapsed prize is awarded automatically or refunded. */
export const reawardEndJob = defineJob({
  name: "contest-reaward-end",
  schema: z.object({ taskId: z.string().uuid() }),
});
/**
 * Before issue 13 a handover enqueued this; now it delivers the award's payable and the one
 * payables.auto-accept job decides. Nothing enqueues it any more: kept so jobs already waiting in
 * a database run (renaming or dropping a queue would need its waiting jobs moved).
 */
export const legacyAutoAcceptJob = defineJob({
  name: "contest-auto-accept",
  schema: z.object({ entryId: z.string().uuid() }),
});
