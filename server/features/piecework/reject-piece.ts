// POST /entries/:id/reject (the buyer): the piece is `rejected` with the buyer's reason, which its
// author reads on the piece. A rejected piece no longer counts against the provider's
// maxPerProvider, so they may send another while the task takes pieces.
import type { RejectPiece } from "../../../contracts/piecework.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { forbidden } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { lockPiece } from "./pieces.ts";
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
