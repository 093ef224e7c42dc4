// POST /entries/:id/accept on a piece (the buyer; Idempotency-Key): the piece is paid at once —
// unit price − the fee snapshotted at posting to its provider (pieces.ts payPiece). Strangers get 404,
// the piece's own author 403; a piece already decided, a task that is closed, or the quantity
// already paid → 409.
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { forbidden } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { lockPiece, payPiece } from "./pieces.ts";

export async function acceptPiece(
  tx: Tx,
  buyer: AccountActor,
  entryId: string,
  deps: Pick<Deps, "config" | "jobs" | "clock">,
): Promise<{ feeMinor: number; paidMinor: number }> {
  const { task, entry } = await lockPiece(tx, entryId, buyer);
  if (task.buyer_id !== buyer.accountId) throw forbidden("Only the task's buyer accepts a piece");
  return payPiece(tx, task, entry, buyer, deps);
}
