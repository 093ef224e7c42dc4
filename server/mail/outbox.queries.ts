import { invalidInput } from "../core/errors.ts";
import type { Queryable } from "../db/database.ts";
import { isUuid } from "../lib/uuid.ts";

/** Newest first; cursor = the id of the previous page's last message. */
export async function listOutbox(
  db: Queryable,
  query: { limit: number; cursor?: string; recipient?: string },
) {
  let q = db
    .selectFrom("outbox_messages")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (query.recipient) q = q.where("recipient", "=", query.recipient);
  if (query.cursor) {
    if (!isUuid(query.cursor)) throw invalidInput("cursor is not valid");
    const cursor = query.cursor;
    q = q.where((eb) =>
      eb(
        eb.refTuple("created_at", "id"),
        "<",
        eb
          .selectFrom("outbox_messages as o")
          .select(["o.created_at", "o.id"])
          .where("o.id", "=", cursor)
          .$asTuple("created_at", "id"),
      ),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((m) => ({
      id: m.id,
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      createdAt: m.created_at.toISOString(),
      sentAt: m.sent_at?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
