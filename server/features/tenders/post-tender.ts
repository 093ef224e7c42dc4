// Posting a tender (API.md "Tenders"): the task row and its terms, nothing escrowed (the money moves
// when a bid is accepted, into the order), and the end-of-selection timer enqueued in the same
// transaction: TIMER_TENDER_SELECTION after the bid deadline, fixed now in selection_ends_at.
import { randomUUID } from "node:crypto";
import type { CreateTender } from "../../../contracts/tasks.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { categoryExists } from "../categories/categories.queries.ts";
import { feeBpsFor } from "../escrow/fees.ts";
import { tenderSubject } from "./tender-status.ts";
import { tenderSelectionEndJob } from "./tenders.queues.ts";

export type TenderDeps = Pick<Deps, "config" | "jobs" | "clock">;

/** The longest bidding period a buyer may set (as a contest's submission period: 30 days). */
export const MAX_BIDDING_MS = 30 * 86_400_000;

/** The bid deadline's rules beyond its shape (CONTEST_MIN_SUBMISSION_PERIOD applies to every task deadline). */
function checkBidDeadline(input: CreateTender, deps: TenderDeps, now: number): Date {
  const deadline = new Date(input.bidDeadline);
  const minMs = deps.config.timers.contestMinSubmissionMs;
  // A client computing "now + the minimum" is a little late by the time we read it: allow that.
  const slackMs = Math.min(5 * 60_000, minMs / 2);
  if (deadline.getTime() <= now) throw invalidInput("bidDeadline is in the past", { field: "bidDeadline" });
  if (deadline.getTime() < now + minMs - slackMs) {
    throw invalidInput(`bidDeadline must be at least ${Math.round(minMs / 1000)} s from now`, {
      field: "bidDeadline",
      minSubmissionMs: minMs,
    });
  }
  if (deadline.getTime() > now + MAX_BIDDING_MS + slackMs) {
    throw invalidInput("bidDeadline may be at most 30 days from now", { field: "bidDeadline" });
  }
  return deadline;
}

export async function postTender(
  tx: Tx,
  buyerId: string,
  input: CreateTender,
  deps: TenderDeps,
): Promise<string> {
  const at = deps.clock.now();
  const deadline = checkBidDeadline(input, deps, at.getTime());
  const categoryId = input.categoryId ?? null;
  if (categoryId !== null && !(await categoryExists(tx, categoryId))) {
    throw invalidInput(`categoryId: no category ${categoryId}`, { field: "categoryId" });
  }
  const selectionEndsAt = new Date(deadline.getTime() + deps.config.timers.tenderSelectionMs);
  const id = randomUUID();
  await tx
    .insertInto("tasks")
    .values({
      id,
      mode: "tender",
      status: "open",
      buyer_id: buyerId,
      title: input.title,
      brief: input.brief,
      category_id: categoryId,
      funded_minor: 0,
      deadline_at: deadline,
      selection_ends_at: selectionEndsAt,
      sealed: input.sealedBids,
      // The fee in force now, for the record; the order snapshots its own when a bid is accepted.
      fee_bps: await feeBpsFor(tx, { categoryId, mode: "tender" }, deps.config.platformFeeBps),
      // Millisecond precision, so that list cursors (ISO strings) compare exactly.
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  await tx
    .insertInto("tender_terms")
    .values({ task_id: id, budget_minor: input.budgetMinor ?? null })
    .execute();
  await appendEvent(tx, {
    subject: tenderSubject(id),
    type: "tender.posted",
    data: {
      to: "open",
      budgetMinor: input.budgetMinor ?? null,
      bidDeadline: deadline.toISOString(),
      selectionEndsAt: selectionEndsAt.toISOString(),
      sealedBids: input.sealedBids,
    },
    actor: { kind: "account_id", accountId: buyerId },
    at,
  });
  await deps.jobs.enqueue(
    tx,
    tenderSelectionEndJob,
    { taskId: id },
    { startAfter: selectionEndsAt, singletonKey: `tender-selection:${id}` },
  );
  return id;
}
