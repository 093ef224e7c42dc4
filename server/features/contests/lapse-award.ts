// The handover deadline (PRODUCT.md "Timers": a contest winner hands over within TIMER_HANDOVER of
// the award; API.md "Contest rules the API enforces"). Two durable jobs:
//   - handover due: the entry is still `awarded` → the award lapses (entry `lapsed`, the award row
//     keeps `lapsed_at`) and the buyer may award that prize to another provider until
//     `reaward_ends_at` (TIMER_CONTEST_SELECTION after the lapse);
//   - re-award end: every lapsed prize whose re-award period has ended and that nobody holds is
//     settled, in tier order: a guaranteed contest awards it automatically (best rated, then not
//     flagged, then earliest, of a provider without an award here — never the lapsed winner), a
//     refundable one — or one with nobody eligible — refunds it (minus the fail fee on it). A lower
//     prize waits while a higher one is still the buyer's to award: that prize's own timer, later,
//     settles both. A contest whose prizes are then all paid or refunded is final.
// Both handlers lock the contest and read the state first: a second run, or one after the winner
// handed over, does nothing.

import { systemActor } from "../../core/actor.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { lapsePayable } from "../payables/payables.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import { type AwardDeps, applyAwards } from "./award-prizes.ts";
import { lockContestEntry } from "./contest-entry.ts";
import { canEntryTransition, entryMachine, entrySubject } from "./contest-status.ts";
import { reawardEndJob } from "./contests.queues.ts";
import { rankedCandidates } from "./end-selection.ts";
import { finishIfSettled, prizeStates, refundPrizes } from "./prizes.ts";

export async function lapseAward(tx: Tx, entryId: string, deps: AwardDeps): Promise<"lapsed" | "skipped"> {
  const { entry } = await lockContestEntry(tx, entryId, systemActor("contest.handover-due"));
  // Handed over (or paid) in time: nothing to do.
  if (!canEntryTransition("lapse", entry.status)) return "skipped";
  const award = await tx.selectFrom("awards").selectAll().where("entry_id", "=", entryId).executeTakeFirst();
  const now = deps.clock.now();
  // Never early (and an award from before handover deadlines existed has none).
  if (!award?.handover_due_at || award.lapsed_at || new Date(award.handover_due_at) > now) return "skipped";
  const reawardEndsAt = new Date(now.getTime() + deps.config.timers.contestSelectionMs);
  const by = systemActor("contest.handover-due");
  await transition(tx, {
    subject: entrySubject(entryId),
    machine: entryMachine,
    name: "lapse",
    actor: by,
    at: now,
    data: {
      taskId: award.task_id,
      prizeIndex: award.prize_index,
      reawardEndsAt: reawardEndsAt.toISOString(),
    },
  });
  await lapsePayable(tx, "contest_award", entryId, by, now);
  await tx
    .updateTable("awards")
    .set({ lapsed_at: now, reaward_ends_at: reawardEndsAt })
    .where("entry_id", "=", entryId)
    .execute();
  await deps.jobs.enqueue(
    tx,
    reawardEndJob,
    { taskId: award.task_id },
    { startAfter: reawardEndsAt, singletonKey: `contest-reaward:${entryId}` },
  );
  return "lapsed";
}

export async function settleLapsedPrizes(
  tx: Tx,
  taskId: string,
  deps: AwardDeps,
): Promise<{ awarded: number[]; refunded: number[] } | "skipped"> {
  let task = await lockTask(tx, taskId);
  if (task.mode !== "contest" || task.status !== "awarded") return "skipped";
  const now = deps.clock.now();
  const awarded: number[] = [];
  const refunded: number[] = [];
  for (const prize of await prizeStates(tx, task.id)) {
    if (prize.state !== "reawardable") continue;
    // Still the buyer's to award: it, and the prizes below it, wait for its own timer.
    if ((prize.reawardEndsAt as Date) > now) break;
    const [best] = task.guaranteed ? await rankedCandidates(tx, task.id) : [];
    if (best) {
      await applyAwards(
        tx,
        task,
        [{ entryId: best.id, prizeIndex: prize.index }],
        systemActor("contest.handover-due"),
        deps,
      );
      awarded.push(prize.index);
    } else {
      await refundPrizes(tx, task, [prize], `prize:${prize.index}`);
      refunded.push(prize.index);
    }
    task = await lockTask(tx, taskId);
  }
  if (awarded.length + refunded.length === 0) return "skipped";
  await finishIfSettled(tx, task, now);
  return { awarded, refunded };
}
