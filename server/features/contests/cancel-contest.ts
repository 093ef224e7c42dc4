// The buyer withdraws a contest. PRODUCT.md lets a buyer off only before anyone has worked for it:
// while open and without entries (full refund). Once there are entries, the contest's promise holds
// (a guaranteed one pays; a refundable one is refunded at the end of selection) → 409.

import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { refundEscrow, taskEscrow } from "../escrow/escrow.ts";
import type { TaskRow } from "../tasks/tasks.queries.ts";
import { assertTransition, contestMachine, contestSubject } from "./contest-status.ts";
import { markPrizesRefunded } from "./prizes.ts";

export async function cancelContest(
  tx: Tx,
  buyerId: string,
  task: TaskRow,
  deps: Pick<Deps, "clock">,
): Promise<void> {
  if (task.buyer_id !== buyerId) throw forbidden("Only the buyer may cancel the contest");
  assertTransition("cancel", task.status);
  const entry = await tx.selectFrom("entries").select("id").where("task_id", "=", task.id).executeTakeFirst();
  if (entry) {
    throw new AppError(
      "invalid_transition",
      "A contest with entries cannot be cancelled: it will be awarded or refunded by its rules",
      {
        from: task.status,
      },
    );
  }
  await refundEscrow(tx, taskEscrow(task));
  await markPrizesRefunded(tx, task.id);
  const now = deps.clock.now();
  await transition(tx, {
    subject: contestSubject(task.id),
    machine: contestMachine,
    name: "cancel",
    actor: { kind: "account_id", accountId: buyerId },
    at: now,
    patch: { closed_at: now, updated_at: now },
  });
}
