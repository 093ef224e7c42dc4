// Issue 14, realtime: two app processes on one database (two buildApp instances listening on
// 127.0.0.1; A runs the workers and event consumers, B only serves sockets). A notification made
// through A, and a message event, reach the WebSocket held by B — for that account only. Upgrades
// without a session, with a bad token or from another site's page are refused before any socket;
// the heartbeat sweep closes the sockets of ended sessions.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { type SignedUp, signUp } from "../../../test/helpers/factories.ts";
import { call, expectError, key } from "../../../test/helpers/http.ts";
import { fund } from "../../../test/helpers/money.ts";
import { appendEvent } from "../../core/events.ts";
import { inTransaction } from "../../core/transaction.ts";
import { enterText, postContest } from "../contests/contests.fixtures.ts";
import { SESSION_ENDED, type SweptSocket, sweepSockets } from "./stream.routes.ts";

const a = await startTestApp({ listen: true, workers: true, env: { CONTEST_MIN_SUBMISSION_PERIOD: "PT1S" } });
const b = await startTestApp({ listen: true, sameDatabaseAs: a });
after(async () => {
  await b.close();
  await a.close();
});

type Frame = { type: string; data: Record<string, unknown> };

/** A WebSocket to GET /api/v1/stream of `base`, collecting frames. */
function openStream(base: string, headers: Record<string, string>) {
  const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/v1/stream`, { headers } as never);
  const frames: Frame[] = [];
  const waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.addEventListener("message", (e) => {
    const frame = JSON.parse(String(e.data)) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.test(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve());
    ws.addEventListener("error", () => reject(new Error("refused")));
  });
  return {
    ws,
    frames,
    opened,
    /** The first frame (already here or still to come) that passes `test`. */
    next(test: (f: Frame) => boolean): Promise<Frame> {
      const seen = frames.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    close() {
      ws.close();
    },
  };
}

const bearer = (who: SignedUp) => ({ authorization: `Bearer ${who.token}` });

test("a notification made through process A reaches the buyer's socket on process B, and only theirs", async () => {
  const buyer = await signUp(a.app, { locale: "en" });
  const provider = await signUp(a.app);
  const onBuyer = openStream(b.url, bearer(buyer));
  const onProvider = openStream(b.url, bearer(provider));
  await Promise.all([onBuyer.opened, onProvider.opened]);
  await onBuyer.next((f) => f.type === "hello");

  await fund(a, buyer, 100_000);
  const task = await postContest(a, buyer, { prizesMinor: [50_000] }, { "idempotency-key": key() });
  await enterText(a, provider, task.id, "an idea");
  const frame = await onBuyer.next((f) => f.type === "notification" && f.data.type === "entry.submitted");
  assert.match(String(frame.data.title), /^New entry: /);
  assert.deepEqual(frame.data.subject, { type: "task", id: task.id });
  // The provider's socket got only its own hello: the buyer's notifications are the buyer's.
  assert.deepEqual(
    onProvider.frames.map((f) => f.type),
    ["hello"],
  );
  onBuyer.close();
  onProvider.close();
});

test("a message.sent event reaches the recipient's socket on the other process as a message frame", async () => {
  const sender = await signUp(a.app);
  const recipient = await signUp(a.app, { displayName: "Recipient" });
  const onRecipient = openStream(b.url, bearer(recipient));
  await onRecipient.opened;
  // The event the messages feature appends with every stored message (its data, as agreed).
  const threadId = crypto.randomUUID();
  const messageId = crypto.randomUUID();
  await inTransaction(a.db, (tx) =>
    appendEvent(tx, {
      subject: { type: "message", id: messageId },
      type: "message.sent",
      data: { threadId, messageId, senderId: sender.user.id, recipientIds: [recipient.user.id] },
      actor: { kind: "account_id", accountId: sender.user.id },
      at: new Date(),
    }),
  );
  const message = await onRecipient.next((f) => f.type === "message");
  assert.deepEqual(message.data, { threadId, messageId, senderId: sender.user.id });
  const notification = await onRecipient.next((f) => f.type === "notification");
  assert.equal(notification.data.type, "message.sent");
  assert.deepEqual(notification.data.subject, { type: "thread", id: threadId });
  const count = await call(a, recipient, "GET", "/notifications/unread-count");
  assert.deepEqual(count.json(), { count: 1 });
  onRecipient.close();
});

test("the session cookie opens a stream from our own page; no session, a bad token or another site's page do not", async () => {
  const someone = await signUp(a.app);
  const cookie = `lj_session=${someone.token}`;
  const own = openStream(b.url, { cookie, origin: b.url });
  await own.opened;
  await own.next((f) => f.type === "hello" && f.data.accountId === someone.user.id);
  own.close();

  const refusedHeaders: Record<string, string>[] = [
    {},
    { authorization: "Bearer not-a-token" },
    { cookie, origin: "https://evil.example" },
  ];
  for (const headers of refusedHeaders) {
    const refused = openStream(b.url, headers);
    await assert.rejects(refused.opened, /refused/, JSON.stringify(headers));
  }
  // What the refusals are, as plain HTTP: 401 / 403 in the one error shape; a plain GET is a 400.
  expectError(await call(b, someone, "GET", "/stream"), 400, "invalid_input");
  expectError(await call(b, undefined, "GET", "/stream"), 401, "unauthenticated");
  expectError(
    await b.app.inject({
      method: "GET",
      url: "/api/v1/stream",
      headers: { cookie, origin: "https://evil.example" },
    }),
    403,
    "forbidden",
  );
});

test("the heartbeat sweep pings live sockets, ends silent ones and closes those whose session ended", async () => {
  const stays = await signUp(a.app);
  const leaves = await signUp(a.app);
  const silent = await signUp(a.app);
  assert.equal((await call(a, leaves, "POST", "/auth/logout")).statusCode, 204);
  const sessionOf = async (who: SignedUp) =>
    (
      await a.db
        .selectFrom("sessions")
        .select("id")
        .where("account_id", "=", who.user.id)
        .executeTakeFirstOrThrow()
    ).id;
  const calls: string[] = [];
  const socket = (name: string): SweptSocket => ({
    ping: () => {
      calls.push(`${name} ping`);
    },
    terminate: () => {
      calls.push(`${name} terminate`);
    },
    close: (code?: number) => {
      calls.push(`${name} close ${code}`);
    },
  });
  const open = new Map<SweptSocket, { sessionId: string; alive: boolean }>([
    [socket("stays"), { sessionId: await sessionOf(stays), alive: true }],
    [socket("leaves"), { sessionId: await sessionOf(leaves), alive: true }],
    [socket("silent"), { sessionId: await sessionOf(silent), alive: false }],
  ]);
  await sweepSockets(a, open);
  assert.deepEqual(calls.sort(), [
    `leaves close ${SESSION_ENDED}`,
    "leaves ping",
    "silent terminate",
    "stays ping",
  ]);
});
