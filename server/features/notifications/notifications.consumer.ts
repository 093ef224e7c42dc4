// Notifications as a consumer of domain events (jobs/event-consumers.ts): for each event in
// notification-rules.ts, one notification per person concerned (not the one who caused it), in the
// event consumer's transaction — so a notification exists exactly once per (event, person).
// In that same transaction:
//   - the realtime frame is published (pg_notify, delivered at commit to every app process);
//   - e-mail: when the person wants e-mail for its kind, the notification waits for a digest; the
//     first one of a quiet period schedules notifications.digest at +MAIL_DIGEST_WINDOW.
// A second consumer, `realtime`, pushes each message.sent as a "message" frame to the thread's
// participants (the sender's other tabs too), so open thread pages refresh. It is its own consumer
// (its own loop and progress) so a message's frame never waits behind notifications being made.
import { sql } from "kysely";
import type { Deps } from "../../core/deps.ts";
import type { DomainEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import type { EventConsumer } from "../../jobs/event-consumers.ts";
import { isUuid } from "../../lib/uuid.ts";
import { publishRealtime } from "../../realtime/realtime.ts";
import { audienceOf } from "./audience.ts";
import { NOTIFICATION_RULES, NOTIFIED_EVENT_TYPES } from "./notification-rules.ts";
import { presentNotification } from "./notifications.queries.ts";
import { digestJob } from "./notifications.queues.ts";

export function notificationsConsumer(deps: Pick<Deps, "jobs" | "config" | "clock">): EventConsumer {
  return {
    name: "notifications",
    types: NOTIFIED_EVENT_TYPES,
    handle: (tx, event) => notify(tx, event, deps),
  };
}

export async function notify(
  tx: Tx,
  event: DomainEvent,
  deps: Pick<Deps, "jobs" | "config" | "clock">,
): Promise<void> {
  const rule = NOTIFICATION_RULES[event.type];
  if (!rule) return;
  const audience = await audienceOf(tx, event);
  if (!audience) return;
  const people = new Set(rule.to.flatMap((role) => audience.people[role] ?? []));
  people.delete(event.actor); // nobody is told what they did themselves
  const ids = [...people].filter(isUuid);
  if (ids.length === 0) return;
  // Each person's language and whether they want e-mail for this kind (no preference row = yes).
  const accounts = await tx
    .selectFrom("accounts as a")
    .leftJoin("notification_preferences as p", (join) =>
      join.onRef("p.account_id", "=", "a.id").on("p.kind", "=", rule.kind),
    )
    .select(["a.id", "a.locale", sql<boolean>`coalesce(p.email, true)`.as("email")])
    .where("a.id", "in", ids)
    .orderBy("a.id")
    .execute();
  for (const account of accounts) {
    const wantsEmail = account.email;
    const row = await tx
      .insertInto("notifications")
      .values({
        account_id: account.id,
        type: event.type,
        subject_type: audience.link.type,
        subject_id: audience.link.id,
        params: JSON.stringify(audience.params),
        event_id: Number(event.id),
        created_at: event.occurredAt,
        email_wanted: wantsEmail,
      })
      .onConflict((oc) => oc.columns(["event_id", "account_id"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) continue; // already made (a replayed event)
    // The frame stays far below NOTIFY's 8000 bytes whatever a title holds; the page refetches anyway.
    const shown = presentNotification(row, account.locale);
    await publishRealtime(tx, [account.id], {
      type: "notification",
      data: { ...shown, title: shown.title.slice(0, 300), body: shown.body.slice(0, 300) },
    });
    if (wantsEmail) await scheduleDigest(tx, account.id, deps);
  }
}

/** The first e-mail-worthy notification of a quiet period starts the window; the others join it. */
async function scheduleDigest(tx: Tx, accountId: string, deps: Pick<Deps, "jobs" | "config" | "clock">) {
  const dueAt = new Date(deps.clock.now().getTime() + deps.config.mailDigestWindowMs);
  const started = await tx
    .insertInto("notification_digests")
    .values({ account_id: accountId, due_at: dueAt })
    .onConflict((oc) => oc.column("account_id").doNothing())
    .returning("account_id")
    .executeTakeFirst();
  if (started) await deps.jobs.enqueue(tx, digestJob, { accountId }, { startAfter: dueAt });
}

/** message.sent → a "message" frame for every participant of the thread (one pg_notify). */
export const realtimeConsumer: EventConsumer = {
  name: "realtime",
  types: ["message.sent"],
  async handle(tx, event) {
    const senderId = String(event.data.senderId ?? event.actor);
    const recipients = Array.isArray(event.data.recipientIds) ? event.data.recipientIds.map(String) : [];
    await publishRealtime(tx, [...recipients, senderId].filter(isUuid), {
      type: "message",
      data: {
        threadId: String(event.data.threadId ?? ""),
        messageId: String(event.data.messageId ?? ""),
        senderId,
      },
    });
  },
};
