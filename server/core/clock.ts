// The time, injected through deps so that timers (a 5-day handover, a selection period) are
// decided from one clock a test can set and advance, without sleeping.

export type Clock = Readonly<{ now(): Date }>;

export const systemClock: Clock = Object.freeze({ now: () => new Date() });

export type TestClock = Clock & {
  /** Set the time (an instant or ISO string). */
  set(at: Date | string): void;
  /** Move the time forward by `ms`. */
  advance(ms: number): void;
};

/** A clock that stands still until told (starts at `start`, default the real now). */
export function testClock(start: Date | string = new Date()): TestClock {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    set: (to) => {
      at = new Date(to).getTime();
    },
    advance: (ms) => {
      at += ms;
    },
  };
}

/** `ms` after the clock's now, e.g. a timer's due date. */
export function after(clock: Clock, ms: number): Date {
  return new Date(clock.now().getTime() + ms);
}
