// The steps every write on a piece shares: find it and lock its task, then it (the lock order: task,
// entries, ledger accounts) — strangers get 404 —, pay one piece (the quantity cap checked under the
// task's lock, so racing accepts can never pay more than `quantity`), and settle the task when it
// ends: waiting pieces that can no longer be paid are rejected with a reason, what is left in the
// escrow goes back to the buyer, and the task is completed (≥ 1 paid) or refunded.
import { type AccountActor, type Actor, type SystemActor, systemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, notFound } from "../../core/errors.ts";
import { type EventActor, transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { refundEscrow, taskEscrow } from "../escrow/escrow.ts";
import { acceptPayable, createPayable, deliverPayable } from "../payables/payables.ts";
import { canSeeEntry } from "../tasks/entries.policy.ts";
import { type EntryRow, findEntryRow, lockEntry } from "../tasks/entries.queries.ts";
import { lockTask, type TaskRow } from "../tasks/tasks.queries.ts";
import { pieceCounts, termsOf, waitingPieces } from "./piecework.queries.ts";
import {
  CLOSED,
  pieceMachine,
  pieceSubject,
  pieceworkMachine,
  pieceworkSubject,
} from "./piecework-status.ts";

/** The reason a waiting piece gets when the task ends without it (shown to its author). */
export const NOT_NEEDED_REASON =
  "名额已满或任务已结束，未被采用 · The task's quantity was reached before this piece";

export async function lockPiece(
  tx: Tx,
  entryId: string,
  actor: Actor | SystemActor,
): Promise<{ task: TaskRow; entry: EntryRow }> {
  const found = await findEntryRow(tx, entryId);
  if (!found) throw notFound("Entry");
  const task = await lockTask(tx, found.task_id);
  const entry = await lockEntry(tx, entryId);
  if (task.mode !== "piecework") throw notFound("Entry");
  if (actor.kind !== "system" && !canSeeEntry(task, entry, actor)) throw notFound("Entry");
  return { task, entry };
}

const providerOf = (entry: EntryRow): EventActor => ({ kind: "account_id", accountId: entry.provider_id });

/**
 * Pay one piece now (the caller holds the task's lock): the piece `paid`, its payable created,
 * delivered (the piece is the delivery; no auto-accept timer of its own — the review end is the
 * piece-rate's timer) and accepted, which releases unit − fee to the provider. The last piece of the
 * quantity completes the task.
 */
export async function payPiece(
  tx: Tx,
  task: TaskRow,
  entry: EntryRow,
  by: AccountActor | SystemActor,
  deps: Pick<Deps, "config" | "jobs" | "clock">,
): Promise<{ feeMinor: number; paidMinor: number }> {
  if (CLOSED.includes(task.status)) {
    throw new AppError(
      "invalid_transition",
      `This piece-rate task is ${task.status}: it pays no more pieces`,
      {
        status: task.status,
      },
    );
  }
  const terms = await termsOf(tx, task.id);
  const before = await pieceCounts(tx, task.id);
  if (before.paid >= terms.quantity) {
    throw new AppError("invalid_transition", "All the pieces of this task are paid", {
      quantity: terms.quantity,
    });
  }
  const now = deps.clock.now();
  await transition(tx, {
    subject: pieceSubject(entry.id),
    machine: pieceMachine,
    name: "accept",
    actor: by,
    at: now,
    patch: { paid_at: now },
    data: { taskId: task.id, unitPriceMinor: terms.unitPriceMinor },
  });
  await createPayable(
    tx,
    {
      kind: "piece",
      sourceId: entry.id,
      escrow: taskEscrow(task),
      releaseKey: `piece:${entry.id}`,
      providerId: entry.provider_id,
      amountMinor: terms.unitPriceMinor,
      feeBps: task.fee_bps,
      deliveryDueAt: null,
    },
    by,
    now,
  );
  await deliverPayable(tx, "piece", entry.id, providerOf(entry), deps, { autoAcceptAt: null });
  const paid = await acceptPayable(tx, "piece", entry.id, by, deps.clock);
  if (before.paid + 1 === terms.quantity)
    await settle(tx, task, systemActor("piecework.quantity-reached"), now);
  return paid;
}

/**
 * The task ends (the quantity reached, or the review period over): the pieces still waiting are
 * rejected (nothing is left to pay them), the rest of the escrow returns to the buyer, and the task
 * becomes `completed` (≥ 1 piece paid) or `refunded`.
 */
export async function settle(
  tx: Tx,
  task: TaskRow,
  by: SystemActor,
  now: Date,
): Promise<"completed" | "refunded"> {
  for (const id of await waitingPieces(tx, task.id)) {
    await transition(tx, {
      subject: pieceSubject(id),
      machine: pieceMachine,
      name: "reject",
      actor: by,
      at: now,
      patch: { rejected_at: now, rejection_reason: NOT_NEEDED_REASON },
      data: { taskId: task.id, reason: "not_needed" },
    });
  }
  const { refundedMinor } = await refundEscrow(tx, taskEscrow(task));
  const { paid } = await pieceCounts(tx, task.id);
  const { to } = await transition(tx, {
    subject: pieceworkSubject(task.id),
    machine: pieceworkMachine,
    name: paid > 0 ? "complete" : "refund",
    actor: by,
    at: now,
    patch: { closed_at: now, updated_at: now },
    data: { paid, refundedMinor },
  });
  return to as "completed" | "refunded";
}
