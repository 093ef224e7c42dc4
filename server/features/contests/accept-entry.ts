// Accepting a handed-over entry, by the buyer or by the auto-accept timer: the award's payable
// (features/payables) is accepted and paid — the prize leaves the escrow as one linked posting
// (prize − the fee snapshotted at award to the provider, the fee to platform revenue) — the entry
// is paid, and the contest completes once every prize is paid or refunded. The transfer ids name
// the prize, so a replay or a second run of the job can never pay twice. A disputed payable is
// frozen: the buyer's accept is 409, the timer does nothing.

import type { AccountActor, SystemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { payableMachine } from "../payables/payable-status.ts";
import { acceptPayable, autoAcceptDue, findPayable } from "../payables/payables.ts";
import { lockContestEntry } from "./contest-entry.ts";
import { assertEntryTransition, canEntryTransition, entryMachine, entrySubject } from "./contest-status.ts";
import { finishIfSettled } from "./prizes.ts";

export async function acceptEntry(
  tx: Tx,
  by: AccountActor | SystemActor,
  entryId: string,
  deps: Pick<Deps, "clock">,
  options: { onlyWhenDue?: boolean } = {},
): Promise<"paid" | "skipped"> {
  const { task, entry } = await lockContestEntry(tx, entryId, by);
  const now = deps.clock.now();
  if (by.kind === "system") {
    // The buyer accepted first, or a dispute froze it, or (a worker's run) its time by the
    // injected clock has not come: the timer has nothing to do.
    if (!canEntryTransition("accept", entry.status)) return "skipped";
    const payable = await findPayable(tx, "contest_award", entryId);
    if (!payable || !payableMachine.can("accept", payable.status)) return "skipped";
    if (options.onlyWhenDue && !autoAcceptDue(payable, now)) return "skipped";
  } else if (task.buyer_id !== by.accountId) {
    throw forbidden("Only the buyer accepts a handover");
  }
  assertEntryTransition("accept", entry.status);
  const { feeMinor } = await acceptPayable(tx, "contest_award", entryId, by, deps.clock);
  await transition(tx, {
    subject: entrySubject(entryId),
    machine: entryMachine,
    name: "accept",
    actor: by,
    at: now,
    patch: { paid_at: now },
    data: { taskId: task.id, feeMinor },
  });
  await tx
    .updateTable("awards")
    .set({ paid_at: now, fee_minor: feeMinor, accepted_by: by.kind === "system" ? "timer" : "buyer" })
    .where("entry_id", "=", entryId)
    .execute();
  await finishIfSettled(tx, task, now, by);
  return "paid";
}
