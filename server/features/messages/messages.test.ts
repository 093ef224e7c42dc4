// Threads and messages through the HTTP API (API.md "Messages and notifications"): who may open,
// read and write a thread (strangers 404), unread counts and read markers, pagination, files, the
// rate limit — and the contact filter at work: masked while no deal exists, and unmasked once the
// contest award between the same two people is paid (issue 14, must-show 3).
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { signUpOperator } from "../../../test/helpers/factories.ts";
import { systemClock } from "../../core/clock.ts";
import { eventsOf } from "../../core/events.ts";
import {
  call,
  enterText,
  expectError,
  fund,
  key,
  logoPng,
  multipart,
  postContest,
  signUp,
} from "../contests/contests.fixtures.ts";
import { open } from "../orders/orders.fixtures.ts";
import { postService } from "../services/services.fixtures.ts";
import { placeBid, postTender } from "../tenders/tenders.fixtures.ts";

const t = await startTestApp();
after(() => t.close());

async function contestWithAsker() {
  const buyer = await signUp(t.app, { displayName: "Buyer 买家" });
  const provider = await signUp(t.app, { displayName: "Provider 服务商" });
  await fund(t, buyer, 1_000_000);
  const task = await postContest(t, buyer, { prizesMinor: [100_000] });
  const opened = await call(t, provider, "POST", "/threads", { subject: { type: "task", id: task.id } });
  assert.equal(opened.statusCode, 201, opened.body);
  return { buyer, provider, task, thread: opened.json().thread as { id: string } };
}

const send = (who: Parameters<typeof call>[1], threadId: string, text: string) =>
  call(t, who, "POST", `/threads/${threadId}/messages`, { text });

test("a provider asks a contest's buyer: one thread per asker, found again; the owner cannot ask themself", async () => {
  const { buyer, provider, task, thread } = await contestWithAsker();
  const again = await call(t, provider, "POST", "/threads", { subject: { type: "task", id: task.id } });
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().thread.id, thread.id);
  assert.deepEqual(again.json().thread.subject, { type: "task", id: task.id });
  assert.deepEqual(
    again
      .json()
      .thread.participants.map((p: { id: string }) => p.id)
      .sort(),
    [buyer.user.id, provider.user.id].sort(),
  );
  expectError(
    await call(t, buyer, "POST", "/threads", { subject: { type: "task", id: task.id } }),
    409,
    "conflict",
  );
  // Another asker gets a thread of their own.
  const other = await signUp(t.app);
  const theirs = await call(t, other, "POST", "/threads", { subject: { type: "task", id: task.id } });
  assert.equal(theirs.statusCode, 201);
  assert.notEqual(theirs.json().thread.id, thread.id);
  // Subjects that do not exist (or are not the caller's order/bid) are 404; bad input 400.
  for (const subject of [
    { type: "task", id: crypto.randomUUID() },
    { type: "task", id: "not-a-uuid" },
    { type: "order", id: crypto.randomUUID() },
    { type: "bid", id: crypto.randomUUID() },
    { type: "service", id: crypto.randomUUID() },
  ]) {
    expectError(await call(t, provider, "POST", "/threads", { subject }), 404, "not_found");
  }
  expectError(
    await call(t, provider, "POST", "/threads", { subject: { type: "nope", id: task.id } }),
    400,
    "invalid_input",
  );
  expectError(
    await call(t, undefined, "POST", "/threads", { subject: { type: "task", id: task.id } }),
    401,
    "unauthenticated",
  );
});

test("strangers get 404 on every thread route; anonymous 401; operators read with the original", async () => {
  const { provider, thread } = await contestWithAsker();
  const stranger = await signUp(t.app);
  const sent = await send(provider, thread.id, "hello 你好");
  assert.equal(sent.statusCode, 201, sent.body);
  const messageId = sent.json().message.id as string;
  expectError(await call(t, stranger, "GET", `/threads/${thread.id}/messages`), 404, "not_found");
  expectError(await send(stranger, thread.id, "let me in"), 404, "not_found");
  expectError(await call(t, stranger, "POST", `/threads/${thread.id}/read`), 404, "not_found");
  expectError(await call(t, stranger, "GET", `/admin/messages/${messageId}`), 403, "forbidden");
  expectError(await call(t, undefined, "GET", `/threads/${thread.id}/messages`), 401, "unauthenticated");
  expectError(await call(t, provider, "GET", `/threads/not-a-thread/messages`), 404, "not_found");
  assert.deepEqual((await call(t, stranger, "GET", "/threads")).json(), { items: [], nextCursor: null });
  const operator = await signUpOperator(t.app, t);
  const read = await call(t, operator, "GET", `/threads/${thread.id}/messages`);
  assert.equal(read.statusCode, 200);
  assert.equal(read.json().items[0].originalText, "hello 你好");
  // An operator reads but does not write in others' threads.
  expectError(await send(operator, thread.id, "hi"), 404, "not_found");
});

test("contact details are masked before a deal; the original is for operators; message.sent is appended", async () => {
  const { buyer, provider, thread } = await contestWithAsker();
  const sent = await send(provider, thread.id, "加我微信 tomdesign88，电话 138 0013 8000，预算 1380 元");
  assert.equal(sent.statusCode, 201, sent.body);
  const message = sent.json().message;
  assert.equal(message.masked, true);
  assert.equal(message.text, "加我微信 ***，电话 ***，预算 1380 元");
  assert.equal(message.originalText, undefined, "the sender too reads the masked text");
  const asBuyer = (await call(t, buyer, "GET", `/threads/${thread.id}/messages`)).json();
  assert.equal(asBuyer.items[0].text, "加我微信 ***，电话 ***，预算 1380 元");
  assert.equal(asBuyer.items[0].originalText, undefined);
  assert.doesNotMatch(JSON.stringify(asBuyer), /13800138000|138 0013 8000|tomdesign88/);
  const operator = await signUpOperator(t.app, t);
  const original = await call(t, operator, "GET", `/admin/messages/${message.id}`);
  assert.equal(original.statusCode, 200, original.body);
  assert.equal(
    original.json().message.originalText,
    "加我微信 tomdesign88，电话 138 0013 8000，预算 1380 元",
  );
  // Ordinary text goes through untouched.
  const plain = await send(buyer, thread.id, "可以用微信支付吗？尺寸 1080×1920，主色 #FF5733");
  assert.equal(plain.json().message.masked, false);
  assert.equal(plain.json().message.text, "可以用微信支付吗？尺寸 1080×1920，主色 #FF5733");

  const events = await eventsOf(t.db, { type: "message", id: message.id });
  assert.equal(events.length, 1);
  assert.equal(events[0]?.type, "message.sent");
  assert.deepEqual(events[0]?.data, {
    threadId: thread.id,
    messageId: message.id,
    recipientIds: [buyer.user.id],
    senderId: provider.user.id,
    masked: true,
  });
});

test("after the award between them is paid, the same two people exchange a phone number unmasked", async () => {
  const { buyer, provider, task, thread } = await contestWithAsker();
  const before = await send(provider, thread.id, "我的电话 13912345678");
  assert.equal(before.json().message.text, "我的电话 ***");

  // The provider enters, wins, hands over; the buyer accepts: the award is paid.
  const entry = await enterText(t, provider, task.id, "茶 — a one-colour mark");
  const awarded = await call(
    t,
    buyer,
    "POST",
    `/tasks/${task.id}/awards`,
    {
      awards: [{ entryId: entry.id, prizeIndex: 0 }],
    },
    { "idempotency-key": key() },
  );
  assert.equal(awarded.statusCode, 200, awarded.body);
  const handedOver = await call(t, provider, "POST", `/entries/${entry.id}/handover`, {
    text: "源文件 final",
  });
  assert.equal(handedOver.statusCode, 200, handedOver.body);
  const accepted = await call(t, buyer, "POST", `/entries/${entry.id}/accept`, undefined, {
    "idempotency-key": key(),
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().entry.status, "paid");

  const after = await send(provider, thread.id, "我的电话 13912345678");
  assert.equal(after.statusCode, 201, after.body);
  assert.equal(after.json().message.masked, false);
  assert.equal(after.json().message.text, "我的电话 13912345678");
  const reply = await send(buyer, thread.id, "好的，我的是 +86 186 1234 5678，wechat: buyer_2026");
  assert.equal(reply.json().message.text, "好的，我的是 +86 186 1234 5678，wechat: buyer_2026");
  // What was sent masked stays as it was sent (docs/CONTACT-FILTER.md).
  const page = (await call(t, buyer, "GET", `/threads/${thread.id}/messages`)).json();
  assert.deepEqual(
    page.items.map((m: { text: string; masked: boolean }) => [m.text, m.masked]),
    [
      ["好的，我的是 +86 186 1234 5678，wechat: buyer_2026", false],
      ["我的电话 13912345678", false],
      ["我的电话 ***", true],
    ],
  );
  // The deal is between these two only: a third person asking the buyer is still masked.
  const third = await signUp(t.app);
  const theirs = (
    await call(t, third, "POST", "/threads", { subject: { type: "task", id: task.id } })
  ).json();
  assert.equal((await send(third, theirs.thread.id, "我的电话 13912345678")).json().message.masked, true);
});

test("inbox: newest activity first, unread counts and the last message; read markers", async () => {
  const { buyer, provider, thread } = await contestWithAsker();
  const second = await contestWithAsker();
  // The buyer of the first contest also asks about the second one (a thread where they are the asker).
  const asked = (
    await call(t, buyer, "POST", "/threads", { subject: { type: "task", id: second.task.id } })
  ).json();
  await send(provider, thread.id, "第一条");
  await send(provider, thread.id, "第二条");
  await send(second.buyer, asked.thread.id, "answer 回复");
  const inbox = (await call(t, buyer, "GET", "/threads")).json();
  assert.deepEqual(
    inbox.items.map((i: { id: string; unreadCount: number; lastMessage: { text: string } }) => [
      i.id,
      i.unreadCount,
      i.lastMessage.text,
    ]),
    [
      [asked.thread.id, 1, "answer 回复"],
      [thread.id, 2, "第二条"],
    ],
  );
  // The sender's own messages are read; reading clears the count.
  const providerInbox = (await call(t, provider, "GET", "/threads")).json();
  assert.equal(providerInbox.items[0].unreadCount, 0);
  const read = await call(t, buyer, "POST", `/threads/${thread.id}/read`);
  assert.equal(read.statusCode, 200, read.body);
  assert.equal(read.json().unreadCount, 0);
  const after = (await call(t, buyer, "GET", "/threads")).json();
  assert.deepEqual(
    after.items.map((i: { unreadCount: number }) => i.unreadCount),
    [1, 0],
  );
  // Pages of one.
  const first = (await call(t, buyer, "GET", "/threads?limit=1")).json();
  assert.equal(first.items[0].id, asked.thread.id);
  const next = (await call(t, buyer, "GET", `/threads?limit=1&cursor=${first.nextCursor}`)).json();
  assert.equal(next.items[0].id, thread.id);
  assert.equal(next.nextCursor, null);
});

test("messages page newest first with cursors; a forged cursor is 400; bad bodies are 400", async () => {
  const { buyer, provider, thread } = await contestWithAsker();
  for (let i = 1; i <= 5; i++)
    assert.equal((await send(i % 2 ? provider : buyer, thread.id, `m${i}`)).statusCode, 201);
  const seen: string[] = [];
  let cursor = "";
  do {
    const page = (
      await call(
        t,
        buyer,
        "GET",
        `/threads/${thread.id}/messages?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      )
    ).json();
    seen.push(...page.items.map((m: { text: string }) => m.text));
    cursor = page.nextCursor ?? "";
  } while (cursor);
  assert.deepEqual(seen, ["m5", "m4", "m3", "m2", "m1"]);
  expectError(
    await call(t, buyer, "GET", `/threads/${thread.id}/messages?cursor=forged`),
    400,
    "invalid_input",
  );
  expectError(await send(buyer, thread.id, "   "), 400, "invalid_input");
  expectError(await send(buyer, thread.id, "x".repeat(5001)), 400, "invalid_input");
  expectError(
    await call(t, buyer, "POST", `/threads/${thread.id}/messages`, { text: "a", extra: 1 }),
    400,
    "invalid_input",
  );
});

test("files: a message carries an image; participants and operators download it, others 404", async () => {
  const { buyer, provider, thread } = await contestWithAsker();
  const res = await multipart(t, provider, `/threads/${thread.id}/messages`, [
    { name: "text", value: "草图 sketch, 邮箱 tom@example.com" },
    { name: "files", value: await logoPng(7), filename: "sketch.png", type: "image/png" },
  ]);
  assert.equal(res.statusCode, 201, res.body);
  const message = res.json().message;
  assert.equal(message.text, "草图 sketch, 邮箱 ***");
  assert.equal(message.files.length, 1);
  const file = message.files[0];
  assert.equal(file.name, "sketch.png");
  assert.ok(file.thumbnailUrl);
  assert.equal((await call(t, buyer, "GET", file.originalUrl)).statusCode, 200);
  assert.equal((await call(t, buyer, "GET", file.thumbnailUrl)).statusCode, 200);
  const stranger = await signUp(t.app);
  assert.equal((await call(t, stranger, "GET", file.originalUrl)).statusCode, 404);
  assert.equal((await call(t, undefined, "GET", file.originalUrl)).statusCode, 404);
  const operator = await signUpOperator(t.app, t);
  assert.equal((await call(t, operator, "GET", file.originalUrl)).statusCode, 200);
  // Files alone are a message; nothing at all is not; unknown fields are refused.
  const filesOnly = await multipart(t, buyer, `/threads/${thread.id}/messages`, [
    { name: "files", value: await logoPng(8), filename: "b.png", type: "image/png" },
  ]);
  assert.equal(filesOnly.statusCode, 201, filesOnly.body);
  assert.equal(filesOnly.json().message.text, "");
  expectError(
    await multipart(t, buyer, `/threads/${thread.id}/messages`, [{ name: "text", value: " " }]),
    400,
    "invalid_input",
  );
  expectError(
    await multipart(t, buyer, `/threads/${thread.id}/messages`, [{ name: "other", value: "x" }]),
    400,
    "invalid_input",
  );
});

test("sending is rate-limited per account (429 with Retry-After)", async () => {
  const { provider, thread } = await contestWithAsker();
  for (let i = 0; i < 30; i++) assert.equal((await send(provider, thread.id, `ping ${i}`)).statusCode, 201);
  const limited = await send(provider, thread.id, "one too many");
  expectError(limited, 429, "rate_limited");
  assert.ok(Number(limited.headers["retry-after"]) >= 1);
});

test("a service's thread is with its provider; an order's thread is its parties' only; an order unmasks", async () => {
  const provider = await signUp(t.app);
  const buyer = await signUp(t.app);
  const service = await postService(t, provider);
  const asked = await call(t, buyer, "POST", "/threads", { subject: { type: "service", id: service.id } });
  assert.equal(asked.statusCode, 201, asked.body);
  expectError(
    await call(t, provider, "POST", "/threads", { subject: { type: "service", id: service.id } }),
    409,
    "conflict",
  );
  const threadId = asked.json().thread.id as string;
  assert.equal((await send(buyer, threadId, "电话 138 0013 8000")).json().message.text, "电话 ***");

  // An order between the two (as a hired bid opens one): its thread is theirs, a deal exists.
  await fund(t, buyer, 100_001);
  const orderId = await open(t, buyer, provider);
  const stranger = await signUp(t.app);
  expectError(
    await call(t, stranger, "POST", "/threads", { subject: { type: "order", id: orderId } }),
    404,
    "not_found",
  );
  const byProvider = await call(t, provider, "POST", "/threads", { subject: { type: "order", id: orderId } });
  assert.equal(byProvider.statusCode, 201, byProvider.body);
  const byBuyer = await call(t, buyer, "POST", "/threads", { subject: { type: "order", id: orderId } });
  assert.equal(byBuyer.statusCode, 200);
  assert.equal(byBuyer.json().thread.id, byProvider.json().thread.id);
  const inOrder = await send(
    provider,
    byProvider.json().thread.id,
    "我的微信 provider_2026，电话 139 1234 5678",
  );
  assert.deepEqual(
    [inOrder.json().message.masked, inOrder.json().message.text],
    [false, "我的微信 provider_2026，电话 139 1234 5678"],
  );
  // The deal counts in every thread between them, the service's too.
  assert.equal((await send(buyer, threadId, "电话 138 0013 8000")).json().message.masked, false);
});

test("a bid's thread is between the tender's buyer and the bidder; a bid is no deal", async () => {
  const buyer = await signUp(t.app);
  const bidder = await signUp(t.app);
  const tender = await postTender(t, systemClock, buyer);
  const bid = await placeBid(t, bidder, tender.id);
  const opened = await call(t, buyer, "POST", "/threads", { subject: { type: "bid", id: bid.id } });
  assert.equal(opened.statusCode, 201, opened.body);
  assert.deepEqual(
    opened
      .json()
      .thread.participants.map((p: { id: string }) => p.id)
      .sort(),
    [buyer.user.id, bidder.user.id].sort(),
  );
  const other = await signUp(t.app);
  expectError(
    await call(t, other, "POST", "/threads", { subject: { type: "bid", id: bid.id } }),
    404,
    "not_found",
  );
  const sent = await send(bidder, opened.json().thread.id, "方案细节加 QQ 12345678 聊");
  assert.equal(sent.json().message.text, "方案细节加 QQ *** 聊");
});
