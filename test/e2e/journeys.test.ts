// Issue 9, "Journeys and clarity" (must-show 4): each journey and clarity item in Chromium, in
// zh-CN and English, at 390 px (phone) and 1280 px (desktop). With SCREENSHOTS=1 every item also
// writes its zh-CN phone screenshot to docs/screenshots/journeys/.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { call, enterText, fund, key } from "../../server/features/contests/contests.fixtures.ts";
import { browserJourneys, JOURNEY, type OpenedPage, saveScreenshot, viewports } from "../helpers/browser.ts";
import { type SignedUp, signUp } from "../helpers/factories.ts";

const journeys = browserJourneys({
  env: { PLATFORM_FEE_BPS: "1000", CONTEST_MIN_SUBMISSION_PERIOD: "PT1S" },
});

type Look = { locale: "zh-CN" | "en"; viewport: { width: number; height: number }; phone: boolean };
const zhPhone: Look = { locale: "zh-CN", viewport: viewports.phone, phone: true };
const enDesktop: Look = { locale: "en", viewport: viewports.desktop, phone: false };
const enPhone: Look = { locale: "en", viewport: viewports.phone, phone: true };
const zhDesktop: Look = { locale: "zh-CN", viewport: viewports.desktop, phone: false };

async function open(look: Look, url = "about:blank"): Promise<OpenedPage> {
  const opened = await journeys.open("about:blank", {
    viewport: look.viewport,
    isMobile: look.phone,
    hasTouch: look.phone,
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
  });
  await opened.context.addInitScript(
    `localStorage.setItem("liangjiang.locale", ${JSON.stringify(look.locale)})`,
  );
  if (url !== "about:blank") await opened.page.goto(`${journeys.app.url}${url}`);
  return opened;
}

/** The zh-CN phone screenshot of an item (SCREENSHOTS=1), full page, palette-compressed. */
async function shot(page: Page, look: Look, name: string) {
  if (look === zhPhone) await saveScreenshot(page, `journeys/${name}.png`, { quality: 90 });
}

const words = {
  "zh-CN": {
    email: "电子邮箱",
    password: "密码",
    login: "登录",
    hello: (name: string) => `您好，${name}`,
    post: "发布悬赏",
    browse: "浏览悬赏",
  },
  en: {
    email: "E-mail",
    password: "Password",
    login: "Log in",
    hello: (name: string) => `Hello, ${name}`,
    post: "Post a contest",
    browse: "Browse contests",
  },
} as const;

async function logIn(page: Page, look: Look, user: SignedUp, next?: string) {
  await page.goto(`${journeys.app.url}/login${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  await page.locator("#email").fill(user.email);
  await page.locator("#password").fill(user.password);
  await page.locator("form button[type=submit]").click();
  const target = new URL(next ?? "/", journeys.app.url);
  await page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search);
  void look;
}

/** A contest of `buyer` with one ¥1,500 prize (through the API), entered by `providers`. */
async function contest(buyer: SignedUp, providers: SignedUp[], title: string, deadlineMs = 3 * 86_400_000) {
  await fund(journeys.app, buyer, 150_000);
  const res = await call(journeys.app, buyer, "POST", "/tasks", {
    mode: "contest",
    title,
    brief: "A logo for a Chongqing tea house: warm, simple, works in one colour.",
    categoryId: "logo",
    prizesMinor: [150_000],
    submissionDeadline: new Date(Date.now() + deadlineMs).toISOString(),
  });
  assert.equal(res.statusCode, 201, res.body);
  const taskId = res.json().task.id as string;
  const entries: string[] = [];
  for (const p of providers)
    entries.push((await enterText(journeys.app, p, taskId, `idea ${p.user.displayName}`)).id);
  return { taskId, entries };
}

async function award(buyer: SignedUp, taskId: string, entryId: string) {
  const res = await call(journeys.app, buyer, "POST", `/tasks/${taskId}/awards`, {
    awards: [{ entryId, prizeIndex: 0 }],
  });
  assert.equal(res.statusCode, 200, res.body);
}

for (const look of [zhPhone, enDesktop]) {
  const w = words[look.locale];
  test(
    `journeys 1 and 3 (${look.locale}, ${look.viewport.width} px): "post" signs up then opens the posting form; a new provider gets a welcome with the next steps (verification optional); signed in, the home's buttons post and browse`,
    JOURNEY,
    async () => {
      const { page, assertNoProblems, close } = await open(look, "/");
      try {
        // The visitor's "post a task": sign-up, then straight on to the posting form.
        await page
          .locator(`a[href="/signup?next=${encodeURIComponent("/contests/new")}"]`)
          .first()
          .click();
        await page.waitForURL((url) => url.pathname === "/signup");
        const email = `post-${look.locale}-${Date.now()}@example.com`;
        await page.locator("#displayName").fill("新雇主");
        await page.locator("#email").fill(email);
        await page.locator("#password").fill("river-Meets-2026");
        await page.locator("form button[type=submit]").click();
        await page.waitForURL((url) => url.pathname === "/contests/new");
        await page.getByRole("heading", { level: 1 }).waitFor();

        // Signed in, the home is the signed-in one: its buttons go to posting and browsing.
        await page.goto(`${journeys.app.url}/`);
        await page.getByRole("heading", { level: 1, name: w.hello("新雇主") }).waitFor();
        assert.equal(await page.locator('main a[href="/signup"], main a[href^="/signup?"]').count(), 0);
        await page.getByRole("main").getByRole("link", { name: w.post, exact: true }).first().waitFor();
        assert.equal(
          await page
            .getByRole("main")
            .getByRole("link", { name: w.post, exact: true })
            .first()
            .getAttribute("href"),
          "/contests/new",
        );
        assert.equal(
          await page
            .getByRole("main")
            .getByRole("link", { name: w.browse, exact: true })
            .first()
            .getAttribute("href"),
          "/contests",
        );
        await page
          .getByTestId("my-actions")
          .or(page.getByText(/目前没有需要您处理的事项|Nothing is waiting for you/))
          .first()
          .waitFor();
        await shot(page, look, "05-home-signed-in-empty");
        assertNoProblems();
      } finally {
        await close();
      }

      // "Become a provider": sign-up, then the welcome — browse first, verification optional.
      const provider = await open(look, "/");
      try {
        const { page } = provider;
        await page.locator('main a[href="/signup?as=provider"]').first().click();
        await page.locator("#displayName").fill("新服务商");
        await page.locator("#email").fill(`provider-${look.locale}-${Date.now()}@example.com`);
        await page.locator("#password").fill("river-Meets-2026");
        await page.locator("form button[type=submit]").click();
        await page.waitForURL((url) => url.pathname === "/welcome");
        const steps = page.getByTestId("welcome-steps");
        await steps.waitFor();
        const first = steps.getByRole("listitem").first();
        assert.equal(await first.getByRole("link").getAttribute("href"), "/contests");
        await page.getByTestId("welcome-verify").waitFor();
        assert.match((await steps.textContent()) ?? "", /可选|optional/);
        await shot(page, look, "03-welcome-after-sign-up");
        await page.getByTestId("welcome-browse").click();
        await page.waitForURL((url) => url.pathname === "/contests");
        provider.assertNoProblems();
      } finally {
        await provider.close();
      }
    },
  );
}

test(
  "journey 2: log-in returns to ?next=, and without one lands on the signed-in home (zh-CN phone, English desktop)",
  JOURNEY,
  async () => {
    const user = await signUp(journeys.app.app, { displayName: "回来用户" });
    for (const look of [zhPhone, enDesktop]) {
      const { page, assertNoProblems, close } = await open(look);
      try {
        await logIn(page, look, user, "/contests?status=open");
        assert.equal(new URL(page.url()).search, "?status=open");
        assertNoProblems();
      } finally {
        await close();
      }
      // A fresh browser, no ?next=: the signed-in home.
      const again = await open(look);
      try {
        const { page } = again;
        await logIn(page, look, user);
        // (The language chosen on this device wins: it is saved to the account.)
        await page.getByRole("heading", { level: 1, name: words[look.locale].hello("回来用户") }).waitFor();
        await shot(page, look, "02-after-log-in-home");
        again.assertNoProblems();
      } finally {
        await again.close();
      }
    }
  },
);

test(
  "journey 4: the log-in page links to 'forgot password'; the e-mailed link resets the password and signs in; a used link says so (zh-CN phone, English desktop)",
  JOURNEY,
  async () => {
    for (const look of [zhPhone, enDesktop]) {
      const user = await signUp(journeys.app.app, { displayName: "忘记密码" });
      const { page, assertNoProblems, close } = await open(look, "/login");
      try {
        await page.locator('a[href="/forgot-password"]').click();
        await page.waitForURL((url) => url.pathname === "/forgot-password");
        // The address changes before the lazy page has rendered: until its heading is there, #email
        // and the submit button are still the log-in form's (a loaded machine made that a flake).
        await page.locator("#forgot-title").waitFor();
        await page.locator("#email").fill(user.email);
        await page.locator("form button[type=submit]").click();
        await page.getByTestId("forgot-sent").waitFor();
        await shot(page, look, "04-forgot-password-sent");

        const mail = await journeys.app.db
          .selectFrom("outbox_messages")
          .select("body")
          .where("recipient", "=", user.email)
          .orderBy("created_at", "desc")
          .executeTakeFirstOrThrow();
        const token = /\/reset-password\?token=([\w-]+)/.exec(mail.body)?.[1];
        assert.ok(token, "the e-mail holds the link");
        await page.goto(`${journeys.app.url}/reset-password?token=${token}`);
        await page.locator("#password").waitFor();
        assert.equal(new URL(page.url()).search, "", "the token left the address bar");
        // The repeat must match; the error clears when the field changes (journey 6 as well).
        await page.locator("#password").fill("new-River-2027");
        await page.locator("#repeat").fill("new-River-2028");
        await page.locator("form button[type=submit]").click();
        const repeatError = page.getByText(/两次输入的密码不一致|The passwords don't match/);
        await repeatError.waitFor();
        await shot(page, look, "06-validation-error-before-fix");
        await page.locator("#repeat").fill("new-River-2027");
        await repeatError.waitFor({ state: "detached" });
        await shot(page, look, "06-validation-error-cleared");
        await page.locator("form button[type=submit]").click();
        await page.getByTestId("reset-done").waitFor();
        await shot(page, look, "04-reset-password-done");
        const me = await page.evaluate<{ user: { email: string } }>(
          "fetch('/api/v1/me').then((r) => r.json())",
        );
        assert.equal(me.user.email, user.email, "signed in");

        // The same link again: it was used.
        await page.goto(`${journeys.app.url}/reset-password?token=${token}`);
        await page.locator("#password").fill("another-River-2029");
        await page.locator("#repeat").fill("another-River-2029");
        const answer = page.waitForResponse((r) => r.url().endsWith("/password-reset/confirm"));
        await page.locator("form button[type=submit]").click();
        const res = await answer;
        assert.equal(res.status(), 400, await res.text());
        const refused = page.getByTestId("reset-refused");
        await refused
          .or(page.getByRole("alert"))
          .first()
          .waitFor({ timeout: 10_000 })
          .catch(() => {});
        assert.equal(
          await refused.count(),
          1,
          `${await res.text()} ${await page.getByRole("main").textContent()}`,
        );
        assert.match((await refused.textContent()) ?? "", /已经用过了|already been used/);
        await page.getByTestId("reset-refused").locator('a[href="/forgot-password"]').waitFor();
        // The 400 of the used link is expected.
        assertNoProblems(/HTTP 400: POST .*password-reset\/confirm|status of 400/);
      } finally {
        await close();
      }
    }
  },
);

test(
  "journey 5 and clarity 15/16: the signed-in home lists what waits — entries to judge, a handover to accept, a prize to hand over — each with a date and its zone; the contest banner dates the auto-accept",
  JOURNEY,
  async () => {
    // One set per language (signed in, the app speaks the account's language).
    async function waiting(locale: "zh-CN" | "en") {
      const buyer = await signUp(journeys.app.app, { displayName: "王老板", locale });
      const alice = await signUp(journeys.app.app, { displayName: "Alice Studio" });
      const bob = await signUp(journeys.app.app, { displayName: "Bob 设计", locale });
      // To judge: submissions close in 2 s (the job closes them); to accept: Alice handed over;
      // Bob won another and must hand over.
      const judged = await contest(buyer, [alice, bob], "茶馆标志 To judge", 2_000);
      const handed = await contest(buyer, [alice], "茶馆菜单 Handed over");
      const won = await contest(buyer, [bob], "茶馆招牌 To hand over");
      await award(buyer, handed.taskId, handed.entries[0] as string);
      await award(buyer, won.taskId, won.entries[0] as string);
      const ho = await call(journeys.app, alice, "POST", `/entries/${handed.entries[0]}/handover`, {
        text: "files",
      });
      assert.equal(ho.statusCode, 200, ho.body);
      return { buyer, bob, judged };
    }
    const sets = { "zh-CN": await waiting("zh-CN"), en: await waiting("en") };
    for (const set of Object.values(sets)) {
      for (let i = 0; i < 100; i++) {
        const task = (await call(journeys.app, set.buyer, "GET", `/tasks/${set.judged.taskId}`)).json().task;
        if (task.status === "selecting") break;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const { bob, judged } = sets["zh-CN"];

    for (const look of [zhPhone, enDesktop]) {
      const { page, assertNoProblems, close } = await open(look);
      try {
        await logIn(page, look, sets[look.locale].buyer);
        const list = page.getByTestId("my-actions");
        await list.waitFor();
        const text = (await list.textContent()) ?? "";
        assert.match(text, /茶馆标志 To judge/);
        assert.match(text, /茶馆菜单 Handed over/);
        assert.match(
          text,
          look.locale === "zh-CN"
            ? /2 份投稿待评选：请在 .*GMT\+8 前选出/
            : /2 entries to judge: choose the winners by .*GMT\+8/,
        );
        assert.match(
          text,
          look.locale === "zh-CN" ? /Alice Studio 已交付.*GMT\+8/ : /Alice Studio handed over.*GMT\+8/,
        );
        await shot(page, look, "05-home-needs-my-action");
        // The contest's banner dates the auto-accept (no "after a while").
        await list.getByRole("link", { name: "茶馆菜单 Handed over" }).click();
        const banner = page.getByRole("note");
        await banner.getByText(/GMT\+8/).waitFor();
        assert.doesNotMatch((await banner.textContent()) ?? "", /after a while|长时间不处理/);
        await shot(page, look, "15-banner-auto-accept-date");
        assertNoProblems();
      } finally {
        await close();
      }
    }
    // Bob: a prize to hand over, with its due date.
    const { page, assertNoProblems, close } = await open(zhPhone);
    try {
      await logIn(page, zhPhone, bob);
      const list = page.getByTestId("my-actions");
      await list.getByText(/请在 .*GMT\+8 前提交最终文件/).waitFor();
      // On the contest page, the countdown shows its date and zone (clarity 15/16).
      await page.goto(`${journeys.app.url}/tasks/${judged.taskId}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page
        .getByText(/GMT\+8/)
        .first()
        .waitFor();
      await shot(page, zhPhone, "16-deadlines-with-zone");
      assertNoProblems();
    } finally {
      await close();
    }
  },
);

test(
  "journeys 7–10 on phones: the header keeps 'Log in' whole at 360 and 390 px in both languages; the contest list folds its filters; the contest page has a sticky action bar; the file input is the kit's",
  JOURNEY,
  async () => {
    for (const look of [
      zhPhone,
      enPhone,
      { ...zhPhone, viewport: viewports.smallPhone },
      { ...enPhone, viewport: viewports.smallPhone },
    ]) {
      const { page, assertNoProblems, close } = await open(look, "/");
      try {
        const login = page
          .getByRole("navigation")
          .getByRole("link", { name: words[look.locale].login, exact: true });
        await login.waitFor();
        // Whole: the link's text is not clipped (its content fits its box) and it lies on screen.
        const fits = await login.evaluate(
          // Typed by hand: the test typecheck has no DOM library.
          (node) => {
            const el = node as unknown as {
              scrollWidth: number;
              clientWidth: number;
              getBoundingClientRect(): { right: number };
              ownerDocument: { defaultView: { innerWidth: number } | null };
            };
            return (
              el.scrollWidth <= el.clientWidth + 1 &&
              el.getBoundingClientRect().right <= (el.ownerDocument.defaultView?.innerWidth ?? 0)
            );
          },
        );
        assert.ok(fits, `${look.locale} ${look.viewport.width}: "Log in" is cut`);
        const wide = await page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        assert.equal(wide, false, "nothing sticks out sideways");
        if (look === zhPhone || look === enPhone) await shot(page, look, "07-header-phone");
        assertNoProblems();
      } finally {
        await close();
      }
    }

    const buyer = await signUp(journeys.app.app, { displayName: "筛选雇主" });
    const provider = await signUp(journeys.app.app, { displayName: "投稿人" });
    const { taskId } = await contest(buyer, [], "茶馆标志设计 Sticky bar");
    for (const look of [zhPhone, enDesktop]) {
      const { page, assertNoProblems, close } = await open(look, "/contests");
      try {
        const toggle = page.getByTestId("filters-toggle");
        const filters = page.locator("#contest-filters");
        if (look.phone) {
          await toggle.waitFor();
          assert.equal(await filters.isVisible(), false, "folded on a phone");
          await shot(page, look, "09-contest-filters-folded");
          await toggle.click();
          assert.equal(await toggle.getAttribute("aria-expanded"), "true");
          await filters.waitFor();
          await shot(page, look, "09-contest-filters-open");
        } else {
          await filters.waitFor();
          assert.equal(await toggle.isVisible(), false, "always shown on a desktop");
        }
        // A provider on the contest page: the enter action in a bar on phones.
        await logIn(page, look, provider, `/tasks/${taskId}`);
        const bar = page.getByTestId("action-bar");
        if (look.phone) {
          await bar.waitFor();
          const box = await bar.boundingBox();
          assert.ok(box && box.y + box.height <= look.viewport.height + 1, "visible without scrolling");
          await shot(page, look, "08-contest-sticky-action");
          await bar.getByRole("link").click();
          await page.locator("#enter").waitFor();
        } else {
          assert.equal(await bar.isVisible(), false);
        }
        // Journey 10: the kit's file picker (a labelled button over the input), not the bare control.
        const input = page.locator('#enter input[type="file"]');
        await input.waitFor({ state: "attached" });
        const label = await page.locator(`label[for="${await input.getAttribute("id")}"]`).count();
        assert.ok(label > 0, "the file input has its label");
        if (look.phone) {
          await page.locator("#enter").scrollIntoViewIfNeeded();
          await shot(page, look, "10-file-input");
        }
        assertNoProblems();
      } finally {
        await close();
      }
    }
  },
);

test(
  "clarity 11–14: a completed contest names its winner and says paid; the winner's statement shows ¥1,500 − ¥150 = ¥1,350 and links the contest; no ¥0.00 row; a cancelled one says refunded",
  JOURNEY,
  async () => {
    const buyer = await signUp(journeys.app.app, { displayName: "完成雇主" });
    const winner = await signUp(journeys.app.app, { displayName: "赢家工作室" });
    const { taskId, entries } = await contest(buyer, [winner], "茶馆标志设计 Completed");
    await award(buyer, taskId, entries[0] as string);
    assert.equal(
      (await call(journeys.app, winner, "POST", `/entries/${entries[0]}/handover`, { text: "files" }))
        .statusCode,
      200,
    );
    const accepted = await call(journeys.app, buyer, "POST", `/entries/${entries[0]}/accept`, undefined, {
      "idempotency-key": key(),
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const cancelled = await contest(buyer, [], "茶馆标志设计 Cancelled");
    const cancel = await call(journeys.app, buyer, "POST", `/tasks/${cancelled.taskId}/cancel`);
    assert.ok([200, 409].includes(cancel.statusCode), cancel.body);

    for (const look of [zhPhone, enDesktop, zhDesktop]) {
      const { page, assertNoProblems, close } = await open(look, `/tasks/${taskId}`);
      try {
        const money = page.getByTestId("prize-money");
        await money.getByText(look.locale === "zh-CN" ? "已支付 ¥1,500" : "¥1,500 paid out").waitFor();
        // (Signed in below, the app speaks the winner's account language: Chinese.)
        assert.doesNotMatch(
          (await page.getByTestId("prize-card").textContent()) ?? "",
          /托管中 ¥1,500|¥1,500 in escrow/,
        );
        await page
          .getByTestId("winner")
          .getByText(/赢家工作室/)
          .waitFor();
        await shot(page, look, "11-completed-contest-winner-paid");
        if (cancel.statusCode === 200) {
          await page.goto(`${journeys.app.url}/tasks/${cancelled.taskId}`);
          await page
            .getByTestId("prize-money")
            .getByText(/已退回雇主|refunded to the buyer/)
            .waitFor();
          await shot(page, look, "11-cancelled-contest-refunded");
        }

        await logIn(page, look, winner, "/wallet");
        const statement = page.getByTestId("statement");
        await statement.waitFor();
        const breakdown = statement.getByTestId("entry-breakdown").first();
        await breakdown.waitFor({ state: "attached" });
        assert.match(
          (await breakdown.textContent()) ?? "",
          /奖金 ¥1,500\.00 − 平台服务费 ¥150\.00 = 到账 ¥1,350\.00|Prize ¥1,500\.00 − platform fee ¥150\.00 = ¥1,350\.00 received/,
        );
        const about = statement.getByTestId("entry-about").first();
        assert.equal(await about.getAttribute("href"), `/tasks/${taskId}`);
        assert.match((await about.textContent()) ?? "", /茶馆标志设计 Completed/);
        assert.doesNotMatch((await statement.textContent()) ?? "", /¥0\.00/);
        await shot(page, look, "12-13-14-statement-gross-fee-net");
        assertNoProblems();
      } finally {
        await close();
      }
    }
  },
);
