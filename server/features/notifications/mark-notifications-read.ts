// Mark some of my notifications read (or all of them).
import type { MarkRead } from "../../../contracts/notifications.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Tx } from "../../db/database.ts";
import { isUuid } from "../../lib/uuid.ts";

/** Mark some or all of mine read; others' ids and unknown ids are ignored (no existence leak). */
export async function markNotificationsRead(
  tx: Tx,
  actor: AccountActor,
  input: MarkRead,
  at: Date,
): Promise<number> {
  let update = tx
    .updateTable("notifications")
    .set({ read_at: at })
    .where("account_id", "=", actor.accountId)
    .where("read_at", "is", null);
  if ("ids" in input) {
    const ids = input.ids.filter(isUuid);
    if (ids.length === 0) return 0;
    update = update.where("id", "in", ids);
  }
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
