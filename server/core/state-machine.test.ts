// defineMachine on its own: named transitions, can/assert, the 409 and its details, bad tables.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "./errors.ts";
import { defineMachine } from "./state-machine.ts";

const door = defineMachine({
  name: "door",
  states: ["open", "closed", "locked"],
  transitions: {
    close: { from: ["open"], to: "closed" },
    lock: { from: ["closed"], to: "locked" },
    open: { from: ["closed", "locked"], to: "open" },
  },
});

test("can and assert follow the table", () => {
  assert.equal(door.can("close", "open"), true);
  assert.equal(door.can("close", "closed"), false);
  assert.equal(door.can("lock", "nonsense"), false);
  assert.equal(door.assert("close", "open"), "closed");
  assert.equal(door.assert("open", "locked"), "open");
  assert.deepEqual(Object.keys(door.transitions), ["close", "lock", "open"]);
});

test("a refused transition is 409 invalid_transition with transition, from and allowedFrom", () => {
  assert.throws(
    () => door.assert("open", "open"),
    (e: unknown) =>
      e instanceof AppError &&
      e.code === "invalid_transition" &&
      e.status === 409 &&
      e.message === "A door that is open cannot open" &&
      JSON.stringify(e.details) ===
        JSON.stringify({ transition: "open", from: "open", to: "open", allowedFrom: ["closed", "locked"] }),
  );
});

test("describe words the message", () => {
  const m = defineMachine({
    name: "door",
    states: ["open", "closed"],
    transitions: { close: { from: ["open"], to: "closed" } },
    describe: (t, from) => `The ${from} door won't ${t}`,
  });
  assert.throws(() => m.assert("close", "closed"), { message: "The closed door won't close" });
});

test("a table naming an unknown state is refused when defined", () => {
  assert.throws(
    () =>
      defineMachine({
        name: "door",
        states: ["open", "closed"] as string[],
        transitions: { lock: { from: ["closed"], to: "locked" } },
      }),
    /lock names the unknown state locked/,
  );
});
