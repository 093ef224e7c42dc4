// Demo content: the demo provider asks the demo buyer a question on the buyer's newest open contest
// (with a WeChat id the filter masks, unless a paid award already links the two), and the buyer
// answers — so both demo logins find a conversation in their inbox. Made through the same use
// cases as the API (openThread, sendMessage), so the events and notifications are real too.
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import { DEMO_ACCOUNTS } from "../accounts/demo-accounts.ts";
import { openThread } from "./open-thread.ts";
import { sendMessage } from "./send-message.ts";

const actor = (accountId: string): AccountActor => ({
  kind: "account",
  accountId,
  roles: [],
  sessionId: "demo",
});

export async function seedDemoMessages(tx: Tx, context?: Pick<Deps, "clock">): Promise<[]> {
  if (!context) return [];
  const ids = await tx
    .selectFrom("accounts")
    .select(["id", "email"])
    .where("email", "in", [DEMO_ACCOUNTS.buyer.email, DEMO_ACCOUNTS.provider.email])
    .execute();
  const buyerId = ids.find((a) => a.email === DEMO_ACCOUNTS.buyer.email)?.id;
  const providerId = ids.find((a) => a.email === DEMO_ACCOUNTS.provider.email)?.id;
  if (!buyerId || !providerId) return [];
  const task = await tx
    .selectFrom("tasks")
    .select("id")
    .where("buyer_id", "=", buyerId)
    .where("status", "=", "open")
    .orderBy("created_at", "desc")
    .orderBy("id")
    .executeTakeFirst();
  if (!task) return [];
  const { threadId } = await openThread(
    tx,
    actor(providerId),
    { type: "task", id: task.id },
    context.clock.now(),
  );
  await sendMessage(
    tx,
    actor(providerId),
    threadId,
    { text: "您好！请问标志需要横版和竖版两种吗？方便的话加我微信 demo_designer88 细聊。", files: [] },
    context,
  );
  await sendMessage(
    tx,
    actor(buyerId),
    threadId,
    {
      text: "两种都需要，横版优先。我们就在平台上沟通吧 — both, landscape first; let's keep it here.",
      files: [],
    },
    context,
  );
  return [];
}
