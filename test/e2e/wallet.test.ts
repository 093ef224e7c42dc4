// The wallet in a real browser against the real app (issue 4, Web): top up through the sandbox
// payment page and come back to a wallet that follows the top-up until the signed webhook settles
// it; request a withdrawal; an operator approves it in the operator page; the payout provider pays
// and the status shows. Amounts read ¥1,234.56 in both languages.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import {
  SIGNATURE_HEADER,
  sandboxEventBody,
  sandboxWebhookSecret,
  signSandbox,
} from "../../server/payments/sandbox.ts";
import { browserJourneys, JOURNEY, viewports } from "../helpers/browser.ts";
import { type SignedUp, signUp, signUpOperator } from "../helpers/factories.ts";

const journey = browserJourneys();
const open = journey.open;

async function logIn(page: Page, email: string, password: string) {
  await page.getByRole("heading", { level: 1, name: "登录" }).waitFor();
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("main").getByRole("button", { name: "登录" }).click();
}

/** Waits until a balance shows this text (the wallet reloads after top-ups and withdrawals). */
async function balanceReads(page: Page, which: "available" | "escrow" | "pending", text: string) {
  const value = balance(page, which);
  const deadline = Date.now() + 60_000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await value.textContent();
    if (last === text) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`balance ${which}: expected ${text}, still ${last}`);
}

function balance(page: Page, which: "available" | "escrow" | "pending") {
  return page.getByTestId(`balance-${which}-value`);
}

test(
  "top up through the sandbox page, withdraw, an operator approves, the payout shows as paid",
  JOURNEY,
  async () => {
    const account = await signUp(journey.app.app, { displayName: "钱包用户" });
    const user = await open(`${journey.app.url}/wallet`);
    const { page } = user;
    try {
      await logIn(page, account.email, account.password);
      await page.getByRole("heading", { level: 1, name: "我的钱包" }).waitFor();
      await page.getByText("还没有资金变动。充值后会显示在这里。").waitFor();
      await balanceReads(page, "available", "¥0.00");

      // Top up ¥1,234.56 with Alipay: off to the sandbox provider's page.
      const topUp = page.getByRole("region", { name: "充值" });
      await topUp.getByLabel("金额（元）").fill("1,234.56");
      await topUp.getByText("支付宝").click();
      await topUp.getByRole("button", { name: "去支付" }).click();
      await page.getByRole("heading", { name: "沙箱支付 Sandbox payment" }).waitFor();
      await page.getByText("¥1,234.56").waitFor();
      await page.getByRole("button", { name: "支付成功 Pay" }).click();

      // Back in the wallet, which follows the top-up until the webhook settles it.
      await page.getByRole("heading", { level: 1, name: "我的钱包" }).waitFor();
      assert.match(new URL(page.url()).search, /^\?topUp=/);
      await page
        .getByTestId("top-up-status")
        .getByText("充值 ¥1,234.56 已到账。")
        .waitFor({ timeout: 60_000 });
      await balanceReads(page, "available", "¥1,234.56");
      const statement = page.getByTestId("statement");
      await statement.getByRole("row", { name: /充值.*\+¥1,234\.56/ }).waitFor();

      // Withdraw ¥200 to an Alipay account: held at once, waiting for review.
      const withdraw = page.getByRole("region", { name: "提现" });
      await withdraw.getByLabel("金额（元）").fill("2000");
      await withdraw.getByLabel("支付宝账号").fill("lin@example.com");
      await withdraw.getByRole("button", { name: "申请提现" }).click();
      await withdraw.getByText("超过可用余额（¥1,234.56）。").waitFor();
      await withdraw.getByLabel("金额（元）").fill("200");
      await withdraw.getByRole("button", { name: "申请提现" }).click();
      await withdraw.getByText("已申请提现 ¥200.00，等待审核。").waitFor();
      const withdrawals = page.getByTestId("withdrawals");
      await withdrawals.getByRole("listitem").filter({ hasText: "¥200.00" }).getByText("待审核").waitFor();
      await balanceReads(page, "pending", "¥200.00");
      await balanceReads(page, "available", "¥1,034.56");

      // An operator approves it in the operator page.
      const operatorAccount = await signUpOperator(journey.app.app, journey.app);
      const operator = await open(`${journey.app.url}/admin/withdrawals`);
      try {
        const op = operator.page;
        await logIn(op, operatorAccount.email, operatorAccount.password);
        await op.getByRole("heading", { level: 1, name: "提现审核" }).waitFor();
        const item = op.getByRole("listitem").filter({ hasText: "lin@example.com" });
        await item.getByRole("heading", { name: /¥200\.00/ }).waitFor();
        await item.getByRole("button", { name: "通过" }).click();
        await item.getByText(/已批准，打款中|已到账/).waitFor();
        operator.assertNoProblems();
      } finally {
        await operator.close();
      }

      // The user's wallet follows the withdrawal: paid by the sandbox payout provider.
      await withdrawals
        .getByRole("listitem")
        .filter({ hasText: "¥200.00" })
        .getByText("已到账")
        .waitFor({ timeout: 60_000 });
      await balanceReads(page, "pending", "¥0.00");
      await balanceReads(page, "available", "¥1,034.56");

      // The same amounts in English.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 1, name: "Wallet" }).waitFor();
      await balanceReads(page, "available", "¥1,034.56");
      await withdrawals.getByRole("listitem").filter({ hasText: "¥200.00" }).getByText("Paid").waitFor();
      await statement.getByRole("row", { name: /Top-up.*\+¥1,234\.56/ }).waitFor();

      user.assertNoProblems();
    } finally {
      await user.close();
    }
  },
);

test("a payment cancelled, then failed, on the sandbox page moves nothing and says so", JOURNEY, async () => {
  const account = await signUp(journey.app.app);
  const { page, assertNoProblems, close } = await open(`${journey.app.url}/wallet`);
  try {
    await logIn(page, account.email, account.password);
    const topUp = page.getByRole("region", { name: "充值" });
    await topUp.getByRole("button", { name: "¥500", exact: true }).click();
    assert.equal(await topUp.getByLabel("金额（元）").inputValue(), "500");
    await topUp.getByText("微信支付").click();
    await topUp.getByRole("button", { name: "去支付" }).click();
    // Change of mind on the provider's page: back to the wallet, which offers to pay after all.
    await page.getByRole("link", { name: /取消并返回钱包/ }).click();
    const status = page.getByTestId("top-up-status");
    await status.getByText(/充值 ¥500\.00 等待支付渠道确认/).waitFor();
    await status.getByRole("link", { name: "继续支付" }).click();
    await page.getByRole("button", { name: "支付失败 Fail" }).click();
    await page
      .getByTestId("top-up-status")
      .getByText("充值 ¥500.00 支付失败，资金没有变动。")
      .waitFor({ timeout: 60_000 });
    await balanceReads(page, "available", "¥0.00");
    assertNoProblems();
  } finally {
    await close();
  }
});

test("the wallet fits a 360 px phone in both languages", JOURNEY, async () => {
  const account = await signUp(journey.app.app);
  for (const locale of ["zh-CN", "en"]) {
    const { page, assertNoProblems, close } = await open(`${journey.app.url}/login?next=/wallet`, {
      viewport: viewports.smallPhone,
      isMobile: true,
      hasTouch: true,
    });
    try {
      await logIn(page, account.email, account.password);
      await page.getByTestId("balance-available").waitFor();
      if (locale === "en") {
        await page.getByRole("button", { name: "English" }).click();
        await page.getByRole("heading", { level: 1, name: "Wallet" }).waitFor();
      }
      const widths = await page.evaluate<{ scroll: number; client: number }>(
        "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
      );
      assert.ok(widths.scroll <= widths.client, `${locale}: ${widths.scroll}px wide in ${widths.client}px`);
      assertNoProblems();
    } finally {
      await close();
    }
  }
});

/** Tops up at once, as the provider's signed webhook would (for tests not about top-ups). */
async function fund(who: SignedUp, amountMinor: number) {
  const created = await journey.app.app.inject({
    method: "POST",
    url: "/api/v1/wallet/top-ups",
    headers: who.headers,
    payload: { amountMinor, method: "card" },
  });
  assert.equal(created.statusCode, 201, created.body);
  const topUpId = created.json().topUp.id as string;
  const body = sandboxEventBody({
    id: `evt_${topUpId}_succeeded`,
    type: "payment.succeeded",
    topUpId,
    amountMinor,
    currency: "CNY",
  });
  const hook = await journey.app.app.inject({
    method: "POST",
    url: "/api/v1/payments/webhooks/sandbox",
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signSandbox(body, sandboxWebhookSecret(journey.app.config.dataDir)),
    },
    payload: body,
  });
  assert.equal(hook.statusCode, 200, hook.body);
}

test("the statement shows 20 movements a page and loads the next page on request", JOURNEY, async () => {
  const account = await signUp(journey.app.app);
  for (let i = 1; i <= 21; i++) await fund(account, i * 100);
  const { page, assertNoProblems, close } = await open(`${journey.app.url}/login?next=/wallet`);
  try {
    await logIn(page, account.email, account.password);
    const rows = page.getByTestId("statement").locator("tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 20);
    // Newest first: the last top-up (¥21.00) leads, the first (¥1.00) is on the next page.
    assert.match((await rows.first().textContent()) ?? "", /\+¥21\.00/);
    await page.getByRole("button", { name: "加载更多" }).click();
    await rows.nth(20).waitFor();
    assert.equal(await rows.count(), 21);
    assert.match((await rows.nth(20).textContent()) ?? "", /\+¥1\.00/);
    assert.equal(await page.getByRole("button", { name: "加载更多" }).count(), 0, "no more pages");
    await balanceReads(page, "available", "¥231.00");
    assertNoProblems();
  } finally {
    await close();
  }
});
