// The buyer withdraws a tender: while open, before anyone is hired (PRODUCT.md). Nothing was
// escrowed, so nothing is refunded; the bids still waiting are declined, so that their providers
// see the tender is over.
import { forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import type { TaskRow } from "../tasks/tasks.queries.ts";
import { declineWaitingBids } from "./bids.queries.ts";
import type { TenderDeps } from "./post-tender.ts";
import { tenderMachine, tenderSubject } from "./tender-status.ts";

export async function cancelTender(
  tx: Tx,
  buyerId: string,
  task: TaskRow,
  deps: Pick<TenderDeps, "clock">,
): Promise<void> {
  if (task.buyer_id !== buyerId) throw forbidden("Only the buyer may cancel the tender");
  const now = deps.clock.now();
  const actor = { kind: "account_id", accountId: buyerId } as const;
  await transition(tx, {
    subject: tenderSubject(task.id),
    machine: tenderMachine,
    name: "cancel",
    actor,
    at: now,
    patch: { closed_at: now, updated_at: now },
  });
  await declineWaitingBids(tx, task.id, actor, now, "tender_cancelled");
}
