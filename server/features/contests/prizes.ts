// A contest's prizes, one by one (API.md "Contest rules the API enforces"): each tier is `open` (not
// awarded yet), `awarded` (a live award: the winner hands over, then is paid), `paid`,
// `reawardable` (its award lapsed and nobody has it yet) or `refunded` (back to the buyer). The
// escrow holds exactly the prizes that are neither paid nor refunded (contests.audit.ts); the contest
// is final once every prize is paid or refunded.
import { type AccountActor, type SystemActor, systemActor } from "../../core/actor.ts";
import { transition } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { feeOf, refundEscrow, taskEscrow } from "../escrow/escrow.ts";
import type { TaskRow } from "../tasks/tasks.queries.ts";
import { contestMachine, contestSubject } from "./contest-status.ts";

export type PrizeState = {
  index: number;
  amountMinor: number;
  state: "open" | "awarded" | "paid" | "reawardable" | "refunded";
  /** Reawardable: until then the buyer may award it again (after that, the timer settles it). */
  reawardEndsAt: Date | null;
};

/** The prizes of a contest in tier order (read under the contest's row lock). */
export async function prizeStates(tx: Tx, taskId: string): Promise<PrizeState[]> {
  const prizes = await tx
    .selectFrom("task_prizes")
    .select(["prize_index", "amount_minor", "refunded_at"])
    .where("task_id", "=", taskId)
    .orderBy("prize_index")
    .execute();
  const awards = await tx
    .selectFrom("awards")
    .select(["prize_index", "paid_at", "lapsed_at", "reaward_ends_at"])
    .where("task_id", "=", taskId)
    .execute();
  return prizes.map((p) => {
    const mine = awards.filter((a) => a.prize_index === p.prize_index);
    const live = mine.find((a) => a.lapsed_at === null);
    const lapsedUntil = mine
      .filter((a) => a.reaward_ends_at !== null)
      .map((a) => new Date(a.reaward_ends_at as Date).getTime())
      .sort((a, b) => b - a)[0];
    const state: PrizeState["state"] = p.refunded_at
      ? "refunded"
      : live?.paid_at
        ? "paid"
        : live
          ? "awarded"
          : lapsedUntil !== undefined
            ? "reawardable"
            : "open";
    return {
      index: p.prize_index,
      amountMinor: Number(p.amount_minor),
      state,
      reawardEndsAt: state === "reawardable" && lapsedUntil !== undefined ? new Date(lapsedUntil) : null,
    };
  });
}

/** "prize 2 (prizeIndex 1, ¥100.00)" — how error messages name a tier. */
export function prizeName(p: Pick<PrizeState, "index" | "amountMinor">): string {
  const yuan = (p.amountMinor / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
  return `prize ${p.index + 1} (prizeIndex ${p.index}, ¥${yuan})`;
}

/**
 * Give `prizes` back to the buyer, as one refund named `key` (`unawarded`, `prize:<index>`): a
 * refundable contest keeps its fail fee on exactly that part (fixed at posting; a guaranteed
 * contest has none). Call it under the contest's row lock.
 */
export async function refundPrizes(
  tx: Tx,
  task: TaskRow,
  prizes: readonly Pick<PrizeState, "index" | "amountMinor">[],
  key: string,
): Promise<{ refundedMinor: number; failFeeMinor: number }> {
  const amountMinor = prizes.reduce((sum, p) => sum + p.amountMinor, 0);
  if (amountMinor === 0) return { refundedMinor: 0, failFeeMinor: 0 };
  const result = await refundEscrow(tx, taskEscrow(task), {
    amountMinor,
    failFeeMinor: task.guaranteed ? 0 : feeOf(amountMinor, task.fail_fee_bps),
    key,
  });
  await markPrizesRefunded(
    tx,
    task.id,
    prizes.map((p) => p.index),
  );
  return result;
}

/** Record that these prizes (default: all that are not refunded yet) went back to the buyer. */
export async function markPrizesRefunded(tx: Tx, taskId: string, indexes?: readonly number[]): Promise<void> {
  if (indexes?.length === 0) return;
  let q = tx
    .updateTable("task_prizes")
    .set({ refunded_at: new Date() })
    .where("task_id", "=", taskId)
    .where("refunded_at", "is", null);
  if (indexes) q = q.where("prize_index", "in", indexes);
  await q.execute();
}

/**
 * An awarded contest whose prizes are all paid or refunded is final: `completed` when someone was
 * paid, `refunded` when every award lapsed and every prize went back to the buyer.
 */
export async function finishIfSettled(
  tx: Tx,
  task: TaskRow,
  now: Date,
  by: AccountActor | SystemActor = systemActor("contest.settled"),
): Promise<boolean> {
  const prizes = await prizeStates(tx, task.id);
  if (!prizes.every((p) => p.state === "paid" || p.state === "refunded")) return false;
  await transition(tx, {
    subject: contestSubject(task.id),
    machine: contestMachine,
    name: prizes.some((p) => p.state === "paid") ? "complete" : "refundLapsed",
    actor: by,
    at: now,
    patch: { closed_at: now, updated_at: now },
  });
  return true;
}
