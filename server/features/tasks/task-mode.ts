// A way of buying from a brief (contest now; piecework and tender next) plugs into the shared task
// machinery through this interface. The table of modes is built in app.ts and handed to the tasks
// feature with its deps: tasks/ dispatches by `task.mode` through the table and imports no mode.
import type { CreateTask, TaskTerms } from "../../../contracts/tasks.ts";
import type { AccountActor } from "../../core/actor.ts";
import type { Deps } from "../../core/deps.ts";
import { AppError } from "../../core/errors.ts";
import type { Queryable, Tx } from "../../db/database.ts";
import type { PresentedTaskRow, TaskRow } from "./tasks.queries.ts";

export type ModeDeps = Pick<Deps, "config" | "jobs" | "clock">;

export type TaskMode = Readonly<{
  mode: TaskRow["mode"];
  /** Validate, insert the task and its terms, fund its escrow and start its timers; the new id. */
  post(tx: Tx, buyerId: string, input: CreateTask, deps: ModeDeps): Promise<string>;
  /** The buyer withdraws the task (under its row lock), or an AppError says why not. */
  cancel(tx: Tx, buyerId: string, task: TaskRow, deps: ModeDeps): Promise<void>;
  /**
   * Throws unless the task takes an entry from this provider now (the buyer is refused before).
   * With `from`, a mode may also count what the provider already sent (a piece-rate task's
   * maxPerProvider): `from.q` is the submitting transaction, or the database for an early refusal.
   */
  assertAcceptsEntry(task: TaskRow, now: Date, from?: EntryFrom): void | Promise<void>;
  /** POST /entries/:id/accept: the buyer accepts one of the task's entries (absent: 409). */
  acceptEntry?(tx: Tx, buyer: AccountActor, entryId: string, deps: ModeDeps): Promise<unknown>;
  /** POST /entries/:id/reject: the buyer rejects one of the task's entries with a reason (absent: 409). */
  rejectEntry?(
    tx: Tx,
    buyer: AccountActor,
    entryId: string,
    reason: string,
    deps: ModeDeps,
  ): Promise<unknown>;
  /** The mode's own part of the presented task (API.md "Tasks"), from its row. */
  presentTerms(task: PresentedTaskRow): TaskTerms;
}>;

/** Who is entering, and where to count what they sent before (see assertAcceptsEntry). */
export type EntryFrom = Readonly<{ q: Queryable; providerId: string; inTransaction: boolean }>;

export type TaskModes = Readonly<Partial<Record<TaskRow["mode"], TaskMode>>>;

/** What the tasks feature is given: the app's deps and the table of modes. */
export type TaskDeps = Deps & Readonly<{ modes: TaskModes }>;

/** The mode of a task or a request; a mode without an implementation takes nothing (409). */
export function modeOf(modes: TaskModes, mode: TaskRow["mode"]): TaskMode {
  const found = modes[mode];
  if (!found) throw new AppError("invalid_transition", `A ${mode} task is not supported yet`, { mode });
  return found;
}
