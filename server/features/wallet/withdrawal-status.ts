// The withdrawal state machine (core/state-machine.ts): pending → approved → paid | failed;
// pending → rejected. Use cases name the state they move to; each target has one transition.
import { AppError } from "../../core/errors.ts";
import type { Subject } from "../../core/events.ts";
import { defineMachine } from "../../core/state-machine.ts";

export type WithdrawalStatus = "pending" | "approved" | "paid" | "failed" | "rejected";

const transitions = {
  approve: { from: ["pending"], to: "approved" },
  reject: { from: ["pending"], to: "rejected" },
  pay: { from: ["approved"], to: "paid" },
  fail: { from: ["approved"], to: "failed" },
} as const satisfies Record<string, { from: readonly WithdrawalStatus[]; to: WithdrawalStatus }>;

/** The transition that leads to each state (nothing leads back to pending). */
const byTarget = { approved: "approve", rejected: "reject", paid: "pay", failed: "fail" } as const;

export const withdrawalMachine = defineMachine({
  name: "withdrawal",
  states: ["pending", "approved", "paid", "failed", "rejected"] satisfies WithdrawalStatus[],
  transitions,
  describe: (name, from) => `A ${from} withdrawal cannot become ${transitions[name].to}`,
});

export function canTransition(from: WithdrawalStatus, to: WithdrawalStatus): boolean {
  return to !== "pending" && withdrawalMachine.can(byTarget[to], from);
}

export function assertTransition(from: string, to: WithdrawalStatus): void {
  if (to === "pending") {
    throw new AppError("invalid_transition", `A ${from} withdrawal cannot become pending`, { from, to });
  }
  withdrawalMachine.assert(byTarget[to], from);
}

/** A withdrawal as the subject of transitions and domain events (withdrawal.approved …). */
export const withdrawalSubject = (id: string): Subject<"withdrawals"> => ({
  type: "withdrawal",
  table: "withdrawals",
  id,
});
