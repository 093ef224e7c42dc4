// Issue 14, must-show 2, in Chromium: a provider asks a question on a contest (the thread panel on
// the contest page, on a phone); the buyer's contest page, open on a desktop, shows the question
// without reloading (the WebSocket's frame invalidates the threads query), the bell in the header
// counts it, the notifications page lists it, and the e-mail is in the outbox (a 1 s digest window).
// The time from the provider's "send" to the question on the buyer's screen is printed, not asserted.
// With SCREENSHOTS=1 it writes notifications-*.png (the bell, the page, the e-mail preferences; zh-CN
// on a desktop, English on a phone) to docs/screenshots/ (or SCREENSHOTS_DIR).

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { csrfTokenFor } from "../../server/features/accounts/sessions.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { launchBrowser, type OpenedPage, openPage, viewports } from "../helpers/browser.ts";
import { type SignedUp, signUp } from "../helpers/factories.ts";
import { call, key } from "../helpers/http.ts";
import { mailsTo } from "../helpers/mail.ts";
import { fund } from "../helpers/money.ts";
import { waitFor } from "../helpers/wait.ts";

let app: TestApp;
let browser: Browser;
before(async () => {
  app = await startTestApp({ listen: true, workers: true, env: { MAIL_DIGEST_WINDOW: "PT1S" } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const SCREENSHOTS = process.env.SCREENSHOTS === "1";
const shotsDir =
  process.env.SCREENSHOTS_DIR ?? path.join(import.meta.dirname, "..", "..", "docs", "screenshots");
async function shot(page: Page, file: string) {
  if (!SCREENSHOTS) return;
  await page.evaluate("document.fonts.ready");
  await page.screenshot({ path: path.join(shotsDir, file), fullPage: true });
}

/** A signed-in browser (the session cookies set as log-in sets them) at `path`. */
async function session(
  user: SignedUp,
  path: string,
  viewport: { width: number; height: number } = viewports.desktop,
): Promise<OpenedPage> {
  const opened = await openPage(browser, "about:blank", { viewport });
  await opened.context.addCookies([
    { name: "lj_session", value: user.token, url: app.url, httpOnly: true, sameSite: "Lax" },
    { name: "lj_csrf", value: csrfTokenFor(user.token), url: app.url, sameSite: "Lax" },
  ]);
  await opened.page.goto(`${app.url}${path}`);
  return opened;
}

test("a question on a contest reaches the buyer's open page, the bell and the outbox", async () => {
  const buyer = await signUp(app.app, { displayName: "王老板" });
  const provider = await signUp(app.app, { displayName: "山城设计" });
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
  const taskId = posted.json().task.id as string;
  // The top-up's notification arrives; the buyer has read it.
  await waitFor(
    async () => (await call(app, buyer, "GET", "/notifications/unread-count")).json().count,
    (n) => n === 1,
    10_000,
  );
  assert.equal((await call(app, buyer, "POST", "/notifications/read", { all: true })).statusCode, 200);

  // The buyer's contest page, open; nobody has asked yet, and the bell shows no count.
  const buyerPage = await session(buyer, `/tasks/${taskId}`);
  const bp = buyerPage.page;
  await bp.getByRole("heading", { level: 1, name: "茶馆标志设计" }).waitFor();
  await bp.getByText("还没有人提问。").waitFor();
  await bp.getByTestId("bell").waitFor();
  assert.equal(await bp.getByTestId("bell-count").count(), 0);
  // The provider asks on their phone, through the thread panel.
  const providerPage = await session(provider, `/tasks/${taskId}`, viewports.phone);
  const pp = providerPage.page;
  const panel = pp.getByTestId("thread-panel");
  await panel.getByRole("button", { name: "提问" }).click();
  const question = "请问需要提供 AI 源文件吗？";
  await panel.getByRole("textbox", { name: "消息" }).fill(question);
  const sentAt = Date.now();
  await panel.getByRole("button", { name: "发送" }).click();

  // The buyer's page shows it — no reload — and the bell counts it.
  await bp.getByTestId("question").filter({ hasText: question }).waitFor({ timeout: 10_000 });
  const shownAfterMs = Date.now() - sentAt;
  await bp.getByTestId("bell-count").filter({ hasText: "1" }).waitFor({ timeout: 10_000 });
  console.log(`# the question appeared on the buyer's open page ${shownAfterMs} ms after "send"`);
  await shot(bp, "notifications-contest-question-desktop-zh-CN.png");
  assert.equal(await bp.getByRole("link", { name: "通知（1 条未读）" }).count(), 1);

  // The notifications page lists it; opening it goes to the thread and clears the count.
  await bp.getByTestId("bell").click();
  const item = bp.getByTestId("notifications").getByRole("link", { name: /山城设计 给您发来消息/ });
  await item.waitFor();
  await shot(bp, "notifications-page-desktop-zh-CN.png");
  assert.match((await item.textContent()) ?? "", new RegExp(question.replace(/[?？]/g, ".")));
  await item.click();
  await bp.waitForURL((url) => url.pathname.startsWith("/messages/"));
  await waitFor(
    async () => (await call(app, buyer, "GET", "/notifications/unread-count")).json().count,
    (n) => n === 0,
    10_000,
  );
  await bp.getByTestId("bell").waitFor();
  await bp.getByTestId("bell-count").waitFor({ state: "detached" });

  // The e-mail: one digest in the outbox for the buyer, naming the asker and the question.
  const mails = await waitFor(
    () => mailsTo(app, buyer.email),
    (m) => m.some((x) => x.subject.includes("山城设计")),
    15_000,
  );
  const mail = mails.find((x) => x.subject.includes("山城设计"));
  assert.equal(mail?.subject, "山城设计 给您发来消息 — 两江");
  assert.match(mail?.body ?? "", /\/messages\//);

  // In English, on a phone: the provider's notifications and the e-mail preferences.
  await pp.evaluate(() => localStorage.setItem("liangjiang.locale", "en"));
  await pp.goto(`${app.url}/notifications`);
  await pp.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
  await pp.getByText("No notifications yet.").or(pp.getByTestId("notifications")).first().waitFor();
  await shot(pp, "notifications-page-phone-en.png");
  await pp.goto(`${app.url}/account`);
  const prefs = pp.getByRole("region", { name: "E-mail notifications" });
  await prefs.getByRole("checkbox", { name: "New messages" }).waitFor();
  // A click, not uncheck(): the box is controlled by the saved preferences, and uncheck() fails when
  // it reads the box before the re-render (CI, loaded); the outcome is asserted below.
  await prefs.getByRole("checkbox", { name: "Payments, top-ups and withdrawals" }).click();
  await prefs.getByText("Saved.").waitFor();
  const saved = await call(app, provider, "GET", "/me/notification-preferences");
  assert.equal(saved.json().email.payments, false);
  await prefs.scrollIntoViewIfNeeded();
  await shot(pp, "notifications-preferences-phone-en.png");

  buyerPage.assertNoProblems();
  providerPage.assertNoProblems();
  await buyerPage.close();
  await providerPage.close();
});
