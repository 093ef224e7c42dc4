// A way of buying from a brief (contest now; piecework and tender next) plugs into the shared task
// machinery through this interface. The table of modes is built in app.ts and handed to the tasks
// feature with its deps: tasks/ dispatches by `task.mode` through the table and imports no mode.
import type { CreateTask, TaskTerms } from "../../../contracts/tasks.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError } from "../../core/errors.ts";
import type { Tx } from "../../db/database.ts";
import type { PresentedTaskRow, TaskRow } from "./tasks.queries.ts";

export type ModeDeps = Pick<Deps, "config" | "jobs" | "clock">;

export type TaskMode = Readonly<{
  mode: TaskRow["mode"];
  /** Validate, insert the task and its terms, fund its escrow and start its timers; the new id. */
  post(tx: Tx, buyerId: string, input: CreateTask, deps: ModeDeps): Promise<string>;
  /** The buyer withdraws the task (under its row lock), or an AppError says why not. */
  cancel(tx: Tx, buyerId: string, task: TaskRow, deps: ModeDeps): Promise<void>;
  /** Throws unless the task takes an entry from this provider now (the buyer is refused before). */
  assertAcceptsEntry(task: TaskRow, now: Date): void;
  /** The mode's own part of the presented task (API.md "Tasks"), from its row. */
  presentTerms(task: PresentedTaskRow): TaskTerms;
}>;

export type TaskModes = Readonly<Partial<Record<TaskRow["mode"], TaskMode>>>;

/** What the tasks feature is given: the app's deps and the table of modes. */
export type TaskDeps = Deps & Readonly<{ modes: TaskModes }>;

/** The mode of a task or a request; a mode without an implementation takes nothing (409). */
export function modeOf(modes: TaskModes, mode: TaskRow["mode"]): TaskMode {
  const found = modes[mode];
  if (!found) throw new AppError("invalid_transition", `A ${mode} task is not supported yet`, { mode });
  return found;
}
