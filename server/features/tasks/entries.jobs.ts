// Jobs of entries: the originality check, queued in the entry's transaction and run right after
// commit by the workers (pending lasts a poll interval, about a second).
import { z } from "zod";
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, runnable } from "../../jobs/jobs.ts";
import { checkEntryOriginality } from "./check-originality.ts";

export const entryOriginalityJob = {
  name: "entry-originality",
  schema: z.object({ entryId: z.string().uuid() }),
};

export function entryJobs(deps: Deps): RunnableJob[] {
  return [
    runnable({
      ...entryOriginalityJob,
      handler: async ({ entryId }) => {
        await checkEntryOriginality(deps.db, entryId);
      },
    }),
  ];
}
