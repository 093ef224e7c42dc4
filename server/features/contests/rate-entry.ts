// The buyer's stars on an entry (1–5): a judging aid, and the first key of a guaranteed contest's
// auto-award. Until the contest is decided.

import type { AccountActor } from "../../core/actor.ts";
import { AppError, forbidden } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import { lockContestEntry } from "./contest-entry.ts";

export async function rateEntry(tx: Tx, actor: AccountActor, entryId: string, stars: number): Promise<void> {
  const { task } = await lockContestEntry(tx, entryId, actor);
  if (task.buyer_id !== actor.accountId) throw forbidden("Only the buyer rates entries");
  if (!["open", "selecting", "awarded"].includes(task.status)) {
    throw new AppError("invalid_transition", `A ${task.status} contest takes no more ratings`);
  }
  await tx.updateTable("entries").set({ rating: stars }).where("id", "=", entryId).execute();
}
