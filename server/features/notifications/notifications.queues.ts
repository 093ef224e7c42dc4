// The digest job's definition (its worker: notifications.jobs.ts), enqueued by the consumer when a
// person's first e-mail-worthy notification of a quiet period arrives.
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

export const digestJob = defineJob({
  name: "notifications.digest",
  schema: z.object({ accountId: z.string() }),
});
