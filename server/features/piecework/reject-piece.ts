// POST /entries/:id/reject (the buyer): the piece is `rejected` with the buyer's reason, which its
// author reads on the piece. A rejected piece no longer counts against the provider's
// maxPerProvider, so they may send another while the task takes pieces.
import type { RejectPiece } from "../../../contracts/piecework.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { lockPiece } from "./pieces.ts";
import { termsOf } from "./piecework.queries.ts";
import { pieceMachine, pieceSubject } from "./piecework-status.ts";

export async function rejectPiece(
  tx: Tx,
  buyer: AccountActor,
  entryId: string,
  input: RejectPiece,
  deps: Pick<Deps, "clock">,
): Promise<void> {
  const { task } = await lockPiece(tx, entryId, buyer);
  if (task.buyer_id !== buyer.accountId) throw forbidden("Only the task's buyer rejects a piece");
  const now = deps.clock.now();
  // TIMER_PIECE_REVIEW is decided by the clock, not by when its job runs: once the review period
  // is over the waiting pieces are the timer's to accept (earliest first), too late to reject.
  const { reviewEndsAt } = await termsOf(tx, task.id);
  if (task.status === "selecting" && reviewEndsAt && reviewEndsAt <= now) {
    throw new AppError(
      "invalid_transition",
      "The review period of this task is over: waiting pieces are accepted",
      {
        transition: "reject",
        reviewEndsAt: reviewEndsAt.toISOString(),
      },
    );
  }
  await transition(tx, {
    subject: pieceSubject(entryId),
    machine: pieceMachine,
    name: "reject",
    actor: buyer,
    at: now,
    patch: { rejected_at: now, rejection_reason: input.reason },
    data: { taskId: task.id },
  });
}
