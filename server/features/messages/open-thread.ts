// POST /threads: the thread about a subject between the caller and the other person — created
// once, then found again (201 / 200). Task or service: the caller asks its owner (the owner has
// nobody to ask: 409). Order or bid: only its two parties; anyone else gets 404, as if it did not
// exist. Concurrent opens meet on the unique (subject, pair) key: one inserts, the other finds it.
import type { ThreadSubject } from "../../../contracts/messages.ts";
import type { AccountActor } from "../../core/actor.ts";
import { conflict, notFound } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { partiesOf } from "./subjects.ts";

/** The two participants' ids, sorted, as threads.pair_key holds them. */
export const pairKey = (a: string, b: string) => [a, b].sort().join(":");

export async function openThread(
  tx: Tx,
  actor: AccountActor,
  subject: ThreadSubject,
  at: Date,
): Promise<{ threadId: string; created: boolean }> {
  const me = actor.accountId;
  const parties = await partiesOf(tx, subject);
  if (!parties) throw notFound("Subject");
  let other: string;
  if (parties.kind === "owned") {
    if (parties.ownerId === me) throw conflict("This is yours: others open threads with you about it");
    other = parties.ownerId;
  } else {
    const [a, b] = parties.partyIds;
    if (me !== a && me !== b) throw notFound("Subject");
    other = me === a ? b : a;
  }
  const key = pairKey(me, other);
  const inserted = await tx
    .insertInto("threads")
    .values({
      subject_type: subject.type,
      subject_id: subject.id,
      pair_key: key,
      created_at: at,
      last_message_at: at,
    })
    .onConflict((oc) => oc.columns(["subject_type", "subject_id", "pair_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) {
    await tx
      .insertInto("thread_participants")
      .values(
        [me, other].sort().map((account_id) => ({ thread_id: inserted.id, account_id, last_read_at: null })),
      )
      .execute();
    return { threadId: inserted.id, created: true };
  }
  const existing = await tx
    .selectFrom("threads")
    .select("id")
    .where("subject_type", "=", subject.type)
    .where("subject_id", "=", subject.id)
    .where("pair_key", "=", key)
    .executeTakeFirstOrThrow();
  return { threadId: existing.id, created: false };
}
