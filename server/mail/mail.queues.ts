// The mail job's definition (its worker: mail.jobs.ts), enqueued by queueMessage (outbox.ts).
import { z } from "zod";
import { defineJob } from "../core/jobs.ts";

/** Stored queue name kept (queued jobs carry it). */
export const sendMailJob = defineJob({
  name: "mail.send",
  schema: z.object({ messageId: z.string() }),
});
