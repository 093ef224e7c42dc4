// The piece-rate task's timers as job definitions (PRODUCT.md "Timers"; their workers:
// piecework.jobs.ts): what the use cases import to enqueue the next timer in the transaction that
// starts it — nothing of the feature is imported here, so deadline → review end is no import circle.
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

/** At the deadline: the task stops taking pieces; the review period (TIMER_PIECE_REVIEW) starts. */
export const pieceDeadlineJob = defineJob({
  name: "piecework.deadline",
  schema: z.object({ taskId: z.string().uuid() }),
});

/** TIMER_PIECE_REVIEW after the deadline: waiting pieces accepted earliest first; the rest refunded. */
export const pieceReviewEndJob = defineJob({
  name: "piecework.review-end",
  schema: z.object({ taskId: z.string().uuid() }),
});
