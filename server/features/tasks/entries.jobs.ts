// Jobs of entries: the originality check, queued in the entry's transaction and run right after
// commit by the workers (pending lasts a poll interval, about a second).
import { z } from "zod";
import type { Deps } from "../../core/deps.ts";
import { defineJob, type RunnableJob, workerOf } from "../../jobs/jobs.ts";
import { checkEntryOriginality } from "./check-originality.ts";

/** Stored queue name kept (queued jobs carry it). */
export const entryOriginalityJob = defineJob({
  name: "entry-originality",
  schema: z.object({ entryId: z.string().uuid() }),
  run: async ({ entryId }, deps: Deps) => {
    await checkEntryOriginality(deps.db, entryId);
  },
});

export function entryJobs(deps: Deps): RunnableJob[] {
  return [workerOf(entryOriginalityJob, deps)];
}
