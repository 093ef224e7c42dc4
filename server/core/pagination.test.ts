// The one cursor codec: what it encodes it decodes, for that list only; anything else is a 400.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "./errors.ts";
import { CURSOR_MAX_LENGTH, decodeCursor, encodeCursor } from "./pagination.ts";

const ID = "0b6f2c1e-8d4a-4c55-9a51-2f7d8e9c0a11";
const AT = new Date("2026-11-30T09:15:00.123Z");
const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
const refused = (list: string, cursor: string, shape: Parameters<typeof decodeCursor>[2]) =>
  assert.throws(
    () => decodeCursor(list, cursor, shape),
    (e: unknown) => e instanceof AppError && e.code === "invalid_input" && e.status === 400,
    cursor,
  );

test("round trip: [instant, uuid], [int, uuid], [int], [pattern]", () => {
  const a = encodeCursor("entries", [AT, ID]);
  assert.match(a, /^[\w-]+$/);
  assert.deepEqual(decodeCursor("entries", a, ["instant", "uuid"]), [AT, ID]);
  assert.deepEqual(decodeCursor("tasks:prize", encodeCursor("tasks:prize", [250_000, ID]), ["int", "uuid"]), [
    250_000,
    ID,
  ]);
  assert.deepEqual(decodeCursor("audit", encodeCursor("audit", [42]), ["int"]), [42]);
  const wd = `wd_${ID}`;
  assert.deepEqual(decodeCursor("w", encodeCursor("w", [AT, wd]), ["instant", /^wd_[\w-]{1,64}$/]), [AT, wd]);
  assert.equal(decodeCursor("entries", undefined, ["uuid"]), undefined);
  assert.equal(decodeCursor("entries", "", ["uuid"]), undefined);
});

test("the longest cursor a list gives out fits the contracts' limit", () => {
  const longest = encodeCursor("withdrawals", [new Date("9999-12-31T23:59:59.999Z"), `wd_${"x".repeat(64)}`]);
  assert.ok(longest.length <= CURSOR_MAX_LENGTH, `${longest.length}`);
  assert.throws(() => encodeCursor("x", ["y".repeat(CURSOR_MAX_LENGTH)]), /characters/);
});

test("anything the codec did not produce for this list is 400 invalid_input", () => {
  const shape = ["instant", "uuid"] as const;
  for (const cursor of [
    "%%%",
    "bm9wZQ", // "nope"
    b64(`2026-01-01T00:00:00.000Z|${ID}`), // the old "instant|id" format
    b64({ v: "2026-01-01T00:00:00.000Z", id: ID }),
    b64(["entries", "2026-01-01T00:00:00.000Z"]), // too short
    b64(["entries", "2026-01-01T00:00:00.000Z", ID, 1]), // too long
    b64(["tasks:newest", "2026-01-01T00:00:00.000Z", ID]), // another list
    b64(["entries", "2026-01-01T00:00:00Z", ID]), // not as toISOString wrote it
    b64(["entries", "-000001-01-01T00:00:00.000Z", ID]), // PostgreSQL can't read it
    b64(["entries", "+275760-09-13T00:00:00.000Z", ID]),
    b64(["entries", 5, ID]),
    b64(["entries", "2026-01-01T00:00:00.000Z", "not-a-uuid"]),
    b64(["entries", "2026-01-01T00:00:00.000Z", null]),
    "A".repeat(CURSOR_MAX_LENGTH + 1),
  ]) {
    refused("entries", cursor, shape);
  }
  for (const n of [-1, 1.5, 1e300, "5"]) refused("audit", b64(["audit", n]), ["int"]);
  refused("w", b64(["w", "2026-01-01T00:00:00.000Z", "wd_; DROP"]), ["instant", /^wd_[\w-]{1,64}$/]);
});
