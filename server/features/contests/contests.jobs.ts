// The workers of the contest's timers (PRODUCT.md "Timers"; definitions: contests.queues.ts),
// durable pg-boss jobs enqueued in the transaction that starts them: submission deadline, end of
// selection, the handover deadline of each award and the end of a lapsed prize's re-award period
// (auto-accept after a handover is the payable's: contestPayableKind below). Each handler
// locks the contest and checks its state first, so a job that runs twice (or late, after the buyer
// acted) does nothing the second time; money moves only through posted transfers with ids derived
// from the event — a timeout never pays anyone by voiding.

import { systemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, workerOf } from "../../core/jobs.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { PayableKindHandlers } from "../payables/payables.jobs.ts";
import { acceptEntry } from "./accept-entry.ts";
import { closeSubmissions } from "./close-submissions.ts";
import {
  handoverDueJob,
  legacyAutoAcceptJob,
  reawardEndJob,
  selectionEndJob,
  submissionDeadlineJob,
} from "./contests.queues.ts";
import { endSelection } from "./end-selection.ts";
import { lapseAward, settleLapsedPrizes } from "./lapse-award.ts";

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
    workerOf(submissionDeadlineJob, ({ taskId }) => contestTimers.submissionDeadline(deps, taskId)),
    workerOf(selectionEndJob, ({ taskId }) => contestTimers.selectionEnd(deps, taskId)),
    workerOf(handoverDueJob, ({ entryId }) => contestTimers.handoverDue(deps, entryId)),
    workerOf(reawardEndJob, ({ taskId }) => contestTimers.reawardEnd(deps, taskId)),
    workerOf(legacyAutoAcceptJob, ({ entryId }) => contestTimers.autoAccept(deps, entryId)),
  ];
}
