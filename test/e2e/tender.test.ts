// Issue 10, a tender end to end in Chromium: a buyer posts a tender in Chinese (nothing escrowed),
// three providers bid — one through the bid form and its milestone editor (the live sum says when
// the milestones do not add up), two through the API — the buyer compares the bids and hires the
// cheapest with an empty wallet (402 → the top-up step → the sandbox pay page → hired), the order
// page opens for both parties; milestone 1 is delivered (text + file), sent back for a revision,
// delivered again and accepted; milestone 2 is funded, delivered and accepted; the order is
// completed and the provider's wallet holds both milestones minus the 10 % fee, to the fen.
// With SCREENSHOTS=1 it writes the bid comparison and the order page for both parties, zh-CN at
// 390 px and English at 1280 px, to docs/screenshots/.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import sharp from "sharp";
import {
  browserJourneys,
  JOURNEY,
  openSignedIn,
  saveScreenshot,
  screenshotBothLooks,
  topUpInSandbox,
  viewports,
} from "../helpers/browser.ts";
import { type SignedUp, signUp } from "../helpers/factories.ts";
import { call } from "../helpers/http.ts";
import { exactWallet, fund, wallet } from "../helpers/money.ts";

const journeys = browserJourneys({ env: { PLATFORM_FEE_BPS: "1000" } });

/** A page signed in as `user` (session cookies, as the log-in page would set them), at `url`. */
const as = (user: SignedUp, url: string, viewport?: { width: number; height: number }) =>
  openSignedIn(journeys, user, url, viewport);

/** Full-page PNG (palette-compressed, lazy images loaded) in docs/screenshots/ when SCREENSHOTS=1. */
const shot = (page: Page, file: string) => saveScreenshot(page, file, { waitForImages: true });

/** `user`'s view of `url`, zh-CN on a 390 px phone and English at 1280 px, when SCREENSHOTS=1. */
const bothLooks = (user: SignedUp, url: string, name: string, ready: (page: Page) => Promise<void>) =>
  screenshotBothLooks(journeys, user, url, name, ready);

async function bid(provider: SignedUp, taskId: string, body: object) {
  const res = await call(journeys.app, provider, "POST", `/tasks/${taskId}/bids`, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json().bid as { id: string };
}

test(
  "a tender: posted, three bids compared, the cheapest hired after a top-up, two milestones delivered and accepted",
  JOURNEY,
  async () => {
    const { app } = journeys;
    const buyer = await signUp(app.app, { displayName: "李老板", locale: "zh-CN" });
    const ana = await signUp(app.app, { displayName: "渝码工作室", locale: "zh-CN" });
    const ben = await signUp(app.app, { displayName: "Ben Web", locale: "zh-CN" });
    const cat = await signUp(app.app, { displayName: "山城科技", locale: "zh-CN" });
    const title = "火锅店官网与小程序开发";

    // ---- The buyer posts the tender (nothing escrowed) ----
    const b = await as(buyer, "/tenders/new");
    let taskPath: string;
    {
      const page = b.page;
      await page.getByRole("heading", { level: 1, name: "发布招标" }).waitFor();
      await page.getByRole("button", { name: "发布招标" }).click();
      await page.getByText("请填写标题").waitFor();
      await shot(page, "tender-post-zh-CN-desktop.png");
      await page.getByLabel("标题").fill(title);
      await page
        .getByLabel("需求说明")
        .fill("品牌官网（菜单、门店、预订）和微信小程序点餐。\n请给出分阶段报价。");
      await page.getByLabel("预算（可不填）").fill("30000");
      assert.ok(await page.getByRole("switch", { name: "暗标" }).isChecked());
      await page.getByRole("button", { name: "发布招标" }).click();
      await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
      taskPath = new URL(page.url()).pathname;
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await page.getByText("还没有投标，截止前服务商都可以投标。").waitFor();
      // The buyer reads providers' questions on the tender page.
      await page.getByTestId("thread-panel").waitFor();
      assert.deepEqual(await wallet(app, buyer), exactWallet({}));
      b.assertNoProblems();
    }
    const taskId = taskPath.split("/").pop() as string;

    // ---- Ana bids through the form: the milestone editor checks the sum as she types ----
    const a = await as(ana, taskPath, viewports.phone);
    {
      const page = a.page;
      await page.getByRole("heading", { level: 2, name: "投标", exact: true }).waitFor();
      await page.getByLabel("报价").fill("26000");
      await page.getByLabel("工期（天）").fill("30");
      await page.getByLabel("方案").fill("先做官网再做小程序，共用一套后台。做过 12 家餐饮品牌。");
      await page.getByLabel("第 1 阶段名称").fill("官网上线");
      await page.getByLabel("第 1 阶段金额").fill("12000");
      const sum = page.getByTestId("milestone-sum");
      assert.match((await sum.textContent()) ?? "", /还差 ¥14,000\.00/);
      await page.getByRole("button", { name: "添加阶段" }).click();
      await page.getByLabel("第 2 阶段名称").fill("小程序上线");
      await page.getByLabel("第 2 阶段金额").fill("15000");
      assert.match((await sum.textContent()) ?? "", /多了 ¥1,000\.00/);
      await page.getByRole("button", { name: "提交投标" }).click();
      await page.getByText("阶段合计与报价不一致，请调整金额").waitFor();
      await page.getByLabel("第 2 阶段金额").fill("14000");
      assert.match((await sum.textContent()) ?? "", /与报价一致/);
      await page.getByRole("button", { name: "提交投标" }).click();
      await page.getByRole("heading", { name: "你的投标" }).waitFor();
      assert.match((await page.getByTestId("own-bid").textContent()) ?? "", /¥26,000\.00/);
      a.assertNoProblems();
      await a.close();
    }
    // Two more bids through the API.
    await bid(ben, taskId, {
      amountMinor: 3_200_000,
      days: 21,
      proposal: "Next.js site and a Taro mini-program, delivered in three steps.",
      milestones: [
        { title: "Design", amountMinor: 800_000 },
        { title: "Website", amountMinor: 1_200_000 },
        { title: "Mini-program", amountMinor: 1_200_000 },
      ],
    });
    await bid(cat, taskId, {
      amountMinor: 2_900_000,
      days: 45,
      proposal: "一次性交付，含一年维护。",
      milestones: [{ title: "全部交付", amountMinor: 2_900_000 }],
    });

    // ---- Anyone finds it in the tenders list: budget, deadline, the bid count (the bids are sealed) ----
    {
      const visitor = await journeys.open(`${app.url}/tenders`);
      const card = visitor.page.getByTestId("tender-card").filter({ hasText: title });
      await card.waitFor();
      await shot(visitor.page, "tenders-zh-CN-desktop.png");
      assert.match((await card.textContent()) ?? "", /投标中.*预算 ¥30,000.*投标截止.*3 个投标/s);
      await card.getByRole("link", { name: title }).click();
      await visitor.page.getByText("这是暗标：已有 3 个投标，只有雇主能看到报价和方案。").waitFor();
      visitor.assertNoProblems();
      await visitor.close();
    }

    // ---- The buyer compares the three bids ----
    await b.page.reload();
    const comparison = b.page.getByTestId("bid-comparison");
    await comparison.waitFor();
    assert.equal(await b.page.getByTestId("bid-row").count(), 3);
    // Sorted by price: Ana (¥26,000) first, marked the lowest; Ben the fastest.
    assert.match(
      (await b.page.getByTestId("bid-row").first().textContent()) ?? "",
      /渝码工作室.*¥26,000.*最低价/s,
    );
    assert.match((await comparison.textContent()) ?? "", /21 天.*最快/s);
    await bothLooks(buyer, taskPath, "tender-bid-comparison", async (page) => {
      await page.getByTestId("bid-row").nth(2).waitFor();
    });

    // ---- Hire Ana with an empty wallet: 402 → top-up of milestone 1 → hired → the order ----
    let orderPath: string;
    {
      const page = b.page;
      await page.getByRole("button", { name: "雇佣 渝码工作室（¥26,000）" }).click();
      await topUpInSandbox(b, { says: /还差 ¥12,000\.00/, button: "充值 ¥12,000.00" });
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      orderPath = new URL(page.url()).pathname;
      // The order page (the same title as the tender): its milestones.
      const milestones = page.getByTestId("milestone");
      await milestones.nth(1).waitFor();
      assert.equal(await milestones.count(), 2);
      assert.match((await milestones.first().textContent()) ?? "", /官网上线.*¥12,000\.00.*已托管/s);
      assert.match((await milestones.nth(1).textContent()) ?? "", /小程序上线.*待托管/s);
      b.assertNoProblems(/402/);
    }
    assert.deepEqual(await wallet(app, buyer), exactWallet({ inEscrowMinor: 1_200_000 }));
    const bids = (await call(app, buyer, "GET", `/tasks/${taskId}/bids`)).json().items as {
      status: string;
    }[];
    assert.deepEqual(bids.map((x) => x.status).sort(), ["accepted", "declined", "declined"]);
    // A provider not chosen sees the bid declined, with the tender hired and no bid form.
    {
      const declined = await as(ben, taskPath);
      const own = declined.page.getByTestId("own-bid");
      await own.getByText("未中标").waitFor();
      assert.match((await own.textContent()) ?? "", /¥32,000\.00/);
      assert.equal(await declined.page.getByRole("button", { name: "提交投标" }).count(), 0);
      await declined.page.getByText("已雇佣").first().waitFor();
      declined.assertNoProblems();
      await declined.close();
    }

    // ---- Ana delivers milestone 1 (text + a file) ----
    const a2 = await as(ana, orderPath);
    async function deliver(page: Page, text: string) {
      const form = page.getByTestId("milestone").filter({ hasText: "官网上线" });
      await form.getByLabel("交付说明").fill(text);
      await form.getByLabel("文件", { exact: true }).setInputFiles({
        name: "官网截图.png",
        mimeType: "image/png",
        buffer: await sharp({ create: { width: 320, height: 200, channels: 3, background: "#0b4f6c" } })
          .png()
          .toBuffer(),
      });
      await form.getByRole("button", { name: "提交交付" }).click();
      await form.getByText("已交付，待验收").waitFor();
    }
    await a2.page.getByRole("heading", { level: 1, name: title }).waitFor();
    await a2.page.getByText("你是服务商").waitFor();
    await deliver(a2.page, "官网已上线到测试环境：菜单、门店、预订三部分。");

    // ---- The buyer asks for a revision, Ana delivers again, the buyer accepts ----
    {
      const page = b.page;
      await page.reload();
      const m1 = page.getByTestId("milestone").first();
      await m1.getByText("第 1 次交付").waitFor();
      await m1.getByRole("button", { name: "要求修改（剩余 2 次）" }).click();
      await m1.getByLabel("需要修改的地方").fill("预订页请加上包间选择。");
      await m1.getByRole("button", { name: "发送修改要求" }).click();
      await m1.getByText("需修改").waitFor();
      assert.match((await m1.getByTestId("revisions-left").textContent()) ?? "", /剩余 1 次/);
    }
    await a2.page.reload();
    await deliver(a2.page, "已加上包间选择。");
    {
      const page = b.page;
      await page.reload();
      const m1 = page.getByTestId("milestone").first();
      await m1.getByText("第 2 次交付").waitFor();
      await m1.getByRole("button", { name: "验收并付款 ¥12,000.00" }).click();
      await m1.getByText("已验收", { exact: true }).waitFor();
    }

    // ---- Milestone 2: funded, delivered, accepted; the order completes ----
    await fund(app, buyer, 1_400_000);
    {
      const page = b.page;
      await page.reload();
      const m2 = page.getByTestId("milestone").nth(1);
      await m2.getByRole("button", { name: "托管 ¥14,000.00" }).click();
      await m2.getByText("已托管", { exact: true }).waitFor();
    }
    await a2.page.reload();
    {
      const m2 = a2.page.getByTestId("milestone").nth(1);
      await m2.getByLabel("交付说明").fill("小程序已通过微信审核。");
      await m2.getByRole("button", { name: "提交交付" }).click();
      await m2.getByText("已交付，待验收").waitFor();
    }
    // The order page for both parties, with a delivery waiting for the buyer.
    await bothLooks(buyer, orderPath, "order-buyer", async (page) => {
      await page.getByTestId("milestone").nth(1).getByRole("button").first().waitFor();
    });
    await bothLooks(ana, orderPath, "order-provider", async (page) => {
      await page.getByTestId("milestone").first().waitFor();
    });
    {
      const page = b.page;
      await page.reload();
      const m2 = page.getByTestId("milestone").nth(1);
      await m2.getByRole("button", { name: "验收并付款 ¥14,000.00" }).click();
      await page.getByText("订单已完成，所有阶段已验收付款。").waitFor();
      b.assertNoProblems(/402/);
    }
    // Both milestones paid out minus the 10 % fee: (12,000 + 14,000) × 0.9 = ¥23,400.
    assert.deepEqual(await wallet(app, ana), exactWallet({ availableMinor: 2_340_000 }));
    assert.deepEqual(await wallet(app, buyer), exactWallet({}));
    a2.assertNoProblems();
    await a2.close();
    await b.close();
  },
);
