// Forgot password (issue 9): POST /auth/password-reset answers 202 whatever the address, e-mails a
// single-use link (1 hour, by the injected clock) in the account's language; POST
// /auth/password-reset/confirm sets the password as sign-up checks it, signs out every session,
// clears the failed log-ins, and signs this browser in.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { isWebRoute } from "../../../contracts/web-routes.ts";
import { startTestApp } from "../../../test/helpers/app.ts";
import { randomIp, signUp } from "../../../test/helpers/factories.ts";
import { mailsTo } from "../../../test/helpers/mail.ts";
import { testClock } from "../../core/clock.ts";
import { hashResetToken } from "./request-password-reset.ts";

const clock = testClock("2026-11-30T08:00:00Z");
const t = await startTestApp({ clock, env: { PUBLIC_URL: "https://liangjiang.example" } });
after(() => t.close());

const HOUR_MS = 3_600_000;

const ask = (email: string, ip = randomIp()) =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email }, remoteAddress: ip });
const confirm = (token: string, password: string, ip = randomIp()) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/auth/password-reset/confirm",
    payload: { token, password },
    remoteAddress: ip,
  });

/** Ask for a link for `email` and return the token from the e-mail. */
async function tokenFor(email: string): Promise<string> {
  const before = (await mailsTo(t, email)).length;
  assert.equal((await ask(email)).statusCode, 202);
  const mails = await mailsTo(t, email);
  assert.equal(mails.length, before + 1, "one more e-mail");
  const match = /\/reset-password\?token=([\w-]+)/.exec(mails.at(-1)?.body ?? "");
  assert.ok(match?.[1], "the e-mail holds the link");
  return match[1];
}

function assertRefused(res: { statusCode: number; body: string }, reason: string) {
  assert.equal(res.statusCode, 400, res.body);
  const { error } = JSON.parse(res.body);
  assert.equal(error.code, "invalid_input");
  assert.equal(error.details.reason, reason);
  assert.match(error.message, /link/);
}

describe("asking for a reset link", () => {
  test("a known address gets an e-mail with a single-use link in its language; the token is stored hashed", async () => {
    const en = await signUp(t.app, { locale: "en" });
    const res = await ask(en.email.toUpperCase());
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(res.json(), { accepted: true });
    const [mail] = await mailsTo(t, en.email);
    assert.equal(mail?.subject, "Reset your Liangjiang password");
    const link = /https:\/\/liangjiang\.example\/reset-password\?token=([\w-]+)/.exec(mail?.body ?? "");
    assert.ok(link?.[1], mail?.body);
    const token = link[1];
    assert.ok(Buffer.from(token, "base64url").length >= 32, "at least 256 random bits");
    assert.match(mail?.body ?? "", /1 hour/);

    const rows = await t.db
      .selectFrom("password_resets")
      .selectAll()
      .where("account_id", "=", en.user.id)
      .execute();
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]?.token_hash, hashResetToken(token));
    assert.ok(!rows[0]?.token_hash.toString("latin1").includes(token), "not stored in clear");
    assert.equal(rows[0]?.expires_at.getTime(), clock.now().getTime() + HOUR_MS, "1 hour by the clock");

    const zh = await signUp(t.app, { locale: "zh-CN" });
    assert.equal((await ask(zh.email)).statusCode, 202);
    const [zhMail] = await mailsTo(t, zh.email);
    assert.equal(zhMail?.subject, "重置您的两江密码");
    assert.match(zhMail?.body ?? "", /1 小时内/);
    assert.match(zhMail?.body ?? "", /https:\/\/liangjiang\.example\/reset-password\?token=/);
  });

  test("an unknown address gets the same 202 and no e-mail", async () => {
    const known = await signUp(t.app);
    const a = await ask(known.email);
    const b = await ask("nobody-here@example.com");
    assert.equal(b.statusCode, 202);
    assert.equal(b.body, a.body, "the same answer");
    assert.equal((await mailsTo(t, "nobody-here@example.com")).length, 0);
    const audit = await t.db
      .selectFrom("audit_events")
      .select("subject_id")
      .where("action", "=", "account.password_reset_requested")
      .execute();
    assert.ok(audit.some((e) => e.subject_id === known.user.id));
  });

  test("limited per address (known or not alike) and per IP → 429 with Retry-After", async () => {
    const known = await signUp(t.app);
    for (const email of [known.email, "ghost-limit@example.com"]) {
      for (let i = 0; i < 5; i++) assert.equal((await ask(email)).statusCode, 202, `${email} #${i + 1}`);
      const sixth = await ask(email);
      assert.equal(sixth.statusCode, 429, email);
      assert.equal(sixth.json().error.code, "rate_limited");
      assert.ok(Number(sixth.headers["retry-after"]) >= 1);
    }
    assert.equal((await mailsTo(t, known.email)).length, 5, "no sixth e-mail");

    const ip = randomIp();
    for (let i = 0; i < 20; i++) {
      assert.equal((await ask(`spray-${i}@example.com`, ip)).statusCode, 202, `#${i + 1}`);
    }
    assert.equal((await ask("spray-20@example.com", ip)).statusCode, 429);
    assert.equal((await ask("spray-20@example.com", randomIp())).statusCode, 202, "other IPs go on");
  });

  test("a malformed address → 400 invalid_input", async () => {
    for (const email of ["", "not-an-address", "x".repeat(300)]) {
      const res = await ask(email);
      assert.equal(res.statusCode, 400, email);
      assert.equal(res.json().error.code, "invalid_input");
    }
  });
});

describe("setting the new password", () => {
  test("200 { user, token } + session cookie; every old session is revoked; only the new password logs in; audited", async () => {
    const account = await signUp(t.app);
    const other = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: account.email, password: account.password },
      remoteAddress: randomIp(),
    });
    assert.equal(other.statusCode, 200);
    const token = await tokenFor(account.email);

    const res = await confirm(token, "a brand new passphrase");
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.user.id, account.user.id);
    assert.match(body.token, /^lj_/);
    assert.ok(body.csrfToken);
    const cookie = res.cookies.find((c) => c.name === "lj_session");
    assert.equal(cookie?.value, body.token);
    assert.equal(cookie?.httpOnly, true);

    for (const old of [account.token, other.json().token]) {
      const me = await t.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { authorization: `Bearer ${old}` },
      });
      assert.equal(me.statusCode, 401, "old sessions are signed out");
    }
    const me = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${body.token}` },
    });
    assert.equal(me.statusCode, 200);

    const logIn = (password: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: account.email, password },
        remoteAddress: randomIp(),
      });
    assert.equal((await logIn(account.password)).statusCode, 401, "the old password is gone");
    assert.equal((await logIn("a brand new passphrase")).statusCode, 200);

    const [event] = await t.db
      .selectFrom("audit_events")
      .select(["actor_account_id", "details"])
      .where("action", "=", "account.password_reset")
      .where("subject_id", "=", account.user.id)
      .execute();
    assert.equal(event?.actor_account_id, account.user.id);
    assert.equal((event?.details as { revokedSessions?: number } | undefined)?.revokedSessions, 2);
  });

  test("a token works once: the second use → 400 reason used; other links of the account die with it", async () => {
    const account = await signUp(t.app);
    const first = await tokenFor(account.email);
    const second = await tokenFor(account.email);
    assert.equal((await confirm(second, "first new password")).statusCode, 200);
    assertRefused(await confirm(second, "second new password"), "used");
    assertRefused(await confirm(first, "third new password"), "used");
  });

  test("expired by the clock after 1 hour → 400 reason expired; a minute before it still works", async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const tokenA = await tokenFor(a.email);
    const tokenB = await tokenFor(b.email);
    clock.advance(HOUR_MS - 60_000);
    assert.equal((await confirm(tokenA, "still in time pass")).statusCode, 200);
    clock.advance(60_000);
    assertRefused(await confirm(tokenB, "one hour too late"), "expired");
  });

  test("an unknown token → 400 reason unknown; a weak password → 400 and the link still works", async () => {
    assertRefused(await confirm("not-a-token-we-made", "a fine new password"), "unknown");
    const account = await signUp(t.app);
    const token = await tokenFor(account.email);
    for (const password of ["short", "password123", account.email]) {
      const res = await confirm(token, password);
      assert.equal(res.statusCode, 400, password);
      assert.equal(res.json().error.code, "invalid_input");
      assert.match(res.json().error.message, /password/i);
    }
    assert.equal((await confirm(token, "finally a good one")).statusCode, 200, "not used up by the refusals");
  });

  test("the failed log-ins of the address are cleared: no CAPTCHA for the new password", async () => {
    const account = await signUp(t.app);
    const ip = randomIp();
    const logIn = (password: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: account.email, password },
        remoteAddress: ip,
      });
    for (let i = 0; i < 5; i++) assert.equal((await logIn("wrong guess!")).statusCode, 401);
    const locked = await logIn(account.password);
    assert.equal(locked.statusCode, 429, "before: a CAPTCHA is required");
    assert.equal(locked.json().error.details.captchaRequired, true);

    const token = await tokenFor(account.email);
    assert.equal((await confirm(token, "remembered at last")).statusCode, 200);
    assert.equal((await logIn("remembered at last")).statusCode, 200, "after: logs in at once");
  });

  test("a log-in CSRF: a confirm posted from another site → 403", async () => {
    const account = await signUp(t.app);
    const token = await tokenFor(account.email);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token, password: "cross site pass" },
      headers: { origin: "https://evil.example" },
    });
    assert.equal(res.statusCode, 403);
    assert.equal((await confirm(token, "same site pass")).statusCode, 200, "the link is not used up");
  });
});

test("the web pages /forgot-password and /reset-password are routes of the web app", () => {
  assert.ok(isWebRoute("/forgot-password"));
  assert.ok(isWebRoute("/reset-password"));
});
