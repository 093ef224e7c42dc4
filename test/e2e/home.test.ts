// The home page in a real browser against the real app: Chinese by default, categories from the
// API, only the ways to buy and promises that work today, the language switch (remembered across a
// reload), compressed assets, the in-app not-found page (a 404), the phone layout, a malformed
// ?next= after log-in, and not one console error or failed request along the way.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { launchBrowser, openPage, viewports } from "../helpers/browser.ts";
import { signUp } from "../helpers/factories.ts";

/** What does not exist yet (disputes, reviews) in both languages. */
const NOT_YET = {
  "zh-CN": /仲裁|争议|互评|评价/,
  en: /arbitrat|dispute|review/i,
};

let app: TestApp;
let browser: Browser;
before(async () => {
  app = await startTestApp({ listen: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

test("the home page is Chinese by default, switches to English, and remembers it", async () => {
  const { page, assertNoProblems, close } = await openPage(browser, "about:blank");
  // Everything the page loads from /assets/: how it came and how many bytes crossed the wire.
  const assets: { url: string; encoding?: string; cache?: string; wire: number; body: number }[] = [];
  page.on("requestfinished", async (request) => {
    if (!new URL(request.url()).pathname.startsWith("/assets/")) return;
    const response = await request.response();
    const headers = (await response?.allHeaders()) ?? {};
    const sizes = await request.sizes();
    assets.push({
      url: request.url(),
      encoding: headers["content-encoding"],
      cache: headers["cache-control"],
      wire: sizes.responseBodySize,
      body: Number((await response?.body())?.length ?? 0),
    });
  });
  try {
    const document = await page.goto(`${app.url}/`);
    assert.equal(document?.status(), 200);
    assert.equal(document?.headers()["cache-control"], "no-cache");
    // zh-CN by default, even though the browser asks for English.
    const h1 = page.getByRole("heading", { level: 1 });
    await h1.waitFor();
    assert.match((await h1.textContent()) ?? "", /钱款验收后才放出/);
    assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
    assert.match(await page.title(), /两江/);

    // Categories come from GET /api/v1/categories.
    const categories = page.locator("#categories");
    await categories.getByRole("heading", { name: "品牌设计" }).waitFor();
    for (const name of ["起名", "IT/软件", "知识产权"]) {
      assert.equal(await categories.getByRole("heading", { name, exact: true }).count(), 1, name);
    }
    assert.ok(await categories.getByText("小程序开发").isVisible());
    // Only the ways to buy that work, with where to start one; nothing that does not exist.
    const ways = page.locator("#ways");
    assert.deepEqual(await ways.getByRole("heading", { level: 3 }).allTextContents(), [
      "悬赏Contest",
      "计件Piece-rate",
      "招标Tender",
      "雇佣 · 店铺服务Service order",
    ]);
    assert.equal(await ways.getByRole("link", { name: "发布悬赏" }).getAttribute("href"), "/contests/new");
    assert.equal(await ways.getByRole("link", { name: "悬赏大厅" }).getAttribute("href"), "/contests");
    assert.equal(
      await ways.getByRole("link", { name: "发布计件任务" }).getAttribute("href"),
      "/piecework/new",
    );
    assert.equal(await ways.getByRole("link", { name: "计件大厅" }).getAttribute("href"), "/piecework");
    assert.equal(await ways.getByRole("link", { name: "发布招标" }).getAttribute("href"), "/tenders/new");
    assert.equal(await ways.getByRole("link", { name: "招标大厅" }).getAttribute("href"), "/tenders");
    assert.equal(await ways.getByRole("link", { name: "挑选服务下单" }).getAttribute("href"), "/services");
    assert.equal(await ways.getByRole("link", { name: "发布服务" }).getAttribute("href"), "/services/new");
    assert.doesNotMatch((await page.locator("body").textContent()) ?? "", NOT_YET["zh-CN"]);
    // Landmarks.
    for (const role of ["banner", "main", "contentinfo"] as const) {
      assert.equal(await page.getByRole(role).count(), 1, role);
    }
    assert.equal(await page.getByRole("navigation", { name: "主导航" }).count(), 1);

    // Switch to English.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: /Pay only when you accept the work/ }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    await categories.getByRole("heading", { name: "Brand design" }).waitFor();
    assert.ok(await categories.getByText("Mini-programs").isVisible());
    assert.deepEqual(await ways.getByRole("heading", { level: 3 }).allTextContents(), [
      "Contest悬赏",
      "Piece-rate计件",
      "Tender招标",
      "Service order雇佣 · 店铺服务",
    ]);
    assert.doesNotMatch((await page.locator("body").textContent()) ?? "", NOT_YET.en);
    assert.match(await page.title(), /Liangjiang/);

    // Reload: English is remembered.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: /Pay only when you accept the work/ }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    await categories.getByRole("heading", { name: "Brand design" }).waitFor();

    // And back to Chinese.
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("heading", { level: 1, name: /钱款验收后才放出/ }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");

    // The scripts and styles came brotli-compressed (Chromium accepts br), cached for a year; files
    // under 512 B are not worth compressing (scripts/precompress.ts) and come as they are.
    const first = assets.filter((a) => a.body >= 512);
    assert.ok(first.length >= 2, JSON.stringify(assets));
    for (const asset of first) {
      assert.equal(asset.encoding, "br", asset.url);
      assert.equal(asset.cache, "public, max-age=31536000, immutable", asset.url);
      // A chunk of Chinese texts compresses less (≈ 2.7×) than code; all together well over 3×.
      if (asset.body >= 4096) {
        assert.ok(
          asset.wire < asset.body / 2,
          `${asset.url}: ${asset.wire} B on the wire for ${asset.body} B`,
        );
      }
    }
    const wire = first.reduce((sum, a) => sum + a.wire, 0);
    const body = first.reduce((sum, a) => sum + a.body, 0);
    assert.ok(wire < body / 3, `${wire} B on the wire for ${body} B`);
    console.log(`# home page assets: ${wire} B on the wire for ${body} B`);

    assertNoProblems();
  } finally {
    await close();
  }
});

test("keyboard users get a skip link and see where the focus is", async () => {
  const { page, assertNoProblems, close } = await openPage(browser, `${app.url}/`);
  try {
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "跳到主要内容" });
    assert.equal(await page.evaluate("document.activeElement?.className"), "skip-link");
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 0, "the focused skip link is on screen");
    const outline = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle");
    assert.notEqual(outline, "none", "focus is visible");
    await page.keyboard.press("Enter");
    assert.ok(await page.evaluate("document.activeElement?.id === 'main'"));
    assertNoProblems();
  } finally {
    await close();
  }
});

test("the calls to action lead to sign-up, the contest card to contests; an unknown path is a 404 with the in-app not-found page", async () => {
  const { page, assertNoProblems, close } = await openPage(browser, `${app.url}/`);
  try {
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("main").getByRole("link", { name: "发布需求" }).first().click();
    await page.getByRole("heading", { level: 1, name: "注册两江账号" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/signup");
    await page.goBack();
    await page.getByRole("main").getByRole("link", { name: "成为服务商" }).first().click();
    await page.getByRole("heading", { level: 1, name: "注册两江账号" }).waitFor();
    assert.equal(new URL(page.url()).search, "?as=provider");

    await page.goBack();
    await page.locator("#ways").getByRole("link", { name: "悬赏大厅" }).click();
    await page.getByRole("heading", { level: 1, name: "悬赏大厅" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/contests");

    // A deep link straight to an unknown path is answered 404, with the app shell all the same.
    const response = await page.goto(`${app.url}/no/such/page`);
    assert.equal(response?.status(), 404);
    await page.getByRole("heading", { level: 1, name: "这个页面还不存在" }).waitFor();
    // Still inside the shell: header, footer, and a way home.
    assert.equal(await page.getByRole("banner").count(), 1);
    assert.equal(await page.getByRole("contentinfo").count(), 1);
    await page.getByRole("link", { name: "返回首页" }).click();
    await page.getByRole("heading", { level: 1, name: /钱款验收后才放出/ }).waitFor();
    // That 404 is the only problem (Chromium logs it to the console as well).
    assertNoProblems(/HTTP 404: GET http:\/\/127\.0\.0\.1:\d+\/no\/such\/page$|status of 404/);
  } finally {
    await close();
  }
});

test("on a 360 px phone nothing overflows sideways", async () => {
  for (const locale of ["zh-CN", "en"]) {
    const { page, assertNoProblems, close } = await openPage(browser, `${app.url}/`, {
      viewport: viewports.smallPhone,
      isMobile: true,
      hasTouch: true,
    });
    try {
      if (locale === "en") {
        await page.evaluate("localStorage.setItem('liangjiang.locale', 'en')");
        await page.reload();
      }
      await page.getByTestId("categories").getByRole("listitem").first().waitFor();
      const widths = await page.evaluate<{ scroll: number; client: number }>(
        "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
      );
      assert.ok(
        widths.scroll <= widths.client,
        `${locale}: page is ${widths.scroll}px wide in ${widths.client}px`,
      );
      assert.ok(await page.getByRole("button", { name: locale === "en" ? "中文" : "English" }).isVisible());
      assertNoProblems();
    } finally {
      await close();
    }
  }
});

test("when the categories cannot be loaded the page says so and can retry", async () => {
  const { page, context, assertNoProblems, close } = await openPage(browser, "about:blank");
  try {
    let fail = true;
    await context.route("**/api/v1/categories", (route) =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "unavailable", message: "down" }, requestId: "r-1" }),
          })
        : route.continue(),
    );
    await page.goto(`${app.url}/`);
    const alert = page.locator("#categories").getByRole("alert");
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? "", /服务分类暂时加载失败/);
    fail = false;
    await alert.getByRole("button", { name: "重新加载" }).click();
    await page.locator("#categories").getByRole("heading", { name: "品牌设计" }).waitFor();
    // The simulated 503 is the only problem (Chromium logs it to the console as well).
    assertNoProblems(/503|categories/);
  } finally {
    await close();
  }
});

test("a malformed or foreign ?next= after log-in lands on the default page, not stuck on /login; the profile promises no reputation yet", async () => {
  const account = await signUp(app.app, { displayName: "跳转用户" });
  for (const next of ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/"]) {
    const { page, assertNoProblems, close } = await openPage(
      browser,
      `${app.url}/login?next=${next.startsWith("/%") ? next : encodeURIComponent(next)}`,
    );
    try {
      await page.getByRole("heading", { level: 1, name: "登录" }).waitFor();
      await page.getByLabel("电子邮箱").fill(account.email);
      await page.getByLabel("密码", { exact: true }).fill(account.password);
      await page.getByRole("main").getByRole("button", { name: "登录" }).click();
      await page.getByRole("heading", { level: 1, name: "您好，跳转用户" }).waitFor();
      const url = new URL(page.url());
      assert.equal(url.origin, app.url, next);
      assert.equal(url.pathname, "/", next);
      assertNoProblems();
    } finally {
      await close();
    }
  }
  // A good one is followed.
  const { page, assertNoProblems, close } = await openPage(browser, `${app.url}/login?next=%2Fcontests`);
  try {
    await page.getByLabel("电子邮箱").fill(account.email);
    await page.getByLabel("密码", { exact: true }).fill(account.password);
    await page.getByRole("main").getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { level: 1, name: "悬赏大厅" }).waitFor();

    // The public profile shows no level or reputation score: they come with reviews.
    await page.goto(`${app.url}/users/${account.user.id}`);
    await page.getByRole("heading", { level: 1, name: "跳转用户" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "认证徽章" }).waitFor();
    for (const name of ["等级", "信誉分"]) {
      assert.equal(await page.getByRole("heading", { name }).count(), 0, name);
    }
    assertNoProblems();
  } finally {
    await close();
  }
});
