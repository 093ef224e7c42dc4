// The life of a payable — what is owed to a provider (a contest award now; a piece, a milestone
// next) — on core/state-machine.ts:
//
//   awaiting_delivery ─deliver→ delivered ─accept→ accepted ─pay→ paid
//          │                      │  ↑
//          lapse                  │  └─deliver── revision_requested ←requestRevision─┘
//          ↓                      └─dispute→ disputed (frozen: no accept, no auto-accept)
//        lapsed
//
// `awaiting_delivery` and `lapsed` are here, not in contests, because every way of buying has
// them: a milestone is owed before its work is delivered, and an order can lapse undelivered just
// as an award does. `accepted` and `paid` are two steps (today taken in one transaction) so that a
// payout held back later — a dispute window, a KYC check — has a state to wait in.
// `disputed` is the one place a dispute freezes the money: nothing leads out of it yet (the
// disputes feature will add resolve → accepted | refunded).
import type { Subject } from "../../core/events.ts";
import { defineMachine } from "../../core/state-machine.ts";
import type { PayableStatus } from "../../db/schema.ts";

export type { PayableStatus };

export const payableMachine = defineMachine({
  name: "payable",
  states: [
    "awaiting_delivery",
    "delivered",
    "revision_requested",
    "disputed",
    "accepted",
    "paid",
    "lapsed",
  ] satisfies PayableStatus[],
  transitions: {
    deliver: { from: ["awaiting_delivery", "revision_requested"], to: "delivered" },
    requestRevision: { from: ["delivered"], to: "revision_requested" },
    dispute: { from: ["delivered", "revision_requested"], to: "disputed" },
    accept: { from: ["delivered"], to: "accepted" },
    pay: { from: ["accepted"], to: "paid" },
    lapse: { from: ["awaiting_delivery"], to: "lapsed" },
    /** Its subject was cancelled before it was accepted (an order's milestone refunded): nothing is owed. */
    cancel: { from: ["awaiting_delivery", "delivered", "revision_requested"], to: "lapsed" },
  },
});

export const payableSubject = (id: string): Subject<"payables"> => ({
  type: "payable",
  table: "payables",
  id,
});
