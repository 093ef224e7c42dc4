// The tender's state machines (core/state-machine.ts): the task (open → hired, or closed when nobody
// was hired by the end of selection, or cancelled by its buyer before a hire) and its bids
// (submitted → withdrawn by their provider, accepted by the buyer, or declined when another bid is
// accepted). Every change goes through core/events.ts transition(): one named transition, one
// domain event (tender.hired, bid.accepted …), in the use case's transaction.
import { TaskStatus } from "../../../contracts/tasks.ts";
import { BidStatus } from "../../../contracts/tenders.ts";
import type { Subject } from "../../core/events.ts";
import { defineMachine } from "../../core/state-machine.ts";

export const tenderTransitions = {
  /** The buyer accepted a bid: an order now carries the work and the money. */
  hire: { from: ["open"], to: "hired" },
  /** TIMER_TENDER_SELECTION after the bid deadline passed without a hire. */
  close: { from: ["open"], to: "closed" },
  /** The buyer withdraws the tender before hiring (nothing was escrowed: nothing to refund). */
  cancel: { from: ["open"], to: "cancelled" },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus }>;

export const bidTransitions = {
  withdraw: { from: ["submitted"], to: "withdrawn" },
  accept: { from: ["submitted"], to: "accepted" },
  /** Another bid of the same tender was accepted. */
  decline: { from: ["submitted"], to: "declined" },
} as const satisfies Record<string, { from: readonly BidStatus[]; to: BidStatus }>;

const describeTender: Record<keyof typeof tenderTransitions, string> = {
  hire: "hire a provider",
  close: "be closed",
  cancel: "be cancelled",
};
const describeBid: Record<keyof typeof bidTransitions, string> = {
  withdraw: "withdrawn",
  accept: "accepted",
  decline: "declined",
};

export const tenderMachine = defineMachine({
  name: "tender",
  states: TaskStatus.options,
  transitions: tenderTransitions,
  describe: (name, from) => `A tender that is ${from} cannot ${describeTender[name]}`,
});

export const bidMachine = defineMachine({
  name: "bid",
  states: BidStatus.options,
  transitions: bidTransitions,
  describe: (name, from) => `A bid that is ${from} cannot be ${describeBid[name]}`,
});

/** A tender (its task row) as the subject of transitions and events: tender.hired … */
export const tenderSubject = (id: string): Subject<"tasks"> => ({ type: "tender", table: "tasks", id });

/** A bid as the subject of transitions and events: bid.submitted, bid.accepted … */
export const bidSubject = (id: string): Subject<"bids"> => ({ type: "bid", table: "bids", id });
