// Outgoing e-mail and SMS. Every message is written to `outbox_messages` inside the business
// transaction (so a rolled-back action sends nothing). Without SMTP_URL that table is the dev
// outbox (operators read it at GET /api/v1/admin/outbox); with SMTP_URL a job sends each e-mail
// after commit. SMS has no real gateway yet: the outbox is its sandbox.

import type { Jobs } from "../core/jobs.ts";
import type { Tx } from "../db/database.ts";
import { sendMailJob } from "./mail.queues.ts";

export type OutgoingMessage = Readonly<{
  channel: "email" | "sms";
  to: string;
  subject: string;
  body: string;
}>;

export async function queueMessage(
  tx: Tx,
  deps: { jobs: Jobs; config: { smtpUrl: string | undefined } },
  message: OutgoingMessage,
): Promise<string> {
  const row = await tx
    .insertInto("outbox_messages")
    .values({ channel: message.channel, recipient: message.to, subject: message.subject, body: message.body })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (message.channel === "email" && deps.config.smtpUrl) {
    await deps.jobs.enqueue(tx, sendMailJob, { messageId: row.id }, { singletonKey: row.id });
  }
  return row.id;
}
