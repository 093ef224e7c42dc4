// The worker of the one auto-accept timer of every payable (definition: payables.queues.ts;
// PRODUCT.md "Timers": TIMER_AUTO_ACCEPT after a delivery, unless the payer accepted, asked for a revision or disputed). The job names the
// payable; the handler asks the payable's kind (registered in app.ts: contests for
// contest_award) to accept it as the system — the kind locks its subject first, then the payable,
// and re-checks: a second run, a late run after the payer acted, or one before `auto_accept_at` by
// the injected clock does nothing.
import { type SystemActor, systemActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { type RunnableJob, workerOf } from "../../core/jobs.ts";
import { inTransaction } from "../../core/transaction.ts";
import type { Tx } from "../../db/database.ts";
import type { PayablesTable } from "../../db/schema.ts";
import { autoAcceptPayableJob } from "./payables.queues.ts";

/** What a way of buying does when its payable is accepted (its own rows, then acceptPayable). */
export type PayableKindHandlers = Readonly<{
  accept(tx: Tx, by: SystemActor, sourceId: string, deps: Deps): Promise<"paid" | "skipped">;
}>;
/** Each kind's handlers, registered in app.ts as its way of buying lands (a kind without one is retried). */
export type PayableKinds = Readonly<Partial<Record<PayablesTable["kind"], PayableKindHandlers>>>;

export const AUTO_ACCEPT_ACTOR = systemActor("payables.auto-accept");

/**
 * The auto-accept of one payable, callable directly (tests, CLI) exactly as the worker runs it:
 * "not_due" when its auto_accept_at by the injected clock is still ahead (the worker then throws,
 * so the job is retried with backoff: a database clock a little ahead of ours delays, never loses it).
 */
export async function autoAcceptPayable(
  deps: Deps,
  kinds: PayableKinds,
  payableId: string,
): Promise<"paid" | "skipped" | "not_due"> {
  const p = await deps.db.selectFrom("payables").selectAll().where("id", "=", payableId).executeTakeFirst();
  if (!p) return "skipped";
  const kind = kinds[p.kind];
  if (!kind) throw new Error(`payable ${payableId}: no handler registered for kind ${p.kind}`);
  const result = await inTransaction(deps.db, (tx) => kind.accept(tx, AUTO_ACCEPT_ACTOR, p.source_id, deps));
  if (result === "skipped" && notDueYet(p, deps.clock.now())) return "not_due";
  return result;
}

const notDueYet = (p: { status: string; auto_accept_at: Date | string | null }, now: Date) =>
  p.status === "delivered" && p.auto_accept_at !== null && new Date(p.auto_accept_at) > now;

export function payableJobs(deps: Deps, kinds: PayableKinds): RunnableJob[] {
  return [
    workerOf(autoAcceptPayableJob, async ({ payableId }) => {
      if ((await autoAcceptPayable(deps, kinds, payableId)) === "not_due") {
        throw new Error(`payable ${payableId}: not due yet by the application's clock; retrying`);
      }
    }),
  ];
}
