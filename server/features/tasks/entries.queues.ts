// Job definitions of entries (workers: entries.jobs.ts): the originality check, queued in the entry's
// transaction and run right after commit (the NOTIFY wakes a worker at once). Four run at a time,
// each on its own: in a batch of ten, every check waited for the slowest of the ten (issue 12:
// 38 of 240 entries still pending after a minute behind the first version's full-table scans).
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

/** Stored queue name kept (queued jobs carry it). */
export const entryOriginalityJob = defineJob({
  name: "entry-originality",
  schema: z.object({ entryId: z.string().uuid() }),
  concurrency: 4,
});
