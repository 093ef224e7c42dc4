// One shape for every state machine (a contest, its entries, a withdrawal, and the orders,
// payables and disputes that follow): named transitions, each with the states it may start from
// and the one it leads to. A use case asks for a transition by name; from any other state it is a
// 409 invalid_transition naming the transition, the current state and the states it is allowed from.
import { AppError } from "./errors.ts";

export type TransitionSpec<S extends string> = Readonly<{ from: readonly S[]; to: S }>;

export type Machine<S extends string, T extends Record<string, TransitionSpec<S>>> = Readonly<{
  name: string;
  states: readonly S[];
  transitions: T;
  /** May `transition` start from `from`? */
  can(transition: keyof T & string, from: string): boolean;
  /** The state `transition` leads to from `from`, or 409 invalid_transition. */
  assert<N extends keyof T & string>(transition: N, from: string): T[N]["to"];
}>;

export function defineMachine<S extends string, const T extends Record<string, TransitionSpec<S>>>(spec: {
  /** What the machine's subject is called in messages ("contest", "withdrawal"). */
  name: string;
  states: readonly S[];
  transitions: T;
  /** The message of a refused transition (default: "A <name> that is <from> cannot <transition>"). */
  describe?: (transition: keyof T & string, from: string) => string;
}): Machine<S, T> {
  const { name, states, transitions } = spec;
  // A typo in a table is a bug at start-up, not a 409 at run time.
  for (const [t, { from, to }] of Object.entries(transitions)) {
    for (const s of [...from, to]) {
      if (!states.includes(s)) throw new Error(`${name} machine: ${t} names the unknown state ${s}`);
    }
  }
  const describe = spec.describe ?? ((t: string, from: string) => `A ${name} that is ${from} cannot ${t}`);
  const can = (transition: keyof T & string, from: string) =>
    (transitions[transition]?.from as readonly string[] | undefined)?.includes(from) ?? false;
  return Object.freeze({
    name,
    states,
    transitions,
    can,
    assert<N extends keyof T & string>(transition: N, from: string): T[N]["to"] {
      const t = transitions[transition] as T[N];
      if (!can(transition, from)) {
        throw new AppError("invalid_transition", describe(transition, from), {
          transition,
          from,
          to: t.to,
          allowedFrom: t.from,
        });
      }
      return t.to;
    },
  });
}
