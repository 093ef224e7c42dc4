// Browser tests drive Debian's Chromium through playwright-core (no browser downloads): the path
// comes from CHROMIUM_PATH (scripts/test.ts sets it, or finds `chromium` on PATH).
// openPage() records what a user would never want to see — console errors, uncaught exceptions,
// failed requests and HTTP errors — so every journey can end with assertNoProblems().
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import sharp from "sharp";
import { csrfTokenFor } from "../../server/features/accounts/sessions.ts";
import { startTestApp, type TestApp } from "./app.ts";
import type { SignedUp } from "./factories.ts";
import { call } from "./http.ts";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH;
  if (!path) throw new Error("CHROMIUM_PATH is not set: run browser tests through `npm test`");
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
  smallPhone: { width: 360, height: 740 },
} as const;

export type OpenedPage = {
  page: Page;
  context: BrowserContext;
  /** Everything that went wrong so far, one line each. */
  problems: string[];
  /** Fails the test when anything went wrong; `allow` filters out expected problems. */
  assertNoProblems(allow?: RegExp): void;
  close(): Promise<void>;
};

/**
 * A fresh context (own storage, cookies) and page at `url`. The browser's language is English
 * by default so tests prove the app's own default (zh-CN) does not follow it.
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: viewports.desktop,
    locale: "en-US",
    timezoneId: "Asia/Shanghai",
    ...options,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "failed";
    // A navigation or reload cancels requests still in flight: not a problem.
    if (reason === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  await page.goto(url);
  return {
    page,
    context,
    problems,
    assertNoProblems(allow) {
      const unexpected = allow ? problems.filter((p) => !allow.test(p)) : problems;
      assert.deepEqual(unexpected, [], `the page had problems:\n${unexpected.join("\n")}`);
    },
    close: () => context.close(),
  };
}

/** Journeys across several people and the job queue: generous limits, as the test machine may be busy. */
export const JOURNEY = { timeout: 600_000 };

/**
 * A file of browser journeys: one real app (real port, job workers) and one Chromium for the whole
 * file, started before its tests and stopped after them. `open` gives each page a long default wait.
 * `env` configures the app (a platform fee, a short timer).
 */
export function browserJourneys(options: { env?: Record<string, string>; workers?: boolean } = {}) {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  before(async () => {
    // `workers: false`: a test that runs a timer's job itself, exactly when it wants the effect.
    app = await startTestApp({ listen: true, workers: options.workers ?? true, env: options.env });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app(): TestApp {
      assert.ok(app, "the journey app starts in before()");
      return app;
    },
    async open(url: string, options?: BrowserContextOptions): Promise<OpenedPage> {
      assert.ok(browser, "the browser starts in before()");
      const opened = await openPage(browser, url, options);
      opened.page.setDefaultTimeout(120_000);
      return opened;
    },
  };
}

/** A page of a journey signed in as `user` (the session cookies the log-in page sets), at `url`. */
export async function openSignedIn(
  journeys: ReturnType<typeof browserJourneys>,
  user: { token: string },
  url: string,
  viewport: { width: number; height: number } = viewports.desktop,
): Promise<OpenedPage> {
  const phone = viewport.width < 600;
  const opened = await journeys.open("about:blank", {
    viewport,
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
  });
  const { app } = journeys;
  await opened.context.addCookies([
    { name: "lj_session", value: user.token, url: app.url, httpOnly: true, sameSite: "Lax" },
    { name: "lj_csrf", value: csrfTokenFor(user.token), url: app.url, sameSite: "Lax" },
  ]);
  await opened.page.goto(`${app.url}${url}`);
  return opened;
}

/** Screenshots for the README: only when SCREENSHOTS=1, into SCREENSHOTS_DIR or docs/screenshots/. */
export const SCREENSHOTS = process.env.SCREENSHOTS === "1";
const screenshotsDir =
  process.env.SCREENSHOTS_DIR ?? path.join(import.meta.dirname, "..", "..", "docs", "screenshots");

/**
 * A full-page PNG (a 256-colour palette keeps flat UI small with no visible loss), when SCREENSHOTS=1.
 * `file` may name a subfolder of the screenshots folder (made if missing). `waitForImages`: images
 * load lazily, so scroll through the page and wait for them, then shoot from the top (a scrolled
 * page would draw the sticky header mid-picture).
 */
export async function saveScreenshot(
  page: Page,
  file: string,
  options: { waitForImages?: boolean; quality?: number } = {},
): Promise<void> {
  if (!SCREENSHOTS) return;
  await page.evaluate("document.fonts.ready");
  if (options.waitForImages) {
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
    for (let i = 0; i < 50; i++) {
      if (await page.evaluate("Array.from(document.images).every((img) => img.complete)")) break;
      await page.waitForTimeout(100);
    }
    await page.evaluate("window.scrollTo(0, 0)");
  }
  const png = await page.screenshot({ fullPage: true });
  const target = path.join(screenshotsDir, file);
  mkdirSync(path.dirname(target), { recursive: true });
  const info = await sharp(png)
    .png({ palette: true, quality: options.quality ?? 85, effort: 10, compressionLevel: 9 })
    .toFile(target);
  console.log(`wrote ${file} (${info.width}×${info.height}, ${Math.round(info.size / 1024)} KB)`);
}

/**
 * Screenshots (SCREENSHOTS=1) of `user`'s view of `url` in the two looks the README shows: zh-CN on
 * a 390 px phone and English at 1280 px, as `<name>-zh-CN-phone.png` and `<name>-en-desktop.png`.
 * The account's language decides, so it is switched through PATCH /me, and back to zh-CN after.
 * `ready` waits for what the picture must show.
 */
export async function screenshotBothLooks(
  journeys: ReturnType<typeof browserJourneys>,
  user: SignedUp,
  url: string,
  name: string,
  ready: (page: Page) => Promise<void>,
): Promise<void> {
  if (!SCREENSHOTS) return;
  const { app } = journeys;
  for (const [locale, viewport, suffix] of [
    ["zh-CN", viewports.phone, "zh-CN-phone"],
    ["en", viewports.desktop, "en-desktop"],
  ] as const) {
    const res = await call(app, user, "PATCH", "/me", { locale });
    assert.equal(res.statusCode, 200, res.body);
    const opened = await openSignedIn(journeys, user, url, viewport);
    await ready(opened.page);
    await saveScreenshot(opened.page, `${name}-${suffix}.png`, { waitForImages: true });
    await opened.close();
  }
  const back = await call(app, user, "PATCH", "/me", { locale: "zh-CN" });
  assert.equal(back.statusCode, 200, back.body);
}

/**
 * The 402 step in the browser: the page's "wallet short" region (钱包余额不足) says `says` (what is
 * missing); its `button` (e.g. "充值 ¥1,800.50") opens the sandbox pay page in a new tab, which
 * pays (支付成功), lands on the wallet and is closed. The page that asked then goes on by itself.
 */
export async function topUpInSandbox(
  opened: OpenedPage,
  expected: { says: RegExp; button: string },
): Promise<void> {
  const topUp = opened.page.getByRole("region", { name: "钱包余额不足" });
  await topUp.waitFor();
  assert.match((await topUp.textContent()) ?? "", expected.says);
  const [payPage] = await Promise.all([
    opened.context.waitForEvent("page"),
    topUp.getByRole("button", { name: expected.button }).click(),
  ]);
  await payPage.waitForLoadState();
  await payPage.getByRole("button", { name: /支付成功/ }).click();
  await payPage.waitForURL(/\/wallet/);
  await payPage.close();
}
