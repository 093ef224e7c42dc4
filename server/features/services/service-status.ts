// A service's life (PRODUCT.md "Four ways to buy" §4): listed (active), paused by its provider
// (not listed to others, not orderable), or hidden by an operator (moderation). Every change is a
// named transition through core/events.ts `transition`, with its service.<status> event.
import type { ServiceStatus } from "../../../contracts/services.ts";
import type { Subject } from "../../core/events.ts";
import { defineMachine } from "../../core/state-machine.ts";

export const serviceTransitions = {
  /** The provider stops taking orders for a while; orders already placed go on. */
  pause: { from: ["active"], to: "paused" },
  /** The provider lists it again. */
  resume: { from: ["paused"], to: "active" },
  /** An operator takes it out of every list (the provider still sees it). */
  hide: { from: ["active", "paused"], to: "hidden" },
} as const satisfies Record<string, { from: readonly ServiceStatus[]; to: ServiceStatus }>;

const describe: Record<keyof typeof serviceTransitions, string> = {
  pause: "be paused",
  resume: "be resumed",
  hide: "be hidden",
};

export const serviceMachine = defineMachine({
  name: "service",
  states: ["active", "paused", "hidden"] as const satisfies readonly ServiceStatus[],
  transitions: serviceTransitions,
  describe: (t, from) => `A service that is ${from} cannot ${describe[t]}`,
});

export const serviceSubject = (id: string): Subject<"services"> => ({
  type: "service",
  table: "services",
  id,
});
