// Screenshots of the sign-up, profile and wallet pages for the README (docs/screenshots/), with real
// data made through the API. A tool, not part of `npm test` (it writes files); run it with
//   npm test -- test/e2e/account-screenshots.ts            (writes to docs/screenshots, or SCREENSHOTS_DIR)
// Every page in zh-CN and English at 1280, 390 and 360 px; the six the README shows are written as
// palette-compressed PNGs (all of them, and the operator pages, with EXTRA_SCREENSHOTS=1). It also
// fails when anything sticks out sideways, naming the element.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { launchBrowser, viewports } from "../helpers/browser.ts";
import { signUp, signUpOperator } from "../helpers/factories.ts";

const outDir = process.env.SCREENSHOTS_DIR ?? "docs/screenshots";
const PUBLISHED = new Set([
  "signup-desktop-zh-CN",
  "signup-phone-en",
  "profile-desktop-en",
  "profile-phone-zh-CN",
  "wallet-desktop-zh-CN",
  "wallet-phone-en",
]);

let app: TestApp;
let browser: Browser;
before(async () => {
  app = await startTestApp({ listen: true, workers: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function api(
  method: "GET" | "POST" | "PATCH",
  url: string,
  headers: Record<string, string>,
  payload?: object,
) {
  const res = await app.app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    ...(payload ? { payload } : {}),
  });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean) {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out");
}

async function overflowing(page: Page): Promise<string[]> {
  // A string, evaluated in the page (the test code's TypeScript has no DOM types).
  // Scrolling rows (the phone nav) may hold wider content; only the page itself must not scroll.
  return page.evaluate<string[]>(`(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 8)
      .map((el) => el.tagName.toLowerCase() + "." + el.getAttribute("class") + " (" + Math.round(el.getBoundingClientRect().right) + "px)");
  })()`);
}

test("screenshots: sign-up, profile and wallet, zh-CN and English, desktop and phone", {
  timeout: 600_000,
}, async () => {
  const dir = path.resolve(outDir);
  // A provider with a verified real name, a top-up, a paid withdrawal and a pending one.
  const lin = await signUp(app.app, { displayName: "林小江设计工作室", password: "river-Meets-2026" });
  const op = await signUpOperator(app.app, app);
  const submitted = await api("POST", "/me/verification/identity", lin.headers, {
    kind: "person",
    legalName: "林小江",
    idNumber: "11010519491231002X",
  });
  await api("POST", `/admin/verifications/${submitted.verification.id}/approve`, op.headers);
  for (const amountMinor of [500000, 123456]) {
    const { topUp } = await api("POST", "/wallet/top-ups", lin.headers, { amountMinor, method: "alipay" });
    await api("POST", `/payments/sandbox/top-ups/${topUp.id}/pay`, lin.headers, { outcome: "succeeded" });
    await waitFor(
      () => api("GET", `/wallet/top-ups/${topUp.id}`, lin.headers),
      (r) => r.topUp.status === "succeeded",
    );
  }
  const paid = await api("POST", "/wallet/withdrawals", lin.headers, {
    amountMinor: 200000,
    destination: { method: "alipay", account: "lin@example.com" },
  });
  await api("POST", `/admin/withdrawals/${paid.withdrawal.id}/approve`, op.headers);
  await waitFor(
    () => api("GET", `/wallet/withdrawals/${paid.withdrawal.id}`, lin.headers),
    (r) => r.withdrawal.status === "paid",
  );
  await api("POST", "/wallet/withdrawals", lin.headers, {
    amountMinor: 50000,
    destination: { method: "bank", account: "6222 0212 3456 7890" },
  });

  // Something for the operator queue: an enterprise whose name the provider says does not match.
  const other = await signUp(app.app, { displayName: "山城茶饮" });
  await api("POST", "/me/verification/identity", other.headers, {
    kind: "enterprise",
    legalName: "重庆山城茶饮有限公司（不符）",
    creditCode: "91500000MA5U00000W",
  });

  const shots = [
    { name: "signup", path: "/signup", signedIn: false },
    { name: "profile", path: `/users/${lin.user.id}`, signedIn: true },
    { name: "wallet", path: "/wallet", signedIn: true },
    // Looked at, not published: EXTRA_SCREENSHOTS=1.
    ...(process.env.EXTRA_SCREENSHOTS
      ? [
          { name: "verification", path: "/account/verification", signedIn: true },
          { name: "settings", path: "/account", signedIn: true },
        ]
      : []),
  ];
  const problems: string[] = [];
  for (const locale of ["zh-CN", "en"] as const) {
    // Signed in, the UI speaks the account's language.
    await api("PATCH", "/me", lin.headers, { locale });
    for (const [device, viewport] of [
      ["desktop", viewports.desktop],
      ["phone", viewports.phone],
      ["small", viewports.smallPhone],
    ] as const) {
      const context = await browser.newContext({
        viewport,
        isMobile: device !== "desktop",
        hasTouch: device !== "desktop",
        deviceScaleFactor: 1,
        reducedMotion: "reduce",
        locale: "en-US",
        timezoneId: "Asia/Shanghai",
      });
      await context.addInitScript(`localStorage.setItem("liangjiang.locale", ${JSON.stringify(locale)})`);
      const page = await context.newPage();
      for (const shot of shots) {
        if (shot.signedIn && !(await context.cookies()).some((c) => c.name === "lj_session")) {
          await page.goto(`${app.url}/login`);
          await page.locator("#email").fill(lin.email);
          await page.locator("#password").fill(lin.password);
          await page.locator("form button[type=submit]").click();
          await page.waitForURL((url) => url.pathname === "/");
        }
        await page.goto(`${app.url}${shot.path}`);
        await page.getByRole("heading", { level: 1 }).waitFor();
        if (shot.name === "wallet") await page.getByTestId("statement").waitFor();
        if (shot.name === "profile") await page.getByTestId("badges").waitFor();
        await page.evaluate("document.fonts.ready");
        const wide = await overflowing(page);
        if (wide.length) problems.push(`${locale} ${device} ${shot.name}: ${wide.join(", ")}`);
        const base = `${shot.name}-${device}-${locale}`;
        // The README shows six of them; the others are for looking at (EXTRA_SCREENSHOTS=1).
        if (!PUBLISHED.has(base) && !process.env.EXTRA_SCREENSHOTS) continue;
        const file = path.join(dir, `${base}.png`);
        const png = await page.screenshot({ fullPage: true });
        const info = await sharp(png)
          .png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 })
          .toFile(file);
        console.log(`# wrote ${file} (${info.width}×${info.height}, ${Math.round(info.size / 1024)} KB)`);
      }
      await context.close();
    }
  }
  if (process.env.EXTRA_SCREENSHOTS) {
    // The operator pages, as an operator (desktop, Chinese).
    const context = await browser.newContext({ viewport: viewports.desktop, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.locator("#email").fill(op.email);
    await page.locator("#password").fill(op.password);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL((url) => url.pathname === "/");
    for (const name of ["verifications", "withdrawals"]) {
      await page.goto(`${app.url}/admin/${name}`);
      await page.getByRole("article").first().waitFor();
      await page.screenshot({ path: path.join(dir, `ops-${name}.png`), fullPage: true });
    }
    await context.close();
  }
  assert.deepEqual(problems, [], "nothing sticks out sideways");
});
