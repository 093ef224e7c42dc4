// Issue 14, notifications: made from domain events (a contest's entry, award, handover and payment;
// a top-up), listed in the reader's language, counted, marked read; e-mailed as one digest per
// window (the test clock decides the window); preferences turn e-mail off per kind.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestApp } from "../../../test/helpers/app.ts";
import { makeOperator, signUp } from "../../../test/helpers/factories.ts";
import { call, expectError, key } from "../../../test/helpers/http.ts";
import { mailsTo } from "../../../test/helpers/mail.ts";
import { fund } from "../../../test/helpers/money.ts";
import { testClock } from "../../core/clock.ts";
import { drainConsumer } from "../../jobs/event-consumers.ts";
import { enterText, postContest } from "../contests/contests.fixtures.ts";
import { postService } from "../services/services.fixtures.ts";
import { placeBid, postTender } from "../tenders/tenders.fixtures.ts";
import { notificationsConsumer } from "./notifications.consumer.ts";
import { sendDigest } from "./notifications.jobs.ts";

const clock = testClock();
const t = await startTestApp({
  clock,
  env: { MAIL_DIGEST_WINDOW: "PT5M", CONTEST_MIN_SUBMISSION_PERIOD: "PT1S", PLATFORM_FEE_BPS: "1000" },
});
after(() => t.close());
const consumer = notificationsConsumer(t);
const TITLE = "茶馆标志设计 Tea house logo";
const drain = () => drainConsumer(t.db, consumer);

type Item = {
  type: string;
  title: string;
  body: string;
  subject: { type: string; id: string };
  readAt: string | null;
};
const mine = async (who: Parameters<typeof call>[1], query = "") => {
  const res = await call(t, who, "GET", `/notifications${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as Item[];
};

test("a contest's entry, award, handover and payment, and a top-up, each tell the person concerned", async () => {
  const buyer = await signUp(t.app, { displayName: "王老板", locale: "zh-CN" });
  const provider = await signUp(t.app, { displayName: "Alice Studio", locale: "en" });
  await fund(t, buyer, 300_000);
  const task = await postContest(t, buyer, {}, { "idempotency-key": key() });
  const entry = await enterText(t, provider, task.id, "两江茶事 — a slogan");
  const awarded = await call(
    t,
    buyer,
    "POST",
    `/tasks/${task.id}/awards`,
    { awards: [{ entryId: entry.id, prizeIndex: 0 }] },
    { "idempotency-key": key() },
  );
  assert.equal(awarded.statusCode, 200, awarded.body);
  const handover = await call(t, provider, "POST", `/entries/${entry.id}/handover`, { text: "final files" });
  assert.equal(handover.statusCode, 200, handover.body);
  const accepted = await call(t, buyer, "POST", `/entries/${entry.id}/accept`, undefined, {
    "idempotency-key": key(),
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  await drain();
  await drain(); // a second run makes nothing twice

  // The buyer (zh-CN): the top-up, the entry, the handover — newest first; not the award they made.
  const buyers = await mine(buyer);
  const byType = (items: Item[], type: string) => items.find((n) => n.type === type);
  assert.deepEqual(buyers.map((n) => n.type).sort(), [
    "entry.handed_over",
    "entry.submitted",
    "top_up.succeeded",
  ]);
  assert.equal(byType(buyers, "entry.submitted")?.title, `收到新作品：${TITLE}`);
  assert.equal(byType(buyers, "entry.submitted")?.body, "Alice Studio 提交了一份作品。");
  assert.deepEqual(byType(buyers, "entry.submitted")?.subject, { type: "task", id: task.id });
  assert.equal(byType(buyers, "top_up.succeeded")?.title, "充值成功 ¥3,000.00");
  assert.deepEqual(byType(buyers, "top_up.succeeded")?.subject.type, "wallet");
  // The provider (English): the award, then the payment (prize less the 10 % fee).
  const providers = await mine(provider);
  assert.deepEqual(providers.map((n) => n.type).sort(), ["entry.awarded", "payable.paid"]);
  assert.equal(byType(providers, "entry.awarded")?.title, `Your entry won: ${TITLE}`);
  assert.match(byType(providers, "payable.paid")?.title ?? "", /^You were paid ¥1,800\.00/);

  // Unread count, mark one read, then all.
  const count = async (who: typeof buyer) =>
    (await call(t, who, "GET", "/notifications/unread-count")).json().count;
  assert.equal(await count(buyer), 3);
  const first = buyers[0] as Item & { id: string };
  const one = await call(t, buyer, "POST", "/notifications/read", { ids: [first.id] });
  assert.deepEqual(one.json(), { count: 1 });
  assert.equal(await count(buyer), 2);
  assert.equal((await mine(buyer, "?unread=true")).length, 2);
  // Someone else's id marks nothing (and says nothing about it).
  assert.deepEqual((await call(t, provider, "POST", "/notifications/read", { ids: [first.id] })).json(), {
    count: 0,
  });
  assert.deepEqual((await call(t, buyer, "POST", "/notifications/read", { all: true })).json(), { count: 2 });
  assert.equal(await count(buyer), 0);

  // Pagination: one per page, in order, to the end.
  const page1 = (await call(t, buyer, "GET", "/notifications?limit=2")).json();
  assert.equal(page1.items.length, 2);
  const page2 = (await call(t, buyer, "GET", `/notifications?limit=2&cursor=${page1.nextCursor}`)).json();
  assert.deepEqual(
    [...page1.items, ...page2.items].map((n: Item) => n.type),
    buyers.map((n) => n.type),
  );
  assert.equal(page2.nextCursor, null);

  // Bad input and strangers.
  expectError(await call(t, undefined, "GET", "/notifications"), 401, "unauthenticated");
  expectError(await call(t, buyer, "GET", "/notifications?cursor=forged"), 400, "invalid_input");
  expectError(await call(t, buyer, "POST", "/notifications/read", { ids: [] }), 400, "invalid_input");
  expectError(await call(t, buyer, "POST", "/notifications/read", { all: false }), 400, "invalid_input");
});

test("three notifications within the window go out as one e-mail; the next one opens a new window", async () => {
  const buyer = await signUp(t.app, { locale: "en" });
  await fund(t, buyer, 100_000);
  const task = await postContest(t, buyer, { prizesMinor: [50_000] }, { "idempotency-key": key() });
  await drain(); // the top-up: the first notification of the window
  for (const n of [1, 2]) await enterText(t, await signUp(t.app), task.id, `idea ${n}`);
  await drain();
  assert.equal(await sendDigest(t, buyer.user.id), "not_due", "the window is still open");
  assert.equal((await mailsTo(t, buyer.email)).filter((m) => m.subject.includes("notification")).length, 0);

  clock.advance(5 * 60_000);
  assert.equal(await sendDigest(t, buyer.user.id), "sent");
  const digests = (await mailsTo(t, buyer.email)).filter((m) => /Liangjiang$/.test(m.subject));
  assert.equal(digests.length, 1, "one e-mail for three notifications");
  assert.equal(digests[0]?.subject, "3 new notifications — Liangjiang");
  assert.match(digests[0]?.body ?? "", /Top-up succeeded: ¥1,000\.00/);
  assert.equal(digests[0]?.body.match(/New entry:/g)?.length, 2);
  assert.match(digests[0]?.body ?? "", new RegExp(`/tasks/${task.id}`));
  assert.equal(await sendDigest(t, buyer.user.id), "nothing", "a replay sends nothing");

  // A later one starts a new window of its own.
  await enterText(t, await signUp(t.app), task.id, "idea 3");
  await drain();
  assert.equal(await sendDigest(t, buyer.user.id), "not_due");
  clock.advance(5 * 60_000);
  assert.equal(await sendDigest(t, buyer.user.id), "sent");
  const all = (await mailsTo(t, buyer.email)).filter((m) => /Liangjiang$/.test(m.subject));
  assert.equal(all.length, 2);
  assert.equal(all[1]?.subject, `New entry: ${TITLE} — Liangjiang`);
});

test("preferences turn e-mail off per kind; in-app notifications stay", async () => {
  const buyer = await signUp(t.app, { locale: "zh-CN" });
  const before = await call(t, buyer, "GET", "/me/notification-preferences");
  assert.deepEqual(before.json(), {
    email: { messages: true, tasks: true, orders: true, payments: true, account: true },
  });
  const patched = await call(t, buyer, "PATCH", "/me/notification-preferences", {
    email: { payments: false },
  });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal(patched.json().email.payments, false);
  assert.equal(patched.json().email.tasks, true);
  expectError(
    await call(t, buyer, "PATCH", "/me/notification-preferences", { email: { sms: true } }),
    400,
    "invalid_input",
  );

  await fund(t, buyer, 10_000);
  await drain();
  assert.equal((await mine(buyer)).length, 1, "in-app still");
  clock.advance(5 * 60_000);
  assert.equal(await sendDigest(t, buyer.user.id), "nothing", "no e-mail for payments");
  assert.equal((await mailsTo(t, buyer.email)).filter((m) => /两江$/.test(m.subject)).length, 0);
});

test("bids, an order and a milestone delivery tell the buyer and the providers (tender way of buying)", async () => {
  const buyer = await signUp(t.app, { locale: "en" });
  const a = await signUp(t.app, { displayName: "Alpha Dev", locale: "en" });
  const b = await signUp(t.app, { displayName: "Beta Dev", locale: "zh-CN" });
  const tender = await postTender(t, clock, buyer);
  const bidA = await placeBid(t, a, tender.id, [300_000]);
  await placeBid(t, b, tender.id, [250_000]);
  await fund(t, buyer, 300_000);
  const accepted = await call(t, buyer, "POST", `/bids/${bidA.id}/accept`, undefined, {
    "idempotency-key": key(),
  });
  assert.equal(accepted.statusCode, 201, accepted.body);
  const order = accepted.json().order as { id: string; milestones: { id: string }[] };
  const delivered = await call(t, a, "POST", `/milestones/${order.milestones[0]?.id}/deliveries`, {
    text: "v1",
  });
  assert.equal(delivered.statusCode, 201, delivered.body);
  await drain();

  const types = async (who: typeof buyer) => (await mine(who)).map((n) => n.type).sort();
  assert.deepEqual(await types(buyer), [
    "bid.submitted",
    "bid.submitted",
    "milestone.delivered",
    "top_up.succeeded",
  ]);
  assert.deepEqual(await types(a), ["bid.accepted", "milestone.funded", "order.opened"]);
  assert.deepEqual(await types(b), ["bid.declined"]);
  const delivery = (await mine(buyer)).find((n) => n.type === "milestone.delivered");
  assert.deepEqual(delivery?.subject, { type: "order", id: order.id });
  assert.match(delivery?.title ?? "", /^Milestone delivered: /);
  const bidNews = (await mine(buyer)).filter((n) => n.type === "bid.submitted").map((n) => n.body);
  assert.deepEqual(bidNews.sort(), ["Alpha Dev placed a bid.", "Beta Dev placed a bid."]);
  assert.match((await mine(b))[0]?.title ?? "", /^投标未中标：/);
});

test("an operator's identity-verification decision tells its owner, with the reason", async () => {
  const operator = await signUp(t.app);
  await makeOperator(t, operator.user.id);
  const submit = async (who: typeof operator) => {
    const res = await call(t, who, "POST", "/me/verification/identity", {
      kind: "person",
      legalName: "张三",
      idNumber: "11010519491231002X",
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().verification.id as string;
  };
  const approvedOne = await signUp(t.app, { locale: "zh-CN" });
  const rejectedOne = await signUp(t.app, { locale: "en" });
  const a = await call(t, operator, "POST", `/admin/verifications/${await submit(approvedOne)}/approve`);
  assert.equal(a.statusCode, 200, a.body);
  const r = await call(t, operator, "POST", `/admin/verifications/${await submit(rejectedOne)}/reject`, {
    reason: "The photo is unreadable",
  });
  assert.equal(r.statusCode, 200, r.body);
  await drain();
  const [yes] = await mine(approvedOne);
  assert.equal(yes?.title, "实名认证已通过");
  assert.deepEqual(yes?.subject.type, "verification");
  const [no] = await mine(rejectedOne);
  assert.equal(no?.title, "Identity verification rejected");
  assert.equal(no?.body, "The photo is unreadable");
});

test("an operator hides a service: its provider is told why", async () => {
  const provider = await signUp(t.app, { locale: "en" });
  const operator = await signUp(t.app);
  await makeOperator(t, operator.user.id);
  const service = await postService(t, provider);
  const hidden = await call(t, operator, "POST", `/admin/services/${service.id}/hide`, {
    reason: "Copied portfolio",
  });
  assert.equal(hidden.statusCode, 200, hidden.body);
  await drain();
  const [n] = await mine(provider);
  assert.equal(n?.type, "service.hidden");
  assert.equal(n?.title, "Your service was hidden by the platform: 标志设计 Logo design");
  assert.equal(n?.body, "Reason: Copied portfolio");
  assert.deepEqual(n?.subject, { type: "service", id: service.id });
  assert.deepEqual(await mine(operator), [], "the operator who hid it is not told");
});
