// POST /tasks: one entry point for every way of buying from a brief; each mode validates and funds
// its own escrow (contests: the whole prize pool) in the caller's transaction.
import type { CreateTask } from "../../../contracts/tasks.ts";
import type { Deps } from "../../core/deps.ts";
import type { Tx } from "../../db/database.ts";
import { postContest } from "../contests/post-contest.ts";

export async function postTask(
  tx: Tx,
  buyerId: string,
  input: CreateTask,
  deps: Pick<Deps, "config" | "jobs" | "clock">,
): Promise<string> {
  switch (input.mode) {
    case "contest":
      return postContest(tx, buyerId, input, deps);
  }
}
