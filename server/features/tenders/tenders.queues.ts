// The tender's timer as a job definition (its worker: tenders.jobs.ts), imported by the use case
// that enqueues it in the posting transaction; nothing of the feature is imported here.
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

/** TIMER_TENDER_SELECTION after the bid deadline: a tender nobody was hired for is closed. */
export const tenderSelectionEndJob = defineJob({
  name: "tenders.selection-end",
  schema: z.object({ taskId: z.string().uuid() }),
});
