// POST /tasks: one entry point for every way of buying from a brief; the request's mode (from the
// table of modes built in app.ts) validates and funds its own escrow in the caller's transaction.
import type { CreateTask } from "../../../contracts/tasks.ts";
import type { Tx } from "../../db/database.ts";
import { type ModeDeps, modeOf, type TaskModes } from "./task-mode.ts";

export async function postTask(
  tx: Tx,
  buyerId: string,
  input: CreateTask,
  deps: ModeDeps & { modes: TaskModes },
): Promise<string> {
  return modeOf(deps.modes, input.mode).post(tx, buyerId, input, deps);
}
