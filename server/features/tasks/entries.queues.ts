// Job definitions of entries (workers: entries.jobs.ts): the originality check, queued in the entry's
// transaction and run right after commit (pending lasts a poll interval, about a second).
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

/** Stored queue name kept (queued jobs carry it). */
export const entryOriginalityJob = defineJob({
  name: "entry-originality",
  schema: z.object({ entryId: z.string().uuid() }),
});
