// The entries' workers (definitions: entries.queues.ts), listed in app.ts's jobDefinitions.
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, workerOf } from "../../core/jobs.ts";
import { checkEntryOriginality } from "./check-originality.ts";
import { entryOriginalityJob } from "./entries.queues.ts";

export function entryJobs(deps: Deps): RunnableJob[] {
  return [workerOf(entryOriginalityJob, ({ entryId }) => checkEntryOriginality(deps.db, entryId))];
}
