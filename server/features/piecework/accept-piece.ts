// POST /entries/:id/accept on a piece (the buyer; Idempotency-Key): the piece is paid at once —
// unit price − the fee snapshotted at posting to its provider (pieces.ts payPiece). Strangers get 404,
// the piece's own author 403; a piece already decided, a task that is closed, or the quantity
// already paid → 409.
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { lockPiece, payPiece } from "./pieces.ts";
import { termsOf } from "./piecework.queries.ts";

export async function acceptPiece(
  tx: Tx,
  buyer: AccountActor,
  entryId: string,
  deps: Pick<Deps, "config" | "jobs" | "clock">,
): Promise<{ feeMinor: number; paidMinor: number }> {
  const { task, entry } = await lockPiece(tx, entryId, buyer);
  if (task.buyer_id !== buyer.accountId) throw forbidden("Only the task's buyer accepts a piece");
  // Once TIMER_PIECE_REVIEW is over by the clock, which waiting pieces are paid is the timer's
  // (earliest first, up to the quantity), even before its job runs: a late pick could pass over an
  // earlier piece.
  const { reviewEndsAt } = await termsOf(tx, task.id);
  if (task.status === "selecting" && reviewEndsAt && reviewEndsAt <= deps.clock.now()) {
    throw new AppError(
      "invalid_transition",
      "The review period of this task is over: waiting pieces are accepted earliest first",
      {
        transition: "accept",
        reviewEndsAt: reviewEndsAt.toISOString(),
      },
    );
  }
  return payPiece(tx, task, entry, buyer, deps);
}
