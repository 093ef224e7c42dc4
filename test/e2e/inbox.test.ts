// Issue 14, the inbox in Chromium: a provider asked a contest's buyer with a phone number in the
// question (through the API). The buyer's inbox lists the thread with its unread count and the
// last message as the buyer may read it (the number masked); the thread page shows the masked
// notice; the buyer replies through the composer and the inbox has nothing unread. Then the same
// on a phone in English. (The question asked through the contest page's panel, arriving without a
// reload, is test/e2e/messaging.test.ts.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { browserJourneys, JOURNEY, openSignedIn, saveScreenshot, viewports } from "../helpers/browser.ts";
import { signUp } from "../helpers/factories.ts";
import { call, key } from "../helpers/http.ts";
import { fund } from "../helpers/money.ts";

const journey = browserJourneys();

async function askedContest(locale: "zh-CN" | "en") {
  const { app } = journey;
  const buyer = await signUp(app.app, { displayName: locale === "en" ? "Mr Wang" : "王老板", locale });
  const provider = await signUp(app.app, { displayName: locale === "en" ? "Hill City Design" : "山城设计" });
  await fund(app, buyer, 100_000);
  const posted = await call(
    app,
    buyer,
    "POST",
    "/tasks",
    {
      mode: "contest",
      title: "茶馆标志设计",
      brief: "为重庆一家茶馆设计标志：温暖、简洁、单色可用。",
      categoryId: "logo",
      prizesMinor: [80_000],
      submissionDeadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    },
    { "idempotency-key": key() },
  );
  assert.equal(posted.statusCode, 201, posted.body);
  const thread = await call(app, provider, "POST", "/threads", {
    subject: { type: "task", id: posted.json().task.id },
  });
  assert.equal(thread.statusCode, 201, thread.body);
  const threadId = thread.json().thread.id as string;
  const sent = await call(app, provider, "POST", `/threads/${threadId}/messages`, {
    text: "需要 AI 源文件吗？电话 138 0013 8000",
  });
  assert.equal(sent.json().message.text, "需要 AI 源文件吗？电话 ***");
  return { buyer, provider, threadId, taskId: posted.json().task.id as string };
}

test("the buyer's inbox: unread count, the masked last message, the thread, a reply", JOURNEY, async () => {
  const { buyer, threadId, taskId } = await askedContest("zh-CN");
  const opened = await openSignedIn(journey, buyer, "/messages");
  const { page } = opened;
  try {
    await page.getByRole("heading", { level: 1, name: "消息" }).waitFor();
    const inbox = page.getByTestId("inbox");
    const row = inbox.getByRole("link", { name: /山城设计/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /1 条未读/);
    assert.match((await row.textContent()) ?? "", /电话 \*\*\*/);
    assert.doesNotMatch(await page.content(), /0013/);
    await saveScreenshot(page, "messages-inbox.png");

    await row.click();
    await page.waitForURL((url) => url.pathname === `/messages/${threadId}`);
    await page.getByRole("heading", { level: 1, name: "与 山城设计 的对话" }).waitFor();
    await page.getByTestId("masked-notice").waitFor();
    await page.getByTestId("message").filter({ hasText: "需要 AI 源文件吗？电话 ***" }).waitFor();
    await page.getByRole("textbox", { name: "消息" }).fill("需要，请一起提供。");
    await page.getByRole("button", { name: "发送" }).click();
    await page.getByTestId("message").filter({ hasText: "需要，请一起提供。" }).waitFor();
    await saveScreenshot(page, "messages-thread.png");

    // Read: back in the inbox nothing is unread, and the last message is the reply.
    await page.getByRole("link", { name: /返回消息列表/ }).click();
    const again = page.getByTestId("inbox").getByRole("link", { name: /山城设计/ });
    await again.filter({ hasText: "需要，请一起提供。" }).waitFor();
    assert.doesNotMatch((await again.textContent()) ?? "", /未读/);

    // The contest page lists the question in its panel, and opens the conversation in place.
    await page.goto(`${journey.app.url}/tasks/${taskId}`);
    const panel = page.getByTestId("thread-panel");
    await panel.getByRole("heading", { name: "服务商的提问" }).waitFor();
    const question = panel.getByTestId("question").filter({ hasText: "山城设计" });
    await question.getByText("需要，请一起提供。").waitFor();
    await question.getByRole("button", { name: "查看对话" }).click();
    await question.getByTestId("message").filter({ hasText: "需要 AI 源文件吗？电话 ***" }).waitFor();
    await saveScreenshot(page, "messages-contest-panel.png");
    opened.assertNoProblems();
  } finally {
    await opened.close();
  }
});

test("on a phone, in English", JOURNEY, async () => {
  const { buyer, threadId } = await askedContest("en");
  const opened = await openSignedIn(journey, buyer, `/messages/${threadId}`, viewports.phone);
  const { page } = opened;
  try {
    await page.getByRole("heading", { level: 1, name: "Conversation with Hill City Design" }).waitFor();
    await page
      .getByTestId("masked-notice")
      .getByText(/Some details are hidden/)
      .waitFor();
    await page.getByRole("textbox", { name: "Message" }).fill("Yes please, with the AI file.");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByTestId("message").filter({ hasText: "Yes please, with the AI file." }).waitFor();
    const width = await page.evaluate("document.documentElement.scrollWidth");
    assert.ok(Number(width) <= viewports.phone.width, `no sideways scrolling (${width} px)`);
    await saveScreenshot(page, "messages-thread-phone-en.png");
    opened.assertNoProblems();
  } finally {
    await opened.close();
  }
});
