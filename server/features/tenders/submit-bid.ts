// A provider bids on a tender (API.md "Tenders"): not its buyer, while it is open and before the
// bid deadline; 1–10 milestones summing to the amount (400 otherwise); one active bid per provider
// per tender (409 — the partial unique index makes two racing requests safe too). The tender's row
// is locked first, so a bid and the buyer's acceptance or the closing timer never cross.
import { randomUUID } from "node:crypto";
import type { SubmitBid } from "../../../contracts/tenders.ts";
import { AppError, conflict, forbidden, invalidInput } from "../../core/errors.ts";
import { appendEvent } from "../../core/events.ts";
import type { Tx } from "../../db/database.ts";
import { lockTask } from "../tasks/tasks.queries.ts";
import type { TenderDeps } from "./post-tender.ts";
import { bidSubject } from "./tender-status.ts";

/** The milestones of a bid must add up to its amount, to the fen. */
export function checkMilestones(input: Pick<SubmitBid, "amountMinor" | "milestones">): void {
  const sum = input.milestones.reduce((total, m) => total + m.amountMinor, 0);
  if (sum !== input.amountMinor) {
    throw invalidInput(`milestones: they add up to ${sum} fen, the bid is ${input.amountMinor} fen`, {
      field: "milestones",
      sumMinor: sum,
      amountMinor: input.amountMinor,
    });
  }
}

export async function submitBid(
  tx: Tx,
  providerId: string,
  taskId: string,
  input: SubmitBid,
  deps: Pick<TenderDeps, "clock">,
): Promise<string> {
  const task = await lockTask(tx, taskId);
  if (task.mode !== "tender") {
    throw new AppError("invalid_transition", "Only a tender takes bids", { mode: task.mode });
  }
  if (task.buyer_id === providerId) throw forbidden("The buyer cannot bid on their own tender");
  const now = deps.clock.now();
  if (task.status !== "open" || new Date(task.deadline_at).getTime() <= now.getTime()) {
    throw new AppError("invalid_transition", "Bidding on this tender is closed", {
      status: task.status,
      bidDeadline: new Date(task.deadline_at).toISOString(),
    });
  }
  checkMilestones(input);
  const active = await tx
    .selectFrom("bids")
    .select("id")
    .where("task_id", "=", task.id)
    .where("provider_id", "=", providerId)
    .where("status", "in", ["submitted", "accepted"])
    .executeTakeFirst();
  if (active) {
    throw conflict("You already have an active bid on this tender: withdraw it to bid again", {
      bidId: active.id,
    });
  }
  const id = randomUUID();
  await tx
    .insertInto("bids")
    .values({
      id,
      task_id: task.id,
      provider_id: providerId,
      status: "submitted",
      amount_minor: input.amountMinor,
      days: input.days,
      proposal: input.proposal,
      milestones: JSON.stringify(
        input.milestones.map((m) => ({ title: m.title, amountMinor: m.amountMinor })),
      ),
      // The real time of insertion (as tasks' created_at): the list's order, to the millisecond,
      // so that its cursors (ISO strings) compare exactly.
      created_at: new Date(),
      updated_at: now,
    })
    .execute();
  await appendEvent(tx, {
    subject: bidSubject(id),
    type: "bid.submitted",
    data: { to: "submitted", taskId: task.id, amountMinor: input.amountMinor, days: input.days },
    actor: { kind: "account_id", accountId: providerId },
    at: now,
  });
  return id;
}
