// Issue 10, a service order end to end in Chromium: a provider opens a shop in the service editor
// (two packages side by side, a gallery image uploaded), a buyer finds the service in the shop,
// orders the standard package with an empty wallet (402 → the top-up step → the sandbox pay page
// → ordered), the provider confirms and delivers (text + file), the buyer accepts and the order is
// completed; the provider's wallet holds the price minus the 10 % fee, to the fen. A second order,
// confirmed, is cancelled by agreement in the browser (the buyer asks, the provider agrees) and the
// buyer gets the funded milestone back.
// With SCREENSHOTS=1 it writes the shop, zh-CN at 390 px and English at 1280 px, to docs/screenshots/.
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
} from "../helpers/browser.ts";
import { signUp } from "../helpers/factories.ts";
import { call, key } from "../helpers/http.ts";
import { exactWallet, fund, wallet } from "../helpers/money.ts";

const journeys = browserJourneys({ env: { PLATFORM_FEE_BPS: "1000" } });

/** Full-page PNG (palette-compressed, lazy images loaded) in docs/screenshots/ when SCREENSHOTS=1. */
const shot = (page: Page, file: string) => saveScreenshot(page, file, { waitForImages: true });

/** A small picture for the gallery and the delivery. */
const picture = (colour: string) =>
  sharp({ create: { width: 480, height: 320, channels: 3, background: colour } })
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320"><circle cx="240" cy="160" r="90" fill="#f4a259"/></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();

test(
  "a service: created in the editor, ordered from the shop after a top-up, confirmed, delivered and accepted; a second order cancelled by agreement",
  JOURNEY,
  async () => {
    const { app } = journeys;
    const provider = await signUp(app.app, { displayName: "巴渝设计", locale: "zh-CN" });
    const buyer = await signUp(app.app, { displayName: "陈女士", locale: "zh-CN" });
    const title = "餐饮品牌标志设计";

    // ---- The provider creates the service: two packages side by side, then a gallery image ----
    const p = await openSignedIn(journeys, provider, "/services/new");
    let servicePath: string;
    {
      const page = p.page;
      await page.getByRole("heading", { level: 1, name: "发布服务" }).waitFor();
      await page.getByLabel("服务名称").fill(title);
      await page.getByLabel("服务介绍").fill("为餐饮品牌设计标志：三套初稿，定稿后提供全套源文件。");
      const basic = page.getByTestId("pkg-basic");
      await basic.getByLabel("价格").fill("800");
      await basic.getByLabel("包含内容").fill("一套方案");
      const standard = page.getByTestId("pkg-standard");
      await standard.getByRole("switch", { name: "提供标准版" }).check();
      await standard.getByLabel("价格").fill("1800.50");
      await standard.getByLabel("交付天数").fill("7");
      await standard.getByLabel("修改次数").fill("2");
      await standard.getByLabel("包含内容").fill("三套方案，含名片");
      await page.getByRole("button", { name: "发布服务" }).click();
      await page.waitForURL(/\/services\/[0-9a-f-]{36}\/edit\?created=1$/);
      await page.getByText("服务已发布。可以在下面上传作品图片。").waitFor();
      await page.getByLabel("上传图片").setInputFiles({
        name: "作品.png",
        mimeType: "image/png",
        buffer: await picture("#0b4f6c"),
      });
      await page.getByRole("button", { name: "上传", exact: true }).click();
      await page.getByRole("list", { name: "作品展示" }).getByRole("img").first().waitFor();
      servicePath = new URL(page.url()).pathname.replace(/\/edit$/, "");
      await shot(page, "service-editor-zh-CN-desktop.png");
      // Paused, the service is the provider's alone (a buyer gets 404); resumed, it is listed again.
      await page.goto(`${app.url}${servicePath}`);
      const bar = page.getByTestId("owner-bar");
      await bar.getByRole("button", { name: "暂停" }).click();
      await bar.getByRole("button", { name: "恢复上架" }).waitFor();
      await page.getByText("已暂停", { exact: true }).waitFor();
      assert.equal((await call(app, buyer, "GET", `/api/v1${servicePath}`)).statusCode, 404);
      await bar.getByRole("button", { name: "恢复上架" }).click();
      await bar.getByRole("button", { name: "暂停" }).waitFor();
      assert.equal((await call(app, buyer, "GET", `/api/v1${servicePath}`)).statusCode, 200);
      p.assertNoProblems();
    }

    // A second service through the API, with all three packages (a shop of more than one).
    const second = await call(app, provider, "POST", "/services", {
      title: "名片与菜单设计",
      description: "名片、菜单和门头，统一品牌风格。",
      categoryId: null,
      packages: [
        { tier: "basic", priceMinor: 30_000, deliveryDays: 3, revisions: 1, description: "名片" },
        { tier: "standard", priceMinor: 90_000, deliveryDays: 7, revisions: 2, description: "名片和菜单" },
        {
          tier: "premium",
          priceMinor: 200_000,
          deliveryDays: 14,
          revisions: 3,
          description: "名片、菜单和门头",
        },
      ],
    });
    assert.equal(second.statusCode, 201, second.body);

    // ---- The shop, as the buyer sees it ----
    const shopPath = `/shops/${provider.user.id}`;
    const b = await openSignedIn(journeys, buyer, shopPath);
    {
      const page = b.page;
      await page.getByRole("heading", { level: 1, name: "巴渝设计 的店铺" }).waitFor();
      const cards = page.getByTestId("service-card");
      await cards.nth(1).waitFor();
      assert.equal(await cards.count(), 2);
      assert.match((await cards.filter({ hasText: title }).textContent()) ?? "", /¥800 起/);
      assert.match(
        (await cards.filter({ hasText: "名片与菜单设计" }).textContent()) ?? "",
        /3 个套餐.*¥300 起/s,
      );
    }
    await screenshotBothLooks(journeys, buyer, shopPath, "shop", (page) =>
      page.getByTestId("service-card").locator("img").first().waitFor(),
    );

    // ---- The buyer orders the standard package with an empty wallet: 402 → top-up → ordered ----
    let orderPath: string;
    {
      const page = b.page;
      await page.reload();
      await page.getByRole("link", { name: title }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      const packages = page.getByTestId("packages");
      assert.match((await packages.textContent()) ?? "", /基础版.*¥800.*标准版.*¥1,800\.50.*2 次修改/s);
      await shot(page, "service-page-zh-CN-desktop.png");
      await packages.getByRole("link", { name: "下单标准版" }).click();
      await page.getByRole("heading", { level: 1, name: "确认订单" }).waitFor();
      await shot(page, "service-checkout-zh-CN-desktop.png");
      await page.getByLabel("需求说明（可不填）").fill("店名「老码头」，想要码头和火锅的元素。");
      await page.getByRole("button", { name: "支付 ¥1,800.50 到托管并下单" }).click();
      await topUpInSandbox(b, { says: /还差 ¥1,800\.50/, button: "充值 ¥1,800.50" });
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      orderPath = new URL(page.url()).pathname;
      await page.getByText("待服务商确认").first().waitFor();
      // The two parties' thread is on the order page.
      await page.getByTestId("thread-panel").waitFor();
      assert.match((await page.getByTestId("milestone").textContent()) ?? "", /¥1,800\.50.*已托管/s);
      b.assertNoProblems(/402/);
    }
    assert.deepEqual(await wallet(app, buyer), exactWallet({ inEscrowMinor: 180_050 }));
    // Nobody else learns that the order exists.
    const stranger = await signUp(app.app);
    assert.equal((await call(app, stranger, "GET", orderPath.replace("/orders", "/orders"))).statusCode, 404);

    // ---- The provider confirms and delivers ----
    {
      const page = p.page;
      await page.goto(`${app.url}${orderPath}`);
      await page.getByRole("button", { name: "确认接单" }).click();
      await page.getByText("进行中").first().waitFor();
      const m = page.getByTestId("milestone");
      await m.getByLabel("交付说明").fill("三套方案见附件，推荐第二套。");
      await m
        .getByLabel("文件", { exact: true })
        .setInputFiles({ name: "方案.png", mimeType: "image/png", buffer: await picture("#136683") });
      await m.getByRole("button", { name: "提交交付" }).click();
      await m.getByText("已交付，待验收").waitFor();
      p.assertNoProblems();
    }

    // ---- The buyer accepts: the order is completed, the provider paid the price minus 10 % ----
    {
      const page = b.page;
      await page.reload();
      const m = page.getByTestId("milestone");
      await m.getByText("方案.png").waitFor();
      await m.getByRole("button", { name: "验收并付款 ¥1,800.50" }).click();
      await page.getByText("订单已完成，所有阶段已验收付款。").waitFor();
      // My orders (buyer tab) lists it as completed.
      await page.goto(`${app.url}/orders?role=buyer&status=completed`);
      await page.getByTestId("order-card").filter({ hasText: title }).waitFor();
      await shot(page, "my-orders-zh-CN-desktop.png");
      b.assertNoProblems(/402/);
    }
    // ¥1,800.50 − 10 % (¥180.05) = ¥1,620.45.
    assert.deepEqual(await wallet(app, provider), exactWallet({ availableMinor: 162_045 }));
    assert.deepEqual(await wallet(app, buyer), exactWallet({}));

    // ---- A second order, confirmed, then cancelled by agreement: the buyer asks, the provider agrees ----
    await fund(app, buyer, 80_000);
    const placed = await call(
      app,
      buyer,
      "POST",
      "/orders",
      { serviceId: servicePath.split("/").pop(), tier: "basic" },
      { "idempotency-key": key() },
    );
    assert.equal(placed.statusCode, 201, placed.body);
    const secondOrder = `/orders/${placed.json().order.id}`;
    assert.equal((await call(app, provider, "POST", `${secondOrder}/confirm`, {})).statusCode, 200);
    {
      const page = b.page;
      await page.goto(`${app.url}${secondOrder}`);
      const actions = page.getByTestId("order-actions");
      await actions.getByRole("button", { name: "请求取消订单" }).click();
      // The focus moves to the answer of the question that replaced the button.
      const yes = actions.getByRole("button", { name: "确定请求取消订单" });
      await yes.waitFor();
      assert.equal(await yes.and(page.locator(":focus")).count(), 1);
      await yes.click();
      await actions.getByText("已请求取消，等待对方回应。").waitFor();
      await page.getByText("你已请求取消订单，等待对方同意。").waitFor();
    }
    {
      const page = p.page;
      await page.goto(`${app.url}${secondOrder}`);
      await page.getByText("对方请求取消订单。同意后，未验收的已托管款项退回雇主。").waitFor();
      const actions = page.getByTestId("order-actions");
      await actions.getByRole("button", { name: "同意取消" }).click();
      await actions.getByRole("button", { name: "确定同意取消" }).click();
      await page.getByText("订单已取消：未验收的已托管款项已退回雇主。").waitFor();
      assert.match((await page.getByTestId("milestone").textContent()) ?? "", /已退款/);
      p.assertNoProblems();
    }
    // The funded ¥800 is back with the buyer; the provider's wallet did not move.
    assert.deepEqual(await wallet(app, buyer), exactWallet({ availableMinor: 80_000 }));
    assert.deepEqual(await wallet(app, provider), exactWallet({ availableMinor: 162_045 }));
    b.assertNoProblems(/402/);
    await p.close();
    await b.close();
  },
);
