// The contest as a TaskMode (tasks/task-mode.ts): app.ts puts it in the table of modes, and the
// shared task routes and reads reach contests only through it. Registers the contests' audit checks.
import type { ContestTerms, CreateContest } from "../../../contracts/tasks.ts";
import { AppError } from "../../core/errors.ts";
import type { TaskMode } from "../tasks/task-mode.ts";
import { acceptEntry } from "./accept-entry.ts";
import { cancelContest } from "./cancel-contest.ts";
import { postContest } from "./post-contest.ts";
import "./contests.audit.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

export const contestMode: TaskMode = {
  mode: "contest",
  post: (tx, buyerId, input, deps) => postContest(tx, buyerId, input as CreateContest, deps),
  cancel: (tx, buyerId, task, deps) => cancelContest(tx, buyerId, task, deps),
  // The buyer accepts a handover (POST /entries/:id/accept, the shared tasks route).
  acceptEntry: (tx, buyer, entryId, deps) => acceptEntry(tx, buyer, entryId, deps),
  assertAcceptsEntry(task, now) {
    if (task.status !== "open" || new Date(task.deadline_at).getTime() <= now.getTime()) {
      throw new AppError("invalid_transition", "Submissions to this contest are closed", {
        status: task.status,
      });
    }
  },
  presentTerms: (r): ContestTerms => ({
    mode: "contest",
    prizesMinor: (r.prizes ?? []).map(Number),
    submissionDeadline: iso(r.deadline_at),
    selectionEndsAt: r.selection_ends_at ? iso(r.selection_ends_at) : null,
    sealed: r.sealed,
    guaranteed: r.guaranteed,
    awards: (r.awards ?? []).map((a) => ({
      ...a,
      amountMinor: Number(a.amountMinor),
      status: (a.status as string) === "submitted" ? "awarded" : a.status,
      awardedAt: iso(a.awardedAt),
      handoverDueAt: a.handoverDueAt ? iso(a.handoverDueAt) : null,
      lapsedAt: a.lapsedAt ? iso(a.lapsedAt) : null,
      reawardEndsAt: a.reawardEndsAt ? iso(a.reawardEndsAt) : null,
    })),
    prizes: (r.prize_states ?? []).map((p) => ({
      ...p,
      amountMinor: Number(p.amountMinor),
      reawardEndsAt: p.reawardEndsAt ? iso(p.reawardEndsAt) : null,
    })),
  }),
};
