// Sends a queued e-mail over SMTP (nodemailer) after the transaction that wrote it committed
// (definition: mail.queues.ts). Retried with capped backoff until SMTP answers (never dropped; a
// failing one shows in /admin/jobs); `sent_at` makes a duplicate delivery a no-op.
import nodemailer from "nodemailer";
import type { Config } from "../config.ts";
import type { Clock } from "../core/clock.ts";
import { type RunnableJob, workerOf } from "../core/jobs.ts";
import type { Database } from "../db/database.ts";
import { sendMailJob } from "./mail.queues.ts";

export function mailJobs(deps: { db: Database; config: Config; clock: Clock }): RunnableJob[] {
  const transport = deps.config.smtpUrl ? nodemailer.createTransport(deps.config.smtpUrl) : undefined;
  const from = `Liangjiang 两江 <no-reply@${new URL(deps.config.publicUrl).hostname}>`;
  return [
    workerOf(sendMailJob, async ({ messageId }) => {
      if (!transport) return;
      const message = await deps.db
        .selectFrom("outbox_messages")
        .selectAll()
        .where("id", "=", messageId)
        .executeTakeFirst();
      if (!message || message.sent_at || message.channel !== "email") return;
      await transport.sendMail({ from, to: message.recipient, subject: message.subject, text: message.body });
      await deps.db
        .updateTable("outbox_messages")
        .set({ sent_at: deps.clock.now() })
        .where("id", "=", messageId)
        .execute();
    }),
  ];
}
