// Demo content: the demo provider asks the demo buyer a question on the buyer's newest open contest
// (with a WeChat id the filter masks, unless a paid award already links the two), and the buyer
// answers — so both demo logins find a conversation in their inbox. Made through the same use
// cases as the API (openThread, sendMessage), so the events and notifications are real too.
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import { demoActor as actor, demoCast } from "../accounts/demo-accounts.ts";
import { openThread } from "./open-thread.ts";
import { sendMessage } from "./send-message.ts";

export async function seedDemoMessages(tx: Tx, context?: Pick<Deps, "clock">): Promise<[]> {
  if (!context) return [];
  const cast = await demoCast(tx);
  if (!cast) return [];
  const { buyerId } = cast;
  const providerId = cast.providerIds[0] as string;
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
