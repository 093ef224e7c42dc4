// The payables' job definition (its worker: payables.jobs.ts): TIMER_AUTO_ACCEPT after a delivery.
import { z } from "zod";
import { defineJob } from "../../core/jobs.ts";

export const autoAcceptPayableJob = defineJob({
  name: "payables.auto-accept",
  schema: z.object({ payableId: z.string().uuid() }),
});
