// The piece-rate task's state machines (PRODUCT.md §2 and "Timers"; API.md "Piece-rate tasks"), on
// core/state-machine.ts:
//   task:  open ─closePieces (deadline)→ selecting (the review period, TIMER_PIECE_REVIEW)
//          open | selecting ─complete→ completed   (the last piece paid, or the review ended with ≥ 1 paid)
//          selecting ─refund→ refunded             (the review ended and nothing was paid)
//          open ─cancel→ cancelled                 (the buyer, before anyone sent a piece)
//   piece: submitted ─accept→ paid | ─reject→ rejected (the buyer's reason kept with it)
import { EntryStatus, TaskStatus } from "../../../contracts/tasks.ts";
import type { Subject } from "../../core/events.ts";
import { defineMachine } from "../../core/state-machine.ts";

export const pieceworkMachine = defineMachine({
  name: "piece-rate task",
  states: TaskStatus.options,
  transitions: {
    closePieces: { from: ["open"], to: "selecting" },
    complete: { from: ["open", "selecting"], to: "completed" },
    refund: { from: ["selecting"], to: "refunded" },
    cancel: { from: ["open"], to: "cancelled" },
  },
  describe: (name, from) =>
    `A piece-rate task that is ${from} cannot ${
      {
        closePieces: "stop taking pieces",
        complete: "complete",
        refund: "be refunded",
        cancel: "be cancelled",
      }[name]
    }`,
});

export const pieceMachine = defineMachine({
  name: "piece",
  states: EntryStatus.options,
  transitions: {
    accept: { from: ["submitted"], to: "paid" },
    reject: { from: ["submitted"], to: "rejected" },
  },
  describe: (name, from) =>
    `A piece that is ${from} cannot be ${name === "accept" ? "accepted" : "rejected"}`,
});

/** The task row as the subject of piece-rate events: piecework.posted, piecework.selecting … */
export const pieceworkSubject = (id: string): Subject<"tasks"> => ({ type: "piecework", table: "tasks", id });

/** A piece (an entry row) as the subject of events: entry.submitted (shared), entry.paid, entry.rejected. */
export const pieceSubject = (id: string): Subject<"entries"> => ({ type: "entry", table: "entries", id });

/** Statuses in which a piece-rate task takes no piece and owes nothing any more. */
export const CLOSED: readonly TaskStatus[] = ["completed", "refunded", "cancelled"];
