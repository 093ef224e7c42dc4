// The contest's timers (PRODUCT.md "Timers"), durable pg-boss jobs enqueued in the transaction that
// starts them: submission deadline, end of selection, the handover deadline of each award and the
// end of a lapsed prize's re-award period, auto-accept after a handover. Each handler
// locks the contest and checks its state first, so a job that runs twice (or late, after the buyer
// acted) does nothing the second time; money moves only through posted transfers with ids derived
// from the event — a timeout never pays anyone by voiding.

import { z } from "zod";
import { systemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { inTransaction } from "../../core/transaction.ts";
import { type RunnableJob, runnable } from "../../jobs/jobs.ts";
import type { PayableKindHandlers } from "../payables/payables.jobs.ts";
import { acceptEntry } from "./accept-entry.ts";
import { closeSubmissions } from "./close-submissions.ts";
import { endSelection } from "./end-selection.ts";
import { lapseAward, settleLapsedPrizes } from "./lapse-award.ts";

export const submissionDeadlineJob = {
  name: "contest-submission-deadline",
  schema: z.object({ taskId: z.string().uuid() }),
};
export const selectionEndJob = {
  name: "contest-selection-end",
  schema: z.object({ taskId: z.string().uuid() }),
};
/** TIMER_HANDOVER after an award: the award lapses unless the winner handed over. */
export const handoverDueJob = {
  name: "contest-handover-due",
  schema: z.object({ entryId: z.string().uuid() }),
};
/** TIMER_CONTEST_SELECTION after a lapse: the lapsed prize is awarded automatically or refunded. */
export const reawardEndJob = {
  name: "contest-reaward-end",
  schema: z.object({ taskId: z.string().uuid() }),
};
/**
 * Before issue 13 a handover enqueued this; now it delivers the award's payable and the one
 * payables.auto-accept job decides (contestPayableKind below). Kept so jobs already waiting run.
 */
export const autoAcceptJob = {
  name: "contest-auto-accept",
  schema: z.object({ entryId: z.string().uuid() }),
};

/** The handlers, callable directly (tests, CLI) exactly as the workers run them. */
export const contestTimers = {
  submissionDeadline: (deps: Pick<Deps, "db" | "config" | "jobs" | "clock">, taskId: string) =>
    inTransaction(deps.db, (tx) => closeSubmissions(tx, taskId, deps)),
  selectionEnd: (deps: Pick<Deps, "db" | "config" | "jobs" | "clock">, taskId: string) =>
    inTransaction(deps.db, (tx) => endSelection(tx, taskId, deps)),
  handoverDue: (deps: Pick<Deps, "db" | "config" | "jobs" | "clock">, entryId: string) =>
    inTransaction(deps.db, (tx) => lapseAward(tx, entryId, deps)),
  reawardEnd: (deps: Pick<Deps, "db" | "config" | "jobs" | "clock">, taskId: string) =>
    inTransaction(deps.db, (tx) => settleLapsedPrizes(tx, taskId, deps)),
  /** The auto-accept timer has fired (the model tests' "time has come"; the old job). */
  autoAccept: (deps: Pick<Deps, "db" | "clock">, entryId: string) =>
    inTransaction(deps.db, (tx) => acceptEntry(tx, systemActor("contest.auto-accept"), entryId, deps)),
};

/**
 * A contest award as a kind of payable: the payables.auto-accept job accepts it as the buyer would,
 * only once its auto_accept_at has come by the injected clock (registered in app.ts).
 */
export const contestPayableKind: PayableKindHandlers = {
  accept: (tx, by, entryId, deps) => acceptEntry(tx, by, entryId, deps, { onlyWhenDue: true }),
};

export function contestJobs(deps: Deps): RunnableJob[] {
  return [
    runnable({
      ...submissionDeadlineJob,
      handler: async ({ taskId }) => {
        await contestTimers.submissionDeadline(deps, taskId);
      },
    }),
    runnable({
      ...selectionEndJob,
      handler: async ({ taskId }) => {
        await contestTimers.selectionEnd(deps, taskId);
      },
    }),
    runnable({
      ...handoverDueJob,
      handler: async ({ entryId }) => {
        await contestTimers.handoverDue(deps, entryId);
      },
    }),
    runnable({
      ...reawardEndJob,
      handler: async ({ taskId }) => {
        await contestTimers.reawardEnd(deps, taskId);
      },
    }),
    runnable({
      ...autoAcceptJob,
      handler: async ({ entryId }) => {
        await contestTimers.autoAccept(deps, entryId);
      },
    }),
  ];
}
