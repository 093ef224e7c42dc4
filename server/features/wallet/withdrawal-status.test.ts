// The withdrawal machine on defineMachine: pending → approved → paid | failed; pending → rejected;
// every other move is 409 invalid_transition with the message it always had.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "../../core/errors.ts";
import { assertTransition, canTransition, type WithdrawalStatus } from "./withdrawal-status.ts";

const ALL: WithdrawalStatus[] = ["pending", "approved", "paid", "failed", "rejected"];
const NEXT: Record<WithdrawalStatus, WithdrawalStatus[]> = {
  pending: ["approved", "rejected"],
  approved: ["paid", "failed"],
  paid: [],
  failed: [],
  rejected: [],
};

test("withdrawals move only along the table", () => {
  for (const from of ALL) {
    for (const to of ALL) {
      const allowed = NEXT[from].includes(to);
      assert.equal(canTransition(from, to), allowed, `${from} → ${to}`);
      if (allowed) assertTransition(from, to);
      else {
        assert.throws(
          () => assertTransition(from, to),
          (e: unknown) =>
            e instanceof AppError &&
            e.code === "invalid_transition" &&
            e.message === `A ${from} withdrawal cannot become ${to}`,
        );
      }
    }
  }
});
