// Who may download a message's files (the policy hook of files/serve.ts, registered in app.ts):
// the thread's participants and operators get the original; anyone else 404.
import { isOperator } from "../../core/actor.ts";
import type { FilePolicies } from "../../files/serve.ts";
import { MESSAGE_FILES } from "./messages.queries.ts";

export const messageFilePolicies: FilePolicies = {
  [MESSAGE_FILES]: async (q, messageId, actor) => {
    if (isOperator(actor)) return "original";
    if (actor.kind !== "account") return "none";
    const row = await q
      .selectFrom("messages")
      .innerJoin("thread_participants as p", "p.thread_id", "messages.thread_id")
      .select("messages.id")
      .where("messages.id", "=", messageId)
      .where("p.account_id", "=", actor.accountId)
      .executeTakeFirst();
    return row ? "original" : "none";
  },
};
