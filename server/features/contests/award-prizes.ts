// Awarding prizes, by the buyer (while open or selecting; awarding ends submissions) or by the
// selection-end timer of a guaranteed contest. Validated against the tiers; one prize per provider.
// A guaranteed contest awards every prize it can (as many as there are distinct providers); prizes
// that nobody can receive go back to the buyer in the same transaction. Nobody is paid yet: the
// winner hands over, then acceptance releases the prize (accept-entry.ts).
import type { AwardPrizes } from "../../../contracts/tasks.ts";
import type { Tx } from "../../db/database.ts";
import { forbidden, invalidInput } from "../../http/errors.ts";
import { refundEscrow } from "../tasks/escrow.ts";
import { lockTask, type TaskRow } from "../tasks/tasks.queries.ts";
import { assertEntryTransition, assertTransition, type ContestTransition } from "./contest-status.ts";

type Award = { entryId: string; prizeIndex: number };

export async function awardPrizes(
  tx: Tx,
  buyerId: string,
  taskId: string,
  input: AwardPrizes,
): Promise<void> {
  const task = await lockTask(tx, taskId);
  if (task.buyer_id !== buyerId) throw forbidden("Only the buyer awards prizes");
  if (task.mode !== "contest") throw invalidInput("Only contests have prizes");
  await applyAwards(tx, task, input.awards, "buyer", "award");
}

/** Record awards on a locked contest and move it to `awarded`. */
export async function applyAwards(
  tx: Tx,
  task: TaskRow,
  awards: readonly Award[],
  by: "buyer" | "timer",
  transition: ContestTransition,
): Promise<void> {
  const to = assertTransition(transition, task.status);
  const prizes = await tx
    .selectFrom("task_prizes")
    .select(["prize_index", "amount_minor"])
    .where("task_id", "=", task.id)
    .orderBy("prize_index")
    .execute();
  const entryIds = awards.map((a) => a.entryId);
  if (new Set(entryIds).size !== entryIds.length) throw invalidInput("An entry can win one prize only");
  const indexes = awards.map((a) => a.prizeIndex);
  if (new Set(indexes).size !== indexes.length) throw invalidInput("Each prize is awarded once");
  for (const a of awards) {
    if (!prizes.some((p) => p.prize_index === a.prizeIndex)) {
      throw invalidInput(`prizeIndex ${a.prizeIndex}: this contest has ${prizes.length} prize(s)`, {
        prizeIndex: a.prizeIndex,
      });
    }
  }
  const entries =
    entryIds.length === 0
      ? []
      : await tx
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
    assertEntryTransition("award", entry.status);
  }
  const providers = entries.map((e) => e.provider_id);
  if (new Set(providers).size !== providers.length) {
    throw invalidInput("One prize per provider: these entries include two by the same provider");
  }
  if (task.guaranteed) {
    const { n } = await tx
      .selectFrom("entries")
      .select((eb) => eb.fn.count<number>("provider_id").distinct().as("n"))
      .where("task_id", "=", task.id)
      .executeTakeFirstOrThrow();
    const possible = Math.min(prizes.length, Number(n));
    if (awards.length < possible) {
      throw invalidInput(
        `A guaranteed contest awards every prize it can: ${possible} prize(s) to ${possible} different providers`,
        { required: possible },
      );
    }
  }
  if (awards.length === 0) throw invalidInput("Award at least one prize");

  const now = new Date();
  await tx
    .insertInto("awards")
    .values(
      awards.map((a) => {
        const entry = entries.find((e) => e.id === a.entryId);
        const prize = prizes.find((p) => p.prize_index === a.prizeIndex);
        return {
          task_id: task.id,
          prize_index: a.prizeIndex,
          entry_id: a.entryId,
          provider_id: entry?.provider_id as string,
          amount_minor: prize?.amount_minor as number,
          awarded_by: by,
          awarded_at: now,
        };
      }),
    )
    .execute();
  await tx.updateTable("entries").set({ status: "awarded" }).where("id", "in", entryIds).execute();
  await tx.updateTable("tasks").set({ status: to, updated_at: now }).where("id", "=", task.id).execute();
  // Prizes nobody received (a refundable contest's choice, or fewer providers than prizes).
  const unawardedMinor = prizes
    .filter((p) => !indexes.includes(p.prize_index))
    .reduce((sum, p) => sum + p.amount_minor, 0);
  if (unawardedMinor > 0) {
    await refundEscrow(tx, { taskId: task.id, buyerId: task.buyer_id, amountMinor: unawardedMinor });
  }
}
