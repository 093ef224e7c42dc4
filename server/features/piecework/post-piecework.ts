// Posting a piece-rate task: the task row, its terms and the whole pool (unit price × quantity)
// moved from the buyer's wallet into the task's escrow, in one transaction (402 when the wallet does
// not cover it), with the fee in force now snapshotted and the deadline timer enqueued.
import { randomUUID } from "node:crypto";
import type { CreatePiecework } from "../../../contracts/piecework.ts";
import type { Deps } from "../../core/deps.ts";
import { invalidInput } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { MAX_AMOUNT } from "../../ledger/chart.ts";
import { categoryExists } from "../categories/categories.queries.ts";
import { fundEscrow } from "../escrow/escrow.ts";
import { feeBpsFor } from "../escrow/fees.ts";
import { pieceDeadlineJob } from "./piecework.queues.ts";
import { pieceworkSubject } from "./piecework-status.ts";

export type PieceworkDeps = Pick<Deps, "config" | "jobs" | "clock">;

/** The longest a task may take pieces (as a contest's submission period). */
export const MAX_PIECE_PERIOD_MS = 30 * 86_400_000;

export async function postPiecework(
  tx: Tx,
  buyerId: string,
  input: CreatePiecework,
  deps: PieceworkDeps,
): Promise<string> {
  const at = deps.clock.now();
  const deadline = new Date(input.deadline);
  if (deadline.getTime() <= at.getTime()) {
    throw invalidInput("deadline is in the past", { field: "deadline" });
  }
  // CONTEST_MIN_SUBMISSION_PERIOD applies to every task deadline (API.md "Configuration"), with the
  // contests' and tenders' slack for a client computing "now + the minimum" a little early.
  const minMs = deps.config.timers.contestMinSubmissionMs;
  if (deadline.getTime() < at.getTime() + minMs - Math.min(5 * 60_000, minMs / 2)) {
    throw invalidInput(`deadline must be at least ${Math.round(minMs / 1000)} s from now`, {
      field: "deadline",
      minSubmissionMs: minMs,
    });
  }
  if (deadline.getTime() > at.getTime() + MAX_PIECE_PERIOD_MS) {
    throw invalidInput("deadline may be at most 30 days from now", { field: "deadline" });
  }
  // Both ≤ 10^12 and ≤ 1000: the product is exact in a double; the pool has the amounts' limit.
  const poolMinor = input.unitPriceMinor * input.quantity;
  if (poolMinor > MAX_AMOUNT) {
    throw invalidInput("unitPriceMinor × quantity may not exceed 10^12 fen", { field: "quantity" });
  }
  if (input.categoryId !== undefined && !(await categoryExists(tx, input.categoryId))) {
    throw invalidInput(`categoryId: no category ${input.categoryId}`, { field: "categoryId" });
  }
  const id = randomUUID();
  await tx
    .insertInto("tasks")
    .values({
      id,
      mode: "piecework",
      status: "open",
      buyer_id: buyerId,
      title: input.title,
      brief: input.brief,
      category_id: input.categoryId ?? null,
      funded_minor: poolMinor,
      deadline_at: deadline,
      // Pieces are the buyer's and their author's only (API.md): the shared entry policy's sealed rule.
      sealed: true,
      fee_bps: await feeBpsFor(
        tx,
        { categoryId: input.categoryId ?? null, mode: "piecework" },
        deps.config.platformFeeBps,
      ),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  await tx
    .insertInto("piecework_terms")
    .values({
      task_id: id,
      unit_price_minor: input.unitPriceMinor,
      quantity: input.quantity,
      max_per_provider: input.maxPerProvider,
    })
    .execute();
  await appendEvent(tx, {
    subject: pieceworkSubject(id),
    type: "piecework.posted",
    data: {
      to: "open",
      poolMinor,
      unitPriceMinor: input.unitPriceMinor,
      quantity: input.quantity,
      maxPerProvider: input.maxPerProvider,
      deadline: deadline.toISOString(),
    },
    actor: { kind: "account_id", accountId: buyerId },
    at,
  });
  await fundEscrow(
    tx,
    { kind: "task", id, payerId: buyerId },
    { amountMinor: poolMinor, message: "Not enough available money in the wallet for unit price × quantity" },
  );
  await deps.jobs.enqueue(
    tx,
    pieceDeadlineJob,
    { taskId: id },
    { startAfter: deadline, singletonKey: `piecework-deadline:${id}` },
  );
  return id;
}
