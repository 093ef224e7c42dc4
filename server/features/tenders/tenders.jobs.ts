// The worker of the tender's timer (definition: tenders.queues.ts): the end of selection closes a
// tender nobody was hired for. The handler locks the tender and checks its state and the injected
// clock first, so a job that runs twice, or after the buyer hired, does nothing; one that runs
// before its time by the application's clock throws, and pg-boss retries it.
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, workerOf } from "../../core/jobs.ts";
import { inTransaction } from "../../core/transaction.ts";
import { closeTender } from "./close-tender.ts";
import { tenderSelectionEndJob } from "./tenders.queues.ts";

/** The handlers, callable directly (tests, CLI) exactly as the workers run them. */
export const tenderTimers = {
  selectionEnd: (deps: Pick<Deps, "db" | "clock">, taskId: string) =>
    inTransaction(deps.db, (tx) => closeTender(tx, taskId, deps)),
};

export function tenderJobs(deps: Deps): RunnableJob[] {
  return [
    workerOf(tenderSelectionEndJob, async ({ taskId }) => {
      if ((await tenderTimers.selectionEnd(deps, taskId)) === "not_due") {
        throw new Error(`tender ${taskId}: selection still open by the application's clock; retrying`);
      }
    }),
  ];
}
