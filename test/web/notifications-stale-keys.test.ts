// The web app's realtime layer (web/src/features/notifications/stale-keys.ts): a frame invalidates
// exactly the queries it concerns. Here, not beside it: the web tsconfig has no Node types.
import assert from "node:assert/strict";
import { test } from "node:test";
import { staleKeys } from "../../web/src/features/notifications/stale-keys.ts";

const note = (subject: { type: string; id: string }) =>
  ({
    type: "notification",
    data: { id: "n1", type: "x.y", kind: "tasks", subject, title: "t", body: "", at: "", readAt: null },
  }) as const;

test("a message frame: the inbox and that thread; a notification: the notifications and its subject's page", () => {
  assert.deepEqual(staleKeys({ type: "message", data: { threadId: "t1", messageId: "m1", senderId: "a" } }), [
    ["threads"],
    ["thread", "t1", "messages"],
  ]);
  assert.deepEqual(staleKeys(note({ type: "task", id: "k1" })), [["notifications"], ["tasks", "k1"]]);
  assert.deepEqual(staleKeys(note({ type: "order", id: "o1" })), [["notifications"], ["orders"]]);
  assert.deepEqual(staleKeys(note({ type: "wallet", id: "a" })), [["notifications"], ["wallet"]]);
  assert.deepEqual(staleKeys(note({ type: "thread", id: "t1" })), [["notifications"], ["threads"]]);
  assert.deepEqual(staleKeys(note({ type: "other", id: "z" })), [["notifications"]]);
  assert.deepEqual(staleKeys({ type: "hello", data: { accountId: "a" } }), []);
});
