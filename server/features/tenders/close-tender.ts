// The end of a tender's selection (the tenders.selection-end job, TIMER_TENDER_SELECTION after the
// bid deadline): nobody was hired → `closed`, the waiting bids declined. Nothing was escrowed, so
// no money moves. Idempotent and safe when early or late: it acts only on an open tender whose
// selection has ended by the injected clock.
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
): Promise<"closed" | "skipped"> {
  const task = await lockTask(tx, taskId);
  const now = deps.clock.now();
  if (task.mode !== "tender" || task.status !== "open") return "skipped";
  if (!task.selection_ends_at || new Date(task.selection_ends_at).getTime() > now.getTime()) return "skipped";
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
