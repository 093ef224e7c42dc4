// Issue 11, a piece-rate task end to end in Chromium: a buyer posts ¥50 × 4 slogans in English with
// a short wallet — the live "¥50 × 4 = ¥200 in escrow" line, 402 → the top-up step → the sandbox pay
// page → posted; a provider sends a piece through the task page on a phone in Chinese, three more
// arrive through the API; the buyer works the review queue with the keyboard only (A accepts and
// pays, focus moves on, R opens the reason, J/K move), the progress bar follows (paid / quantity);
// the rejected provider reads the reason under "my pieces"; wallets to the fen (unit − 10 % fee).
// With SCREENSHOTS=1 it writes the buyer's review queue and the provider's view, zh-CN at 390 px
// and English at 1280 px, to docs/screenshots/ (or SCREENSHOTS_DIR).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import {
  browserJourneys,
  JOURNEY,
  openSignedIn,
  SCREENSHOTS,
  saveScreenshot,
  viewports,
} from "../helpers/browser.ts";
import { type SignedUp, signUp } from "../helpers/factories.ts";
import { call } from "../helpers/http.ts";
import { exactWallet, fund, wallet } from "../helpers/money.ts";

const journeys = browserJourneys({ env: { PLATFORM_FEE_BPS: "1000" } });
const as = (user: SignedUp, url: string, viewport?: { width: number; height: number }) =>
  openSignedIn(journeys, user, url, viewport);

/** Waits until the element with the keyboard focus is the review queue's piece showing `text`. */
const focused = (page: Page, text: string) => page.locator("li:focus", { hasText: text }).waitFor();

/** `user`'s view of `url` in both looks: zh-CN on a 390 px phone and English at 1280 px. */
async function bothLooks(user: SignedUp, url: string, name: string, ready: (page: Page) => Promise<void>) {
  if (!SCREENSHOTS) return;
  const { app } = journeys;
  const before = user.user.locale;
  for (const [locale, viewport, suffix] of [
    ["zh-CN", viewports.phone, "zh-CN-phone"],
    ["en", viewports.desktop, "en-desktop"],
  ] as const) {
    assert.equal((await call(app, user, "PATCH", "/me", { locale })).statusCode, 200);
    const o = await as(user, url, viewport);
    await ready(o.page);
    await saveScreenshot(o.page, `${name}-${suffix}.png`);
    o.assertNoProblems();
    await o.close();
  }
  await call(app, user, "PATCH", "/me", { locale: before });
}

test(
  "a piece-rate task: posted after a top-up, pieces sent, reviewed with the keyboard, paid at once",
  JOURNEY,
  async () => {
    const { app } = journeys;
    const buyer = await signUp(app.app, { locale: "en", displayName: "Mr Wang (tea shop)" });
    const [ana, bo, chen, dai] = [
      await signUp(app.app, { locale: "zh-CN", displayName: "小雨文案" }),
      await signUp(app.app, { locale: "en", displayName: "Bo Copy" }),
      await signUp(app.app, { locale: "zh-CN", displayName: "陈设计" }),
      await signUp(app.app, { locale: "en", displayName: "Dai Words" }),
    ];
    await fund(app, buyer, 10_000);

    // ---- The buyer posts ¥50 × 4 with ¥100 in the wallet: 402 → top-up → posted ----
    let taskPath: string;
    {
      const b = await as(buyer, "/piecework/new");
      const page = b.page;
      await page.getByLabel("Title").fill("Four slogans for a fruit tea shop");
      await page.getByLabel("Brief").fill("At most 12 words, young and easy to say.");
      await page.getByLabel("Unit price").fill("50");
      await page.getByLabel("Quantity").fill("4");
      const line = page.getByTestId("escrow-line");
      await line.filter({ hasText: "× 4" }).waitFor();
      assert.equal((await line.textContent())?.trim(), "¥50 × 4 = ¥200 in escrow");
      await page.getByRole("button", { name: "Escrow ¥200 and post" }).click();
      const topUp = page.getByRole("region", { name: "Your wallet is short" });
      await topUp.waitFor();
      const [payPage] = await Promise.all([
        b.context.waitForEvent("page"),
        topUp.getByRole("button", { name: "Top up ¥100.00" }).click(),
      ]);
      await payPage.waitForLoadState();
      await payPage.getByRole("button", { name: /支付成功/ }).click();
      await payPage.waitForURL(/\/wallet/);
      await payPage.close();
      await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      taskPath = new URL(page.url()).pathname;
      await page.getByRole("heading", { level: 1, name: "Four slogans for a fruit tea shop" }).waitFor();
      const bar = page.getByRole("progressbar", { name: "Pieces paid" });
      assert.equal(await bar.getAttribute("aria-valuemax"), "4");
      assert.equal(await bar.getAttribute("aria-valuenow"), "0");
      b.assertNoProblems(/402/);
      await b.close();
    }
    const taskId = taskPath.split("/").pop() as string;
    assert.deepEqual(await wallet(app, buyer), exactWallet({ inEscrowMinor: 20_000 }));

    // ---- 小雨 sends a piece from her phone, in Chinese ----
    {
      const a = await as(ana, taskPath, viewports.phone);
      const page = a.page;
      await page.getByRole("heading", { name: "交一件稿件" }).waitFor();
      await page.getByLabel("稿件内容").fill("「一口鲜果，一座山城。」");
      await page.getByRole("button", { name: "提交稿件" }).click();
      const mine = page.getByTestId("my-pieces");
      await mine.getByText("待验收").waitFor();
      // One piece per provider (the default): the form gives way to the limit.
      await page.getByText("您已交满 1 件").waitFor();
      a.assertNoProblems();
      await a.close();
    }
    for (const [who, text] of [
      [bo, "Fresh fruit, fresh city."],
      [chen, "Just drink it."],
      [dai, "Every cup, today's fruit."],
    ] as const) {
      const res = await call(app, who, "POST", `/tasks/${taskId}/entries`, { text });
      assert.equal(res.statusCode, 201, res.body);
    }

    // ---- The buyer reviews with the keyboard only ----
    {
      const b = await as(buyer, taskPath);
      const page = b.page;
      const queue = page.getByTestId("review-queue");
      await queue.getByRole("listitem").nth(3).waitFor();
      // The first piece takes focus; A accepts it and pays at once, focus moves to the next one.
      await queue.getByRole("listitem").first().focus();
      await page.keyboard.press("a");
      await page.getByText("Accepted and paid: 小雨文案").first().waitFor();
      await focused(page, "Fresh fruit, fresh city.");
      await bothLooks(buyer, taskPath, "piecework-review", async (p) => {
        await p.getByTestId("review-queue").getByRole("listitem").nth(2).waitFor();
      });
      // J and K move; the second piece again, then A.
      await page.keyboard.press("j");
      await focused(page, "Just drink it.");
      await page.keyboard.press("k");
      await focused(page, "Fresh fruit, fresh city.");
      await page.keyboard.press("a");
      await page.getByText("Accepted and paid: Bo Copy").first().waitFor();
      // R opens the reason, focused; the rejection is confirmed with its button.
      await focused(page, "Just drink it.");
      await page.keyboard.press("r");
      const reason = page.getByLabel("Why (its author reads this)");
      await reason.waitFor();
      await page.locator("textarea:focus").waitFor();
      await page.keyboard.type("Too close to a sportswear slogan");
      await page.getByRole("button", { name: "Reject the piece" }).click();
      await page.getByText("Rejected: 陈设计").first().waitFor();
      const bar = page.getByRole("progressbar", { name: "Pieces paid" });
      await page.locator('[role=progressbar][aria-valuenow="2"]').waitFor();
      assert.equal(await bar.getAttribute("aria-valuetext"), "2 of 4 paid");
      // The queue refetches after the rejection: wait for the rejected piece to leave it.
      await queue.getByRole("listitem").nth(1).waitFor({ state: "detached" });
      assert.equal(await queue.getByRole("listitem").count(), 1, "one piece left waiting");
      b.assertNoProblems();
      await b.close();
    }
    assert.deepEqual(await wallet(app, ana), exactWallet({ availableMinor: 4_500 }));
    assert.deepEqual(await wallet(app, bo), exactWallet({ availableMinor: 4_500 }));
    assert.deepEqual(await wallet(app, chen), exactWallet({}));
    assert.deepEqual(await wallet(app, buyer), exactWallet({ inEscrowMinor: 10_000 }));

    // ---- 陈设计 reads why under "my pieces"; 小雨 sees hers paid ----
    {
      const c = await as(chen, taskPath, viewports.phone);
      const mine = c.page.getByTestId("my-pieces");
      await mine.getByText("未采用").waitFor();
      await mine.getByText("原因：Too close to a sportswear slogan").waitFor();
      c.assertNoProblems();
      await c.close();
      const a = await as(ana, taskPath, viewports.phone);
      await a.page.getByTestId("my-pieces").getByText("已采用 · 已到账 ¥45.00").waitFor();
      a.assertNoProblems();
      await a.close();
    }
    await bothLooks(chen, taskPath, "piecework-provider", async (p) => {
      await p.getByTestId("my-pieces").getByRole("listitem").first().waitFor();
    });

    // ---- The browse list shows the task with its progress ----
    {
      const v = await journeys.open(`${app.url}/piecework`);
      await v.page.getByRole("link", { name: "Four slogans for a fruit tea shop" }).waitFor();
      v.assertNoProblems();
      await v.close();
    }
  },
);
