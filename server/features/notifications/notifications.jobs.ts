// The digest (definition: notifications.queues.ts): every notification of one person waiting for
// e-mail goes out as ONE e-mail through the mail port (SMTP or the dev outbox), then the window
// closes — the next notification opens a new one. Locks the person's digest row first, so a
// notification arriving meanwhile waits for this to finish and then opens the next window (the
// consumer's INSERT … ON CONFLICT waits on the row). Run early by the injected clock, it is retried.
import { notificationPath } from "../../../contracts/notifications.ts";
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, workerOf } from "../../core/jobs.ts";
import { inTransaction } from "../../core/transaction.ts";
import { queueMessage } from "../../mail/outbox.ts";
import { presentNotification } from "./notifications.queries.ts";
import { digestJob } from "./notifications.queues.ts";

export type DigestResult = "sent" | "nothing" | "not_due";
const MAX_LISTED = 30;

export async function sendDigest(
  deps: Pick<Deps, "db" | "jobs" | "config" | "clock">,
  accountId: string,
): Promise<DigestResult> {
  return inTransaction(deps.db, async (tx) => {
    const digest = await tx
      .selectFrom("notification_digests")
      .selectAll()
      .where("account_id", "=", accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!digest) return "nothing";
    if (new Date(digest.due_at) > deps.clock.now()) return "not_due";
    const account = await tx
      .selectFrom("accounts")
      .select(["email", "locale", "display_name"])
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    const rows = await tx
      .selectFrom("notifications")
      .select(["id", "type", "subject_type", "subject_id", "params", "created_at", "read_at"])
      .where("account_id", "=", accountId)
      .where("email_wanted", "=", true)
      .where("emailed_at", "is", null)
      .orderBy("created_at")
      .orderBy("id")
      .forUpdate()
      .execute();
    await tx.deleteFrom("notification_digests").where("account_id", "=", accountId).execute();
    if (rows.length === 0) return "nothing";
    const zh = account.locale === "zh-CN";
    const items = rows.map((r) => presentNotification(r, account.locale));
    const subject =
      items.length === 1
        ? `${items[0]?.title} — ${zh ? "两江" : "Liangjiang"}`
        : zh
          ? `您有 ${items.length} 条新通知 — 两江`
          : `${items.length} new notifications — Liangjiang`;
    const base = deps.config.publicUrl.replace(/\/$/, "");
    // A very busy window lists its first MAX_LISTED and links to the rest.
    const listed = items.slice(0, MAX_LISTED);
    const more = items.length - listed.length;
    const body = [
      zh ? `${account.display_name}，您好：` : `Hello ${account.display_name},`,
      "",
      ...listed.flatMap((n) => [
        `• ${n.title}`,
        ...(n.body ? [`  ${n.body}`] : []),
        `  ${base}${notificationPath(n.subject)}`,
        "",
      ]),
      ...(more > 0
        ? [zh ? `另有 ${more} 条：${base}/notifications` : `${more} more: ${base}/notifications`, ""]
        : []),
      zh
        ? `在 ${base}/account 可以关闭某类通知的邮件。`
        : `Turn e-mail off for a kind of notification at ${base}/account.`,
    ].join("\n");
    await queueMessage(tx, deps, { channel: "email", to: account.email, subject, body });
    await tx
      .updateTable("notifications")
      .set({ emailed_at: deps.clock.now() })
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    return "sent";
  });
}

export function notificationJobs(deps: Deps): RunnableJob[] {
  return [
    workerOf(digestJob, async ({ accountId }) => {
      if ((await sendDigest(deps, accountId)) === "not_due") {
        throw new Error(`digest of ${accountId}: not due yet by the application's clock; retrying`);
      }
    }),
  ];
}
