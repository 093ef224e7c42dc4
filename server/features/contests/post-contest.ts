// Posting a contest: the task row, its prize tiers and the whole pool moved from the buyer's wallet
// into the contest's own escrow, in one transaction (402 when the wallet does not cover it), and the
// submission-deadline timer enqueued in the same transaction.
import { randomUUID } from "node:crypto";
import type { CreateContest } from "../../../contracts/tasks.ts";
import type { Config } from "../../config.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { MAX_AMOUNT } from "../../ledger/chart.ts";
import { categoryExists } from "../categories/categories.queries.ts";
import { fundEscrow } from "../escrow/escrow.ts";
import { feeBpsFor } from "../escrow/fees.ts";
import { contestSubject } from "./contest-status.ts";
import { submissionDeadlineJob } from "./contests.queues.ts";

/** The longest submission period a buyer may set (PRODUCT.md: 1–30 days). */
/** What a contest use case is given: settings (timers, fees), the job queue (timers) and the clock. */
export type ContestDeps = Pick<Deps, "config" | "jobs" | "clock">;

export const MAX_SUBMISSION_MS = 30 * 86_400_000;

/** Validate the rules PRODUCT.md sets on a contest beyond the shape of the request. */
export async function validateContest(
  tx: Tx,
  input: CreateContest,
  config: Pick<Config, "timers">,
  now = Date.now(),
): Promise<{ deadline: Date; poolMinor: number }> {
  const prizes = input.prizesMinor;
  for (let i = 1; i < prizes.length; i++) {
    if ((prizes[i] as number) > (prizes[i - 1] as number)) {
      throw invalidInput("prizesMinor: list the prizes from the largest down (first prize first)", {
        field: "prizesMinor",
      });
    }
  }
  const poolMinor = prizes.reduce((a, b) => a + b, 0);
  if (poolMinor > MAX_AMOUNT) throw invalidInput("prizesMinor: the pool may not exceed 10^12 fen");
  const deadline = new Date(input.submissionDeadline);
  const minMs = config.timers.contestMinSubmissionMs;
  // A client computing "now + the minimum" is a little late by the time we read it: allow that.
  const slackMs = Math.min(5 * 60_000, minMs / 2);
  if (deadline.getTime() <= now) {
    throw invalidInput("submissionDeadline is in the past", { field: "submissionDeadline" });
  }
  if (deadline.getTime() < now + minMs - slackMs) {
    throw invalidInput(`submissionDeadline must be at least ${Math.round(minMs / 1000)} s from now`, {
      field: "submissionDeadline",
      minSubmissionMs: minMs,
    });
  }
  if (deadline.getTime() > now + MAX_SUBMISSION_MS + slackMs) {
    throw invalidInput("submissionDeadline may be at most 30 days from now", { field: "submissionDeadline" });
  }
  if (input.categoryId !== undefined && !(await categoryExists(tx, input.categoryId))) {
    throw invalidInput(`categoryId: no category ${input.categoryId}`, { field: "categoryId" });
  }
  return { deadline, poolMinor };
}

export async function postContest(
  tx: Tx,
  buyerId: string,
  input: CreateContest,
  deps: ContestDeps,
): Promise<string> {
  const at = deps.clock.now();
  const { deadline, poolMinor } = await validateContest(tx, input, deps.config, at.getTime());
  const id = randomUUID();
  await tx
    .insertInto("tasks")
    .values({
      id,
      mode: "contest",
      status: "open",
      buyer_id: buyerId,
      title: input.title,
      brief: input.brief,
      category_id: input.categoryId ?? null,
      funded_minor: poolMinor,
      deadline_at: deadline,
      sealed: input.sealed,
      // The fee in force now, kept with the task: a later change of the rules does not touch it.
      fee_bps: await feeBpsFor(
        tx,
        { categoryId: input.categoryId ?? null, mode: "contest" },
        deps.config.platformFeeBps,
      ),
      // Millisecond precision, so that list cursors (ISO strings) compare exactly.
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  // The contest's promise, fixed now (contest_terms): a refundable contest keeps the fail fee in
  // force at posting.
  await tx
    .insertInto("contest_terms")
    .values({
      task_id: id,
      guaranteed: input.guaranteed,
      fail_fee_bps: input.guaranteed ? 0 : deps.config.contestFailFeeBps,
    })
    .execute();
  await tx
    .insertInto("task_prizes")
    .values(input.prizesMinor.map((amount, i) => ({ task_id: id, prize_index: i, amount_minor: amount })))
    .execute();
  // The journey's first event: every later contest.* event of this task follows it (domain_events).
  await appendEvent(tx, {
    subject: contestSubject(id),
    type: "contest.posted",
    data: {
      to: "open",
      poolMinor,
      prizesMinor: input.prizesMinor,
      deadline: deadline.toISOString(),
      guaranteed: input.guaranteed,
      sealed: input.sealed,
    },
    actor: { kind: "account_id", accountId: buyerId },
    at,
  });
  await fundEscrow(tx, { kind: "task", id, payerId: buyerId }, { amountMinor: poolMinor });
  await deps.jobs.enqueue(
    tx,
    submissionDeadlineJob,
    { taskId: id },
    { startAfter: deadline, singletonKey: `contest-deadline:${id}` },
  );
  return id;
}
