// The contest state machine as a table: every named transition is allowed exactly from its sources,
// refused (409 invalid_transition) from everything else, and the final states lead nowhere.
import assert from "node:assert/strict";
import { test } from "node:test";
import { EntryStatus, TaskStatus } from "../../../contracts/tasks.ts";
import { AppError } from "../../core/errors.ts";
import {
  assertEntryTransition,
  assertTransition,
  canTransition,
  contestTransitions,
  entryTransitions,
  FINAL_TASK_STATUSES,
} from "./contest-status.ts";

// `hired` and `closed` are a tender's, not a contest's.
const contestStatuses = TaskStatus.options.filter((s) => s !== "hired" && s !== "closed");

test("each contest transition: allowed from its sources, 409 invalid_transition from every other status", () => {
  for (const [name, { from, to }] of Object.entries(contestTransitions)) {
    for (const status of contestStatuses) {
      const allowed = (from as readonly string[]).includes(status);
      const n = name as keyof typeof contestTransitions;
      assert.equal(canTransition(n, status), allowed);
      if (allowed) assert.equal(assertTransition(n, status), to);
      else {
        assert.throws(
          () => assertTransition(n, status),
          (e: unknown) => e instanceof AppError && e.code === "invalid_transition" && e.status === 409,
        );
      }
    }
  }
  // A lapsed (or paid, or rejected) entry leads nowhere: it can be neither handed over nor awarded again.
  for (const status of ["lapsed", "paid", "rejected"]) {
    for (const t of Object.values(entryTransitions)) {
      assert.ok(!(t.from as readonly string[]).includes(status), `${status} is final`);
    }
  }
});

test("final contest states have no way out; every state is reachable from open", () => {
  for (const status of FINAL_TASK_STATUSES) {
    for (const t of Object.values(contestTransitions)) {
      assert.ok(!(t.from as readonly string[]).includes(status), `${status} is final`);
    }
  }
  const reached = new Set<string>(["open"]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of Object.values(contestTransitions)) {
      if (t.from.some((f) => reached.has(f)) && !reached.has(t.to)) {
        reached.add(t.to);
        changed = true;
      }
    }
  }
  assert.deepEqual([...reached].sort(), [...contestStatuses].sort());
});

test("entries: submitted → awarded → handed_over → paid, or awarded → lapsed; nothing else", () => {
  const next: Record<string, string[]> = {
    submitted: ["awarded"],
    awarded: ["handed_over", "lapsed"],
    handed_over: ["paid"],
  };
  for (const [name, t] of Object.entries(entryTransitions)) {
    for (const status of EntryStatus.options) {
      const n = name as keyof typeof entryTransitions;
      if ((t.from as readonly string[]).includes(status)) {
        assert.ok(next[status]?.includes(assertEntryTransition(n, status)), `${name} from ${status}`);
      } else {
        assert.throws(
          () => assertEntryTransition(n, status),
          (e: unknown) => e instanceof AppError && e.status === 409,
        );
      }
    }
  }
  // A lapsed (or paid, or rejected) entry leads nowhere: it can be neither handed over nor awarded again.
  for (const status of ["lapsed", "paid", "rejected"]) {
    for (const t of Object.values(entryTransitions)) {
      assert.ok(!(t.from as readonly string[]).includes(status), `${status} is final`);
    }
  }
});
