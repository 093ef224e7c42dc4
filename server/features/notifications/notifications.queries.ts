// Reading my notifications: newest first, rendered in my account's locale (notification-rules.ts).
import { sql } from "kysely";
import type { Notification, NotificationList, NotificationQuery } from "../../../contracts/notifications.ts";
import type { AccountActor } from "../../core/actor.ts";
import { decodeCursor, encodeCursor } from "../../core/pagination.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import { render } from "./notification-rules.ts";

type Row = {
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  params: unknown;
  created_at: Date | string;
  read_at: Date | string | null;
};
type Locale = "zh-CN" | "en";

export function presentNotification(row: Row, locale: Locale): Notification {
  const texts = render(row.type, (row.params ?? {}) as Record<string, unknown>, locale);
  return {
    id: row.id,
    type: row.type,
    kind: texts.kind,
    subject: { type: row.subject_type, id: row.subject_id },
    title: texts.title,
    body: texts.body,
    at: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

export async function localeOf(q: Queryable | Tx, accountId: string): Promise<Locale> {
  const row = await q.selectFrom("accounts").select("locale").where("id", "=", accountId).executeTakeFirst();
  return row?.locale ?? "zh-CN";
}

export async function listNotifications(
  q: Queryable,
  actor: AccountActor,
  query: NotificationQuery,
): Promise<NotificationList> {
  const cursor = decodeCursor("notifications", query.cursor, ["instant", "uuid"] as const);
  let select = q
    .selectFrom("notifications")
    .select(["id", "type", "subject_type", "subject_id", "params", "created_at", "read_at"])
    .where("account_id", "=", actor.accountId);
  if (query.unread === "true") select = select.where("read_at", "is", null);
  if (cursor) select = select.where(sql<boolean>`(created_at, id) < (${cursor[0]}, ${cursor[1]}::uuid)`);
  const rows = await select
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const locale = await localeOf(q, actor.accountId);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentNotification(r, locale)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor("notifications", [new Date(last.created_at), last.id])
        : null,
  };
}

export async function countUnread(q: Queryable, actor: AccountActor): Promise<number> {
  const row = await q
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", actor.accountId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
