// Awarding prizes (API.md "Contest rules the API enforces"), by the buyer or by a timer:
//   - the first award: by the buyer while open or selecting (awarding ends submissions), or by the
//     selection-end timer of a guaranteed contest;
//   - an award again of a prize whose award lapsed (lapse-award.ts): by the buyer within
//     TIMER_CONTEST_SELECTION of the lapse, then by the timer (guaranteed contests).
// The rules are about WHICH prizes, not how many: prizes go in tier order — a prize only with or
// after every prize above it (one above counts once it has a live award, or was refunded because
// nobody could win it) — so nobody can award the ¥1 tier and take back the ¥10,000 one. A
// guaranteed contest's first award names every prize a distinct provider can win. One prize per
// provider, and a provider whose award lapsed wins nothing more in this contest. The prizes a first
// award leaves out go back to the buyer in the same transaction, minus a refundable contest's fail
// fee on them. Every award starts its handover timer (TIMER_HANDOVER); nobody is paid yet: the
// winner hands over, then acceptance releases the prize (accept-entry.ts).
import type { AwardPrizes } from "../../../contracts/tasks.ts";
import type { AccountActor, SystemActor } from "../../core/actor.ts";
import { AppError, forbidden, invalidInput } from "../../core/errors.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { createPayable } from "../payables/payables.ts";
import { lockTask, type TaskRow } from "../tasks/tasks.queries.ts";
import {
  assertEntryTransition,
  assertTransition,
  canTransition,
  contestEvents,
  contestMachine,
  contestSubject,
  entryMachine,
  entrySubject,
} from "./contest-status.ts";
import { handoverDueJob } from "./contests.queues.ts";
import type { ContestDeps } from "./post-contest.ts";
import { type PrizeState, prizeName, prizeStates, refundPrizes } from "./prizes.ts";

type Award = { entryId: string; prizeIndex: number };
export type AwardDeps = ContestDeps;

export async function awardPrizes(
  tx: Tx,
  buyer: AccountActor,
  taskId: string,
  input: AwardPrizes,
  deps: AwardDeps,
): Promise<void> {
  const task = await lockTask(tx, taskId);
  if (task.buyer_id !== buyer.accountId) throw forbidden("Only the buyer awards prizes");
  if (task.mode !== "contest") throw invalidInput("Only contests have prizes");
  await applyAwards(tx, task, input.awards, buyer, deps);
}

/** Record awards on a locked contest (a first award moves it to `awarded`) and start their timers. */
export async function applyAwards(
  tx: Tx,
  task: TaskRow,
  awards: readonly Award[],
  by: AccountActor | SystemActor,
  deps: AwardDeps,
): Promise<void> {
  const now = deps.clock.now();
  const firstAward = by.kind === "account" ? "award" : "autoAward";
  const first = canTransition(firstAward, task.status);
  const name = first ? firstAward : "reaward";
  assertTransition(name, task.status);
  const prizes = await prizeStates(tx, task.id);

  if (awards.length === 0) throw invalidInput("Award at least one prize");
  const entryIds = awards.map((a) => a.entryId);
  if (new Set(entryIds).size !== entryIds.length) throw invalidInput("An entry can win one prize only");
  const indexes = awards.map((a) => a.prizeIndex);
  if (new Set(indexes).size !== indexes.length) throw invalidInput("Each prize is awarded once");
  for (const i of indexes) {
    if (!prizes.some((p) => p.index === i)) {
      throw invalidInput(`prizeIndex ${i}: this contest has ${prizes.length} prize(s)`, { prizeIndex: i });
    }
  }
  if (!first) assertAwardableAgain(prizes, indexes, by, now, task.status);

  const entries = await tx
    .selectFrom("entries")
    .selectAll()
    .where("task_id", "=", task.id)
    .where("id", "in", entryIds)
    .orderBy("id")
    .forUpdate()
    .execute();
  for (const id of entryIds) {
    const entry = entries.find((e) => e.id === id);
    if (!entry) throw invalidInput(`Entry ${id} is not an entry of this contest`, { entryId: id });
    // A lapsed winner's entry (or one already awarded) cannot win again: 409.
    assertEntryTransition("award", entry.status);
  }
  const providers = entries.map((e) => e.provider_id);
  if (new Set(providers).size !== providers.length) {
    throw invalidInput("One prize per provider: these entries include two by the same provider");
  }
  const earlier = await tx
    .selectFrom("awards")
    .select(["provider_id", "lapsed_at"])
    .where("task_id", "=", task.id)
    .where("provider_id", "in", providers)
    .executeTakeFirst();
  if (earlier) {
    throw invalidInput(
      earlier.lapsed_at
        ? "This provider's award in this contest lapsed (no handover in time): they cannot be awarded again here"
        : "One prize per provider: this provider already has a prize in this contest",
      { providerId: earlier.provider_id },
    );
  }

  // Tier order: every prize above a named one is named too, or already settled (a live award, or
  // refunded because nobody could win it).
  const named = new Set(indexes);
  for (const i of [...named].sort((a, b) => a - b)) {
    const missing = prizes.find(
      (p) => p.index < i && !named.has(p.index) && (p.state === "open" || p.state === "reawardable"),
    );
    const prize = prizes.find((p) => p.index === i) as PrizeState;
    if (missing) {
      throw invalidInput(
        `Prizes go in tier order: ${prizeName(prize)} cannot be awarded without ${prizeName(missing)}`,
        { prizeIndex: i, missingPrizeIndex: missing.index },
      );
    }
  }
  if (first && task.guaranteed) {
    const { n } = await tx
      .selectFrom("entries")
      .select((eb) => eb.fn.count<number>("provider_id").distinct().as("n"))
      .where("task_id", "=", task.id)
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow();
    const required = Math.min(prizes.length, Number(n));
    const missing = prizes.find((p) => p.index < required && !named.has(p.index));
    if (missing) {
      throw invalidInput(
        `A guaranteed contest awards every prize a distinct provider can win (${n} provider(s) entered): ${prizeName(missing)} is missing`,
        { required, missingPrizeIndex: missing.index },
      );
    }
  }

  const handoverDueAt = new Date(now.getTime() + deps.config.timers.handoverMs);
  await tx
    .insertInto("awards")
    .values(
      awards.map((a) => {
        const entry = entries.find((e) => e.id === a.entryId);
        const prize = prizes.find((p) => p.index === a.prizeIndex);
        return {
          task_id: task.id,
          prize_index: a.prizeIndex,
          entry_id: a.entryId,
          provider_id: entry?.provider_id as string,
          amount_minor: prize?.amountMinor as number,
          awarded_by: by.kind === "account" ? "buyer" : "timer",
          awarded_at: now,
          handover_due_at: handoverDueAt,
        };
      }),
    )
    .execute();
  // One event per state change: the contest's (awarded, or reawarded), then per award the entry's
  // and its payable's (what the winner will be paid on acceptance, fee snapshotted from the task).
  await transition(tx, {
    subject: contestSubject(task.id),
    machine: contestMachine,
    name,
    actor: by,
    at: now,
    patch: { updated_at: now },
    data: { awards: awards.map((a) => ({ entryId: a.entryId, prizeIndex: a.prizeIndex })) },
    event: contestEvents[name],
  });
  for (const a of [...awards].sort((x, y) => x.prizeIndex - y.prizeIndex)) {
    const entry = entries.find((e) => e.id === a.entryId);
    const prize = prizes.find((p) => p.index === a.prizeIndex);
    await transition(tx, {
      subject: entrySubject(a.entryId),
      machine: entryMachine,
      name: "award",
      actor: by,
      at: now,
      data: { taskId: task.id, prizeIndex: a.prizeIndex },
    });
    await createPayable(
      tx,
      {
        kind: "contest_award",
        sourceId: a.entryId,
        escrow: { kind: "task", id: task.id, payerId: task.buyer_id },
        releaseKey: `prize:${a.prizeIndex}`,
        providerId: entry?.provider_id as string,
        amountMinor: prize?.amountMinor as number,
        feeBps: task.fee_bps,
        deliveryDueAt: handoverDueAt,
      },
      by,
      now,
    );
    await deps.jobs.enqueue(
      tx,
      handoverDueJob,
      { entryId: a.entryId },
      { startAfter: handoverDueAt, singletonKey: `contest-handover:${a.entryId}` },
    );
  }
  if (first) {
    // The prizes nobody received (a refundable contest's choice, or fewer providers than prizes).
    await refundPrizes(
      tx,
      task,
      prizes.filter((p) => !named.has(p.index)),
      "unawarded",
    );
  }
}

/** An awarded contest takes awards only for prizes whose award lapsed, in their re-award period. */
function assertAwardableAgain(
  prizes: readonly PrizeState[],
  indexes: readonly number[],
  by: AccountActor | SystemActor,
  now: Date,
  from: string,
): void {
  const open = (p: PrizeState) =>
    p.state === "reawardable" && (by.kind === "system" || (p.reawardEndsAt as Date) > now);
  if (!prizes.some((p) => p.state === "reawardable")) {
    throw new AppError(
      "invalid_transition",
      "This contest is awarded: only a prize whose award lapsed can be awarded again, within its re-award period",
      { transition: "reaward", from },
    );
  }
  for (const i of indexes) {
    const p = prizes.find((x) => x.index === i) as PrizeState;
    if (!open(p)) {
      const why =
        p.state === "reawardable"
          ? "its re-award period has ended"
          : p.state === "open"
            ? "it was never awarded"
            : `it is ${p.state}`;
      throw new AppError("invalid_transition", `${prizeName(p)} cannot be awarded again: ${why}`, {
        prizeIndex: i,
        prizeStatus: p.state,
      });
    }
  }
}
