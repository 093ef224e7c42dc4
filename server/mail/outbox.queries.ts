import { decodeCursor, encodeCursor } from "../core/pagination.ts";
import type { Queryable } from "../db/database.ts";

/** Newest first; the cursor holds the id of the previous page's last message. */
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
  const after = decodeCursor("outbox", query.cursor, ["uuid"] as const);
  if (after) {
    const [cursor] = after;
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
    nextCursor:
      rows.length > query.limit && page.length > 0
        ? encodeCursor("outbox", [(page.at(-1) as { id: string }).id])
        : null,
  };
}
