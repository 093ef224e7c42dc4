// Accepting a handed-over entry, by the buyer or by the auto-accept timer: the prize leaves the
// escrow as one linked posting (prize − fee to the provider, the fee to platform revenue), the
// entry is paid, and the contest completes once every prize is paid or refunded. The transfer ids name the prize, so
// a replay or a second run of the job can never pay twice.

import type { AccountActor, SystemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { forbidden } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { releaseEscrow } from "../tasks/escrow.ts";
import { lockContestEntry } from "./contest-entry.ts";
import { assertEntryTransition, canEntryTransition } from "./contest-status.ts";
import { finishIfSettled } from "./prizes.ts";

export async function acceptEntry(
  tx: Tx,
  by: AccountActor | SystemActor,
  entryId: string,
  deps: Pick<Deps, "clock">,
): Promise<"paid" | "skipped"> {
  const { task, entry } = await lockContestEntry(tx, entryId, by);
  if (by.kind === "system") {
    // The buyer accepted first, or (later) a dispute froze it: the timer has nothing to do.
    if (!canEntryTransition("accept", entry.status)) return "skipped";
  } else if (task.buyer_id !== by.accountId) {
    throw forbidden("Only the buyer accepts a handover");
  }
  const to = assertEntryTransition("accept", entry.status);
  const award = await tx
    .selectFrom("awards")
    .selectAll()
    .where("entry_id", "=", entryId)
    .executeTakeFirstOrThrow();
  const { feeMinor } = await releaseEscrow(tx, {
    taskId: task.id,
    buyerId: task.buyer_id,
    providerId: entry.provider_id,
    amountMinor: award.amount_minor,
    feeBps: task.fee_bps,
    key: `prize:${award.prize_index}`,
    ref: { type: "entry", id: entryId },
  });
  const now = deps.clock.now();
  await tx.updateTable("entries").set({ status: to, paid_at: now }).where("id", "=", entryId).execute();
  await tx
    .updateTable("awards")
    .set({ paid_at: now, fee_minor: feeMinor, accepted_by: by.kind === "system" ? "timer" : "buyer" })
    .where("entry_id", "=", entryId)
    .execute();
  await finishIfSettled(tx, task, now);
  return "paid";
}
