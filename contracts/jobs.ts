// The operator's view of the durable job queue (API.md, "GET /admin/jobs").
import { z } from "zod";
import { ListQuery } from "./common.ts";

export const JobState = z.enum(["waiting", "running", "failed"]);
export type JobState = z.infer<typeof JobState>;

export const AdminJob = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.enum(["waiting", "running", "failed", "completed", "cancelled"]),
    /** Runs started so far (0 = never run yet). */
    attempts: z.number().int(),
    /** The last run's error, when it failed. */
    lastError: z.string().nullable(),
    /** When it runs (next), as ISO-8601. */
    runAt: z.string(),
  })
  .meta({ id: "AdminJob" });
export type AdminJob = z.infer<typeof AdminJob>;

export const AdminJobList = z.object({
  counts: z.object({ waiting: z.number().int(), running: z.number().int(), failed: z.number().int() }),
  items: z.array(AdminJob),
  nextCursor: z.string().nullable(),
});
export type AdminJobList = z.infer<typeof AdminJobList>;

export const AdminJobListQuery = ListQuery.extend({ state: JobState.optional() });
