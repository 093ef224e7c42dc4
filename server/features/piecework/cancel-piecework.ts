// The buyer withdraws a piece-rate task before anyone has worked for it: while open and without
// pieces (full refund). Once a piece has arrived, the task runs by its rules (review, refund of the
// rest at the end) → 409.
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { refundEscrow, taskEscrow } from "../escrow/escrow.ts";
import type { TaskRow } from "../tasks/tasks.queries.ts";
import { pieceworkMachine, pieceworkSubject } from "./piecework-status.ts";

export async function cancelPiecework(
  tx: Tx,
  buyerId: string,
  task: TaskRow,
  deps: Pick<Deps, "clock">,
): Promise<void> {
  if (task.buyer_id !== buyerId) throw forbidden("Only the buyer may cancel the task");
  pieceworkMachine.assert("cancel", task.status);
  const piece = await tx.selectFrom("entries").select("id").where("task_id", "=", task.id).executeTakeFirst();
  if (piece) {
    throw new AppError("invalid_transition", "A piece-rate task with pieces cannot be cancelled", {
      from: task.status,
    });
  }
  await refundEscrow(tx, taskEscrow(task));
  const now = deps.clock.now();
  await transition(tx, {
    subject: pieceworkSubject(task.id),
    machine: pieceworkMachine,
    name: "cancel",
    actor: { kind: "account_id", accountId: buyerId },
    at: now,
    patch: { closed_at: now, updated_at: now },
  });
}
