// The top-up state machine (core/state-machine.ts): pending → succeeded | failed, and failed →
// succeeded when the provider charged the payer after all (settle-top-up.ts). A succeeded top-up
// never goes back: a late failure is an anomaly for operators, not a transition.
import type { Subject } from "../../core/events.ts";
import { defineMachine } from "../../core/state-machine.ts";

export const topUpMachine = defineMachine({
  name: "top-up",
  states: ["pending", "succeeded", "failed"],
  transitions: {
    succeed: { from: ["pending"], to: "succeeded" },
    fail: { from: ["pending"], to: "failed" },
    succeedAfterFailed: { from: ["failed"], to: "succeeded" },
  },
});

/** A top-up as the subject of transitions and domain events (top_up.succeeded …). */
export const topUpSubject = (id: string): Subject<"top_ups"> => ({ type: "top_up", table: "top_ups", id });
