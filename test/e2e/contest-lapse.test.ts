// Issue 8 follow-up, in Chromium: a contest winner who does not hand over in time. The buyer awards
// (the form keeps the tiers in order; a server 400 shows beside it), the winner sees "hand over by
// <date time zone>", the award lapses (the handover-due job, run here as the workers run it:
// contestTimers.handoverDue, once the 2 s TIMER_HANDOVER has passed), the buyer and the lapsed
// winner see the lapse with its date, and the buyer awards the prize again — only to a provider who
// holds no award here — and the page shows the new winner. A refundable contest shows its refunded
// prize and says a lapsed prize is refunded after the re-award period.
// With SCREENSHOTS=1 it writes docs/screenshots/contest-lapse-*.png (zh-CN 1280 px, English 390 px).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import {
  call,
  enterText,
  fund,
  postContest,
  signUp,
  waitFor,
} from "../../server/features/contests/contests.fixtures.ts";
import { contestTimers } from "../../server/features/contests/contests.jobs.ts";
import { browserJourneys, openSignedIn, SCREENSHOTS, saveScreenshot, viewports } from "../helpers/browser.ts";
import type { SignedUp } from "../helpers/factories.ts";

// No workers: the lapse happens exactly when the test runs the handover-due job.
const journeys = browserJourneys({ workers: false, env: { TIMER_HANDOVER: "PT2S" } });

/** A page signed in as `user` (session cookies, as the log-in page would set them), at `next`. */
const session = (user: SignedUp, next: string, viewport?: { width: number; height: number }) =>
  openSignedIn(journeys, user, next, viewport);

const shot = (page: Page, file: string) => saveScreenshot(page, file);

type Detail = {
  status: string;
  awards: { prizeIndex: number; entryId: string; status: string; lapsedAt: string | null }[];
  prizes: { prizeIndex: number; status: string; reawardEndsAt: string | null }[];
};
const detail = async (id: string): Promise<Detail> =>
  (await call(journeys.app, undefined, "GET", `/tasks/${id}`)).json().task;

/** Runs the handover-due job for an entry as the worker would, once its deadline has passed. */
async function lapse(entryId: string) {
  await waitFor(
    () => contestTimers.handoverDue(journeys.app, entryId),
    (result) => result === "lapsed",
    30_000,
  );
}

const entryCard = (page: Page, name: string) =>
  page.getByTestId("entry").filter({ has: page.getByRole("heading", { name: new RegExp(name) }) });

test("a winner's award lapses; the buyer sees it with its date and awards the prize again to another provider", {
  timeout: 300_000,
}, async () => {
  const { app } = journeys;
  const buyer = await signUp(app.app, { displayName: "王老板", locale: "zh-CN" });
  const alice = await signUp(app.app, { displayName: "山城设计", locale: "zh-CN" });
  const bob = await signUp(app.app, { displayName: "Bob 文案", locale: "zh-CN" });
  const carol = await signUp(app.app, { displayName: "江北 Carol", locale: "zh-CN" });
  await fund(app, buyer, 250_000);
  const task = await postContest(app, buyer, { title: "两江茶馆标志", prizesMinor: [200_000, 50_000] });
  const url = `/tasks/${task.id}`;
  const aliceEntry = await enterText(app, alice, task.id, "一笔画的茶壶，山与江的轮廓。");

  // ---- The buyer's award form: tier order, and a server 400 beside the form ----
  const b = await session(buyer, url);
  {
    const page = b.page;
    const panel = page.getByRole("region", { name: "颁奖" });
    await panel.waitFor();
    const first = panel.getByLabel(/一等奖/);
    const second = panel.getByLabel(/二等奖/);
    // The 2nd prize waits for the 1st (disabled, with the reason).
    assert.ok(await second.isDisabled(), "the 2nd prize is chosen only after the 1st");
    await panel.getByText("请先为一等奖选择获奖作品。").waitFor();
    await panel
      .getByText(/奖项须按等级顺序颁发/)
      .first()
      .waitFor();
    await first.selectOption({ label: "#1 山城设计 — 一笔画的茶壶，山与江的轮廓。" });
    assert.ok(await second.isEnabled());
    await second.selectOption({ index: 1 });
    // Clearing the 1st clears and disables the 2nd again.
    await first.selectOption("");
    assert.ok(await second.isDisabled());
    assert.equal(await second.inputValue(), "");

    // Bob and Carol enter while the buyer's page is open: it still thinks one provider entered, so
    // a guaranteed contest's "every prize a distinct provider can win" is the server's to refuse.
    await enterText(app, bob, task.id, "店名：两江茶事");
    await enterText(app, carol, task.id, "江北风格的山水茶标。");
    await first.selectOption({ label: "#1 山城设计 — 一笔画的茶壶，山与江的轮廓。" });
    await panel.getByRole("button", { name: "检查并颁奖" }).click();
    await panel.getByRole("region", { name: "确认颁奖" }).getByRole("button", { name: "确认颁奖" }).click();
    const refusal = panel
      .getByRole("alert")
      .filter({ hasText: "保证支付的悬赏须颁发 2 个奖项：还缺二等奖。" });
    await refusal.waitFor();
    assert.match(
      (await refusal.textContent()) ?? "",
      /prize 2 \(prizeIndex 1, ¥500\.00\) is missing/,
      "the server's reason too",
    );
    // Back at the choices (the form), which now list Bob and Carol.
    await second.selectOption({ label: "#2 Bob 文案 — 店名：两江茶事" });
    await panel.getByRole("button", { name: "检查并颁奖" }).click();
    await panel.getByRole("region", { name: "确认颁奖" }).getByRole("button", { name: "确认颁奖" }).click();
    await page.getByRole("note", { name: "当前阶段" }).filter({ hasText: "已颁奖" }).waitFor();
    // The buyer sees each winner's handover deadline, with the time zone.
    await entryCard(page, "山城设计")
      .getByText(/^山城设计 须在 \d{4}年\d+月\d+日 \d\d:\d\d GMT\+8 前交付最终文件/)
      .waitFor();
    await entryCard(page, "Bob 文案")
      .getByText(/Bob 文案 须在 .* GMT\+8 前交付最终文件/)
      .waitFor();
    b.assertNoProblems(/HTTP 400: POST .*\/awards|400 \(Bad Request\)/);
  }

  // ---- The winner sees "hand over by"; Bob hands over, Alice does not ----
  const a = await session(alice, url);
  await a.page
    .getByText(/^请在 \d{4}年\d+月\d+日 \d\d:\d\d GMT\+8 前提交最终文件，逾期获奖将失效。$/)
    .waitFor();
  await a.page.getByRole("form", { name: "提交最终文件" }).waitFor();
  const bobEntryId = (await detail(task.id)).awards.find((x) => x.prizeIndex === 1)?.entryId as string;
  const handed = await call(app, bob, "POST", `/entries/${bobEntryId}/handover`, { text: "源文件" });
  assert.equal(handed.statusCode, 200, handed.body);

  await lapse(aliceEntry.id);
  const lapsed = await detail(task.id);
  assert.equal(lapsed.prizes[0]?.status, "reawardable");

  // ---- The lapsed winner is told, with the date; the handover form is gone ----
  {
    const page = a.page;
    await page.reload();
    await page
      .getByRole("note", { name: "当前阶段" })
      .filter({ hasText: /您未在交付期限内提交最终文件，获奖已于 .* GMT\+8 失效/ })
      .waitFor();
    await page.getByText(/^获奖已于 .* GMT\+8 失效：未在 .* GMT\+8 前提交最终文件。$/).waitFor();
    await page.getByTestId("entry").getByText("获奖已失效", { exact: true }).waitFor();
    assert.equal(await page.getByRole("form", { name: "提交最终文件" }).count(), 0);
    a.assertNoProblems();
  }

  // ---- The buyer sees the lapse and may award the 1st prize again, to Carol only ----
  {
    const page = b.page;
    await page.reload();
    await page
      .getByRole("note", { name: "当前阶段" })
      .filter({ hasText: /一等奖的获奖已失效。请在 .* GMT\+8 前把它颁给其他服务商/ })
      .waitFor();
    const alices = entryCard(page, "山城设计");
    await alices.getByText("获奖已失效", { exact: true }).waitFor();
    await alices.getByText(/^获奖已于 .* 失效：未在 .* 前提交最终文件。$/).waitFor();
    await page
      .getByTestId("prize-tiers")
      .getByText(/获奖已失效 · .* 前可重新颁发/)
      .waitFor();
    const panel = page.getByRole("region", { name: "重新颁发奖项" });
    await panel.getByText(/^山城设计 的获奖已于 .* GMT\+8 失效。$/).waitFor();
    await panel.getByText(/^请在 .* GMT\+8 前选择；逾期平台将按您的评分自动颁发。$/).waitFor();
    const select = panel.getByLabel(/一等奖/);
    // Only Carol: Alice's award lapsed, Bob holds the 2nd prize.
    assert.deepEqual(await select.locator("option").allTextContents(), [
      "暂不颁发",
      "#3 江北 Carol — 江北风格的山水茶标。",
    ]);
    assert.equal(await panel.getByLabel(/二等奖/).count(), 0, "only the lapsed prize is offered");
    await shot(page, "contest-lapse-buyer-zh-CN.png");
    if (SCREENSHOTS) {
      // English on a phone (the account's language is switched, then switched back).
      const phone = await b.context.newPage();
      await phone.setViewportSize(viewports.phone);
      await phone.goto(`${app.url}${url}`);
      const saved = () =>
        phone.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH");
      let patched = saved();
      await phone.getByRole("button", { name: "English" }).click();
      await patched;
      await phone.getByRole("region", { name: "Award a prize again" }).waitFor();
      await shot(phone, "contest-lapse-buyer-phone-en.png");
      const widths = await phone.evaluate<{ scroll: number; client: number }>(
        "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
      );
      assert.ok(widths.scroll <= widths.client, `page is ${widths.scroll}px wide in ${widths.client}px`);
      patched = saved();
      await phone.getByRole("button", { name: "中文" }).click();
      await patched;
      await phone.close();
      await page.reload();
      await panel.waitFor();
    }

    await select.selectOption({ label: "#3 江北 Carol — 江北风格的山水茶标。" });
    await panel.getByRole("button", { name: "检查并颁奖" }).click();
    const confirm = panel.getByRole("region", { name: "确认颁奖" });
    assert.match((await confirm.textContent()) ?? "", /一等奖 ¥2,000.*江北 Carol/s);
    await confirm.getByRole("button", { name: "确认颁奖" }).click();

    // The page shows the new winner: her entry, her deadline, the prize awarded again.
    const carols = entryCard(page, "江北 Carol");
    await carols.getByText("获得一等奖 ¥2,000").waitFor();
    await carols.getByText(/江北 Carol 须在 .* GMT\+8 前交付最终文件/).waitFor();
    await page.getByRole("region", { name: "重新颁发奖项" }).waitFor({ state: "detached" });
    await page
      .getByRole("note", { name: "当前阶段" })
      .filter({ hasText: /已颁奖：获奖服务商.*GMT\+8/ })
      .waitFor();
    assert.equal(await page.getByTestId("prize-tiers").getByText("已颁发").count(), 2);
    await alices.getByText("获奖已失效", { exact: true }).waitFor();
    b.assertNoProblems(/HTTP 400: POST .*\/awards|400 \(Bad Request\)/);
  }
  const final = await detail(task.id);
  assert.deepEqual(
    final.awards.map((x) => [x.prizeIndex, x.status]),
    [
      [0, "lapsed"],
      [0, "awarded"],
      [1, "handed_over"],
    ],
  );

  // ---- The new winner sees her deadline ----
  const c = await session(carol, url);
  await c.page.getByText(/^请在 .* GMT\+8 前提交最终文件，逾期获奖将失效。$/).waitFor();
  await c.page.getByRole("note", { name: "当前阶段" }).filter({ hasText: "恭喜获奖" }).waitFor();
  c.assertNoProblems();
  await Promise.all([a.close(), b.close(), c.close()]);
});

test("refundable: a prize left out shows as refunded; a lapsed prize says it is refunded after the re-award period (English)", {
  timeout: 120_000,
}, async () => {
  const { app } = journeys;
  const buyer = await signUp(app.app, { displayName: "Ms Li", locale: "en" });
  const alice = await signUp(app.app, { displayName: "Alice Studio", locale: "en" });
  const bob = await signUp(app.app, { displayName: "Bob Words", locale: "en" });
  await fund(app, buyer, 250_000);
  const task = await postContest(app, buyer, {
    title: "Tea house logo",
    prizesMinor: [200_000, 50_000],
    guaranteed: false,
  });
  const aliceEntry = await enterText(app, alice, task.id, "A teapot in one stroke.");
  await enterText(app, bob, task.id, "Two rivers, one cup.");
  // The 2nd prize without the 1st: the server names the tier (the form would not let it through).
  const outOfOrder = await call(app, buyer, "POST", `/tasks/${task.id}/awards`, {
    awards: [{ entryId: aliceEntry.id, prizeIndex: 1 }],
  });
  assert.equal(outOfOrder.statusCode, 400, outOfOrder.body);
  const awarded = await call(app, buyer, "POST", `/tasks/${task.id}/awards`, {
    awards: [{ entryId: aliceEntry.id, prizeIndex: 0 }],
  });
  assert.equal(awarded.statusCode, 200, awarded.body);
  await lapse(aliceEntry.id);

  const b = await session(buyer, `/tasks/${task.id}`, viewports.phone);
  const page = b.page;
  await page
    .getByRole("note", { name: "Current phase" })
    .filter({
      hasText:
        /the award of the 1st prize lapsed\. You may award it to another provider by .* GMT\+8; otherwise it is refunded to your wallet\./,
    })
    .waitFor();
  await page.getByTestId("prize-tiers").getByText("refunded to the buyer").waitFor();
  await page
    .getByTestId("prize-tiers")
    .getByText(/award lapsed · may be awarded again until/)
    .waitFor();
  const panel = page.getByRole("region", { name: "Award a prize again" });
  await panel.getByText(/^Choose by .* GMT\+8; then it is refunded to your wallet\.$/).waitFor();
  await entryCard(page, "Alice Studio")
    .getByText(/^Award lapsed on .* GMT\+8: the final files were not handed over by .* GMT\+8\.$/)
    .waitFor();
  b.assertNoProblems();
  await b.close();
});
