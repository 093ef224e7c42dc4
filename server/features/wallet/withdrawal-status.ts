// The withdrawal state machine. pending → approved → paid | failed; pending → rejected.
import { AppError } from "../../core/errors.ts";

export type WithdrawalStatus = "pending" | "approved" | "paid" | "failed" | "rejected";

const transitions: Record<WithdrawalStatus, readonly WithdrawalStatus[]> = {
  pending: ["approved", "rejected"],
  approved: ["paid", "failed"],
  paid: [],
  failed: [],
  rejected: [],
};

export function canTransition(from: WithdrawalStatus, to: WithdrawalStatus): boolean {
  return transitions[from].includes(to);
}

export function assertTransition(from: string, to: WithdrawalStatus): void {
  if (!canTransition(from as WithdrawalStatus, to)) {
    throw new AppError("invalid_transition", `A ${from} withdrawal cannot become ${to}`, { from, to });
  }
}
