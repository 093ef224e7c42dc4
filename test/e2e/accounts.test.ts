// Accounts in a real browser against the real app (issue 3, must-show 5): sign up in Chinese, log
// out, log in, switch the account to English, submit real-name verification; an operator approves
// it in the operator queue; the badge shows on the public profile. Plus: errors next to the fields
// in the user's language, and pages that fit a 360 px phone.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { browserJourneys, JOURNEY, viewports } from "../helpers/browser.ts";
import { signUp, signUpOperator } from "../helpers/factories.ts";

const journey = browserJourneys();
const open = journey.open;

/** A valid resident identity number (GB 11643 check digit): the sandbox provider answers "match". */
const ID_NUMBER = "11010519491231002X";

/** True once the element with this id has the focus (moved there after the next frame). */
async function focusOn(page: Page, id: string): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (await page.evaluate(`document.activeElement?.id === ${JSON.stringify(id)}`)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function uniqueEmail(name: string) {
  return `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

async function logIn(
  page: Page,
  email: string,
  password: string,
  labels = { email: "电子邮箱", password: "密码", submit: "登录" },
) {
  await page.getByRole("heading", { level: 1, name: labels.submit }).waitFor();
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: labels.submit }).click();
}

test(
  "must-show 5: sign up in zh-CN, log out, log in, English, real-name verification approved by an operator, badge on the profile",
  JOURNEY,
  async () => {
    const email = uniqueEmail("lin");
    const password = "river-Meets-2026";
    const user = await open(`${journey.app.url}/`);
    const { page } = user;
    try {
      // Sign up from the header, in Chinese (the default).
      await page.getByRole("banner").getByRole("link", { name: "免费注册" }).click();
      await page.getByRole("heading", { level: 1, name: "注册两江账号" }).waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
      await page.getByLabel("昵称").fill("林小江");
      await page.getByLabel("电子邮箱").fill(email);
      await page.getByLabel("密码").fill(password);
      await page.getByRole("button", { name: "注册" }).click();
      // A welcome with the next steps (verification optional), not the verification page.
      await page.getByRole("heading", { level: 1, name: "欢迎来到两江，林小江！" }).waitFor();
      await page.getByTestId("welcome-verify").waitFor();
      const menuButton = page.getByRole("banner").getByRole("button", { name: /林小江/ });
      await menuButton.waitFor();

      // Log out from the account menu.
      await menuButton.click();
      assert.equal(await menuButton.getAttribute("aria-expanded"), "true");
      await page.getByRole("button", { name: "退出登录" }).click();
      await page.getByRole("banner").getByRole("link", { name: "登录" }).waitFor();
      assert.equal(await menuButton.count(), 0);

      // Log in again.
      await page.getByRole("banner").getByRole("link", { name: "登录" }).click();
      await logIn(page, email, password);
      // The signed-in home (what waits for me), not the wallet.
      await page.getByRole("heading", { level: 1, name: "您好，林小江" }).waitFor();

      // Account settings: switch the account's language to English.
      await menuButton.click();
      await page.getByRole("banner").getByRole("link", { name: "账号设置" }).click();
      await page.getByRole("heading", { level: 1, name: "账号设置" }).waitFor();
      await page.getByLabel("语言").selectOption("en");
      await page.getByRole("button", { name: "保存" }).click();
      await page.getByRole("heading", { level: 1, name: "Account settings" }).waitFor();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), "en");
      const me = await page.evaluate<{ user: { locale: string } }>(
        "fetch('/api/v1/me').then((r) => r.json())",
      );
      assert.equal(me.user.locale, "en", "the language is saved on the account");

      // Real-name verification, in English now.
      await menuButton.click();
      await page.getByRole("banner").getByRole("link", { name: "Verification" }).click();
      const realName = page.getByRole("region", { name: "Real-name verification (person)" });
      await realName.waitFor();
      // A wrong number is refused next to its field, before anything is sent.
      await realName.getByLabel("Legal name").fill("林小江");
      await realName.getByLabel("Resident identity number").fill("12345");
      await realName.getByRole("button", { name: "Submit for review" }).click();
      const numberInput = realName.getByLabel("Resident identity number");
      assert.equal(await numberInput.getAttribute("aria-invalid"), "true");
      await realName.getByText("Enter the 18-character resident identity number.").waitFor();
      assert.ok(await focusOn(page, "person-idNumber"), "focus moves to the field");
      await numberInput.fill(ID_NUMBER.toLowerCase());
      await realName.getByRole("button", { name: "Submit for review" }).click();
      await realName.getByText("In review").waitFor();
      await realName.getByText("1101**********002X").waitFor();

      // An operator approves it in the operator queue (Chinese: the operator's own language).
      const operatorAccount = await signUpOperator(journey.app.app, journey.app);
      const operator = await open(`${journey.app.url}/admin/verifications`);
      try {
        const op = operator.page;
        await logIn(op, operatorAccount.email, operatorAccount.password);
        await op.getByRole("heading", { level: 1, name: "认证审核" }).waitFor();
        const item = op.getByRole("listitem").filter({ has: op.getByRole("heading", { name: /林小江/ }) });
        await item.getByText("一致").waitFor();
        await item.getByRole("button", { name: "通过" }).click();
        await item.getByText("已通过").waitFor();
        assert.equal(await item.getByRole("button", { name: "通过" }).count(), 0);
        operator.assertNoProblems();
      } finally {
        await operator.close();
      }

      // The badge shows on the public profile.
      await menuButton.click();
      await page.getByRole("banner").getByRole("link", { name: "My profile" }).click();
      await page.getByRole("heading", { level: 1, name: /林小江/ }).waitFor();
      const badges = page.getByRole("region", { name: "Badges" });
      await badges.getByText("Real name verified").waitFor();
      await page.getByRole("heading", { level: 1 }).getByText("Verified").waitFor();
      // Anyone sees it: the profile is public.
      const userId = new URL(page.url()).pathname.split("/").pop();
      const anonymous = await open(`${journey.app.url}/users/${userId}`);
      try {
        await anonymous.page.getByRole("heading", { level: 1, name: /林小江/ }).waitFor();
        await anonymous.page.getByText("实名认证").waitFor();
        anonymous.assertNoProblems();
      } finally {
        await anonymous.close();
      }

      user.assertNoProblems();
    } finally {
      await user.close();
    }
  },
);

test("sign-up and log-in errors show next to the fields, in the user's language", JOURNEY, async () => {
  const taken = await signUp(journey.app.app);
  const { page, assertNoProblems, close } = await open(`${journey.app.url}/signup`);
  try {
    await page.getByRole("heading", { level: 1, name: "注册两江账号" }).waitFor();
    // Checked in the browser first.
    await page.getByRole("button", { name: "注册" }).click();
    const name = page.getByLabel("昵称");
    assert.equal(await name.getAttribute("aria-invalid"), "true");
    assert.ok(await focusOn(page, "displayName"), "the first wrong field has the focus");
    await page.getByLabel("电子邮箱").fill("not-an-email");
    await page.getByLabel("密码").fill("short");
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByText("请输入有效的电子邮箱地址。").waitFor();
    await page.getByText("至少需要 8 个字符。").waitFor();
    const describedBy = await page.getByLabel("密码").getAttribute("aria-describedby");
    assert.match(describedBy ?? "", /password-error/, "the error is linked to its field");

    // Then what the API refuses, in English this time: a taken e-mail, a common password.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Create your Liangjiang account" }).waitFor();
    await page.getByLabel("Display name").fill("Someone");
    await page.getByLabel("E-mail").fill(taken.email.toUpperCase());
    await page.getByLabel("Password", { exact: true }).fill("a-Fine-password-9");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByText("This e-mail address already has an account. Log in instead.").waitFor();
    await page.getByLabel("E-mail").fill(uniqueEmail("common"));
    await page.getByLabel("Password", { exact: true }).fill("password123");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByText("This password is too common and easy to guess. Choose another.").waitFor();

    // A wrong password at log-in: one message for the form, the same for an unknown e-mail.
    await page.getByRole("main").getByRole("link", { name: "Log in" }).click();
    await logIn(page, taken.email, "wrong-password-1", {
      email: "E-mail",
      password: "Password",
      submit: "Log in",
    });
    await page.getByRole("alert").filter({ hasText: "The e-mail or the password is wrong." }).waitFor();

    // The API's refusals are the only problems: 409 (taken), 400 (common password), 401 (log-in).
    assertNoProblems(/HTTP (409|400|401)|status of (409|400|401)/);
  } finally {
    await close();
  }
});

test("signed-in pages send visitors to log in and back; operator pages refuse others", JOURNEY, async () => {
  const account = await signUp(journey.app.app);
  const { page, assertNoProblems, close } = await open(`${journey.app.url}/account`);
  try {
    await page.getByRole("heading", { level: 1, name: "登录" }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("next"), "/account");
    await logIn(page, account.email, account.password);
    await page.getByRole("heading", { level: 1, name: "账号设置" }).waitFor();
    await page.goto(`${journey.app.url}/admin/withdrawals`);
    await page.getByRole("heading", { level: 1, name: "没有访问权限" }).waitFor();
    assertNoProblems();
  } finally {
    await close();
  }
});

test("the sign-up, verification and profile pages fit a 360 px phone", JOURNEY, async () => {
  const account = await signUp(journey.app.app, { displayName: "一个名字相当长的设计工作室" });
  for (const locale of ["zh-CN", "en"]) {
    const { page, assertNoProblems, close } = await open(`${journey.app.url}/`, {
      viewport: viewports.smallPhone,
      isMobile: true,
      hasTouch: true,
    });
    try {
      await page.evaluate(`localStorage.setItem('liangjiang.locale', '${locale}')`);
      for (const path of ["/signup", "/login", `/users/${account.user.id}`]) {
        await page.goto(`${journey.app.url}${path}`);
        await page.getByRole("heading", { level: 1 }).waitFor();
        const widths = await page.evaluate<{ scroll: number; client: number }>(
          "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
        );
        assert.ok(
          widths.scroll <= widths.client,
          `${locale} ${path}: ${widths.scroll}px wide in ${widths.client}px`,
        );
      }
      assertNoProblems();
    } finally {
      await close();
    }
  }
});

/** The last code sent to this address or number (the dev outbox: no SMTP in tests). */
async function lastCode(recipient: string): Promise<string> {
  const row = await journey.app.db
    .selectFrom("outbox_messages")
    .select("body")
    .where("recipient", "=", recipient)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const match = /(\d{6})/.exec(row.body);
  assert.ok(match, row.body);
  return match[1] as string;
}

test(
  "e-mail and phone are confirmed with codes; a wrong code is refused next to its field",
  JOURNEY,
  async () => {
    const account = await signUp(journey.app.app, { displayName: "验证码用户" });
    const { page, assertNoProblems, close } = await open(
      `${journey.app.url}/login?next=/account/verification`,
    );
    try {
      await logIn(page, account.email, account.password);
      await page.getByRole("heading", { level: 1, name: "身份认证" }).waitFor();

      // E-mail: send, a wrong code, the right one.
      const email = page.getByRole("region", { name: "邮箱验证" });
      await email.getByText("未验证").waitFor();
      await email.getByRole("button", { name: "发送验证码" }).click();
      await email.getByText(/验证码已发送至/).waitFor();
      const code = await lastCode(account.email);
      await email.getByLabel("6 位验证码").fill(code === "000000" ? "111111" : "000000");
      await email.getByRole("button", { name: "验证" }).click();
      await email.getByText("验证码不正确。").waitFor();
      assert.equal(await email.getByLabel("6 位验证码").getAttribute("aria-invalid"), "true");
      await email.getByLabel("6 位验证码").fill(code);
      await email.getByRole("button", { name: "验证" }).click();
      await email.getByText("已认证").waitFor();

      // Phone: a mainland number typed as 11 digits.
      const phone = page.getByRole("region", { name: "手机验证" });
      await phone.getByLabel("手机号码").fill("138 0013 8000");
      await phone.getByRole("button", { name: "发送验证码" }).click();
      await phone.getByText(/验证码已发送至/).waitFor();
      await phone.getByLabel("6 位验证码").fill(await lastCode("+8613800138000"));
      await phone.getByRole("button", { name: "验证" }).click();
      await phone.getByText("已认证").waitFor();
      await phone.getByText(/\+86 ?138\*+8000/).waitFor();

      // Both badges on the public profile.
      await page.getByRole("link", { name: "查看我的公开主页" }).click();
      const badges = page.getByRole("region", { name: "认证徽章" });
      await badges.getByText("邮箱已验证").waitFor();
      await badges.getByText("手机已验证").waitFor();

      // The wrong code's 400 is the only problem.
      assertNoProblems(/HTTP 400|status of 400/);
    } finally {
      await close();
    }
  },
);

test("an operator rejects with a reason; the owner reads it and may submit again", JOURNEY, async () => {
  const owner = await signUp(journey.app.app, { displayName: "山城茶饮" });
  const submitted = await journey.app.app.inject({
    method: "POST",
    url: "/api/v1/me/verification/identity",
    headers: owner.headers,
    payload: {
      kind: "enterprise",
      legalName: "重庆山城茶饮有限公司（不符）",
      creditCode: "91500000MA5U00000W",
    },
  });
  assert.equal(submitted.statusCode, 201, submitted.body);
  const operatorAccount = await signUpOperator(journey.app.app, journey.app);
  const operator = await open(`${journey.app.url}/admin/verifications`);
  try {
    const op = operator.page;
    await logIn(op, operatorAccount.email, operatorAccount.password);
    const item = op.getByRole("listitem").filter({ hasText: "重庆山城茶饮有限公司" });
    await item.getByText("姓名与号码不符").waitFor();
    await item.getByRole("button", { name: "驳回" }).click();
    // A rejection needs a reason.
    await item.getByRole("button", { name: "确认驳回" }).click();
    await item.getByText("驳回时必须填写原因。").waitFor();
    await item.getByLabel("原因").fill("企业名称与营业执照不一致");
    await item.getByRole("button", { name: "确认驳回" }).click();
    await item.getByText("已驳回").waitFor();
    operator.assertNoProblems();
  } finally {
    await operator.close();
  }

  const { page, assertNoProblems, close } = await open(`${journey.app.url}/login?next=/account/verification`);
  try {
    await logIn(page, owner.email, owner.password);
    const enterprise = page.getByRole("region", { name: "企业认证" });
    await enterprise.getByText("未通过", { exact: true }).waitFor();
    await enterprise.getByText("未通过审核：企业名称与营业执照不一致。您可以修改后重新提交。").waitFor();
    await enterprise.getByRole("button", { name: "提交认证" }).waitFor();
    assertNoProblems();
  } finally {
    await close();
  }
});
