// The contest's state machines: the task (open → selecting → awarded → completed, or refunded /
// cancelled) and its entries (submitted → awarded → handed_over → paid, or awarded → lapsed when the
// winner does not hand over in time), both on core/state-machine.ts: every transition has a
// name, sources and a target; a use case asks for the transition by name and an illegal one is
// 409 invalid_transition. PRODUCT.md "Four ways to buy" §1 and "Timers".
import { EntryStatus, TaskStatus } from "../../../contracts/tasks.ts";
import type { Subject } from "../../core/events.ts";
import { defineMachine } from "../../core/state-machine.ts";

export const contestTransitions = {
  /** The submission deadline passed with entries: the buyer chooses (TIMER_CONTEST_SELECTION). */
  closeSubmissions: { from: ["open"], to: "selecting" },
  /** The buyer awards prizes (before the deadline too: awarding ends submissions). */
  award: { from: ["open", "selecting"], to: "awarded" },
  /** A guaranteed contest whose buyer did not award by the end of selection. */
  autoAward: { from: ["selecting"], to: "awarded" },
  /**
   * A prize whose award lapsed is awarded again (by the buyer within TIMER_CONTEST_SELECTION of the
   * lapse, or by the timer after it): the contest stays awarded until every prize is settled.
   */
  reaward: { from: ["awarded"], to: "awarded" },
  /** Every prize is settled (paid or refunded) and at least one was paid. */
  complete: { from: ["awarded"], to: "completed" },
  /** Every award lapsed and nobody else received a prize: all of it went back to the buyer. */
  refundLapsed: { from: ["awarded"], to: "refunded" },
  /** No entries at the deadline (any contest), or a refundable one ended selection without award. */
  refund: { from: ["open", "selecting"], to: "refunded" },
  /** The buyer withdraws a contest nobody has entered yet (full refund). */
  cancel: { from: ["open"], to: "cancelled" },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus }>;
export type ContestTransition = keyof typeof contestTransitions;

export const entryTransitions = {
  award: { from: ["submitted"], to: "awarded" },
  handOver: { from: ["awarded"], to: "handed_over" },
  accept: { from: ["handed_over"], to: "paid" },
  /** TIMER_HANDOVER passed without a handover: the award lapses, the prize may be awarded again. */
  lapse: { from: ["awarded"], to: "lapsed" },
} as const satisfies Record<string, { from: readonly EntryStatus[]; to: EntryStatus }>;
export type EntryTransition = keyof typeof entryTransitions;

/** Statuses in which a contest holds no money any more. */
export const FINAL_TASK_STATUSES: readonly TaskStatus[] = ["completed", "refunded", "cancelled"];

/** How a refused transition is worded (409 messages). */
const describe: Record<keyof typeof contestTransitions, string> = {
  closeSubmissions: "close its submissions",
  award: "be awarded",
  autoAward: "be awarded automatically",
  reaward: "have a lapsed prize awarded again",
  complete: "be completed",
  refundLapsed: "be refunded after its awards lapsed",
  refund: "be refunded",
  cancel: "be cancelled",
};
const describeEntry: Record<keyof typeof entryTransitions, string> = {
  award: "awarded",
  handOver: "handed over",
  accept: "accepted",
  lapse: "lapsed",
};

export const contestMachine = defineMachine({
  name: "contest",
  states: TaskStatus.options,
  transitions: contestTransitions,
  describe: (name, from) => `A contest that is ${from} cannot ${describe[name]}`,
});

export const entryMachine = defineMachine({
  name: "entry",
  states: EntryStatus.options,
  transitions: entryTransitions,
  describe: (name, from) => `An entry that is ${from} cannot be ${describeEntry[name]}`,
});

export const canTransition = (name: ContestTransition, from: string): boolean =>
  contestMachine.can(name, from);

/** The target status of `name` from `from`, or 409 invalid_transition. */
export const assertTransition = (name: ContestTransition, from: string): TaskStatus =>
  contestMachine.assert(name, from);

export const canEntryTransition = (name: EntryTransition, from: string): boolean =>
  entryMachine.can(name, from);

export const assertEntryTransition = (name: EntryTransition, from: string): EntryStatus =>
  entryMachine.assert(name, from);

/** A contest (its task row) as the subject of transitions and domain events: contest.awarded … */
export const contestSubject = (id: string): Subject<"tasks"> => ({ type: "contest", table: "tasks", id });

/** A contest entry as the subject of transitions and domain events: entry.handed_over … */
export const entrySubject = (id: string): Subject<"entries"> => ({ type: "entry", table: "entries", id });

/**
 * The event each contest transition is recorded as (default: `contest.<target state>`): the ones
 * whose target does not say what happened get their own name.
 */
export const contestEvents: Partial<Record<ContestTransition, string>> = {
  closeSubmissions: "submissions_closed",
  reaward: "reawarded",
};
