// The end of a tender's selection (the tenders.selection-end job, TIMER_TENDER_SELECTION after the
// bid deadline): nobody was hired → `closed`, the waiting bids declined. Nothing was escrowed, so
// no money moves. Idempotent and safe when late: it acts only on an open tender whose selection has
// ended by the injected clock; early ("not_due": a database clock a little ahead of ours) the worker
// retries, so the timer is delayed, never lost.
import { systemActor } from "../../core/actor.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import { declineWaitingBids } from "./bids.queries.ts";
import type { TenderDeps } from "./post-tender.ts";
import { tenderMachine, tenderSubject } from "./tender-status.ts";

export async function closeTender(
  tx: Tx,
  taskId: string,
  deps: Pick<TenderDeps, "clock">,
): Promise<"closed" | "skipped" | "not_due"> {
  const task = await lockTask(tx, taskId);
  const now = deps.clock.now();
  if (task.mode !== "tender" || task.status !== "open" || !task.selection_ends_at) return "skipped";
  if (new Date(task.selection_ends_at).getTime() > now.getTime()) return "not_due";
  const actor = systemActor("tenders.selection-end");
  await transition(tx, {
    subject: tenderSubject(task.id),
    machine: tenderMachine,
    name: "close",
    actor,
    at: now,
    patch: { closed_at: now, updated_at: now },
    data: { reason: "not_hired" },
  });
  await declineWaitingBids(tx, task.id, actor, now, "tender_closed");
  return "closed";
}
