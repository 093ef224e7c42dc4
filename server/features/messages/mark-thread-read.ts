// POST /threads/:id/read: everything in the thread up to its newest message is read by the caller.
import type { AccountActor } from "../../core/actor.ts";
import type { Tx } from "../../db/database.ts";
import { lockThreadOf } from "./messages.queries.ts";

export async function markThreadRead(
  tx: Tx,
  actor: AccountActor,
  threadId: string,
  now: Date,
): Promise<Date> {
  const thread = await lockThreadOf(tx, threadId, actor.accountId);
  // A message may be stamped a millisecond ahead of the clock (send-message.ts): read covers it.
  const at = new Date(Math.max(now.getTime(), thread.lastMessageAt.getTime()));
  await tx
    .updateTable("thread_participants")
    .set({ last_read_at: at })
    .where("thread_id", "=", thread.id)
    .where("account_id", "=", actor.accountId)
    .execute();
  return at;
}
