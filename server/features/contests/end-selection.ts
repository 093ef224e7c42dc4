// The end of the selection period (a durable job) for a contest the buyer did not award:
//   - guaranteed: awarded automatically, tier by tier, to the best-rated entry (then one not flagged
//     as a likely copy, then the earliest) of a provider without a prize yet; the winners then hand
//     over and are paid on acceptance;
//   - refundable: the pool goes back to the buyer minus the fail fee (CONTEST_FAIL_FEE_BPS, fixed at
//     posting). Idempotent: a second run finds the contest no longer selecting.

import { sql } from "kysely";
import { systemActor } from "../../core/actor.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { feeOf, refundEscrow, taskEscrow } from "../escrow/escrow.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import { type AwardDeps, applyAwards } from "./award-prizes.ts";
import { contestMachine, contestSubject } from "./contest-status.ts";
import { markPrizesRefunded } from "./prizes.ts";

export async function endSelection(
  tx: Tx,
  taskId: string,
  deps: AwardDeps,
): Promise<"auto_awarded" | "refunded" | "skipped"> {
  const task = await lockTask(tx, taskId);
  if (task.mode !== "contest" || task.status !== "selecting") return "skipped";
  const now = deps.clock.now();
  const ranked = task.guaranteed ? await rankedCandidates(tx, task.id) : [];
  if (ranked.length === 0) {
    await transition(tx, {
      subject: contestSubject(task.id),
      machine: contestMachine,
      name: "refund",
      actor: systemActor("contest.selection-end"),
      at: now,
      patch: { closed_at: now, updated_at: now },
      data: { reason: "not_awarded" },
    });
    await refundEscrow(tx, taskEscrow(task), {
      failFeeMinor: feeOf(task.funded_minor, task.fail_fee_bps),
    });
    await markPrizesRefunded(tx, task.id);
    return "refunded";
  }
  const prizes = await tx
    .selectFrom("task_prizes")
    .select("prize_index")
    .where("task_id", "=", task.id)
    .orderBy("prize_index")
    .execute();
  const awards: { entryId: string; prizeIndex: number }[] = [];
  for (const entry of ranked) {
    const prize = prizes[awards.length];
    if (!prize) break;
    awards.push({ entryId: entry.id, prizeIndex: prize.prize_index });
  }
  await applyAwards(tx, task, awards, systemActor("contest.selection-end"), deps);
  return "auto_awarded";
}

/**
 * Who the timer awards, best first: entries still `submitted`, by the buyer's rating, then not
 * flagged as a likely copy, then the earliest — one per provider, and none of a provider who
 * already has (or lost by lapse) an award in this contest.
 */
export async function rankedCandidates(
  tx: Tx,
  taskId: string,
): Promise<{ id: string; provider_id: string }[]> {
  const rows = await tx
    .selectFrom("entries")
    .select(["id", "provider_id"])
    .where("task_id", "=", taskId)
    .where("status", "=", "submitted")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("awards")
            .select("awards.entry_id")
            .where("awards.task_id", "=", taskId)
            .whereRef("awards.provider_id", "=", "entries.provider_id"),
        ),
      ),
    )
    .orderBy("rating", (ob) => ob.desc().nullsLast())
    // Among equals, an entry the originality guard flagged as a likely copy comes last.
    .orderBy(sql`coalesce(originality_status = 'flagged', false)`)
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.provider_id) && Boolean(seen.add(r.provider_id)));
}
