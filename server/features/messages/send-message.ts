// POST /threads/:id/messages: store a message (text and/or files) from a participant, masked by
// the contact filter unless a deal exists between the two (decided now, once: what was sent masked
// stays masked — docs/CONTACT-FILTER.md), and append `message.sent` in the same transaction (the
// notifications and the realtime push consume it).
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { attachFiles } from "../../files/attach.ts";
import type { StoredFile } from "../../files/stored-file.ts";
import { maskContacts } from "./contact-filter.ts";
import { lockThreadOf, MESSAGE_FILES, type MessageRow } from "./messages.queries.ts";
import { dealExists } from "./subjects.ts";

export type NewMessage = Readonly<{ text?: string; files: readonly StoredFile[] }>;

export async function sendMessage(
  tx: Tx,
  actor: AccountActor,
  threadId: string,
  input: NewMessage,
  deps: Pick<Deps, "clock">,
): Promise<MessageRow> {
  const me = actor.accountId;
  const text = (input.text ?? "").trim();
  if (text === "" && input.files.length === 0) throw invalidInput("Write something or attach a file");
  // The thread's row lock orders its messages (and keeps last_message_at monotonic).
  const thread = await lockThreadOf(tx, threadId, me);
  const recipientIds = thread.participantIds.filter((id) => id !== me);
  const deal = (await Promise.all(recipientIds.map((other) => dealExists(tx, me, other)))).every(Boolean);
  const filtered = deal ? { text, masked: false } : maskContacts(text);
  // Strictly after the thread's last message, so that the page order is the order of sending.
  const at = new Date(Math.max(deps.clock.now().getTime(), thread.lastMessageAt.getTime() + 1));
  const message = await tx
    .insertInto("messages")
    .values({
      thread_id: thread.id,
      sender_id: me,
      text,
      masked_text: filtered.text,
      masked: filtered.masked,
      created_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await attachFiles(tx, me, { type: MESSAGE_FILES, id: message.id }, input.files);
  await tx.updateTable("threads").set({ last_message_at: at }).where("id", "=", thread.id).execute();
  // One's own message is read.
  await tx
    .updateTable("thread_participants")
    .set({ last_read_at: at })
    .where("thread_id", "=", thread.id)
    .where("account_id", "=", me)
    .execute();
  await appendEvent(tx, {
    subject: { type: "message", id: message.id },
    type: "message.sent",
    data: { threadId: thread.id, messageId: message.id, recipientIds, senderId: me, masked: filtered.masked },
    actor,
    at,
  });
  return message;
}
